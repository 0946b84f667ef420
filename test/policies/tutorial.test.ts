// The tutorial's policy checks clean and its examples (worked out by hand from the notice) pass; every code block
// of the tutorial is copied from it, so the tutorial cannot drift from a policy that works.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy, runExamples } from '../../src/lang/index.js';

const policyPath = 'test/policies/tutorial-qingshui-2025.policy';
const policyText = readFileSync(policyPath, 'utf8');
const tutorial = readFileSync('grammar/TUTORIAL.md', 'utf8');

describe('grammar/TUTORIAL.md', () => {
  it('its policy has no error nor warning and every example passes', () => {
    const loaded = loadPolicy(policyPath, (path) => readFileSync(path, 'utf8'));
    expect(loaded.diagnostics).toEqual([]);
    const results = runExamples(loaded.policy!);
    expect(results.length).toBe(6);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('every policy code block is in the policy file', () => {
    const blocks = [...tutorial.matchAll(/```policy\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(8);
    for (const block of blocks) expect(policyText).toContain(block);
  });
});
