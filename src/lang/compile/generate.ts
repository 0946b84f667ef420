// Compiles a checked program into JavaScript source, as Peggy turns a grammar into a parser: the roster path's
// fast form of the closures in compile-expr.ts, with the same semantics operation by operation (the closures stay
// the reference, used for examples and explanations; test/lang/generate.test.ts holds the two to the same results).
//
// Nothing of the policy's text becomes code: definitions, outcomes and temporaries are numbered (s3, m3, t17),
// text and numbers are written as JSON literals, and every other constant (sets, periods, tables) is computed by
// compile-expr and passed in `env.k`. The source is the body of `function (env)` returning one function per root.
import type * as A from '../ast.js';
import { FUNCTION_NAMES } from '../check/functions.js';
import { lookup, type Program } from '../check/program.js';
import type { Type } from '../check/types.js';
import { constantValue, constantWithCauses, isCompareOp, isConstant } from './compile-expr.js';
import { isDateAndMoment } from '../check/typecheck.js';
import { UNKNOWN, type Value } from './runtime-values.js';
import { oneCategory } from '../runtime/category.js';
import { attributedOutcomes, payerPlan } from './attributes.js';
import { siteKey } from './sites.js';
import { ELIGIBLE, MONEY_DUE } from './compile-policy.js';

/** What to compute: a named outcome, or an expression (a flag's condition, the household exception). */
export type Root = { outcome: string } | { expr: A.Expr };

export interface Generated {
  source: string;
  /** Values the source refers to as k[i]. */
  constants: Value[];
}

/** An operation the generator does not handle: the caller keeps the closures. */
export class NotGenerated extends Error {}

/**
 * Source of `function (env)` returning an array of functions `(c: Context) => Value`, one per root, in order. They
 * share memoised definitions and outcomes, which start afresh whenever a context is reset (Context.epoch).
 */
export function generate(p: Program, roots: Root[], reasonSlot: (outcome: string) => number): Generated {
  return new Generator(p, reasonSlot).program(roots);
}

const lit = (v: string | number | boolean | null): string =>
  typeof v === 'string'
    ? JSON.stringify(v)
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029')
    : Object.is(v, -0)
      ? '-0'
      : String(v);

/** The statement noting that roster field `field` was read as UNKNOWN (its cell could not be read). */
const unreadable = (field: string) => `c.noteUnknown("unreadable-value", ${lit(field)});`;

/** Code giving number `x` where it is a safe integer, else UNKNOWN noting `arithmetic-overflow` at `loc`. */
const safe = (x: string, loc: A.Loc) =>
  `(Number.isSafeInteger(${x}) ? ${x} : rt.safeNumber(c, ${x}, ${lit(siteKey(loc))}))`;

/** Whether generated code `x` is a literal number, text or yes/no (never unknown, never none). */
const isLiteral = (x: string) => /^(-?\d|"|true$|false$)/.test(x);

class Generator {
  private readonly constants: Value[] = [];
  private readonly functions: string[] = [];
  private readonly memos: string[] = [];
  private readonly slots = new Map<string, string>();
  private temps = 0;
  private labels = 0;

  constructor(
    private readonly p: Program,
    private readonly reasonSlot: (outcome: string) => number,
  ) {}

  program(roots: Root[]): Generated {
    const rootFns = roots.map((r, i) => {
      const out: string[] = [];
      const v = 'outcome' in r ? `${this.outcome(r.outcome)}()` : this.expr(r.expr, out);
      return `function r${i}(ctx) {\n  if (ctx !== c || ctx.epoch !== E) begin(ctx);\n  ${out.join('\n  ')}\n  return ${v};\n}`;
    });
    const source = [
      '"use strict";',
      'const { U, NS, NV, k, rt } = env;',
      'let c = null, E = -1, V, P;',
      ...this.memos.map((m) => `let ${m} = NS;`),
      `function begin(ctx) {\n  c = ctx; E = ctx.epoch; V = ctx.values; P = ctx.params;\n  ${this.memos.map((m) => `${m} = NS;`).join(' ')}\n}`,
      ...this.functions,
      ...rootFns,
      `return [${roots.map((_, i) => `r${i}`).join(', ')}];`,
    ].join('\n');
    return { source, constants: this.constants };
  }

  private temp(): string {
    return `t${this.temps++}`;
  }

  private type(e: A.Expr): Type {
    return this.p.types.get(e) ?? { k: 'error' };
  }

  /** A constant expression's value; where it is UNKNOWN (`250元 / 0`), the statements noting why go to `out`. */
  private constantOf(e: A.Expr, out: string[]): string {
    const { value, causes } = constantWithCauses(e, this.p);
    for (let i = 0; i < causes.length; i += 2) out.push(`c.noteUnknown(${lit(causes[i]!)}, ${lit(causes[i + 1]!)});`);
    return this.constant(value);
  }

  private constant(v: Value): string {
    if (v === UNKNOWN) return 'U';
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return lit(v);
    this.constants.push(v);
    return `k[${this.constants.length - 1}]`;
  }

  /** A memoised definition or outcome: `m` holds its value for the current person (as Slots.memoized does). */
  private memo(key: string, body: (name: string) => string): string {
    let name = this.slots.get(key);
    if (name) return name;
    name = `s${this.slots.size}`;
    this.slots.set(key, name);
    const m = `m${this.memos.length}`;
    this.memos.push(m);
    const inner = body(name);
    this.functions.push(
      `function ${name}() {\n  if (${m} !== NS) return ${m};\n  ${m} = U;\n  return (${m} = ${inner}());\n}`,
    );
    return name;
  }

  private define(name: string): string {
    return this.memo(`define:${name}`, (s) => {
      const out: string[] = [];
      const v = this.expr(this.p.defines.get(name)!.expr, out);
      this.functions.push(`function ${s}_() {\n  ${out.join('\n  ')}\n  return ${v};\n}`);
      return `${s}_`;
    });
  }

  private outcome(name: string): string {
    return this.memo(`outcome:${name}`, (s) => {
      this.functions.push(`function ${s}_() {\n  ${this.outcomeBody(this.p.outcomes.get(name)!).join('\n  ')}\n}`);
      if (!MONEY_DUE.has(name) || !this.p.outcomes.has(ELIGIBLE)) return `${s}_`;
      // As compile-policy: an eligible person's fee or subsidy that is none is unknown (rule-without-value).
      const eligible = this.outcome(ELIGIBLE);
      this.functions.push(
        `function ${s}_w() {\n  const v = ${s}_();\n  if (v !== null || ${eligible}() !== true) return v;\n  c.noteUnknown("rule-without-value", ${lit(name)});\n  return U;\n}`,
      );
      return `${s}_w`;
    });
  }

  /** Mirrors compileOutcome (without the trace, which only the closures keep). */
  private outcomeBody(o: A.OutcomeDecl): string[] {
    const slot = this.reasonSlot(o.name.name);
    const attributed = attributedOutcomes(this.p).has(o.name.name);
    const rules = o.rules;
    const fallback = rules.findIndex((r) => r.when === null);
    /** Statements that give rule `i`'s value as the outcome's. */
    const fire = (i: number): string[] => {
      const out: string[] = [];
      const value = rules[i]!.value;
      // A single-category outcome holds one name, not a list of names (runtime/category.ts).
      const v =
        o.type.name !== 'category'
          ? this.expr(value, out)
          : isConstant(value, this.p)
            ? this.constant(oneCategory(constantValue(value, this.p)))
            : `rt.oneCategory(${this.expr(value, out)})`;
      const reason = rules[i]!.reason;
      if (reason !== null) out.push(`c.setReason(${slot}, ${lit(reason)});`);
      if (attributed) out.push(`c.win[${slot}] = ${i};`);
      return [...out, `return ${v};`];
    };
    const none = (): string[] =>
      fallback >= 0 ? fire(fallback) : [`c.noteUnknown("no-rule", ${lit(o.name.name)});`, 'return U;'];
    const out: string[] = [];
    if (o.combine === 'first') {
      for (let i = 0; i < rules.length; i++) {
        const when = rules[i]!.when;
        if (when === null) return [...out, ...fire(i)];
        const cond = this.expr(when, out);
        out.push(`if (${cond} === true) {`, ...fire(i), '}', `if (${cond} === U) return U;`);
      }
      return [...out, ...none()];
    }
    if (o.combine === 'unique') {
      out.push('let hit = -1, unknown = false;');
      for (let i = 0; i < rules.length; i++) {
        const when = rules[i]!.when;
        if (when === null) continue;
        const cond = this.expr(when, out);
        out.push(`if (${cond} === U) unknown = true;`);
        out.push(
          `else if (${cond} === true) { if (hit >= 0) { c.noteUnknown("rule-conflict", ${lit(o.name.name)}); return U; } hit = ${i}; }`,
        );
      }
      out.push('if (unknown) return U;', 'switch (hit) {');
      for (let i = 0; i < rules.length; i++) if (rules[i]!.when !== null) out.push(`case ${i}: {`, ...fire(i), '}');
      return [...out, '}', ...none()];
    }
    const better = o.combine === 'max' ? '>' : '<';
    out.push('let acc = null, any = false;');
    // Attributes (as compileOutcome): under 合计 each applying rule's amount, else the chosen rule (ties: first).
    const parts = attributed && o.combine === 'sum';
    if (parts) out.push(`const parts = (c.parts[${slot}] = []);`);
    for (const [i, r] of rules.entries()) {
      if (r.when === null) continue;
      const cond = this.expr(r.when, out);
      out.push(`if (${cond} === U) return U;`, `if (${cond} === true) {`, 'any = true;');
      const v = this.expr(r.value, out);
      const combined = o.combine === 'sum' ? safe(`(acc + ${v})`, r.loc) : `(${v} ${better} acc ? ${v} : acc)`;
      out.push(
        `if (${v} === U) return U;`,
        `if (${v} === null) { c.noteUnknown("rule-without-value", ${lit(o.name.name)}); return U; }`,
        ...(parts
          ? [`if (typeof ${v} === 'number') parts.push(${i}, ${v});`]
          : attributed
            ? [`if (typeof ${v} === 'number' && (acc === null || ${v} ${better} acc)) c.win[${slot}] = ${i};`]
            : []),
        `if (typeof ${v} === 'number') { acc = acc === null ? ${v} : ${combined}; if (acc === U) return U; }`,
        '}',
      );
    }
    return [...out, 'if (any) return acc;', ...none()];
  }

  /** Appends to `out` the statements computing `e` and returns the code of its value (a temporary or a literal). */
  private expr(e: A.Expr, out: string[]): string {
    if (isConstant(e, this.p)) return this.constantOf(e, out);
    const t = this.temp();
    const sub = (x: A.Expr) => this.expr(x, out);
    switch (e.kind) {
      case 'table': {
        const entries = e.entries.map((x) => `[${sub(x.key)}, ${sub(x.value)}]`);
        out.push(`const ${t} = new Map([${entries.join(', ')}]);`);
        return t;
      }
      case 'name':
        return this.name(e, out);
      case 'not': {
        const v = sub(e.operand);
        out.push(`const ${t} = ${v} === U ? U : !${v};`);
        return t;
      }
      case 'neg': {
        const v = sub(e.operand);
        out.push(
          `let ${t} = ${v};`,
          `if (${t} !== U && ${t} !== null) ${t} = typeof ${t} === 'number' ? -${t} : rt.timesDuration(${t}, -1);`,
        );
        return t;
      }
      case 'if': {
        const cond = sub(e.cond);
        const a: string[] = [],
          b: string[] = [];
        const va = this.expr(e.then, a),
          vb = this.expr(e.else, b);
        out.push(
          `let ${t};`,
          `if (${cond} === U) ${t} = U;`,
          `else if (${cond}) {`,
          ...a,
          `${t} = ${va};`,
          '} else {',
          ...b,
          `${t} = ${vb};`,
          '}',
        );
        return t;
      }
      case 'index': {
        const table = sub(e.target),
          key = sub(e.key);
        out.push(
          `let ${t};`,
          `if (${table} === U || ${key} === U) ${t} = U;`,
          `else if (${table} === null || ${key} === null) ${t} = null;`,
          `else { ${t} = ${table}.get(${key}); if (${t} === undefined) ${t} = null; }`,
        );
        return t;
      }
      case 'call':
        return this.call(e, t, out);
      case 'attribute': {
        // As compile-expr: unknown outcome, unknown body; else the deciding rule's body (compile/attributes.ts).
        const v = `${this.outcome(e.outcome.name)}()`;
        const plan = this.constant(payerPlan(this.p, e.outcome.name, this.reasonSlot) as unknown as Value);
        out.push(`const ${t}o = ${v};`, `const ${t} = ${t}o === U ? U : rt.payerOf(c, ${plan});`);
        return t;
      }
      case 'binary':
        return this.binary(e, t, out);
      default:
        throw new NotGenerated(e.kind);
    }
  }

  private name(e: Extract<A.Expr, { kind: 'name' }>, out: string[]): string {
    const s = lookup(this.p, e.name);
    const t = this.temp();
    switch (s?.kind) {
      case 'input':
        if (s.decl.default) {
          // As compile-expr: an empty cell reads as the default (computed only then); an unreadable one stays U.
          const inner: string[] = [];
          const d = this.expr(s.decl.default, inner);
          out.push(
            `let ${t} = V[${lit(s.decl.name.name)}];`,
            `if (${t} === undefined || ${t} === null || ${t} === '' || (Array.isArray(${t}) && ${t}.length === 0)) {`,
            ...inner,
            `${t} = ${d};`,
            '}',
            `else if (${t} === U) ${unreadable(s.decl.name.name)}`,
          );
          return t;
        }
        out.push(
          `let ${t} = V[${lit(s.decl.name.name)}];`,
          `if (${t} === undefined) ${t} = null;`,
          `else if (${t} === U) ${unreadable(s.decl.name.name)}`,
        );
        return t;
      case 'builtin':
        if (s.name !== 'birth' && s.name !== 'sex') throw new NotGenerated(s.name);
        // As compile-expr: an invalid ID number gives an unknown birth date or sex (cause `invalid-id`).
        out.push(`const ${t}i = c.idCheck(), ${t} = ${t}i.ok ? ${t}i.${s.name} : rt.invalidId(c);`);
        return t;
      case 'param': {
        const name = s.entry.decl.name.name;
        out.push(
          `let ${t} = P[${[...this.p.params.keys()].indexOf(name)}];`,
          `if (${t} === NV) { c.noteUnknown("missing-parameter", ${lit(name)}); ${t} = U; }`,
          `else if (${t} === U) c.noteParamCauses(${[...this.p.params.keys()].indexOf(name)});`,
        );
        return t;
      }
      case 'define':
        out.push(`const ${t} = ${this.define(s.decl.name.name)}();`);
        return t;
      case 'outcome':
        out.push(`const ${t} = ${this.outcome(s.decl.name.name)}();`);
        return t;
      case 'period': {
        const a = this.expr(s.decl.start, out),
          b = this.expr(s.decl.end, out);
        out.push(
          `const ${t} = ${a} === U || ${b} === U ? U : ${a} === null || ${b} === null ? null : { start: ${a}, end: ${b} };`,
        );
        return t;
      }
      case 'deadline':
        return this.expr(s.decl.date, out);
      default:
        throw new NotGenerated(e.name);
    }
  }

  private call(e: Extract<A.Expr, { kind: 'call' }>, t: string, out: string[]): string {
    const fn = FUNCTION_NAMES[e.fn.name];
    const unary = (f: (v: string) => string): string => {
      const v = this.expr(e.args[0]!, out);
      out.push(`const ${t} = ${v} === U || ${v} === null ? ${v} : ${f(v)};`);
      return t;
    };
    switch (fn) {
      case 'max':
      case 'min': {
        // As compile-expr: an empty argument makes the result empty; unknown (or days against months) wins.
        const label = `L${this.labels++}`;
        const better = fn === 'max' ? '>' : '<';
        out.push(`let ${t}, ${t}b = null, ${t}n = false;`, `${label}: {`);
        for (const arg of e.args) {
          const v = this.expr(arg, out);
          const diff = this.type(arg).k === 'duration' ? `rt.durationDiff(${v}, ${t}b)` : `${v} - ${t}b`;
          out.push(
            `if (${v} === U) { ${t} = U; break ${label}; }`,
            `if (${v} === null) ${t}n = true;`,
            `else if (${t}b === null) ${t}b = ${v};`,
            `else { const d = ${diff}; if (d !== d) { ${t} = U; break ${label}; } if (d ${better} 0) ${t}b = ${v}; }`,
          );
        }
        out.push(`${t} = ${t}n ? null : ${t}b;`, '}');
        return t;
      }
      case 'days': {
        const x = this.expr(e.args[0]!, out),
          y = this.expr(e.args[1]!, out);
        out.push(`const ${t} = ${x} === U || ${y} === U ? U : ${x} === null || ${y} === null ? null : ${y} - ${x};`);
        return t;
      }
      case 'monthStart':
        return unary((v) => `rt.startOfMonth(${v})`);
      case 'nextMonthStart':
        return unary((v) => `rt.addMonths(rt.startOfMonth(${v}), 1)`);
      case 'yearOf':
        return unary((v) => `rt.yearOf(${v})`);
      case 'start':
        return unary((v) => `${v}.start`);
      case 'end':
        return unary((v) => `${v}.end`);
      case 'ageAt': {
        const at = this.expr(e.args[0]!, out);
        out.push(
          `let ${t} = ${at};`,
          `if (${t} !== U && ${t} !== null) { const id = c.idCheck(); ${t} = id.ok ? rt.ageAt(id.birth, ${t}) : rt.invalidId(c); }`,
        );
        return t;
      }
      case 'present': {
        const arg = e.args[0]!;
        const input = arg.kind === 'name' ? lookup(this.p, arg.name) : null;
        if (input?.kind === 'input' && !input.decl.default) {
          const key = input.decl.name.name;
          out.push(
            `const ${t}v = V[${lit(key)}];`,
            `if (${t}v === U) ${unreadable(key)}`,
            `const ${t} = ${t}v === U ? U : ${t}v !== undefined && ${t}v !== null && ${t}v !== '' && !(Array.isArray(${t}v) && ${t}v.length === 0);`,
          );
          return t;
        }
        const v = this.expr(arg, out);
        out.push(
          `const ${t} = ${v} === U ? U : ${v} !== null && !(Array.isArray(${v}) && ${v}.length === 0) && ${v} !== '';`,
        );
        return t;
      }
      case 'count': {
        const v = this.expr(e.args[0]!, out);
        out.push(`const ${t} = ${v} === U ? U : ${v} === null ? 0 : ${v}.length;`);
        return t;
      }
      case 'fromThisMonth':
      case 'fromNextMonth':
      case 'monthsFull': {
        // As compile-expr: a duration with days is not a count of months (unknown).
        const x = this.expr(e.args[0]!, out),
          n = this.expr(e.args[1]!, out);
        out.push(
          `const ${t} = ${x} === U || ${n} === U ? U : ${x} === null || ${n} === null ? null : ${n}.days !== 0 ? U : rt.${fn}(${x}, ${n}.months);`,
        );
        return t;
      }
      case 'heldOn': {
        const at = this.expr(e.args[0]!, out),
          from = this.expr(e.args[1]!, out),
          to = this.expr(e.args[2]!, out);
        out.push(
          `const ${t} = ${at} === U || ${from} === U || ${to} === U ? U : ${at} === null ? null : rt.heldOn(${at}, ${from}, ${to});`,
        );
        return t;
      }
      default:
        throw new NotGenerated(e.fn.name);
    }
  }

  private binary(e: Extract<A.Expr, { kind: 'binary' }>, t: string, out: string[]): string {
    const lt = this.type(e.left),
      rt = this.type(e.right);
    if (isCompareOp(e.op) && isDateAndMoment(lt.k, rt.k)) {
      // As compile-expr: the right side only when the left is not unknown; undecided on the day itself: unknown.
      const leftIsDate = lt.k === 'date';
      const equality = e.op === '=' || e.op === '!=';
      const a = this.expr(e.left, out);
      const rest: string[] = [];
      const b = this.expr(e.right, rest);
      const none = equality ? `(${a} === null && ${b} === null) !== ${e.op === '!='}` : 'false';
      out.push(
        `let ${t};`,
        `if (${a} === U) ${t} = U;`,
        'else {',
        ...rest,
        `if (${b} === U) ${t} = U;`,
        `else if (${a} === null || ${b} === null) ${t} = ${none};`,
        `else { ${t} = rt.compareDateMoment(${lit(e.op)}, ${a}, ${leftIsDate}, ${b}, ${!leftIsDate});`,
        `if (${t} === null) { c.noteUnknown("date-without-time", rt.formatDate(${leftIsDate ? a : b})); ${t} = U; } }`,
        '}',
      );
      return t;
    }
    switch (e.op) {
      case 'and': {
        // Kleene conjunction, as compileAll: false (or none) as soon as one part is, else unknown if one part is.
        const label = `L${this.labels++}`;
        out.push(`let ${t};`, `${label}: {`, `let ${t}u = false;`);
        for (const part of conjuncts(e)) {
          const v = this.expr(part, out);
          if (v === 'true') continue;
          out.push(
            `if (${v} === false || ${v} === null) { ${t} = false; break ${label}; }`,
            `if (${v} === U) ${t}u = true;`,
          );
        }
        out.push(`${t} = ${t}u ? U : true;`, '}');
        return t;
      }
      case 'or': {
        const a = this.expr(e.left, out);
        const rest: string[] = [];
        const b = this.expr(e.right, rest);
        out.push(
          `let ${t};`,
          `if (${a} === true) ${t} = true;`,
          'else {',
          ...rest,
          `${t} = ${b} === true ? true : ${a} === U || ${b} === U ? U : false;`,
          '}',
        );
        return t;
      }
      case 'in':
      case 'not-in': {
        const negate = e.op === 'not-in';
        const multi = (lt.k === 'category' && lt.multi) || lt.k === 'values';
        const a = this.expr(e.left, out);
        const known = isConstant(e.right, this.p) ? constantValue(e.right, this.p) : undefined;
        const guard = (unknown: string, missing: string, test: string) =>
          out.push(
            `let ${t};`,
            `if (${unknown}) ${t} = U;`,
            `else if (${missing}) ${t} = ${negate};`,
            `else {`,
            test,
            '}',
          );
        // Indexed loops, not some(): roster category lists are frozen arrays (see compile-expr).
        const any = (has: (x: string) => string) =>
          `${t} = ${negate}; for (let i = 0; i < ${a}.length; i++) if (${has(`${a}[i]`)}) { ${t} = ${!negate}; break; }`;
        if (rt.k !== 'period' && Array.isArray(known)) {
          // A fixed set of names: one Set, built here (as compile-expr does).
          const set = this.constant(new Set(known) as unknown as Value);
          guard(
            `${a} === U`,
            `${a} === null`,
            multi ? any((x) => `${set}.has(${x})`) : `${t} = ${set}.has(${a}) !== ${negate};`,
          );
          return t;
        }
        if (rt.k === 'period' && known !== null && typeof known === 'object' && 'start' in known) {
          // A fixed period: its two days written into the test.
          guard(
            `${a} === U`,
            `${a} === null`,
            `${t} = (${a} >= ${known.start} && ${a} <= ${known.end}) !== ${negate};`,
          );
          return t;
        }
        const b = this.expr(e.right, out);
        guard(
          `${a} === U || ${b} === U`,
          `${a} === null || ${b} === null`,
          rt.k === 'period'
            ? `${t} = (${a} >= ${b}.start && ${a} <= ${b}.end) !== ${negate};`
            : multi
              ? any((x) => `${b}.includes(${x})`)
              : `${t} = ${b}.includes(${a}) !== ${negate};`,
        );
        return t;
      }
      case '=':
      case '!=': {
        const negate = e.op === '!=';
        const a = this.expr(e.left, out),
          b = this.expr(e.right, out);
        if (lt.k === 'duration' || rt.k === 'duration') {
          out.push(
            `let ${t};`,
            `if (${a} === U || ${b} === U) ${t} = U;`,
            `else if (${a} === null || ${b} === null) ${t} = (${a} === null && ${b} === null) !== ${negate};`,
            `else { const d = rt.durationDiff(${a}, ${b}); ${t} = d !== d ? U : (d === 0) !== ${negate}; }`,
          );
          return t;
        }
        const eq =
          lt.k === 'category' && lt.multi
            ? `rt.includesAll(${a}, ${b})`
            : lt.k === 'category' || rt.k === 'category'
              ? `(Array.isArray(${b}) ? ${b}[0] : ${b}) === (Array.isArray(${a}) ? ${a}[0] : ${a})`
              : `${a} === ${b}`;
        const missing = isLiteral(b)
          ? `${a} === null ? ${negate}`
          : `${a} === null || ${b} === null ? (${a} === null && ${b} === null) !== ${negate}`;
        const unknown = isLiteral(b) ? `${a} === U` : `${a} === U || ${b} === U`;
        out.push(`const ${t} = ${unknown} ? U : ${missing} : (${eq}) !== ${negate};`);
        return t;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const a = this.expr(e.left, out);
        const rest: string[] = [];
        const b = this.expr(e.right, rest);
        // The right side is computed only when the left is not unknown (as in compile-expr).
        out.push(`let ${t};`, `if (${a} === U) ${t} = U;`, 'else {', ...rest);
        if (lt.k === 'duration' || rt.k === 'duration') {
          // Days against months are not comparable: unknown (as in compile-expr).
          out.push(
            `if (${b} === U) ${t} = U;`,
            `else if (${a} === null || ${b} === null) ${t} = false;`,
            `else { const d = rt.durationDiff(${a}, ${b}); ${t} = d !== d ? U : d ${e.op} 0; }`,
          );
        } else {
          out.push(
            isLiteral(b)
              ? `${t} = ${a} === null ? false : ${a} ${e.op} ${b};`
              : `${t} = ${b} === U ? U : ${a} === null || ${b} === null ? false : ${a} ${e.op} ${b};`,
          );
        }
        out.push('}');
        return t;
      }
      case '+':
      case '-': {
        const sign = e.op === '+' ? 1 : -1;
        const a = this.expr(e.left, out);
        const both = (value: string, b: string) =>
          `let ${t} = ${a} === U || ${b} === U ? U : ${a} === null || ${b} === null ? null : ${value};`;
        // As compile-expr: a date or duration past 2^53 − 1 is unknown (arithmetic-overflow).
        const safeDate = `if (typeof ${t} === 'number') ${t} = ${safe(t, e.loc)};`;
        const safeDuration = `if (${t} !== U && ${t} !== null) ${t} = rt.safeDuration(c, ${t}, ${lit(siteKey(e.loc))});`;
        if (lt.k === 'date' && rt.k === 'duration') {
          const b = this.expr(e.right, out);
          out.push(both(`rt.addDuration(${a}, ${b}, ${sign})`, b), safeDate);
          return t;
        }
        if (lt.k === 'duration' && rt.k === 'date') {
          const b = this.expr(e.right, out);
          out.push(both(`rt.addDuration(${b}, ${a}, 1)`, b), safeDate);
          return t;
        }
        if (lt.k === 'duration') {
          const b = this.expr(e.right, out);
          out.push(both(`rt.plusDuration(${a}, ${b}, ${sign})`, b), safeDuration);
          return t;
        }
        if (lt.k === 'text') {
          const b = this.expr(e.right, out);
          out.push(both(`String(${a}) + String(${b})`, b));
          return t;
        }
        const rest: string[] = [];
        const b = this.expr(e.right, rest);
        out.push(
          `let ${t};`,
          `if (${a} === U) ${t} = U;`,
          'else {',
          ...rest,
          `${t} = ${b} === U ? U : ${a} === null || ${b} === null ? null : ${a} ${e.op} ${b};`,
          `if (typeof ${t} === 'number') ${t} = ${safe(t, e.loc)};`,
          '}',
        );
        return t;
      }
      case '*': {
        const moneyPct = (lt.k === 'percent' || rt.k === 'percent') && (lt.k === 'money' || rt.k === 'money');
        const a = this.expr(e.left, out),
          b = this.expr(e.right, out);
        const product =
          lt.k === 'duration'
            ? `rt.timesDuration(${a}, ${b})`
            : rt.k === 'duration'
              ? `rt.timesDuration(${b}, ${a})`
              : moneyPct
                ? lt.k === 'percent'
                  ? `rt.percentOf(${b}, ${a})`
                  : `rt.percentOf(${a}, ${b})`
                : `${a} * ${b}`;
        out.push(`let ${t} = ${a} === U || ${b} === U ? U : ${a} === null || ${b} === null ? null : ${product};`);
        if (lt.k !== 'duration' && rt.k !== 'duration')
          out.push(`if (typeof ${t} === 'number') ${t} = ${safe(t, e.loc)};`);
        else out.push(`if (${t} !== U && ${t} !== null) ${t} = rt.safeDuration(c, ${t}, ${lit(siteKey(e.loc))});`);
        return t;
      }
      case '/': {
        const a = this.expr(e.left, out),
          b = this.expr(e.right, out);
        // As compile-expr: division by zero is unknown, flagged `division-by-zero` at this expression.
        const quotient = lt.k === 'money' ? `rt.divideMoney(${a}, ${b})` : `Math.trunc(${a} / ${b})`;
        out.push(
          `let ${t};`,
          `if (${a} === U || ${b} === U) ${t} = U;`,
          `else if (${a} === null || ${b} === null) ${t} = null;`,
          `else if (${b} === 0) { c.noteUnknown("division-by-zero", ${lit(siteKey(e.loc))}); ${t} = U; }`,
          `else ${t} = ${quotient};`,
        );
        return t;
      }
    }
  }
}

function conjuncts(e: A.Expr): A.Expr[] {
  return e.kind === 'binary' && e.op === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}
