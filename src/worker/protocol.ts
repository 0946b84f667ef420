// Every message between the page and the roster worker, declared once.
import type { Bilingual, Diagnostic } from '../lang/diagnostic.js';
import type { ExplainStep } from '../lang/api.js';
import type { ExampleOutcome, OperationalRule, PolicyHeader, RosterSummary } from '../lang/model.js';
import type { ColumnMatch } from '../roster/columns.js';
import type { ProblemKind } from '../roster/problems.js';
import type { Rejected, RosterMeta, StoreName } from '../store/index.js';
import type { ToPayVillage } from './topay.js';
import type { ProblemRow } from './problem-rows.js';
import type { CompareRow, Comparison } from './compare.js';
import type { TryPersonAnswer, TryPersonRequest } from './try-person.js';
import type { ExampleGridAnswer } from './example-grid.js';
import type { DiffRequest } from './policy-diff.js';
import type { PolicyDiff } from '../lang/explain/diff.js';

/**
 * A roster file: its bytes, or (better for a county) the File/Blob itself, which the worker reads, so the page never
 * copies 60 MB (posting a Blob passes a handle; posting bytes copies them on the page's thread).
 */
export type RosterFile = { name: string; bytes: Uint8Array } | { name: string; blob: Blob };

export interface PolicyRef {
  entry: string;
  /** Every policy file by name, so `继承` resolves. */
  sources: Record<string, string>;
}

export interface ResultFilter {
  township?: string;
  village?: string;
  category?: string;
  flag?: string;
  eligible?: 'yes' | 'no';
  /** 已参保: yes, no, or yes but with at least one flag. */
  enrolled?: EnrolledFilter;
  search?: string;
}

export type EnrolledFilter = 'yes' | 'no' | 'yes-flagged';

/** Any column of the Results table can sort the whole roster. */
export type SortColumn =
  | 'row'
  | 'name'
  | 'idNumber'
  | 'township'
  | 'village'
  | 'category'
  | 'personalFee'
  | 'subsidy'
  | 'benefitStart'
  | 'benefitEnd'
  | 'eligible'
  | 'enrolled'
  | 'flags';

export interface ResultView {
  row: number;
  name: string;
  idNumber: string;
  township: string;
  village: string;
  category: string;
  eligible: boolean | null;
  reason: string | null;
  personalFee: number | null;
  subsidy: number | null;
  subsidyTiming: 'upfront' | 'after-payment' | 'waived' | null;
  benefitStart: number | null;
  benefitEnd: number | null;
  /** 已参保 (null: unknown). */
  enrolled: boolean | null;
  flags: { code: string; message: Bilingual }[];
}

/** A parameter the policy leaves without a value, and the people whose results it leaves unknown if left empty. */
export interface UnsetParameter {
  name: string;
  type: string;
  /** People flagged “missing parameter” for this one when the clerk supplies no value. */
  unknownIfEmpty: number;
}

export interface InspectResult {
  headers: string[];
  mapping: ColumnMatch[];
  encoding: string | null;
  sheetNames: string[];
  rowCount: number;
  /** The first 500 row problems (duplicate IDs among them), in row order. */
  problems: Diagnostic[];
  problemCount: number;
  /** Every row problem by kind (short rows, unreadable cells, duplicate and invalid IDs …): count and first rows. */
  problemKinds: ProblemKind[];
  diagnostics: Diagnostic[];
  /** Parameters the policy leaves without a value (the clerk may supply them for this import). */
  unsetParameters: UnsetParameter[];
}

export interface ImportDone {
  rosterId: string;
  summary: RosterSummary;
  rowCount: number;
  memoryOnly: Bilingual | null;
  /** Of an import: how the roster was computed (see RosterEvaluation.evaluator). */
  evaluator?: 'generated' | 'closures';
}

/** `topay-*`: 待缴费名单, the eligible people not yet enrolled, by township and village. */
export type ExportFormat =
  'xlsx' | 'csv' | 'summary-xlsx' | 'summary-csv' | 'topay-xlsx' | 'topay-csv' | 'problems-xlsx' | 'problems-csv';

/** A policy checked in the worker: its problems and what an import will ask for. */
export interface PolicyCheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  unsetParameters: { name: string; type: string }[];
  /** Roster fields the policy reads (name and accepted headers). */
  fields: { name: string; columns: string[]; required: boolean }[];
}

/** What the page shows of a policy that checks: its header and operational rules. */
export interface PolicyOutline {
  header: PolicyHeader;
  operations: OperationalRule[];
}

/** A policy text as the editor shows it, checked in the worker: its problems, its outline and its examples run. */
export interface PolicyReview {
  diagnostics: Diagnostic[];
  /** null: the policy has errors (and its examples were not run). */
  outline: PolicyOutline | null;
  examples: ExampleOutcome[];
  /** The 条款 the policy files record, with where rules cite them (for the notice beside the rules). */
  clauses?: ClauseCitation[];
}

/** Where a rule or declaration cites a clause (`条款 X`): file, line and column (1-based) and offset. */
export interface CitingPlace {
  file: string;
  line: number;
  column: number;
  offset: number;
}

/** A recorded 条款: its id (二(一)), its text as copied from the notice, the file recording it, its citations. */
export interface ClauseCitation {
  id: string;
  text: string;
  file: string;
  cites: CitingPlace[];
}

/** What the browser says about local storage, and whether this session is memory-only. */
export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean;
  memoryOnly: Bilingual | null;
  /** Stored records that failed validation (kept until the clerk exports or deletes them), with the reason. */
  rejected: Rejected[];
}

/** A stored roster as listed, with its summary (the policy snapshot stays in the worker). */
export type RosterListItem = Omit<RosterMeta, 'policy'> & {
  /** The texts of the policy files its results were computed with (entry and `继承` chain), by file name. */
  policyFiles: Record<string, string>;
};

/** Each request, with the value its `ok` response carries. */
export interface Calls {
  check: { req: { policy: PolicyRef }; res: PolicyCheckResult };
  /** The editor's check: problems, outline and examples of the policy as typed. */
  review: { req: { policy: PolicyRef }; res: PolicyReview };
  /** A policy's header and operational rules (null when it does not check), e.g. for the printed report. */
  outline: { req: { policy: PolicyRef }; res: PolicyOutline | null };
  inspect: {
    req: { file: RosterFile; policy: PolicyRef; overrides: Record<string, string | null> };
    res: InspectResult;
  };
  import: {
    req: {
      file: RosterFile;
      policy: PolicyRef;
      overrides: Record<string, string | null>;
      name: string;
      params: Record<string, string>;
    };
    res: ImportDone;
  };
  open: { req: { rosterId: string; policy?: PolicyRef }; res: ImportDone };
  /** Computes a stored roster again with `policy` (cells, columns and parameters kept); the old results are deleted. */
  recompute: { req: { rosterId: string; policy: PolicyRef }; res: ImportDone };
  query: {
    req: {
      rosterId: string;
      filter: ResultFilter;
      sort: { column: SortColumn; descending: boolean };
      offset: number;
      limit: number;
      /** A roster data row to look for in the filtered, sorted list: its place comes back as `found`. */
      find?: number;
    };
    res: QueryResult;
  };
  explain: { req: { rosterId: string; row: number }; res: ExplainStep[] };
  /** 试算此人: one person's cells as the roster held them, by policy field name. */
  personCells: { req: { rosterId: string; row: number }; res: Record<string, string> };
  /** `lang`: the language of the file's headers and values (the screens' language; 'zh' when absent). */
  export: { req: { rosterId: string; format: ExportFormat; lang?: 'zh' | 'en' }; res: ExportFile };
  /** 待缴费名单 for printing: per township and village, the eligible people not yet enrolled. */
  toPay: { req: { rosterId: string }; res: ToPayVillage[] };
  /** 问题行清单 for printing: the rows whose data must be corrected, one line per problem. */
  problemRows: { req: { rosterId: string }; res: ProblemRow[] };
  list: { req: Record<string, never>; res: RosterListItem[] };
  delete: { req: { rosterId: string }; res: null };
  clear: { req: Record<string, never>; res: null };
  storage: { req: Record<string, never>; res: StorageInfo };
  /** A damaged stored record (one listed in `StorageInfo.rejected`) as a JSON file, or deleted. */
  damagedExport: { req: { store: StoreName; ref: IDBValidKey }; res: ExportFile };
  damagedDelete: { req: { store: StoreName; ref: IDBValidKey }; res: null };
  /** 例子表: the examples of a policy text as a grid, and where their blocks sit. */
  exampleGrid: { req: { text: string; path: string }; res: ExampleGridAnswer };
  /** 试算: one person from a form, its outcomes, explanation and the `例子` block expecting them. */
  tryPerson: { req: TryPersonRequest; res: TryPersonAnswer };
  /** What changed between two policies (a year and its parent, two saved versions). */
  diffPolicies: { req: DiffRequest; res: PolicyDiff };
  /** The open roster computed under another policy (next year's, say) against its own results. */
  compare: { req: CompareRequest; res: Comparison };
  /** That comparison as a file: per person, and per township. */
  exportCompare: { req: CompareRequest & { format: 'xlsx' | 'csv'; lang?: 'zh' | 'en' }; res: ExportFile };
}
export type Kind = keyof Calls;

export type Request = { [K in Kind]: { kind: K } & Calls[K]['req'] }[Kind] | { kind: 'cancel'; target: number };

export type Phase = 'read' | 'evaluate' | 'store' | 'load' | 'export';

export type Response =
  | { id: number; kind: 'progress'; phase: Phase; done: number; total: number }
  | { id: number; kind: 'ok'; value: unknown }
  | { id: number; kind: 'error'; message: Bilingual; cancelled?: boolean };

export interface QueryResult {
  total: number;
  rows: ResultView[];
  townships: string[];
  villages: string[];
  categories: string[];
  flagCodes: string[];
  /** When the query asked to `find` a row: its index in the filtered, sorted list, or -1 when the filter leaves it out. */
  found?: number;
}

export interface ExportFile {
  fileName: string;
  bytes: Uint8Array;
  mime: string;
}

/** `params`: values for the other policy's parameters (default: the roster's own). */
export interface CompareRequest {
  rosterId: string;
  policy: PolicyRef;
  params?: Record<string, string>;
}

export type { CompareRow, Comparison, ExplainStep, ProblemRow, ToPayVillage };
