// The checked program: a policy's declarations after `继承` is resolved, with every expression's type.
import type * as A from '../ast.js';
import type { PolicyHeader } from '../model.js';
import type { Domain, Type } from './types.js';
import { dict } from '../dict.js';
import type { Template } from './template.js';

export interface ParamEntry {
  decl: A.ParamDecl;
  /** The inherited value `原值` refers to, when a child overrides a parameter. */
  base: A.Expr | null;
}

export interface Program {
  path: string;
  header: PolicyHeader;
  clauses: Map<string, string>;
  inputs: Map<string, A.InputDecl>;
  domains: Map<string, Domain>;
  params: Map<string, ParamEntry>;
  groups: Map<string, A.GroupDecl>;
  defines: Map<string, A.DefineDecl>;
  outcomes: Map<string, A.OutcomeDecl>;
  periods: Map<string, A.PeriodDecl>;
  deadlines: Map<string, A.DeadlineDecl>;
  flags: A.FlagDecl[];
  /** Constant checks (`核对`), evaluated when the policy is loaded. */
  asserts: A.AssertDecl[];
  /** Per-person invariants (`核对 每人`): the witness search looks for a person who breaks one; flagged at run time. */
  invariants: A.AssertDecl[];
  household: A.HouseholdDecl | null;
  targets: A.TargetsDecl | null;
  goals: A.GoalDecl[];
  cashLimit: A.CashLimitDecl | null;
  examples: A.ExampleDecl[];
  /** `类型` declarations (category types shared by several inputs), by name. */
  typeDecls: Map<string, A.TypeDecl>;
  /** `汇总 按 …`: the category inputs and outcomes the summary breaks down by, in order. */
  summaryBy: A.Ident[];
  /** Messages and reasons that insert values (`{…}`), by their text (check/template.ts). */
  templates: Map<string, Template>;
  /** The type of every checked expression. */
  types: Map<A.Expr, Type>;
  /** Type of each define, inferred. */
  defineTypes: Map<string, Type>;
  /** Source text of every file read (for diagnostic frames). */
  sources: Map<string, string>;
  /** The entry file's `继承` line, when it inherits. */
  extendsAt?: A.Loc;
  /** Where 年度 was last set (in a parent's header when the entry file leaves it out). */
  yearAt?: A.Loc;
  /** `模板：是` in the entry file: a rule set for other files to inherit, not evaluable alone. */
  template?: boolean;
  /** The files of the chain that are templates (their values are not last year's: no `inherited-from-last-year`). */
  templateFiles?: Set<string>;
  /** Per outcome, where `扩展 结果` amended it (in the order the files apply). */
  amended?: Map<string, A.Loc[]>;
}

/** What a bare name in an expression refers to. */
export type Symbol =
  | { kind: 'input'; decl: A.InputDecl }
  | { kind: 'builtin'; name: BuiltinName }
  | { kind: 'param'; entry: ParamEntry }
  | { kind: 'define'; decl: A.DefineDecl }
  | { kind: 'outcome'; decl: A.OutcomeDecl }
  | { kind: 'period'; decl: A.PeriodDecl }
  | { kind: 'deadline'; decl: A.DeadlineDecl }
  | { kind: 'group'; decl: A.GroupDecl }
  | { kind: 'value'; name: string };

export type BuiltinName = 'birth' | 'sex' | 'year' | 'yearStart' | 'yearEnd';

/** Built-in per-person and per-policy names, Chinese and English. */
export const BUILTIN_NAMES: Record<string, BuiltinName> = dict({
  出生日期: 'birth',
  birth_date: 'birth',
  性别: 'sex',
  sex: 'sex',
  年度: 'year',
  coverage_year: 'year',
  年度开始: 'yearStart',
  year_start: 'yearStart',
  年度结束: 'yearEnd',
  year_end: 'yearEnd',
});

/** Standard outcomes every policy defines; the app relies on them. */
export const STANDARD_OUTCOMES = [
  { zh: '参保资格', en: 'eligible', type: 'boolean' },
  { zh: '个人缴费', en: 'personal fee', type: 'money' },
  { zh: '政府资助', en: 'subsidy', type: 'money' },
  { zh: '资助方式', en: 'subsidy timing', type: 'timing' },
  { zh: '已参保', en: 'enrolled', type: 'boolean' },
  { zh: '待遇开始', en: 'benefit start', type: 'date' },
  { zh: '待遇结束', en: 'benefit end', type: 'date' },
] as const;

/** 历年补缴: the back payment of earlier years, an optional standard outcome the summary sums apart from the fees. */
export const BACK_PAYMENT = '补缴金额';

/** Standard outcomes a policy may define; where it does, the app sums them in the summary. */
export const OPTIONAL_STANDARD_OUTCOMES = [{ zh: BACK_PAYMENT, en: 'back payment', type: 'money' }] as const;

export const STANDARD_OUTCOME_ALIASES: Record<string, string> = dict({
  eligible: '参保资格',
  personal_fee: '个人缴费',
  subsidy: '政府资助',
  subsidy_timing: '资助方式',
  enrolled: '已参保',
  benefit_start: '待遇开始',
  benefit_end: '待遇结束',
  back_payment: BACK_PAYMENT,
});

/** Look a name up: declarations first, then built-ins, then category values. */
export function lookup(p: Program, name: string): Symbol | null {
  const input = p.inputs.get(name);
  if (input) return { kind: 'input', decl: input };
  const param = p.params.get(name);
  if (param) return { kind: 'param', entry: param };
  const define = p.defines.get(name);
  if (define) return { kind: 'define', decl: define };
  const outcome = p.outcomes.get(name) ?? p.outcomes.get(STANDARD_OUTCOME_ALIASES[name] ?? '');
  if (outcome) return { kind: 'outcome', decl: outcome };
  const period = p.periods.get(name);
  if (period) return { kind: 'period', decl: period };
  const deadline = p.deadlines.get(name);
  if (deadline) return { kind: 'deadline', decl: deadline };
  const group = p.groups.get(name);
  if (group) return { kind: 'group', decl: group };
  const builtin = BUILTIN_NAMES[name];
  if (builtin) return { kind: 'builtin', name: builtin };
  for (const d of p.domains.values()) if (d.names.has(name)) return { kind: 'value', name: canonical(d, name) };
  return null;
}

/** The canonical value for a name or alias in a domain. */
export function canonical(d: Domain, name: string): string {
  for (const v of d.values) if (v.name === name || v.aliases.includes(name)) return v.name;
  return name;
}

/** Every name a policy defines (for "did you mean"). */
export function allNames(p: Program): string[] {
  return [
    ...p.inputs.keys(),
    ...p.params.keys(),
    ...p.defines.keys(),
    ...p.outcomes.keys(),
    ...p.periods.keys(),
    ...p.deadlines.keys(),
    ...p.groups.keys(),
    ...Object.keys(BUILTIN_NAMES),
    ...[...p.domains.values()].flatMap((d) => d.values.map((v) => v.name)),
  ];
}
