// The policy syntax tree: what the grammar builds (nodes only, each with its location) and the printer prints.
import type { ExtendOutcomeDecl, ParamValueDecl } from './ast-amend.js';
export type { Amendment, ExtendOutcomeDecl, ParamValueDecl, RuleTarget } from './ast-amend.js';

export interface Point {
  offset: number;
  line: number;
  column: number;
}
export interface Loc {
  source: string;
  start: Point;
  end: Point;
}

export interface PolicyFile {
  kind: 'file';
  items: Item[];
  loc: Loc;
}

export type Item =
  | HeaderDecl
  | ExtendsDecl
  | ClauseDecl
  | InputDecl
  | ParamDecl
  | GroupDecl
  | DefineDecl
  | OutcomeDecl
  | FlagDecl
  | AssertDecl
  | HouseholdDecl
  | TargetsDecl
  | GoalDecl
  | PeriodDecl
  | DeadlineDecl
  | CashLimitDecl
  | ExampleDecl
  | ExtendOutcomeDecl
  | ParamValueDecl
  | TypeDecl
  | SummaryDecl;

export interface Ident {
  name: string;
  loc: Loc;
}

/** A clause of the notice, e.g. 二(一), normalised to half-width parentheses. */
export interface ClauseRef {
  id: string;
  loc: Loc;
}

export type HeaderKey =
  | 'title'
  | 'province'
  | 'city'
  | 'county'
  | 'year'
  | 'documentNumber'
  | 'issued'
  /** `模板：是`: a rule set other files inherit, not evaluable alone. */
  | 'template';

export interface HeaderField {
  key: HeaderKey;
  value: string;
  loc: Loc;
}

export interface HeaderDecl {
  kind: 'header';
  fields: HeaderField[];
  loc: Loc;
}

export interface ExtendsDecl {
  kind: 'extends';
  path: string;
  loc: Loc;
}

export interface ClauseDecl {
  kind: 'clause';
  id: ClauseRef;
  text: string;
  loc: Loc;
}

export type TypeName =
  | 'money'
  | 'date'
  | 'moment'
  | 'duration'
  | 'percent'
  | 'integer'
  | 'boolean'
  | 'text'
  | 'category'
  | 'categories'
  | 'period'
  | 'timing'
  | 'id-number'
  | 'table'
  /** A type declared with `类型` (ref names it); resolved by the checker (check/named-types.ts). */
  | 'named';

export interface CategoryValueDecl {
  name: Ident;
  aliases: string[];
  loc: Loc;
}

export interface TypeExpr {
  kind: 'type';
  name: TypeName;
  /** For category / categories. */
  values?: CategoryValueDecl[];
  /** For table: key and value types. */
  key?: TypeExpr;
  value?: TypeExpr;
  /** For named: the `类型` it refers to. */
  ref?: Ident;
  loc: Loc;
}

export type Role = 'id-number' | 'name' | 'township' | 'village' | 'household' | 'payment-date' | HistoryRole;

/** Coverage history (grammar/reference/dates-and-history.md): 连续参保年数, 断保年数, 补缴年数, 上年享受待遇. */
export type HistoryRole = 'continuous-years' | 'broken-years' | 'back-paid-years' | 'benefit-last-year';

export interface InputDecl {
  kind: 'input';
  name: Ident;
  type: TypeExpr;
  columns: string[];
  required: boolean;
  role: Role | null;
  clause: ClauseRef | null;
  /** `缺省 值`: the value of an empty cell (never of an unreadable one). */
  default?: Expr;
  loc: Loc;
}

export interface ParamDecl {
  kind: 'param';
  name: Ident;
  type: TypeExpr;
  value: Expr | null;
  clause: ClauseRef | null;
  /** `缺省 表达式`: the value when none is declared nor given at evaluation time. */
  default?: Expr;
  loc: Loc;
}

export interface GroupDecl {
  kind: 'group';
  name: Ident;
  members: Ident[];
  clause: ClauseRef | null;
  loc: Loc;
}

export interface DefineDecl {
  kind: 'define';
  name: Ident;
  expr: Expr;
  clause: ClauseRef | null;
  loc: Loc;
}

/** How the values of several rules that apply are combined. */
export type Combine = 'unique' | 'first' | 'max' | 'min' | 'sum';

export interface Rule {
  /** null: the `否则` default. */
  when: Expr | null;
  value: Expr;
  reason: string | null;
  clause: ClauseRef | null;
  /** `标签 "…"`: a name a child file's `扩展 结果` can refer to this rule by. */
  label?: string | null;
  /** `主体 "…"`: the body that pays the amount this rule gives (absent in trees built before it existed). */
  payer?: PayerAttr | null;
  loc: Loc;
}

/** A rule's paying body (`主体 "医疗救助资金"`), see grammar/reference/attributes-and-collection.md. */
export interface PayerAttr {
  text: string;
  loc: Loc;
}

/** How a person's subsidy is collected: 缴费时抵扣 (差额征缴), 先缴后补, 免征代缴. */
export type TimingValue = 'upfront' | 'after-payment' | 'waived';

export interface OutcomeDecl {
  kind: 'outcome';
  name: Ident;
  type: TypeExpr;
  combine: Combine;
  rules: Rule[];
  clause: ClauseRef | null;
  loc: Loc;
}

export interface FlagDecl {
  kind: 'flag';
  name: Ident;
  when: Expr;
  message: string;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface AssertDecl {
  kind: 'assert';
  /** `核对 每人`: a per-person invariant (checked by the witness search and flagged at run time), not a constant. */
  each: boolean;
  expr: Expr;
  message: string | null;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface HouseholdDecl {
  kind: 'household';
  field: Ident;
  except: Expr | null;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface TargetEntry {
  name: string;
  value: number;
  loc: Loc;
}

export interface TargetsDecl {
  kind: 'targets';
  field: Ident;
  entries: TargetEntry[];
  total: number | null;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface GoalDecl {
  kind: 'goal';
  group: Ident | null;
  /** Percent × 100. */
  rate: number;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface PeriodDecl {
  kind: 'period';
  name: Ident;
  start: Expr;
  end: Expr;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface DeadlineDecl {
  kind: 'deadline';
  name: Ident;
  date: Expr;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface CashLimitDecl {
  kind: 'cash-limit';
  amount: Expr;
  days: Expr;
  clause: ClauseRef | null;
  loc: Loc;
}

export interface Binding {
  name: Ident;
  value: Expr;
  loc: Loc;
}

export interface ExampleDecl {
  kind: 'example';
  name: string;
  inputs: Binding[];
  params: Binding[];
  expect: Binding[];
  /** `年度：2026`: the coverage year the example runs in (else the policy's). */
  year?: { value: number; loc: Loc } | null;
  loc: Loc;
}

export type DurationUnit = 'day' | 'month' | 'year';

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '=' | '!=' | 'and' | 'or' | 'in' | 'not-in';

/** An expression the author wrote in parentheses (kept for the printer; it changes no value). */
export interface Parenthesised {
  paren?: true;
}

export type Expr = (
  | { kind: 'money'; fen: number; loc: Loc }
  | { kind: 'date'; days: number; loc: Loc }
  /** 时刻 `2025-12-20 16:00`: minutes since 1970-01-01 00:00 (runtime/moment.ts). */
  | { kind: 'moment'; minutes: number; loc: Loc }
  | { kind: 'duration'; amount: number; unit: DurationUnit; loc: Loc }
  | { kind: 'percent'; hundredths: number; loc: Loc }
  | { kind: 'integer'; value: number; loc: Loc }
  | { kind: 'boolean'; value: boolean; loc: Loc }
  | { kind: 'text'; value: string; loc: Loc }
  | { kind: 'none'; loc: Loc }
  /** `word`: the keyword as written, where a category value of that name may be meant (先缴后补). */
  | { kind: 'timing'; value: TimingValue; word?: string; loc: Loc }
  | { kind: 'base'; loc: Loc }
  | { kind: 'name'; name: string; loc: Loc }
  | { kind: 'set'; items: Ident[]; loc: Loc }
  | { kind: 'table'; entries: { key: Expr; value: Expr }[]; loc: Loc }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; loc: Loc }
  | { kind: 'not'; operand: Expr; loc: Loc }
  | { kind: 'neg'; operand: Expr; loc: Loc }
  | { kind: 'call'; fn: Ident; args: Expr[]; loc: Loc }
  | { kind: 'if'; cond: Expr; then: Expr; else: Expr; loc: Loc }
  | { kind: 'index'; target: Expr; key: Expr; loc: Loc }
  /** `主体(结果)`: an attribute of the rule that decided an outcome. */
  | { kind: 'attribute'; attr: 'payer'; outcome: Ident; loc: Loc }
) &
  Parenthesised;

export type ExprKind = Expr['kind'];

/** `类型 困难类别 = 类别集 {…}`: a category type declared once, for several inputs. */
export interface TypeDecl {
  kind: 'type-decl';
  name: Ident;
  type: TypeExpr;
  clause: ClauseRef | null;
  loc: Loc;
}

/** `汇总 按 征缴方式，资助档次`: summary dimensions (category outcomes or inputs). */
export interface SummaryDecl {
  kind: 'summary';
  by: Ident[];
  clause: ClauseRef | null;
  loc: Loc;
}
