// src/lang: parse → check → compile → evaluate → explain. (Stub signatures; implementation lands next.)
import type { Diagnostic } from './diagnostic.js';
import type { CompiledPolicy, ExplainStep, LoadResult, ParamOverrides, RosterEvaluation, SourceReader } from './api.js';
import type { ExampleOutcome, FieldValue, PersonResult, RosterRow } from './model.js';

export * from './api.js';
export * from './model.js';
export * from './diagnostic.js';

const notYet = (): never => {
  throw new Error('not implemented yet');
};

/** Parses, checks and compiles the policy at `entry` (following `继承`). */
export function loadPolicy(_entry: string, _read: SourceReader): LoadResult {
  return notYet();
}

/** Evaluates every row, then the roster-level rules (duplicates, households), then the summary. */
export function evaluateRoster(
  _policy: CompiledPolicy,
  _rows: RosterRow[],
  _options?: { params?: ParamOverrides; onProgress?: (done: number, total: number) => void },
): RosterEvaluation {
  return notYet();
}

/** Evaluates one person (no roster-level rules). */
export function evaluatePerson(_policy: CompiledPolicy, _values: Record<string, FieldValue>, _params?: ParamOverrides): PersonResult {
  return notYet();
}

/** The step-by-step trace for one row, each step citing its clause. */
export function explainRow(_policy: CompiledPolicy, _row: RosterRow, _params?: ParamOverrides): ExplainStep[] {
  return notYet();
}

/** Runs the policy's own examples. */
export function runExamples(_policy: CompiledPolicy): ExampleOutcome[] {
  return notYet();
}

/** Canonical form of a policy text; null text when it does not parse. */
export function formatPolicy(_text: string, _path: string): { text: string | null; diagnostics: Diagnostic[] } {
  return notYet();
}

/** A diagnostic as text: `file:line:col: 错误[code] 中文 (English)` and a source frame with a caret. */
export function renderDiagnostic(_d: Diagnostic, _source?: string): string {
  return notYet();
}
