// Compile stage: a checked program → closures for every definition, outcome and flag, with per-person memo slots.
import type * as A from '../ast.js';
import type { Program } from '../check/program.js';
import { compileExpr, safeNumber, type Fn, type Slots } from './compile-expr.js';
import { siteKey } from './sites.js';
import { attributedOutcomes, payerPlan } from './attributes.js';
import type { Context } from './context.js';
import { oneCategory } from '../runtime/category.js';
import { NOT_SET, UNKNOWN, type Unknown, type Value } from './runtime-values.js';

const U: Unknown = UNKNOWN;

export interface CompiledOutcome {
  name: string;
  decl: A.OutcomeDecl;
  get: Fn;
  /** Its memo slot: where the context keeps its value and reason (`Context.reason`). */
  slot: number;
}

export interface CompiledFlag {
  decl: A.FlagDecl;
  when: Fn;
}

/** A per-person invariant (`核对 每人`): broken where `holds` gives 否. */
export interface CompiledInvariant {
  decl: A.AssertDecl;
  holds: Fn;
}

export interface Compiled {
  program: Program;
  slotCount: number;
  outcomes: CompiledOutcome[];
  flags: CompiledFlag[];
  invariants: CompiledInvariant[];
  /** Parameter names in slot order, and how to compute each from the others. */
  paramNames: string[];
  paramValue: Fn[];
  idField: string | null;
  compile(e: A.Expr): Fn;
  /** For the checker's analyses: every define by name. */
  defines: Map<string, Fn>;
}

/** Marks a parameter declared without value (the evaluator records a missing-parameter flag when it is read). */
export const NO_VALUE: unique symbol = Symbol('no-value');

export function compilePolicy(p: Program): Compiled {
  let slotCount = 0;
  const defineFns = new Map<string, Fn>();
  const outcomeFns = new Map<string, Fn>();
  const paramNames = [...p.params.keys()];
  const paramIndex = new Map(paramNames.map((n, i) => [n, i]));
  let currentBase: A.Expr | null = null;
  const attributed = attributedOutcomes(p);

  /**
   * A per-person memo slot for a definition or outcome. The closure is registered before its body is
   * compiled, so names that refer to each other compile; a cycle reads UNKNOWN instead of looping.
   */
  const slotOf = new Map<Fn, number>();
  const memoized = (cache: Map<string, Fn>, name: string, compileBody: (slot: number) => Fn): Fn => {
    let f = cache.get(name);
    if (f) return f;
    const slot = slotCount++;
    let body: Fn = () => U;
    f = (c) => {
      const m = c.memo[slot]!;
      if (m !== NOT_SET) return m;
      c.memo[slot] = U;
      return (c.memo[slot] = body(c));
    };
    cache.set(name, f);
    slotOf.set(f, slot);
    body = compileBody(slot);
    return f;
  };

  const slots: Slots = {
    define: (name) => memoized(defineFns, name, () => compileExpr(p.defines.get(name)!.expr, p, slots)),
    outcome: (name) =>
      memoized(outcomeFns, name, (slot) => {
        const f = compileOutcome(p.outcomes.get(name)!, slot, (e) => compileExpr(e, p, slots), attributed.has(name));
        return MONEY_DUE.has(name) && p.outcomes.has(ELIGIBLE) ? dueWithValue(name, f, slots.outcome(ELIGIBLE)) : f;
      }),
    payerPlan: (name) => payerPlan(p, name, (n) => slotOf.get(slots.outcome(n))!),
    param(name) {
      const i = paramIndex.get(name)!;
      return (c) => {
        const v = c.params[i]!;
        if (v === (NO_VALUE as unknown)) {
          c.noteUnknown('missing-parameter', name);
          return U;
        }
        if (v === U) c.noteParamCauses(i);
        return v;
      };
    },
    base() {
      const base = currentBase;
      return base ? compileExpr(base, p, slots) : () => U;
    },
  };

  const paramValue = paramNames.map((name) => {
    const entry = p.params.get(name)!;
    currentBase = entry.base;
    const value = entry.decl.value ?? entry.decl.default; // 缺省: the fallback where no value is declared
    let f = value ? compileExpr(value, p, slots) : () => NO_VALUE as unknown as Value;
    if (value && entry.decl.type.name === 'category') f = singleCategory(f);
    currentBase = null;
    return f;
  });
  for (const name of p.defines.keys()) slots.define(name);
  const outcomes = [...p.outcomes.values()].map((decl) => {
    const get = slots.outcome(decl.name.name);
    return { name: decl.name.name, decl, get, slot: slotOf.get(get)! };
  });
  const flags = p.flags.map((decl) => ({ decl, when: compileExpr(decl.when, p, slots) }));
  const invariants = p.invariants.map((decl) => ({ decl, holds: compileExpr(decl.expr, p, slots) }));
  const idInput = [...p.inputs.values()].find((i) => i.type.name === 'id-number');
  return {
    program: p,
    get slotCount() {
      return slotCount;
    },
    outcomes,
    flags,
    invariants,
    paramNames,
    paramValue,
    idField: idInput?.name.name ?? null,
    compile: (e) => compileExpr(e, p, slots),
    defines: defineFns,
  };
}

/**
 * The fee and the subsidy of an eligible person are amounts the summary adds up: none there (an empty cell or
 * `较大(无, 0元)` reaching them) would count as 0 元, so it is unknown instead, flagged `rule-without-value`.
 * Not eligible, or eligibility unknown, none stays none (the summary adds nothing for them or counts them apart).
 */
export const MONEY_DUE: ReadonlySet<string> = new Set(['个人缴费', '政府资助']);
export const ELIGIBLE = '参保资格';

function dueWithValue(name: string, f: Fn, eligible: Fn): Fn {
  return (c) => {
    const v = f(c);
    if (v !== null || eligible(c) !== true) return v;
    c.noteUnknown('rule-without-value', name);
    return U;
  };
}

function singleCategory(f: Fn): Fn {
  return (c) => oneCategory(f(c));
}

function compileOutcome(o: A.OutcomeDecl, slot: number, compile: (e: A.Expr) => Fn, attributed = false): Fn {
  const name = o.name.name;
  const one = o.type.name === 'category'; // one name, not a list of names (runtime/category.ts)
  const rules = o.rules.map((r) => ({
    when: r.when ? compile(r.when) : null,
    value: one ? singleCategory(compile(r.value)) : compile(r.value),
    reason: r.reason,
    site: siteKey(r.loc),
  }));
  const fallback = rules.findIndex((r) => r.when === null);
  const conditional = rules.map((r, i) => ({ ...r, index: i })).filter((r) => r.when !== null);
  const record = (c: Context, rule: number, condition: Value, value?: Value) => {
    c.trace?.push({ outcome: name, rule, condition, value });
  };
  const fire = (c: Context, rule: number): Value => {
    const r = rules[rule]!;
    const v = r.value(c);
    if (r.reason !== null) c.setReason(slot, r.reason);
    if (attributed) c.win[slot] = rule;
    c.fired?.set(name, rule);
    if (c.trace) record(c, rule, true, v);
    return v;
  };
  // No rule applies: the `否则` rule's value; without one, unknown (`否则：无` is how a policy says none).
  const none = (c: Context): Value => {
    if (fallback >= 0) return fire(c, fallback);
    c.fired?.set(name, -1);
    c.noteUnknown('no-rule', name);
    return U;
  };

  if (o.combine === 'first') {
    return (c) => {
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        if (r.when === null) return fire(c, i);
        const cond = r.when(c);
        if (cond === true) return fire(c, i);
        if (c.trace) record(c, i, cond);
        if (cond === U) return U;
      }
      return none(c);
    };
  }
  if (o.combine === 'unique') {
    return (c) => {
      let hit = -1;
      let unknown = false;
      for (let k = 0; k < conditional.length; k++) {
        const r = conditional[k]!;
        const cond = r.when!(c);
        if (c.trace && cond !== true) record(c, r.index, cond);
        if (cond === U) unknown = true;
        else if (cond === true) {
          if (hit >= 0) {
            c.noteUnknown('rule-conflict', name);
            return U;
          }
          hit = r.index;
        }
      }
      if (unknown) return U;
      return hit >= 0 ? fire(c, hit) : none(c);
    };
  }
  const combine =
    o.combine === 'max'
      ? (a: number, b: number) => (b > a ? b : a)
      : o.combine === 'min'
        ? (a: number, b: number) => (b < a ? b : a)
        : (a: number, b: number) => a + b;
  const sum = o.combine === 'sum';
  return (c) => {
    let acc: number | null = null;
    let any = false;
    // Attributes: under 合计 every applying rule's amount, else the rule chosen (ties: the first in text order).
    const parts = attributed && sum ? (c.parts[slot] = [] as number[]) : null;
    for (let k = 0; k < conditional.length; k++) {
      const r = conditional[k]!;
      const cond = r.when!(c);
      if (cond === U) return U;
      if (cond !== true) {
        if (c.trace) record(c, r.index, cond);
        continue;
      }
      any = true;
      const v = r.value(c);
      if (c.trace) record(c, r.index, true, v);
      // A rule that applies but gives none would silently drop out of the sum or the choice: unknown instead.
      if (v === U) return U;
      if (v === null) {
        c.noteUnknown('rule-without-value', name);
        return U;
      }
      if (typeof v === 'number') {
        if (parts) parts.push(r.index, v);
        else if (attributed && !sum && (acc === null || combine(acc, v) !== acc)) c.win[slot] = r.index;
        if (acc === null || combine(acc, v) !== acc) c.fired?.set(name, r.index);
        // A sum past 2^53 − 1 fen is unknown (arithmetic-overflow at the rule that made it so), never rounded.
        const next: number = acc === null ? v : combine(acc, v);
        if (safeNumber(c, next, r.site) === U) return U;
        acc = next;
      }
    }
    return any ? acc : none(c);
  };
}
