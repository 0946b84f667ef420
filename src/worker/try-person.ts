// 试算: one person typed into a form, computed in the worker as the policy's examples are (no roster needed).
import {
  explainRow,
  loadPolicy,
  tryPersonOf,
  type CompiledPolicy,
  type Diagnostic,
  type ExplainStep,
  type FieldSpec,
  type ResultFlag,
  type TriedOutcome,
} from '../lang/index.js';
import { RowReader } from '../roster/row.js';
import { policyReader } from './review.js';
import type { PolicyRef } from './protocol.js';

export interface TryPersonRequest {
  policy: PolicyRef;
  /** The form's text by field name, read as a roster cell would be. */
  cells: Record<string, string>;
  /** The name of the example block. */
  title: string;
}

export interface TryPersonAnswer {
  /** The policy's problems when it does not check (then nothing else is filled). */
  diagnostics: Diagnostic[];
  /** The form: the policy's inputs in declaration order. */
  fields: FieldSpec[];
  /** Cells that could not be read (a bad date …): the person is not computed until they are fixed. */
  problems: Diagnostic[];
  outcomes: TriedOutcome[];
  flags: ResultFlag[];
  reason: string | null;
  explanation: ExplainStep[];
  /** The `例子` block with the current results as 期望 (null: an input cannot be written, or nothing computed). */
  example: string | null;
}

/** The last policy compiled, by its sources: typing in the form does not compile the policy again. */
let cached: { key: string; policy: CompiledPolicy | null; diagnostics: Diagnostic[] } | null = null;

function compiled(ref: PolicyRef): { policy: CompiledPolicy | null; diagnostics: Diagnostic[] } {
  const key = JSON.stringify([ref.entry, Object.entries(ref.sources).sort(([a], [b]) => (a < b ? -1 : 1))]);
  if (cached?.key !== key) cached = { key, ...loadPolicy(ref.entry, policyReader(ref)) };
  return cached;
}

export function tryPerson(req: TryPersonRequest): TryPersonAnswer {
  const { policy, diagnostics } = compiled(req.policy);
  const none = { problems: [], outcomes: [], flags: [], reason: null, explanation: [], example: null };
  if (!policy) return { diagnostics, fields: [], ...none };
  const fields = policy.fields;
  const reader = new RowReader(
    fields.map((f) => f.name),
    fields.map((f, index) => ({ field: f.name, index })),
    fields,
    true,
  );
  const row = reader.read(
    fields.map((f) => (Object.hasOwn(req.cells, f.name) ? req.cells[f.name]! : '')),
    1,
  );
  const problems = row.problems;
  if (row.unreadable?.length) return { diagnostics: [], fields, ...none, problems };
  const trial = tryPersonOf(policy, row.values, req.title);
  return {
    diagnostics: [],
    fields,
    problems,
    outcomes: trial.outcomes,
    flags: trial.result.flags,
    reason: trial.result.reason,
    explanation: explainRow(policy, row),
    example: trial.example,
  };
}
