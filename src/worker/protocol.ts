// Every message between the page and the roster worker, declared once.
import type { Bilingual, Diagnostic } from '../lang/diagnostic.js';
import type { ExplainStep } from '../lang/api.js';
import type { RosterSummary } from '../lang/model.js';
import type { ColumnMatch } from '../roster/columns.js';

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
  search?: string;
}

export type SortColumn = 'row' | 'name' | 'idNumber' | 'township' | 'personalFee' | 'subsidy' | 'benefitStart' | 'eligible' | 'flags';

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
  subsidyTiming: 'upfront' | 'after-payment' | null;
  benefitStart: number | null;
  benefitEnd: number | null;
  flags: { code: string; message: Bilingual }[];
}

export interface InspectResult {
  headers: string[];
  mapping: ColumnMatch[];
  encoding: string | null;
  sheetNames: string[];
  rowCount: number;
  problems: Diagnostic[];
  problemCount: number;
  diagnostics: Diagnostic[];
  /** Parameters the policy leaves without a value (the clerk may supply them for this import). */
  unsetParameters: { name: string; type: string }[];
}

export interface ImportDone {
  rosterId: string;
  summary: RosterSummary;
  rowCount: number;
  memoryOnly: Bilingual | null;
}

export type Request =
  | { kind: 'inspect'; file: { name: string; bytes: Uint8Array }; policy: PolicyRef; overrides: Record<string, string | null> }
  | { kind: 'import'; file: { name: string; bytes: Uint8Array }; policy: PolicyRef; overrides: Record<string, string | null>; name: string; params: Record<string, string> }
  | { kind: 'open'; rosterId: string; policy: PolicyRef }
  | { kind: 'query'; rosterId: string; filter: ResultFilter; sort: { column: SortColumn; descending: boolean }; offset: number; limit: number }
  | { kind: 'explain'; rosterId: string; row: number }
  | { kind: 'export'; rosterId: string; format: 'xlsx' | 'csv' | 'summary-xlsx' | 'summary-csv' }
  | { kind: 'cancel'; target: number };

export type Response =
  | { id: number; kind: 'progress'; phase: 'read' | 'evaluate' | 'store' | 'load'; done: number; total: number }
  | { id: number; kind: 'ok'; value: unknown }
  | { id: number; kind: 'error'; message: Bilingual };

export interface QueryResult {
  total: number;
  rows: ResultView[];
  townships: string[];
  villages: string[];
  categories: string[];
  flagCodes: string[];
}

export interface ExportFile {
  fileName: string;
  bytes: Uint8Array;
  mime: string;
}

export type { ExplainStep };
