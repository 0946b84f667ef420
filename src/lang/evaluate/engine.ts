// Evaluate stage: runs the compiled closures for one person and shapes the standard outcomes into a PersonResult.
import type { Expr } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { ParamOverrides } from '../api.js';
import type { FieldValue, PersonResult, ResultFlag, SubsidyTiming } from '../model.js';
import type { Compiled } from '../compile/compile-policy.js';
import { Context } from '../compile/context.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';
import { declaredType } from '../check/typecheck.js';
import { TypeChecker } from '../check/typecheck.js';
import { parseValue } from '../parse/index.js';
import { formatValue } from './format.js';
import { builtinFlag } from './flags.js';

const STANDARD = new Set(['参保资格', '个人缴费', '政府资助', '资助方式', '已参保', '待遇开始', '待遇结束']);
const STANDARD_ORDER = ['参保资格', '个人缴费', '政府资助', '资助方式', '待遇开始', '待遇结束'];
/**
 * The flag list of a result without flags: shared, never written to. Code that adds a flag to a result
 * replaces this list with a new one (see evaluate/roster.ts).
 */
export const NO_FLAGS: ResultFlag[] = Object.freeze([]) as unknown as ResultFlag[];
/** Shared by every result of a policy without extra outcomes (never written to). */
const NO_EXTRAS: Record<string, string | null> = Object.freeze({}) as Record<string, string | null>;
type Outcome = (c: Context) => Value;

/** A compiled policy with its parameter values fixed (defaults plus evaluation-time overrides). */
export class Engine {
  readonly params: Value[];
  readonly diagnostics: Diagnostic[] = [];
  private readonly outcome: Map<string, (c: Context) => Value>;
  private readonly standard: ((c: Context) => Value)[];
  private readonly extras: { name: string; get: (c: Context) => Value; type: ReturnType<typeof declaredType> }[];
  private readonly roles: { name: string | null; id: string | null };

  constructor(readonly compiled: Compiled, overrides: ParamOverrides | Map<string, Expr> = {}) {
    const p = compiled.program;
    const fns = [...compiled.paramValue];
    for (const [name, text] of overrides instanceof Map ? overrides : Object.entries(overrides)) {
      const entry = p.params.get(name);
      if (!entry) {
        this.diagnostics.push({
          code: 'unknown-parameter', severity: 'error',
          message: { zh: `政策中没有参数“${name}”`, en: `The policy has no parameter “${name}”` },
        });
        continue;
      }
      const parsed = typeof text === 'string' ? parseValue(text, `--param ${name}`) : { expr: text, diagnostics: [] };
      this.diagnostics.push(...parsed.diagnostics);
      if (!parsed.expr) continue;
      const before = this.diagnostics.length;
      const checker = new TypeChecker(p, this.diagnostics);
      checker.constant = true;
      checker.expect(parsed.expr, declaredType(p, entry.decl.type, name));
      if (this.diagnostics.length === before) fns[compiled.paramNames.indexOf(name)] = compiled.compile(parsed.expr);
    }
    // Parameters may refer to each other: compute them in a context of their own, in declaration order.
    this.params = new Array(fns.length);
    const scratch = new Context({}, this.params, compiled.slotCount, null);
    fns.forEach((f, i) => { this.params[i] = f(scratch); });
    this.outcome = new Map(compiled.outcomes.map((o) => [o.name, o.get]));
    const none = () => null;
    this.standard = STANDARD_ORDER.map((name) => this.outcome.get(name) ?? none);
    this.extras = compiled.outcomes
      .filter((o) => !STANDARD.has(o.name))
      .map((o) => ({ name: o.name, get: o.get, type: declaredType(p, o.decl.type, o.name) }));
    const inputs = [...p.inputs.values()];
    this.roles = {
      name: inputs.find((i) => i.role === 'name')?.name.name ?? null,
      id: compiled.idField,
    };
  }

  context(values: Record<string, FieldValue>): Context {
    return new Context(values, this.params, this.compiled.slotCount, this.compiled.idField);
  }

  /** Evaluates one person. `row` is the 1-based roster row (0 for examples). */
  evaluate(values: Record<string, FieldValue>, row: number, c: Context = this.context(values)): PersonResult {
    const [eligibleOf, feeOf, subsidyOf, timingOf, startOf, endOf] = this.standard as [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
    const eligible = eligibleOf(c);
    const fee = feeOf(c);
    const subsidy = subsidyOf(c);
    const timing = timingOf(c);
    const start = startOf(c);
    const end = endOf(c);
    let flags: ResultFlag[] = NO_FLAGS;
    const flag = (f: ResultFlag) => { if (flags === NO_FLAGS) flags = [f]; else flags.push(f); };
    const id = c.idCheck();
    if (!id.ok) flag(builtinFlag('invalid-id', { problem: id.problem }));
    for (const name of c.missing) flag(builtinFlag('missing-parameter', { name }));
    for (const name of c.conflicts) flag(builtinFlag('rule-conflict', { name }));
    const reason = eligible === false ? c.reasonFor('参保资格') ?? '不符合参保条件' : null;
    if (eligible === false) flag(builtinFlag('not-eligible', { reason: reason ?? '' }));
    for (const f of this.compiled.flags) {
      if (f.when(c) === true) flag({ code: f.decl.name.name, message: { zh: f.decl.message, en: f.decl.message } });
    }
    const extras: Record<string, string | null> = this.extras.length ? {} : NO_EXTRAS;
    for (const x of this.extras) {
      const v = x.get(c);
      extras[x.name] = v === null || v === UNKNOWN ? null : formatValue(v, x.type);
    }
    const idValue = this.roles.id ? values[this.roles.id] : null;
    const nameValue = this.roles.name ? values[this.roles.name] : null;
    return {
      row,
      idNumber: typeof idValue === 'string' ? idValue : null,
      name: typeof nameValue === 'string' ? nameValue : null,
      eligible: typeof eligible === 'boolean' ? eligible : null,
      reason,
      personalFee: typeof fee === 'number' ? fee : null,
      subsidy: typeof subsidy === 'number' ? subsidy : null,
      subsidyTiming: timing === 'upfront' || timing === 'after-payment' ? (timing as SubsidyTiming) : null,
      benefitStart: typeof start === 'number' ? start : null,
      benefitEnd: typeof end === 'number' ? end : null,
      flags,
      extras,
    };
  }

  /** Whether the person counts as enrolled (已参保). */
  enrolled(c: Context): boolean {
    const f = this.outcome.get('已参保');
    return f ? f(c) === true : false;
  }
}
