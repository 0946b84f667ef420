// The one diagnostic shape shared by the parser, checker, evaluator, roster reader, CLI and editor.

/** A point in a source text: 1-based line and column, 0-based offset. */
export interface SourcePoint {
  offset: number;
  line: number;
  column: number;
}

/** Where a diagnostic points: a file (policy path, roster file name) and a range in it. */
export interface SourceSpan {
  file: string;
  start: SourcePoint;
  end: SourcePoint;
}

export type Severity = 'error' | 'warning' | 'info';

/** A message in both UI languages. Chinese is the primary text; English sits beside it. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface Diagnostic {
  /** Stable code, e.g. `unknown-name`; tests assert codes, never wording. */
  code: string;
  severity: Severity;
  message: Bilingual;
  /** Source position (policies) — absent for problems that have none. */
  span?: SourceSpan;
  /** Roster row (1-based data row) and column header, for roster problems. */
  row?: number;
  column?: string;
  /** Clause of the notice the problem sits under, e.g. 二(三). */
  clause?: string;
  notes?: Bilingual[];
  hint?: Bilingual;
  /** A change that would mend it ("did you mean …"): the editor offers it as a click, the CLI prints it. */
  fix?: Fix;
}

/** Replace the text at `span` (empty: insert there) with `insert`; `label` says what it does. */
export interface Fix {
  span: SourceSpan;
  insert: string;
  label: Bilingual;
}

export function bi(zh: string, en: string): Bilingual {
  return { zh, en };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Computes 1-based line/column for an offset in `text`. */
export function pointAt(text: string, offset: number): SourcePoint {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: end, line, column: end - lineStart + 1 };
}
