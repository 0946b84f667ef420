// Public shapes of a compiled policy and of its results: what the roster reader, worker, store and UI consume.
import type { Role } from './ast.js';
import type { Bilingual, Diagnostic } from './diagnostic.js';
import type { DayNumber } from './runtime/calendar.js';
import type { Fen } from './runtime/money.js';
import type { IdCheck } from './runtime/id-number.js';

/** How a roster column is read. */
export type FieldKind =
  'text' | 'id-number' | 'date' | 'moment' | 'money' | 'integer' | 'boolean' | 'category' | 'category-set';

export interface CategorySpec {
  /** Canonical value, e.g. 特困人员. */
  name: string;
  /** Other spellings that mean the same, e.g. 特困供养人员. */
  aliases: string[];
}

/** One roster field the policy reads (an `输入` declaration). */
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Accepted column headers (the field's own name first). */
  columns: string[];
  /** Allowed values for category kinds. */
  categories?: CategorySpec[];
  /** A person cannot be evaluated without it (e.g. 身份证号码). */
  required: boolean;
  /** Roles the app relies on: the person's ID, name, township, village, household. */
  role?: FieldRole;
}

export type FieldRole = Role;

/**
 * A read field value: text/id-number → string; date → DayNumber; money → Fen; integer → number;
 * boolean → boolean; category → canonical name; category-set → canonical names; null → empty or unreadable.
 */
export type FieldValue = string | number | boolean | string[] | null;

/** One data row of a roster after reading. `row` is the 1-based data row (header excluded). */
export interface RosterRow {
  row: number;
  values: Record<string, FieldValue>;
  /** Problems found while reading this row (bad date, unknown category …); the row is kept. */
  problems: Diagnostic[];
  /** The ID number as checked when read, so evaluation need not check it again (used only while `value` is the row's ID). */
  id?: { value: string; check: IdCheck } | undefined;
  /**
   * Cells that held text but could not be read (a misspelt category, a bad date …). The field is then
   * *unknown* for this person, not empty: every outcome that depends on it comes out unknown and is flagged.
   */
  unreadable?: UnreadableCell[] | undefined;
}

/** A cell whose text could not be read as its field's type. */
export interface UnreadableCell {
  field: string;
  /** The column header as it stands in the file. */
  column: string;
  /** The cell's text as it stands in the file. */
  text: string;
  /** For categories: the nearest known value (“did you mean”). */
  suggestion?: string;
  /** The row ended before this column (a short row): the cell is not there at all, and `text` is empty. */
  missing?: boolean;
}

/**
 * An extra outcome's value (evaluate/typed-value.ts): money as a number of yuan (90, 90.5), a date as `YYYY-MM-DD`,
 * yes/no as true/false, a whole number or percentage (50% → 50) as a number, a category by its name (several
 * joined by 、), other values as their display text; null: none or unknown.
 */
export type ExtraValue = string | number | boolean | null;

/** 缴费时抵扣 (差额征缴), 先缴后补, 免征代缴 (nothing collected from the person). */
export type SubsidyTiming = 'upfront' | 'after-payment' | 'waived';

export interface ResultFlag {
  code: string;
  message: Bilingual;
}

/** The standard outcomes for one person, internal units (fen, day numbers). */
export interface PersonResult {
  row: number;
  idNumber: string | null;
  name: string | null;
  eligible: boolean | null;
  reason: string | null;
  personalFee: Fen | null;
  subsidy: Fen | null;
  subsidyTiming: SubsidyTiming | null;
  benefitStart: DayNumber | null;
  benefitEnd: DayNumber | null;
  /**
   * 补缴金额: back payment of earlier years (verified by the medical-insurance office), apart from this year's fee;
   * null where none or unknown. Set by the engine; also shown among `extras` (absent in rows rebuilt from storage).
   */
  backPayment?: Fen | null;
  /**
   * The collection results (evaluate/collection.ts): 柜面应收 due at the counter, 事后补助 credited afterwards,
   * 个人实际负担 the person's net cost; null: unknown. Absent in rows rebuilt from storage.
   */
  due?: Fen | null;
  credited?: Fen | null;
  netCost?: Fen | null;
  /**
   * 政府资助 split by paying body (主体 of the rules that decided it; '' for the part no rule names a body of), for
   * a policy whose 政府资助 has 主体 attributes and a person whose subsidy is known; absent otherwise.
   */
  subsidyByPayer?: Record<string, Fen>;
  /** 已参保 (null: unknown). Set for roster rows by evaluateRosterWith; absent for a lone example. */
  enrolled?: boolean | null;
  flags: ResultFlag[];
  /** Policy-defined extra outcomes, typed (see ExtraValue; null: none, or unknown if listed in `unknown`). */
  extras: Record<string, ExtraValue>;
  /**
   * The outcomes (standard and extra) and policy flags that came out *unknown* for this person, not merely empty
   * (a null above is “none” unless its outcome is listed here); flags say why. Absent or empty: nothing unknown.
   */
  unknown?: string[];
}

export interface PolicyHeader {
  title: string;
  province: string;
  city: string;
  county: string;
  year: number;
  documentNumber: string;
  issued: string | null;
}

export interface Clause {
  id: string;
  text: string;
}

export interface TargetTable {
  field: string;
  entries: { name: string; target: number }[];
  total: number;
  clause?: string;
}

export interface ParticipationGoal {
  /** null: the whole county. Otherwise a group name. */
  group: string | null;
  members: string[];
  /** Percent × 100 (98% = 9800). */
  rate: number;
  clause?: string;
}

/** Operational rules the app shows but does not compute per person. */
export interface OperationalRule {
  kind: 'period' | 'deadline' | 'cash-limit' | 'note';
  name: string;
  /** Human-readable value, e.g. 2019-09-01 至 2019-12-25. */
  value: string;
  start?: DayNumber;
  end?: DayNumber;
  clause?: string;
}

export interface SummaryRow {
  /** Township (or village, or the county) name. */
  name: string;
  rows: number;
  eligible: number;
  enrolled: number;
  target: number | null;
  /** enrolled / target (or / eligible when there is no target), as a fraction 0–1; null when undefined. */
  rate: number | null;
  /** Fees and subsidies known (the unknown ones are not in these totals: see `unknown`). */
  collected: Fen;
  subsidyUpfront: Fen;
  subsidyAfterPayment: Fen;
  /**
   * The collection mechanics (grammar/reference/attributes-and-collection.md), over the eligible people whose results
   * are known: subsidies under 免征代缴 (not in subsidyUpfront), 柜面应收, 事后补助, 个人实际负担, and how many eligible
   * people's collection results are unknown. Absent in summaries stored before they existed.
   */
  subsidyWaived?: Fen;
  due?: Fen;
  credited?: Fen;
  netCost?: Fen;
  collectionUnknown?: number;
  /**
   * 政府资助 by paying body (主体), over the eligible people whose subsidy is known; '' is the part no rule names a
   * body of. Present where the policy's 政府资助 has 主体 attributes. A prototype-free record (bodies are user text).
   */
  subsidyByPayer?: Record<string, Fen>;
  /** People whose eligibility, fee or subsidy is unknown (their unknown amounts are in no total above). */
  unknown: number;
  /**
   * Sum of 补缴金额 (back payments of earlier years, kept apart from `collected`), over every row that has one;
   * null or absent (summaries stored before it existed): the policy has no such outcome.
   */
  backPayment?: Fen | null;
  /** Per special group: eligible and enrolled counts (for the 100% goal). */
  groups: Record<string, { rows: number; enrolled: number }>;
}

export interface RosterSummary {
  county: SummaryRow;
  townships: SummaryRow[];
  villages: (SummaryRow & { township: string })[];
  flags: Record<string, number>;
  goals: ParticipationGoal[];
  /**
   * Rows whose ID number an earlier row already has: left out of every count and total above, so each person
   * counts once (at the first row). `rows`: the first 200 such rows, each with the row it repeats.
   */
  duplicates: { count: number; rows: { row: number; first: number }[] };
  /**
   * `汇总 按 …`: for each category input or outcome the policy names, the county's people per value (absent in
   * summaries stored before it existed, or where the policy names none).
   */
  breakdowns?: Breakdown[];
}

/** The county's people by the values of one category input or outcome (evaluate/breakdown.ts). */
export interface Breakdown {
  /** The input or outcome, e.g. 征缴方式. */
  by: string;
  /** Whether a person may hold several values (类别集): then one person counts under each value held. */
  multi: boolean;
  /** One line per value, in the order declared, then 无 (none) and 未知 (unknown) where anyone has them. */
  values: BreakdownRow[];
}

export interface BreakdownRow {
  /** The value's name; 无 for people without a value, 未知 for those whose value is unknown. */
  value: string;
  kind: 'value' | 'none' | 'unknown';
  rows: number;
  eligible: number;
  enrolled: number;
  /** Fees and subsidies of the eligible people counted here whose amounts are known (as SummaryRow). */
  collected: Fen;
  subsidy: Fen;
}

export interface ExampleOutcome {
  name: string;
  passed: boolean;
  /** Lines describing each mismatch (bilingual). */
  failures: Bilingual[];
  diagnostics: Diagnostic[];
}
