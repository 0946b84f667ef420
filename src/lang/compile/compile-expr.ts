// Compiles a checked expression into a plain closure: the reference back end (examples, explanations, analyses). Rosters run the same semantics as generated code (generate.ts).
import type * as A from '../ast.js';
import { addMonths, ageAt, dayNumber, formatDate, startOfMonth, yearOf } from '../runtime/calendar.js';
import { compareDateMoment, type CompareOp } from '../runtime/moment.js';
import { isDateAndMoment } from '../check/typecheck.js';
import { divideMoney, percentOf } from '../runtime/money.js';
import { fromNextMonth, fromThisMonth, heldOn, monthsFull } from '../runtime/months.js';
import { addDuration, durationDiff, durationOf, plusDuration, timesDuration } from '../runtime/duration.js';
import { FUNCTION_NAMES } from '../check/functions.js';
import { lookup, type Program } from '../check/program.js';
import type { Type } from '../check/types.js';
import { Context, type UnknownCause } from './context.js';
import { payerOf, type PayerPlan } from './attributes.js';
import { UNKNOWN, type Duration, type Period, type Unknown, type Value } from './runtime-values.js';
import { siteKey } from './sites.js';

export type Fn = (c: Context) => Value;

/** How names that need a slot (definitions, outcomes, parameters) are reached. */
export interface Slots {
  define(name: string): Fn;
  outcome(name: string): Fn;
  param(name: string): Fn;
  base(): Fn;
  /** How the paying body of an outcome's deciding rule is found (compile/attributes.ts). */
  payerPlan(name: string): PayerPlan;
}

const U: Unknown = UNKNOWN;

/** Closures that return the same value for everyone, with that value (so operators can specialise on it). */
const CONSTANT = new WeakMap<Fn, Value>();

function constantFn(v: Value): Fn {
  const f = () => v;
  CONSTANT.set(f, v);
  return f;
}

/** The value of `f` when it is the same for every person. */
function constantOf(f: Fn): { value: Value } | null {
  return CONSTANT.has(f) ? { value: CONSTANT.get(f)! } : null;
}

/**
 * Whether `e` has one value for everyone: no roster field, ID, definition, outcome or parameter in it
 * (parameters are excluded because a value can be given at evaluation time).
 */
export function isConstant(e: A.Expr, p: Program): boolean {
  switch (e.kind) {
    case 'money':
    case 'date':
    case 'moment':
    case 'duration':
    case 'percent':
    case 'integer':
    case 'boolean':
    case 'text':
    case 'timing':
    case 'none':
    case 'set':
      return true;
    case 'base':
    case 'attribute':
      return false;
    case 'table':
      return e.entries.every((x) => isConstant(x.key, p) && isConstant(x.value, p));
    case 'not':
    case 'neg':
      return isConstant(e.operand, p);
    case 'if':
      return isConstant(e.cond, p) && isConstant(e.then, p) && isConstant(e.else, p);
    case 'index':
      return isConstant(e.target, p) && isConstant(e.key, p);
    case 'binary':
      return isConstant(e.left, p) && isConstant(e.right, p);
    case 'call':
      return FUNCTION_NAMES[e.fn.name] !== 'ageAt' && e.args.every((x) => isConstant(x, p));
    case 'name': {
      const s = lookup(p, e.name);
      if (!s) return false;
      switch (s.kind) {
        case 'group':
        case 'value':
          return true;
        case 'builtin':
          return s.name === 'year' || s.name === 'yearStart' || s.name === 'yearEnd';
        case 'period':
          return isConstant(s.decl.start, p) && isConstant(s.decl.end, p);
        case 'deadline':
          return isConstant(s.decl.date, p);
        default:
          return false;
      }
    }
  }
}

/** Constant parts are computed once, here; the rest becomes closures over the person's context. */
export function compileExpr(e: A.Expr, p: Program, slots: Slots): Fn {
  if (!isConstant(e, p)) return compileVarying(e, p, slots);
  // A constant expression reads nothing from the person, so a context of its own computes it once.
  const own = new Context({}, [], 0, null);
  const v = compileVarying(e, p, slots)(own);
  if (v !== U || own.causes.length === 0) return constantFn(v);
  // Unknown for everyone (`250元 / 0`): each person who reads it is told why, as for any other unknown.
  const causes = own.causes;
  return (c) => {
    for (let i = 0; i < causes.length; i += 2) c.noteUnknown(causes[i] as UnknownCause, causes[i + 1]!);
    return U;
  };
}

/** The value of a constant expression (see isConstant), computed as compileExpr computes it. */
export function constantValue(e: A.Expr, p: Program): Value {
  return constantWithCauses(e, p).value;
}

/** The value of a constant expression, and where it is UNKNOWN, why (code, argument pairs as Context.causes). */
export function constantWithCauses(e: A.Expr, p: Program): { value: Value; causes: readonly string[] } {
  const none = (): never => {
    throw new Error('a constant expression refers to a slot');
  };
  const own = new Context({}, [], 0, null);
  const value = compileVarying(e, p, { define: none, outcome: none, param: none, base: none, payerPlan: none })(own);
  return { value, causes: own.causes };
}

function compileVarying(e: A.Expr, p: Program, slots: Slots): Fn {
  const sub = (x: A.Expr) => compileExpr(x, p, slots);
  const type = (x: A.Expr): Type => p.types.get(x) ?? { k: 'error' };
  switch (e.kind) {
    case 'money': {
      const v = e.fen;
      return () => v;
    }
    case 'date': {
      const v = e.days;
      return () => v;
    }
    case 'moment': {
      const v = e.minutes;
      return () => v;
    }
    case 'duration': {
      const v = durationOf(e.amount, e.unit);
      return () => v;
    }
    case 'percent': {
      const v = e.hundredths;
      return () => v;
    }
    case 'integer': {
      const v = e.value;
      return () => v;
    }
    case 'boolean': {
      const v = e.value;
      return () => v;
    }
    case 'text':
    case 'timing': {
      // A literal the checker read as a category value (先缴后补, 「区(县)」) is that value's name list.
      const t = type(e);
      const v = t.k === 'values' ? t.names : e.value;
      return () => v;
    }
    case 'none':
      return () => null;
    case 'base':
      return slots.base();
    case 'set': {
      const t = type(e);
      const names = t.k === 'values' ? t.names : [];
      return () => names;
    }
    case 'table': {
      const entries = e.entries.map((x) => [sub(x.key), sub(x.value)] as const);
      return (c) => new Map(entries.map(([k, v]) => [k(c), v(c)]));
    }
    case 'name':
      return compileName(e, p, slots);
    case 'not': {
      const f = sub(e.operand);
      return (c) => {
        const v = f(c);
        return v === U ? U : !v;
      };
    }
    case 'neg': {
      const f = sub(e.operand);
      return (c) => {
        const v = f(c);
        if (v === U || v === null) return v;
        if (typeof v === 'number') return -v;
        return timesDuration(v as Duration, -1);
      };
    }
    case 'if': {
      const cond = sub(e.cond),
        a = sub(e.then),
        b = sub(e.else);
      return (c) => {
        const v = cond(c);
        return v === U ? U : v ? a(c) : b(c);
      };
    }
    case 'index': {
      const t = sub(e.target),
        k = sub(e.key);
      return (c) => {
        const table = t(c),
          key = k(c);
        if (table === U || key === U) return U;
        if (table === null || key === null) return null;
        const v = (table as Map<unknown, Value>).get(key);
        return v === undefined ? null : v;
      };
    }
    case 'attribute': {
      // The outcome first: unknown there is unknown here; known, its deciding rule's body (compile/attributes.ts).
      const get = slots.outcome(e.outcome.name);
      const plan = slots.payerPlan(e.outcome.name);
      return (c) => (get(c) === U ? U : payerOf(c, plan));
    }
    case 'call':
      return compileCall(e, p, sub);
    case 'binary':
      // `a 且 b 且 c` is one closure over its conjuncts, not a nest of pairs.
      if (e.op === 'and') return compileAll(conjuncts(e).map(sub));
      return compileBinary(e, type(e.left), type(e.right), sub(e.left), sub(e.right));
  }
}

function conjuncts(e: A.Expr): A.Expr[] {
  return e.kind === 'binary' && e.op === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

/** Kleene conjunction: false (or none) as soon as one part is, else unknown if one part is, else true. */
function compileAll(parts: Fn[]): Fn {
  return (c) => {
    let unknown = false;
    for (let i = 0; i < parts.length; i++) {
      const v = parts[i]!(c);
      if (v === false || v === null) return false;
      if (v === U) unknown = true;
    }
    return unknown ? U : true;
  };
}

function compileName(e: { name: string; loc: A.Loc }, p: Program, slots: Slots): Fn {
  const s = lookup(p, e.name);
  if (!s) return () => U;
  switch (s.kind) {
    case 'input': {
      const key = s.decl.name.name;
      if (s.decl.default) {
        // 缺省: an empty cell reads as the default; an unreadable one stays unknown (never hidden by it).
        const fallback = compileExpr(s.decl.default, p, slots);
        return (c) => {
          const v = c.values[key] as Value | undefined;
          if (isEmptyCell(v)) return fallback(c);
          if (v === U) c.noteUnknown('unreadable-value', key);
          return v!;
        };
      }
      return (c) => {
        const v = c.values[key] as Value | undefined;
        if (v === undefined) return null;
        if (v === U) c.noteUnknown('unreadable-value', key);
        return v;
      };
    }
    case 'builtin':
      switch (s.name) {
        // An invalid ID number hides the birth date and sex a person has: unknown, never none (no age band).
        case 'birth':
          return (c) => {
            const id = c.idCheck();
            return id.ok ? id.birth : invalidId(c);
          };
        case 'sex':
          return (c) => {
            const id = c.idCheck();
            return id.ok ? id.sex : invalidId(c);
          };
        case 'year': {
          const y = p.header.year;
          return () => y;
        }
        case 'yearStart': {
          const d = yearStart(p);
          return () => d;
        }
        case 'yearEnd': {
          const d = yearStart(p, 1) - 1;
          return () => d;
        }
        default:
          return () => U;
      }
    case 'param':
      return slots.param(s.entry.decl.name.name);
    case 'define':
      return slots.define(s.decl.name.name);
    case 'outcome':
      return slots.outcome(s.decl.name.name);
    case 'period': {
      const start = compileExpr(s.decl.start, p, slots),
        end = compileExpr(s.decl.end, p, slots);
      return (c) => {
        const a = start(c),
          b = end(c);
        return a === U || b === U
          ? U
          : a === null || b === null
            ? null
            : ({ start: a as number, end: b as number } as Period);
      };
    }
    case 'deadline':
      return compileExpr(s.decl.date, p, slots);
    case 'group':
    case 'value': {
      const t = p.types.get(e as A.Expr);
      const names = t?.k === 'values' ? t.names : [s.kind === 'value' ? s.name : ''];
      return () => names;
    }
  }
}

/** UNKNOWN, noting that the person's ID number is invalid (the row is flagged `invalid-id` already). */
export function invalidId(c: Context): Unknown {
  const id = c.idCheck();
  c.noteUnknown('invalid-id', id.ok ? '' : id.problem);
  return U;
}

/**
 * `v` where it is a whole number JavaScript holds exactly (money in fen, integers, percent hundredths), else
 * UNKNOWN noting `arithmetic-overflow` at `site`: a result past 2^53 − 1 is never shown as a rounded number.
 */
export function safeNumber(c: Context, v: number, site: string): number | Unknown {
  if (Number.isSafeInteger(v)) return v;
  c.noteUnknown('arithmetic-overflow', site);
  return U;
}

/** `d` where both its parts are safe integers, else UNKNOWN noting `arithmetic-overflow` (as safeNumber). */
export function safeDuration(c: Context, d: Duration, site: string): Duration | Unknown {
  if (Number.isSafeInteger(d.months) && Number.isSafeInteger(d.days)) return d;
  c.noteUnknown('arithmetic-overflow', site);
  return U;
}

function yearStart(p: Program, offset = 0): number {
  return dayNumber(p.header.year + offset, 1, 1);
}

function compileCall(e: Extract<A.Expr, { kind: 'call' }>, p: Program, sub: (x: A.Expr) => Fn): Fn {
  const fn = FUNCTION_NAMES[e.fn.name];
  const args = e.args.map(sub);
  const [a = () => U, b = () => U] = args;
  const unary =
    (f: (x: number) => Value): Fn =>
    (c) => {
      const v = a(c);
      return v === U || v === null ? v : f(v as number);
    };
  switch (fn) {
    case 'max':
    case 'min': {
      // An empty argument makes the result empty (it might have been the largest); unknown wins over empty.
      const sign = fn === 'max' ? 1 : -1;
      return (c) => {
        let best: Value = null;
        let none = false;
        for (let i = 0; i < args.length; i++) {
          const v = args[i]!(c);
          if (v === U) return U;
          if (v === null) none = true;
          else if (best === null) best = v;
          else {
            const d = typeof v === 'number' ? v - (best as number) : durationDiff(v as Duration, best as Duration);
            if (d !== d) return U; // days against months: not comparable
            if (sign * d > 0) best = v;
          }
        }
        return none ? null : best;
      };
    }
    case 'days':
      return (c) => {
        const x = a(c),
          y = b(c);
        return x === U || y === U ? U : x === null || y === null ? null : (y as number) - (x as number);
      };
    case 'monthStart':
      return unary(startOfMonth);
    case 'nextMonthStart':
      return unary((d) => addMonths(startOfMonth(d), 1));
    case 'yearOf':
      return unary(yearOf);
    case 'ageAt':
      return (c) => {
        const at = a(c);
        if (at === U || at === null) return at;
        const id = c.idCheck();
        return id.ok ? ageAt(id.birth, at as number) : invalidId(c);
      };
    case 'start':
      return (c) => {
        const v = a(c);
        return v === U || v === null ? v : (v as Period).start;
      };
    case 'end':
      return (c) => {
        const v = a(c);
        return v === U || v === null ? v : (v as Period).end;
      };
    case 'present': {
      const arg = e.args[0];
      const input = arg?.kind === 'name' ? lookup(p, arg.name) : null;
      if (input?.kind === 'input' && !input.decl.default) {
        // The common `有值(缴费日期)`: read the field here rather than through another closure.
        const key = input.decl.name.name;
        return (c) => {
          const v = c.values[key] as Value | undefined;
          if (v === U) {
            c.noteUnknown('unreadable-value', key);
            return U;
          }
          return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
        };
      }
      return (c) => {
        const v = a(c);
        return v === U ? U : v !== null && !(Array.isArray(v) && v.length === 0) && v !== '';
      };
    }
    case 'count':
      return (c) => {
        const v = a(c);
        return v === U ? U : v === null ? 0 : (v as string[]).length;
      };
    case 'fromThisMonth':
    case 'fromNextMonth':
    case 'monthsFull': {
      // A duration with days (a parameter's value the checker could not see) is not a count of months: unknown.
      const count = fn === 'fromThisMonth' ? fromThisMonth : fn === 'fromNextMonth' ? fromNextMonth : monthsFull;
      return (c) => {
        const x = a(c),
          n = b(c);
        if (x === U || n === U) return U;
        if (x === null || n === null) return null;
        return (n as Duration).days !== 0 ? U : count(x as number, (n as Duration).months);
      };
    }
    case 'heldOn': {
      const until = args[2] ?? (() => U);
      return (c) => {
        const at = a(c),
          from = b(c),
          to = until(c);
        if (at === U || from === U || to === U) return U;
        return at === null ? null : heldOn(at as number, from as number | null, to as number | null);
      };
    }
    default:
      return () => U;
  }
}

/** Whether `op` is one of the six comparisons. */
export function isCompareOp(op: A.BinaryOp): op is CompareOp {
  return op === '<' || op === '<=' || op === '>' || op === '>=' || op === '=' || op === '!=';
}

/**
 * A date (the whole day) against a moment: decided where every minute of the day gives one answer, else unknown
 * with the cause `date-without-time` (runtime/moment.ts). Comparisons with none are false (`=`: both none).
 */
function compileDateMoment(op: CompareOp, leftIsDate: boolean, l: Fn, r: Fn): Fn {
  const equality = op === '=' || op === '!=';
  const negate = op === '!=';
  return (c) => {
    const a = l(c);
    if (a === U) return U;
    const b = r(c);
    if (b === U) return U;
    if (a === null || b === null) return equality ? (a === null && b === null) !== negate : false;
    const v = compareDateMoment(op, a as number, leftIsDate, b as number, !leftIsDate);
    if (v !== null) return v;
    c.noteUnknown('date-without-time', formatDate((leftIsDate ? a : b) as number));
    return U;
  };
}

/** Whether a roster cell is empty (absent, none, empty text or no categories): where an input's `缺省` applies. */
export function isEmptyCell(v: Value | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Whether every name of `b` is among `a` (`=` between category sets). */
export function includesAll(a: string[], b: string[]): boolean {
  return b.every((x) => a.includes(x));
}

function compileBinary(e: Extract<A.Expr, { kind: 'binary' }>, lt: Type, rt: Type, l: Fn, r: Fn): Fn {
  if (isCompareOp(e.op) && isDateAndMoment(lt.k, rt.k)) return compileDateMoment(e.op, lt.k === 'date', l, r);
  switch (e.op) {
    case 'and':
      return compileAll([l, r]);
    case 'or':
      return (c) => {
        const a = l(c);
        if (a === true) return true;
        const b = r(c);
        if (b === true) return true;
        return a === U || b === U ? U : false;
      };
    case 'in':
    case 'not-in': {
      const negate = e.op === 'not-in';
      let test: (a: Value, b: Value) => boolean;
      if (rt.k === 'period')
        test = (a, b) => (a as number) >= (b as Period).start && (a as number) <= (b as Period).end;
      else if ((lt.k === 'category' && lt.multi) || lt.k === 'values') {
        test = (a, b) => {
          const xs = a as string[],
            set = b as string[];
          for (let i = 0; i < xs.length; i++) if (set.includes(xs[i]!)) return true;
          return false;
        };
      } else test = (a, b) => (b as string[]).includes(a as string);
      // Membership of a missing value is false (a person with no category belongs to no group).
      const known = constantOf(r);
      if (known && Array.isArray(known.value) && rt.k !== 'period') {
        // A fixed set of names (the common case: `人员类别 属于 特殊困难群体`): one Set, built here.
        const set = new Set(known.value);
        const multi = (lt.k === 'category' && lt.multi) || lt.k === 'values';
        return (c) => {
          const a = l(c);
          if (a === U) return U;
          if (a === null) return negate;
          if (!multi) return set.has(a as string) !== negate;
          // Indexed, not for…of: roster category lists are frozen arrays, whose iterator V8 allocates.
          const xs = a as string[];
          for (let i = 0; i < xs.length; i++) if (set.has(xs[i]!)) return !negate;
          return negate;
        };
      }
      return (c) => {
        const a = l(c),
          b = r(c);
        if (a === U || b === U) return U;
        if (a === null || b === null) return negate;
        return test(a, b) !== negate;
      };
    }
    case '=':
    case '!=': {
      const negate = e.op === '!=';
      if (lt.k === 'duration' || rt.k === 'duration') {
        return (c) => {
          const a = l(c),
            b = r(c);
          if (a === U || b === U) return U;
          if (a === null || b === null) return (a === null && b === null) !== negate;
          const d = durationDiff(a as Duration, b as Duration);
          return d !== d ? U : (d === 0) !== negate;
        };
      }
      const multi = lt.k === 'category' && lt.multi;
      const eq = multi
        ? (a: Value, b: Value) => includesAll(a as string[], b as string[])
        : lt.k === 'category' || rt.k === 'category'
          ? (a: Value, b: Value) => (Array.isArray(b) ? b[0] : b) === (Array.isArray(a) ? a[0] : a)
          : (a: Value, b: Value) => a === b;
      // Comparisons with none are false, except `x = 无` (is empty) and `x != 无`.
      return (c) => {
        const a = l(c),
          b = r(c);
        if (a === U || b === U) return U;
        if (a === null || b === null) return (a === null && b === null) !== negate;
        return eq(a, b) !== negate;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const cmp = COMPARE[e.op];
      if (lt.k === 'duration' || rt.k === 'duration') {
        return (c) => {
          const a = l(c);
          if (a === U) return U;
          const b = r(c);
          if (b === U) return U;
          if (a === null || b === null) return false;
          const d = durationDiff(a as Duration, b as Duration);
          return d !== d ? U : cmp(d, 0); // days against months: not comparable
        };
      }
      const known = constantOf(r);
      if (known && typeof known.value === 'number') {
        const k = known.value;
        return (c) => {
          const a = l(c);
          if (a === U) return U;
          if (a === null) return false;
          return cmp(a as number, k);
        };
      }
      return (c) => {
        const a = l(c);
        if (a === U) return U;
        const b = r(c);
        if (b === U) return U;
        if (a === null || b === null) return false;
        return cmp(a as number, b as number);
      };
    }
    case '+':
    case '-': {
      const sign = e.op === '+' ? 1 : -1;
      const site = siteKey(e.loc);
      if (lt.k === 'date' && rt.k === 'duration') {
        return (c) => {
          const a = l(c),
            b = r(c);
          return a === U || b === U
            ? U
            : a === null || b === null
              ? null
              : safeNumber(c, addDuration(a as number, b as Duration, sign), site);
        };
      }
      if (lt.k === 'duration' && rt.k === 'date') {
        return (c) => {
          const a = l(c),
            b = r(c);
          return a === U || b === U
            ? U
            : a === null || b === null
              ? null
              : safeNumber(c, addDuration(b as number, a as Duration, 1), site);
        };
      }
      if (lt.k === 'duration') {
        return (c) => {
          const a = l(c),
            b = r(c);
          if (a === U || b === U) return U;
          if (a === null || b === null) return null;
          return safeDuration(c, plusDuration(a as Duration, b as Duration, sign), site);
        };
      }
      if (lt.k === 'text')
        return (c) => {
          const a = l(c),
            b = r(c);
          return a === U || b === U ? U : a === null || b === null ? null : String(a) + String(b);
        };
      return (c) => {
        const a = l(c);
        if (a === U) return U;
        const b = r(c);
        if (b === U) return U;
        return a === null || b === null ? null : safeNumber(c, (a as number) + sign * (b as number), site);
      };
    }
    case '*': {
      const pct = lt.k === 'percent' || rt.k === 'percent';
      const moneyPct = pct && (lt.k === 'money' || rt.k === 'money');
      const site = siteKey(e.loc);
      return (c) => {
        const a = l(c),
          b = r(c);
        if (a === U || b === U) return U;
        if (a === null || b === null) return null;
        if (typeof a !== 'number') return safeDuration(c, timesDuration(a as Duration, b as number), site);
        if (typeof b !== 'number') return safeDuration(c, timesDuration(b as Duration, a), site);
        return safeNumber(c, moneyPct ? (lt.k === 'percent' ? percentOf(b, a) : percentOf(a, b)) : a * b, site);
      };
    }
    case '/': {
      // Division by zero has no value to give: unknown, flagged `division-by-zero` at this expression.
      const site = siteKey(e.loc);
      const money = lt.k === 'money';
      return (c) => {
        const a = l(c),
          b = r(c);
        if (a === U || b === U) return U;
        if (a === null || b === null) return null;
        if (b === 0) {
          c.noteUnknown('division-by-zero', site);
          return U;
        }
        return money ? divideMoney(a as number, b as number) : Math.trunc((a as number) / (b as number));
      };
    }
  }
}

const COMPARE = {
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
};
