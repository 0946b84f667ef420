// Policy checks for the page, done in the worker: the editor's check with examples, and a policy's outline.
import { loadPolicy, runExamples, type CompiledPolicy, type SourceReader } from '../lang/index.js';
import type { PolicyOutline, PolicyRef, PolicyReview } from './protocol.js';
import { clauseCitations } from './clause-citations.js';

/**
 * Reads policy files from `ref.sources` by path or file name (own keys only: the names are the clerk's);
 * `read`, when given, receives the text of every file read (entry and `继承` chain).
 */
export function policyReader(ref: PolicyRef, read?: Record<string, string>): SourceReader {
  return (p) => {
    const key = Object.hasOwn(ref.sources, p) ? p : p.split('/').pop()!;
    const text = Object.hasOwn(ref.sources, key) ? ref.sources[key]! : null;
    if (read && text !== null) read[key] = text;
    return text;
  };
}

const outlineOf = (policy: CompiledPolicy): PolicyOutline => ({ header: policy.header, operations: policy.operations });

/** Checks a policy as the editor shows it and runs its examples (none when it does not check). */
export function reviewPolicy(ref: PolicyRef): PolicyReview {
  const read: Record<string, string> = Object.create(null);
  const { policy, diagnostics } = loadPolicy(ref.entry, policyReader(ref, read));
  const entryKey = Object.hasOwn(read, ref.entry) ? ref.entry : ref.entry.split('/').pop()!;
  const files = Object.keys(read)
    .sort((a, b) => Number(b === entryKey) - Number(a === entryKey))
    .map((key) => ({ path: key === entryKey ? ref.entry : key, text: read[key]! }));
  return {
    diagnostics,
    outline: policy ? outlineOf(policy) : null,
    examples: policy ? runExamples(policy) : [],
    clauses: clauseCitations(files),
  };
}

/** A policy's header and operational rules, for display; null when it does not check. */
export function outlinePolicy(ref: PolicyRef): PolicyOutline | null {
  const { policy } = loadPolicy(ref.entry, policyReader(ref));
  return policy ? outlineOf(policy) : null;
}
