// Evaluate stage: runs the compiled closures for one person and shapes the standard outcomes into a PersonResult.
import type { AssertDecl, Expr } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { ParamOverrides } from '../api.js';
import type { ExtraValue, FieldValue, PersonResult, ResultFlag, SubsidyTiming } from '../model.js';
import { NO_VALUE, type Compiled } from '../compile/compile-policy.js';
import { generate, type Root } from '../compile/generate.js';
import { loadGenerated, type CodeLoader } from '../compile/load-generated.js';
import { Context, type UnknownCause } from '../compile/context.js';
import { dayNumber } from '../runtime/calendar.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';
import { declaredType } from '../check/typecheck.js';
import { BACK_PAYMENT } from '../check/program.js';
import { TypeChecker } from '../check/typecheck.js';
import { parseValue } from '../parse/index.js';
import { diag } from '../check/merge.js';
import { isNegativeLiteral } from '../check/passes/report-negative-literal.js';
import { typedValue } from './typed-value.js';
import { oneCategory } from '../runtime/category.js';
import { templateFillers, type Filler } from './template.js';
import { builtinFlag, type BuiltinFlagCode } from './flags.js';
import { dependencyGraph, findCycles, parameterOrder } from '../check/dependencies.js';
import { cycleDiagnostic } from '../check/passes/report-cycles.js';
import { attributedOutcomes, payerPlan, payerSplit, type PayerPlan } from '../compile/attributes.js';
import { collectionOf } from './collection.js';
import { siteOwner } from '../compile/sites.js';

const OVERRIDE_CYCLE_HINT = {
  zh: '评估时给出的参数值不能引用该参数自身；要在原值上调整，请直接写出调整后的值',
  en: 'A value given at evaluation time may not refer to the parameter itself; write the adjusted value instead',
};

/**
 * The flag list of a result without flags: shared, never written to. Code that adds a flag to a result
 * replaces this list with a new one (see evaluate/roster.ts).
 */
export const NO_FLAGS: ResultFlag[] = Object.freeze([]) as unknown as ResultFlag[];

/** `flags` with `flag` added: a new list in place of the shared empty one, else the same list. */
export function withFlag(flags: ResultFlag[], flag: ResultFlag): ResultFlag[] {
  if (flags === NO_FLAGS) return [flag];
  flags.push(flag);
  return flags;
}
/** Shared by every result without unknown outcomes (never written to). */
const NO_UNKNOWN: string[] = Object.freeze([]) as unknown as string[];

/** `list` with `name` added when `v` is UNKNOWN: a new list in place of the shared empty one. */
function unknownIf(list: string[], v: Value, name: string): string[] {
  if (v !== UNKNOWN) return list;
  if (list === NO_UNKNOWN) return [name];
  list.push(name);
  return list;
}
/** Shared by every result of a policy without extra outcomes (never written to). */
const NO_EXTRAS: Record<string, ExtraValue> = Object.freeze({}) as Record<string, ExtraValue>;
type Outcome = (c: Context) => Value;

/**
 * How an engine computes: `closures` (compile-expr; traces and explains), or `generated` (generate.ts; the roster
 * path) when it is given a CodeLoader that can load the generated code.
 */
export type Backend = 'closures' | 'generated';

/** The standard outcomes, in the order an engine computes them (已参保 last: evaluateRosterWith asks for it after). */
const STANDARD_ORDER = ['参保资格', '个人缴费', '政府资助', '资助方式', '待遇开始', '待遇结束', '已参保'] as const;
const STANDARD: ReadonlySet<string> = new Set(STANDARD_ORDER);

export const isStandardOutcome = (name: string): boolean => STANDARD.has(name);

/** The policy's own outcomes besides the standard ones (shown as extra columns). */
const extraOutcomes = (outcomes: Compiled['outcomes']) => outcomes.filter((o) => !isStandardOutcome(o.name));

/** What an engine computes per person, one function each (a constant `无` where the policy has no such outcome). */
interface PersonFns {
  standard: Outcome[];
  flags: Outcome[];
  invariants: Outcome[];
  extras: Outcome[];
  householdExcept: Outcome | null;
}

const none: Outcome = () => null;

function closuresOf(compiled: Compiled): PersonFns {
  const p = compiled.program;
  const outcome = (name: string) => compiled.outcomes.find((o) => o.name === name)?.get ?? none;
  return {
    standard: STANDARD_ORDER.map(outcome),
    flags: compiled.flags.map((f) => f.when),
    invariants: compiled.invariants.map((x) => x.holds),
    extras: extraOutcomes(compiled.outcomes).map((o) => o.get),
    householdExcept: p.household?.except ? compiled.compile(p.household.except) : null,
  };
}

const generatedFns = new WeakMap<Compiled, Map<CodeLoader, PersonFns | null>>();

/** The same functions as closuresOf, generated as one piece of code (cached per compiled policy and loader). */
function generatedOf(compiled: Compiled, load: CodeLoader): PersonFns | null {
  let cache = generatedFns.get(compiled);
  if (!cache) generatedFns.set(compiled, (cache = new Map()));
  if (cache.has(load)) return cache.get(load)!;
  const p = compiled.program;
  const present = STANDARD_ORDER.filter((n) => p.outcomes.has(n));
  const extras = extraOutcomes(compiled.outcomes);
  const except = p.household?.except ?? null;
  const roots: Root[] = [
    ...present.map((outcome) => ({ outcome })),
    ...compiled.flags.map((f) => ({ expr: f.decl.when })),
    ...compiled.invariants.map((x) => ({ expr: x.decl.expr })),
    ...extras.map((o) => ({ outcome: o.name })),
    ...(except ? [{ expr: except }] : []),
  ];
  let fns: PersonFns | null = null;
  try {
    const slot = (name: string) => compiled.outcomes.find((o) => o.name === name)!.slot;
    const loaded = loadGenerated(generate(p, roots, slot), load, NO_VALUE);
    if (loaded) {
      let i = 0;
      const standard = STANDARD_ORDER.map((n) => (p.outcomes.has(n) ? loaded[i++]! : none));
      const flags = compiled.flags.map(() => loaded[i++]!);
      const invariants = compiled.invariants.map(() => loaded[i++]!);
      fns = {
        standard,
        flags,
        invariants,
        extras: extras.map(() => loaded[i++]!),
        householdExcept: except ? loaded[i++]! : null,
      };
    }
  } catch {
    // An operation the generator does not handle (NotGenerated), or a fault of its own: the closures do the same
    // work. Tests require every bundled and test policy to be generated.
  }
  cache.set(load, fns);
  return fns;
}

/** What a per-person invariant states: its message, else its source text. */
export function invariantText(compiled: Compiled, decl: AssertDecl): string {
  if (decl.message !== null) return decl.message;
  const { source, start, end } = decl.expr.loc;
  return compiled.program.sources.get(source)?.slice(start.offset, end.offset) ?? '';
}

/** A compiled policy with its parameter values fixed (defaults plus evaluation-time overrides). */
export class Engine {
  readonly params: Value[];
  readonly diagnostics: Diagnostic[] = [];
  // The standard outcomes, each a closure (a constant `无` where the policy does not define it).
  private readonly eligibleOf: Outcome;
  private readonly feeOf: Outcome;
  private readonly subsidyOf: Outcome;
  private readonly timingOf: Outcome;
  private readonly startOf: Outcome;
  private readonly endOf: Outcome;
  private readonly enrolledOf: Outcome;
  private readonly backPaymentOf: Outcome;
  /** How 政府资助 splits by paying body, where its rules name one (主体). */
  private readonly subsidyPayers: PayerPlan | null;
  /** 参保资格's memo slot, where the context keeps the reason of the rule that decided it. */
  private readonly eligibleSlot: number;
  private readonly flagRules: { when: Outcome; flag: ResultFlag }[];
  /** Per-person invariants: a person on whom one gives 否 is flagged `invariant` (unknown is not a break). */
  private readonly invariantRules: { holds: Outcome; name: string; text: string; flag: ResultFlag }[];
  private readonly extras: { name: string; get: Outcome; type: ReturnType<typeof declaredType> }[];
  /** Messages and reasons that insert values, by their text; filled in a closures context of their own. */
  private readonly fillers: Map<string, Filler>;
  private readonly nameField: string | null;
  /** By parameter slot, why its value is unknown (see Context.paramCauses); null where every one is known. */
  private readonly paramCauses: readonly (readonly string[] | null)[] | null;
  private readonly idField: string | null;
  /** Built-in flags already made, by code and argument: results share them (flags are never changed). */
  private readonly madeFlags = new Map<string, ResultFlag>();

  readonly backend: Backend;
  /** The household rule's exception (整户参保 除外), if the policy has one. */
  readonly householdExcept: Outcome | null;

  /** With `loadCode`, the engine runs generated code where it loads (see Backend); without, the closures. */
  constructor(
    readonly compiled: Compiled,
    overrides: ParamOverrides | Map<string, Expr> = {},
    loadCode?: CodeLoader,
  ) {
    const p = compiled.program;
    const given = new Map<string, Expr>();
    for (const [name, text] of overrides instanceof Map ? overrides : Object.entries(overrides)) {
      const entry = p.params.get(name);
      if (!entry) {
        this.diagnostics.push({
          code: 'unknown-parameter',
          severity: 'error',
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
      if (isNegativeLiteral(parsed.expr)) this.diagnostics.push(diag('negative-literal', parsed.expr.loc));
      if (this.diagnostics.length === before) given.set(name, parsed.expr);
    }
    // An override that makes a parameter depend on itself is an error, and the declared values stay.
    for (
      let cycles = findCycles(dependencyGraph(p, given));
      cycles.length > 0;
      cycles = findCycles(dependencyGraph(p, given))
    ) {
      for (const cycle of cycles) {
        this.diagnostics.push({ ...cycleDiagnostic(cycle), hint: OVERRIDE_CYCLE_HINT });
        for (const n of cycle) given.delete(n.name);
      }
    }
    const paramFns = compiled.paramNames.map((n, i) =>
      given.has(n) ? compiled.compile(given.get(n)!) : compiled.paramValue[i]!,
    );
    // Parameters may refer to each other: compute them in a context of their own, each after those it refers to.
    this.params = new Array(paramFns.length);
    const scratch = new Context({}, this.params, compiled.slotCount, null);
    // Why a parameter came out unknown (a division by zero in its value), told to each person who reads it.
    const paramCauses: (readonly string[] | null)[] = new Array(paramFns.length).fill(null);
    scratch.paramCauses = paramCauses;
    for (const name of parameterOrder(dependencyGraph(p, given))) {
      const i = compiled.paramNames.indexOf(name);
      scratch.reset({});
      const v = paramFns[i]!(scratch);
      if (v === UNKNOWN && scratch.causes.length > 0) paramCauses[i] = scratch.causes;
      // A single-category parameter given here holds one name, as its declared value does (runtime/category.ts).
      this.params[i] = given.has(name) && p.params.get(name)!.decl.type.name === 'category' ? oneCategory(v) : v;
    }
    const generated = loadCode ? generatedOf(compiled, loadCode) : null;
    this.backend = generated ? 'generated' : 'closures';
    const fns = generated ?? closuresOf(compiled);
    [this.eligibleOf, this.feeOf, this.subsidyOf, this.timingOf, this.startOf, this.endOf, this.enrolledOf] =
      fns.standard as [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
    this.householdExcept = fns.householdExcept;
    this.eligibleSlot = compiled.outcomes.find((o) => o.name === '参保资格')?.slot ?? -1;
    this.fillers = templateFillers(compiled);
    this.flagRules = compiled.flags.map((f, i) => ({
      when: fns.flags[i]!,
      flag: { code: f.decl.name.name, message: { zh: f.decl.message, en: f.decl.message } },
    }));
    this.invariantRules = compiled.invariants.map((x, i) => {
      const text = invariantText(compiled, x.decl);
      return {
        holds: fns.invariants[i]!,
        name: `核对 ${text}`,
        text,
        flag: builtinFlag('invariant', { message: text }),
      };
    });
    this.extras = extraOutcomes(compiled.outcomes).map((o, i) => ({
      name: o.name,
      get: fns.extras[i]!,
      type: declaredType(p, o.decl.type, o.name),
    }));
    this.backPaymentOf = this.extras.find((x) => x.name === BACK_PAYMENT)?.get ?? none;
    const slotOf = (name: string) => compiled.outcomes.find((o) => o.name === name)!.slot;
    this.subsidyPayers = attributedOutcomes(p).has('政府资助') ? payerPlan(p, '政府资助', slotOf) : null;
    this.paramCauses = paramCauses.some((x) => x !== null) ? paramCauses : null;
    this.nameField = [...p.inputs.values()].find((i) => i.role === 'name')?.name.name ?? null;
    this.idField = compiled.idField;
  }

  /** `text` with its values filled in, where it inserts any (evaluate/template.ts); else `text`. */
  fill(text: string, values: Record<string, FieldValue>): string {
    const filler = this.fillers.get(text);
    if (!filler) return text;
    const year = this.compiled.program.header.year;
    const own = new Context(
      values,
      this.params,
      this.compiled.slotCount,
      this.compiled.idField,
      true,
      year ? dayNumber(year, 12, 31) : null,
    );
    own.paramCauses = this.paramCauses;
    return filler(own);
  }

  /** A flag whose message inserts values, filled in for this person (the same flag otherwise). */
  private filled(flag: ResultFlag, values: Record<string, FieldValue>): ResultFlag {
    if (this.fillers.size === 0) return flag;
    const { zh, en } = flag.message;
    const filledZh = this.fill(zh, values);
    const filledEn = en === zh ? filledZh : this.fill(en, values);
    return filledZh === zh && filledEn === en ? flag : { ...flag, message: { zh: filledZh, en: filledEn } };
  }

  /** A context for this engine's functions (of a generated engine: not for the compiled closures). */
  context(values: Record<string, FieldValue>): Context {
    const year = this.compiled.program.header.year;
    const latestBirth = year ? dayNumber(year, 12, 31) : null;
    const c = new Context(
      values,
      this.params,
      this.compiled.slotCount,
      this.compiled.idField,
      this.backend === 'closures',
      latestBirth,
    );
    c.paramCauses = this.paramCauses;
    return c;
  }

  /** Evaluates one person. `row` is the 1-based roster row (0 for examples). */
  evaluate(values: Record<string, FieldValue>, row: number, c: Context = this.context(values)): PersonResult {
    const eligible = this.eligibleOf(c);
    const fee = this.feeOf(c);
    const subsidy = this.subsidyOf(c);
    const timing = this.timingOf(c);
    const start = this.startOf(c);
    const end = this.endOf(c);
    const backPayment = this.backPaymentOf(c);
    let unknown = unknownIf(NO_UNKNOWN, eligible, '参保资格');
    unknown = unknownIf(unknown, fee, '个人缴费');
    unknown = unknownIf(unknown, subsidy, '政府资助');
    unknown = unknownIf(unknown, timing, '资助方式');
    unknown = unknownIf(unknown, start, '待遇开始');
    unknown = unknownIf(unknown, end, '待遇结束');
    unknown = unknownIf(unknown, this.enrolledOf(c), '已参保');
    let own: ResultFlag[] = NO_FLAGS;
    for (let i = 0; i < this.flagRules.length; i++) {
      const rule = this.flagRules[i]!;
      const when = rule.when(c);
      if (when === true) own = withFlag(own, this.filled(rule.flag, values));
      else unknown = unknownIf(unknown, when, rule.flag.code);
    }
    // An invariant is broken where its condition is 否; where it is unknown, it is flagged as unknown like a flag rule.
    let broken: ResultFlag[] = NO_FLAGS;
    for (let i = 0; i < this.invariantRules.length; i++) {
      const rule = this.invariantRules[i]!;
      const holds = rule.holds(c);
      if (holds === false)
        broken = withFlag(
          broken,
          this.fillers.has(rule.text) ? builtinFlag('invariant', { message: this.fill(rule.text, values) }) : rule.flag,
        );
      else unknown = unknownIf(unknown, holds, rule.name);
    }
    let extras = NO_EXTRAS;
    if (this.extras.length > 0) {
      extras = {};
      for (const x of this.extras) {
        const v = x.get(c);
        unknown = unknownIf(unknown, v, x.name);
        extras[x.name] = typedValue(v, x.type);
      }
    }
    // Flags in a fixed order: the ID, the causes of unknown results, eligibility, the policy's own, broken invariants.
    let flags: ResultFlag[] = NO_FLAGS;
    const id = c.idCheck();
    if (!id.ok) flags = withFlag(flags, this.flag('invalid-id', 'problem', id.problem));
    if (unknown.length > 0) flags = this.unknownFlags(flags, unknown, c);
    const collection = collectionOf(eligible, fee, subsidy, timing);
    if (collection.mismatch) {
      unknown = unknown === NO_UNKNOWN ? [] : unknown;
      unknown.push('柜面应收', '事后补助', '个人实际负担');
      flags = withFlag(flags, this.flag('collection-mismatch', 'problem', collection.mismatch));
    }
    let subsidyByPayer: Record<string, number> | undefined;
    if (this.subsidyPayers && typeof subsidy === 'number') {
      subsidyByPayer = Object.create(null) as Record<string, number>;
      payerSplit(c, this.subsidyPayers, subsidy, subsidyByPayer);
    }
    let reason: string | null = null;
    if (eligible === false) {
      reason = (this.eligibleSlot >= 0 ? c.reason[this.eligibleSlot] : null) ?? '不符合参保条件';
      reason = this.fill(reason, values);
      flags = withFlag(flags, this.flag('not-eligible', 'reason', reason));
    }
    for (let i = 0; i < own.length; i++) flags = withFlag(flags, own[i]!);
    for (let i = 0; i < broken.length; i++) flags = withFlag(flags, broken[i]!);
    const idValue = this.idField ? values[this.idField] : null;
    const nameValue = this.nameField ? values[this.nameField] : null;
    return {
      row,
      idNumber: typeof idValue === 'string' ? idValue : null,
      name: typeof nameValue === 'string' ? nameValue : null,
      eligible: typeof eligible === 'boolean' ? eligible : null,
      reason,
      personalFee: typeof fee === 'number' ? fee : null,
      subsidy: typeof subsidy === 'number' ? subsidy : null,
      subsidyTiming:
        timing === 'upfront' || timing === 'after-payment' || timing === 'waived' ? (timing as SubsidyTiming) : null,
      benefitStart: typeof start === 'number' ? start : null,
      benefitEnd: typeof end === 'number' ? end : null,
      backPayment: typeof backPayment === 'number' ? backPayment : null,
      due: collection.due,
      credited: collection.credited,
      netCost: collection.netCost,
      ...(subsidyByPayer ? { subsidyByPayer } : {}),
      flags,
      extras,
      unknown,
    };
  }

  /**
   * The flags saying why some results of this person are unknown: one per cause noted while computing them
   * (Context.noteUnknown), or, where none was noted, `unknown-outcome` naming each unknown result.
   */
  private unknownFlags(flags: ResultFlag[], unknown: string[], c: Context): ResultFlag[] {
    const causes = c.causes;
    if (causes.length === 0) {
      for (const name of unknown) flags = withFlag(flags, this.flag('unknown-outcome', 'name', name));
      return flags;
    }
    for (let i = 0; i < causes.length; i += 2) {
      const code = causes[i] as UnknownCause,
        arg = causes[i + 1]!;
      // A cell missing from a short row is flagged `short-row` by the roster (evaluate/roster.ts).
      if (code === 'unreadable-value' && c.unreadable.some((u) => u.field === arg && u.missing)) continue;
      // An invalid ID number is flagged `invalid-id` for every such person already (its flag names the problem).
      if (code === 'invalid-id') continue;
      flags = withFlag(
        flags,
        code === 'unreadable-value'
          ? this.unreadableFlag(arg, c)
          : code === 'division-by-zero' || code === 'arithmetic-overflow'
            ? this.siteFlag(code, arg)
            : this.flag(code, 'name', arg),
      );
    }
    return flags;
  }

  /** The flag of field `field`'s unreadable cell, naming its column, text and the nearest known value. */
  private unreadableFlag(field: string, c: Context): ResultFlag {
    const cell = c.unreadable.find((u) => u.field === field) ?? { field, column: field, text: '' };
    const key = `unreadable-value\u0000${cell.column}\u0000${cell.text}`;
    let f = this.madeFlags.get(key);
    if (!f) {
      const args = {
        column: cell.column,
        text: cell.text,
        ...(cell.suggestion ? { suggestion: cell.suggestion } : {}),
      };
      this.madeFlags.set(key, (f = builtinFlag('unreadable-value', args)));
    }
    return f;
  }

  /** The flag of a division by zero or an overflow at `site` (file:line:column), naming the rule around it. */
  private siteFlag(code: 'division-by-zero' | 'arithmetic-overflow', site: string): ResultFlag {
    const key = code + '\u0000' + site;
    let f = this.madeFlags.get(key);
    if (!f) {
      const owner = siteOwner(this.compiled.program, site) ?? { zh: '政策中', en: 'the policy' };
      this.madeFlags.set(key, (f = builtinFlag(code, { at: site, owner: owner.zh, ownerEn: owner.en })));
    }
    return f;
  }

  private flag(code: BuiltinFlagCode, arg: string, value: string): ResultFlag {
    const key = code + '\u0000' + value;
    let f = this.madeFlags.get(key);
    if (!f) this.madeFlags.set(key, (f = builtinFlag(code, { [arg]: value })));
    return f;
  }

  /** Whether the person counts as enrolled (已参保). */
  enrolled(c: Context): boolean {
    return this.enrolledOf(c) === true;
  }

  /** 已参保 as the result carries it: yes, no, or null where it came out unknown. */
  enrolledState(c: Context): boolean | null {
    const v = this.enrolledOf(c);
    return v === UNKNOWN ? null : v === true;
  }
}
