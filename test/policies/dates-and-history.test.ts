// The fictional 石桥县 2025 notice (months as people count them, coverage history, defaults, status as of a date):
// its policy checks clean and every example, worked out by hand from the notice at the top of the file, passes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy, runExamples } from '../../src/lang/index.js';

const policyPath = 'test/policies/dates-and-history-2025.policy';

describe(policyPath, () => {
  it('has no error nor warning and every example passes', () => {
    const loaded = loadPolicy(policyPath, (path) => readFileSync(path, 'utf8'));
    expect(loaded.diagnostics).toEqual([]);
    const results = runExamples(loaded.policy!);
    expect(results.length).toBe(20);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });
});
