// Resolves names and infers the type of every expression; reports unknown names and type mismatches.
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { diag } from './merge.js';
import { FUNCTION_NAMES, signature } from './functions.js';
import { allNames, canonical, lookup, type Program } from './program.js';
import type { Domain } from './types.js';
import { assignable, durationKindName, durationsComparable, durationSum, T, typeName, type Type } from './types.js';
import { closest, replaceWith } from './suggest.js';

/** The declared type of a parameter, input or outcome. */
export function declaredType(p: Program, t: A.TypeExpr, owner?: string): Type {
  switch (t.name) {
    case 'category':
    case 'categories': {
      const domain = owner ? p.domains.get(owner) : undefined;
      return domain ? { k: 'category', domain, multi: t.name === 'categories' } : T.error;
    }
    case 'table':
      return { k: 'table', key: declaredType(p, t.key!), value: declaredType(p, t.value!) };
    case 'id-number':
      return T.text;
    case 'named': // not resolved (check/named-types.ts reported why)
      return T.error;
    default:
      return T[t.name];
  }
}

export class TypeChecker {
  private inProgress = new Set<string>();
  /** Whether the expression being checked may read roster fields. */
  constant = false;
  constructor(
    private p: Program,
    private diagnostics: Diagnostic[],
  ) {}

  private report(d: Diagnostic) {
    this.diagnostics.push(d);
  }

  private mismatch(loc: A.Loc, expected: Type, actual: Type) {
    this.report(diag('type-mismatch', loc, { expected: typeName(expected, 'zh'), actual: typeName(actual, 'zh') }));
    const last = this.diagnostics[this.diagnostics.length - 1]!;
    last.message.en = `Expected ${typeName(expected, 'en')} here but found ${typeName(actual, 'en')}`;
  }

  /**
   * A literal that names a value of `domain` where that category is expected: a keyword that is also a value
   * (`先缴后补`) or quoted text (`「区(县)」`). It is then that value, typed and computed as a value name is.
   */
  private categoryLiteral(e: A.Expr, domain: Domain): Type | null {
    const word =
      e.kind === 'timing'
        ? (e.word ?? (e.value === 'upfront' ? '缴费时抵扣' : '先缴后补'))
        : e.kind === 'text'
          ? e.value
          : null;
    if (word === null || !domain.names.has(word)) return null;
    const t: Type = { k: 'values', names: [canonical(domain, word)] };
    this.p.types.set(e, t);
    return t;
  }

  /** Checks `e` and reports when its type does not fit `want`. */
  expect(e: A.Expr, want: Type): Type {
    if (want.k === 'category' && e.kind === 'if') {
      // Both branches are values of the category expected (so `如果 … 则 先缴后补 否则 二档` reads as values).
      this.expect(e.cond, T.boolean);
      this.expect(e.then, want);
      this.expect(e.else, want);
      this.p.types.set(e, want);
      return want;
    }
    const t = (want.k === 'category' && this.categoryLiteral(e, want.domain)) || this.check(e);
    if (!assignable(t, want)) {
      if (want.k === 'category' && t.k === 'values') {
        const bad = t.names.find((n) => !want.domain.names.has(n)) ?? t.names.join('、');
        this.report(diag('unknown-category-value', e.loc, { name: bad, field: want.domain.field }));
      } else this.mismatch(e.loc, want, t);
    }
    return t;
  }

  check(e: A.Expr): Type {
    const t = this.infer(e);
    this.p.types.set(e, t);
    return t;
  }

  typeOfDefine(name: string): Type {
    const known = this.p.defineTypes.get(name);
    if (known) return known;
    const decl = this.p.defines.get(name)!;
    if (this.inProgress.has(name)) {
      this.report(diag('type-mismatch', decl.name.loc, { expected: '非循环定义', actual: `循环引用“${name}”` }));
      return T.error;
    }
    this.inProgress.add(name);
    const saved = this.constant;
    this.constant = false;
    const t = this.check(decl.expr);
    this.constant = saved;
    this.inProgress.delete(name);
    this.p.defineTypes.set(name, t);
    return t;
  }

  private person(loc: A.Loc): void {
    if (this.constant) this.report(diag('not-constant', loc));
  }

  private infer(e: A.Expr): Type {
    switch (e.kind) {
      case 'money':
      case 'date':
      case 'moment':
      case 'percent':
      case 'integer':
      case 'boolean':
      case 'text':
      case 'period' as never:
        return T[e.kind as 'money'];
      case 'duration':
        return { k: 'duration', unit: e.unit === 'day' ? 'day' : 'month' };
      case 'none':
        return T.none;
      case 'timing':
        return T.timing;
      case 'base':
        return T.error; // typed by the parameter check, which knows the inherited value
      case 'set': {
        const names: string[] = [];
        for (const item of e.items) {
          const s = lookup(this.p, item.name);
          if (s?.kind === 'value') names.push(s.name);
          else if (s?.kind === 'group') names.push(...this.groupMembers(s.decl));
          else this.unknown(item.name, item.loc);
        }
        return { k: 'values', names };
      }
      case 'table': {
        let key: Type = T.error,
          value: Type = T.error;
        for (const entry of e.entries) {
          key = this.check(entry.key);
          value = this.check(entry.value);
        }
        return { k: 'table', key, value };
      }
      case 'name':
        return this.name(e);
      case 'not':
        this.expect(e.operand, T.boolean);
        return T.boolean;
      case 'neg': {
        const t = this.check(e.operand);
        if (!['money', 'integer', 'duration', 'percent', 'error', 'none'].includes(t.k))
          this.mismatch(e.operand.loc, T.integer, t);
        return t;
      }
      case 'if': {
        this.expect(e.cond, T.boolean);
        const a = this.check(e.then);
        const b = this.check(e.else);
        if (!assignable(b, a) && !assignable(a, b)) this.mismatch(e.else.loc, a, b);
        if (a.k === 'duration' && b.k === 'duration' && a.unit !== b.unit) return T.duration; // not known which
        return a.k === 'none' ? b : a;
      }
      case 'index': {
        const t = this.check(e.target);
        this.check(e.key);
        if (t.k === 'table') return t.value;
        if (t.k !== 'error') this.mismatch(e.target.loc, { k: 'table', key: T.integer, value: T.money }, t);
        return T.error;
      }
      case 'call':
        return this.call(e);
      case 'binary':
        return this.binary(e);
      case 'attribute':
        return this.attribute(e);
    }
  }

  /** `主体(结果)`: text, of an outcome (grammar/reference/attributes-and-collection.md). */
  private attribute(e: Extract<A.Expr, { kind: 'attribute' }>): Type {
    this.person(e.loc);
    const name = e.outcome.name;
    if (this.p.outcomes.has(name)) return T.text;
    const d = diag('attribute-not-outcome', e.outcome.loc, { name });
    const guess = closest(name, [...this.p.outcomes.keys()]);
    d.hint = guess
      ? { zh: `是不是“${guess}”？`, en: `Did you mean “${guess}”?` }
      : { zh: '括号中写一个结果的名称', en: 'Name an outcome between the brackets' };
    this.report(d);
    return T.error;
  }

  groupMembers(g: A.GroupDecl): string[] {
    const out: string[] = [];
    for (const m of g.members) {
      const s = lookup(this.p, m.name);
      if (s?.kind === 'value') out.push(s.name);
      else if (s?.kind === 'group' && s.decl !== g) out.push(...this.groupMembers(s.decl));
    }
    return out;
  }

  unknown(name: string, loc: A.Loc): void {
    const d = diag('unknown-name', loc, { name });
    const guess = closest(name, allNames(this.p));
    if (guess) {
      d.hint = { zh: `是不是“${guess}”？`, en: `Did you mean “${guess}”?` };
      d.fix = replaceWith(loc, guess);
    } else if (/^(当|且|或|非|属于|则|否则)./.test(name))
      d.hint = { zh: '关键字与名称之间需要空格', en: 'Put a space between a keyword and a name' };
    this.report(d);
  }

  private name(e: { name: string; loc: A.Loc }): Type {
    const s = lookup(this.p, e.name);
    if (!s) {
      this.unknown(e.name, e.loc);
      return T.error;
    }
    switch (s.kind) {
      case 'input':
        this.person(e.loc);
        return declaredType(this.p, s.decl.type, s.decl.name.name);
      case 'builtin':
        if (s.name === 'birth' || s.name === 'sex') this.person(e.loc);
        return s.name === 'sex' ? T.text : s.name === 'year' ? T.integer : T.date;
      case 'param':
        return declaredType(this.p, s.entry.decl.type, s.entry.decl.name.name);
      case 'define':
        this.person(e.loc);
        return this.typeOfDefine(s.decl.name.name);
      case 'outcome':
        this.person(e.loc);
        return declaredType(this.p, s.decl.type, s.decl.name.name);
      case 'period':
        return T.period;
      case 'deadline':
        return s.decl.date.kind === 'moment' ? T.moment : T.date;
      case 'group':
        return { k: 'values', names: this.groupMembers(s.decl) };
      case 'value':
        return { k: 'values', names: [s.name] };
    }
  }

  private call(e: Extract<A.Expr, { kind: 'call' }>): Type {
    const fn = FUNCTION_NAMES[e.fn.name];
    const args = e.args.map((a) => this.check(a));
    if (!fn) {
      const d = diag('unknown-function', e.fn.loc, { name: e.fn.name });
      const guess = closest(e.fn.name, Object.keys(FUNCTION_NAMES));
      if (guess) {
        d.hint = { zh: `是不是“${guess}”？`, en: `Did you mean “${guess}”?` };
        d.fix = replaceWith(e.fn.loc, guess);
      }
      this.report(d);
      return T.error;
    }
    if (fn === 'ageAt') this.person(e.loc);
    if (fn === 'max' || fn === 'min') {
      const durations = args.filter((a) => a.k === 'duration');
      const bad = durations.find((a) => !durationsComparable(a, durations[0]!));
      if (bad) {
        this.mixedDurations(e.loc, durations[0]!, bad);
        return T.error;
      }
    }
    const sig = signature(fn, args);
    if ('result' in sig && (fn === 'fromThisMonth' || fn === 'fromNextMonth' || fn === 'monthsFull')) {
      const unit = args[1]!.k === 'duration' ? args[1]!.unit : undefined;
      if (unit === 'day' || unit === 'mixed') {
        const d = diag('months-only', e.args[1]!.loc, { name: e.fn.name, actual: durationKindName(args[1]!, 'zh') });
        d.message.en = `Function “${e.fn.name}” counts months and takes months only (3个月, 1年), not ${durationKindName(args[1]!, 'en')}: write it in months`;
        d.hint = { zh: '例如 3个月', en: 'for example 3个月' };
        this.report(d);
        return T.error;
      }
    }
    if ('result' in sig) return sig.result;
    if ('arity' in sig)
      this.report(diag('bad-argument-count', e.loc, { name: e.fn.name, expected: sig.arity, actual: args.length }));
    else
      sig.expected.forEach((want, i) => {
        if (e.args[i] && !assignable(args[i]!, want)) this.mismatch(e.args[i]!.loc, want, args[i]!);
      });
    return T.error;
  }

  /** Reports days compared with months: without a reference date a month has no number of days. */
  private mixedDurations(loc: A.Loc, l: Type, r: Type): Type {
    const d = diag('mixed-duration-compare', loc, {
      left: durationKindName(l, 'zh'),
      right: durationKindName(r, 'zh'),
    });
    d.message.en = `Cannot compare ${durationKindName(l, 'en')} with ${durationKindName(r, 'en')}: a month has no fixed number of days`;
    this.report(d);
    return T.boolean;
  }

  private binary(e: Extract<A.Expr, { kind: 'binary' }>): Type {
    if (e.op === 'and' || e.op === 'or') {
      this.expect(e.left, T.boolean);
      this.expect(e.right, T.boolean);
      return T.boolean;
    }
    const l = this.check(e.left);
    let r = this.check(e.right);
    if (l.k === 'category' && (e.op === '=' || e.op === '!=')) r = this.categoryLiteral(e.right, l.domain) ?? r;
    const result = binaryType(e.op, l, r);
    if (result && isComparison(e.op) && l.k === 'duration' && r.k === 'duration' && !durationsComparable(l, r)) {
      return this.mixedDurations(e.loc, l, r);
    }
    if (result && l.k === 'category' && r.k === 'category' && l.domain !== r.domain) {
      // Values of two different categories are never equal: comparing them is a mistake, not a false.
      const d = diag('bad-operands', e.loc, { op: e.op, left: typeName(l, 'zh'), right: typeName(r, 'zh') });
      d.message.en = `“${e.op}” cannot combine ${typeName(l, 'en')} and ${typeName(r, 'en')}`;
      d.hint = {
        zh: '两个字段取同一组类别值时，用“类型”声明一次，两个字段都用它',
        en: 'For two fields with the same values, declare the category once with “类型” and use it for both',
      };
      this.report(d);
      return T.boolean;
    }
    if (result) {
      if (l.k === 'category' && r.k === 'values') {
        const bad = r.names.find((n) => !l.domain.names.has(n));
        if (bad) this.report(diag('unknown-category-value', e.right.loc, { name: bad, field: l.domain.field }));
      }
      return result;
    }
    if (l.k !== 'error' && r.k !== 'error') {
      const op = OP_NAMES[e.op] ?? e.op;
      const d = diag('bad-operands', e.loc, { op, left: typeName(l, 'zh'), right: typeName(r, 'zh') });
      d.message.en = `“${op}” cannot combine ${typeName(l, 'en')} and ${typeName(r, 'en')}`;
      this.report(d);
    }
    return T.error;
  }
}

const OP_NAMES: Record<string, string> = { in: '属于', 'not-in': '不属于' };

const NUMERIC = new Set(['money', 'integer', 'duration', 'percent']);

/** The result type of `l op r`, or null when the operands do not combine. */
export function binaryType(op: A.BinaryOp, l: Type, r: Type): Type | null {
  if (l.k === 'error' || r.k === 'error')
    return op === 'in' || op === 'not-in' || isComparison(op) ? T.boolean : T.error;
  const lk = l.k === 'none' ? r.k : l.k;
  const rk = r.k === 'none' ? l.k : r.k;
  switch (op) {
    case '+':
      if (lk === 'duration' && rk === 'duration') return l.k === 'none' ? r : r.k === 'none' ? l : durationSum(l, r);
      if (lk === rk && NUMERIC.has(lk)) return l.k === 'none' ? r : l;
      if (lk === 'date' && rk === 'duration') return T.date;
      if (lk === 'duration' && rk === 'date') return T.date;
      if (lk === 'text' && rk === 'text') return T.text;
      return null;
    case '-':
      if (lk === 'duration' && rk === 'duration') return l.k === 'none' ? r : r.k === 'none' ? l : durationSum(l, r);
      if (lk === rk && NUMERIC.has(lk)) return l.k === 'none' ? r : l;
      if (lk === 'date' && rk === 'duration') return T.date;
      if (lk === 'date' && rk === 'date') return T.integer;
      return null;
    case '*':
      if (lk === 'integer' && rk === 'integer') return T.integer;
      if (lk === 'money' && (rk === 'integer' || rk === 'percent')) return T.money;
      if (rk === 'money' && (lk === 'integer' || lk === 'percent')) return T.money;
      // A duration times a whole number only (a share of a month has no number of days).
      if (lk === 'duration' && rk === 'integer') return l.k === 'none' ? T.duration : l;
      if (rk === 'duration' && lk === 'integer') return r.k === 'none' ? T.duration : r;
      return null;
    case '/':
      if ((lk === 'money' || lk === 'integer') && rk === 'integer') return T[lk];
      return null;
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (isDateAndMoment(lk, rk)) return T.boolean;
      return lk === rk && ['money', 'integer', 'date', 'moment', 'percent', 'duration'].includes(lk) ? T.boolean : null;
    case '=':
    case '!=':
      if (l.k === 'category' && (r.k === 'values' || r.k === 'category')) return T.boolean;
      if (r.k === 'category' && l.k === 'values') return T.boolean;
      if (isDateAndMoment(lk, rk)) return T.boolean;
      return lk === rk && lk !== 'values' ? T.boolean : null;
    case 'in':
    case 'not-in':
      if (lk === 'date' && rk === 'period') return T.boolean;
      if ((l.k === 'category' || l.k === 'values') && r.k === 'values') return T.boolean;
      return null;
    default:
      return null;
  }
}

function isComparison(op: A.BinaryOp): boolean {
  return ['<', '<=', '>', '>=', '=', '!='].includes(op);
}

/** A date compared with a moment (时刻): decided where the whole day gives one answer (runtime/moment.ts). */
export function isDateAndMoment(lk: string, rk: string): boolean {
  return (lk === 'date' && rk === 'moment') || (lk === 'moment' && rk === 'date');
}
