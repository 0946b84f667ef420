// The 政策比较 state with a fake app that compares as the worker does (its diffPolicies, after a microtask).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PolicyDiffState, type DiffHost } from '../../src/ui/policies/policy-diff.svelte.js';
import { diffPolicies } from '../../src/worker/policy-diff.js';

const parentText = readFileSync('policies/gaotai-2021.policy', 'utf8');
const childText = readFileSync('test/policies/gaotai-2022.policy', 'utf8');

function host(): DiffHost & { failures: unknown[] } {
  const failures: unknown[] = [];
  return {
    failures,
    sources: () => ({ 'gaotai-2021.policy': parentText, 'gaotai-2022.policy': childText }),
    diffPolicies: async (before, after) => {
      await Promise.resolve();
      return diffPolicies({ before, after });
    },
    fail: (e) => failures.push(e),
  };
}

describe('PolicyDiffState', () => {
  it('finds the parent by the 继承 line and compares the text as typed with it', async () => {
    const diffs = new PolicyDiffState(host());
    // The text as typed: 50元 more than the parent, its own 核对 changed to match.
    const text = childText
      .replace('原值 + 40元', '原值 + 50元')
      .replace('个人缴费标准 = 320元', '个人缴费标准 = 330元');
    const file = { path: 'gaotai-2022.policy', text };
    expect(diffs.parentOf(file)).toBe('gaotai-2021.policy');
    expect(diffs.parentOf({ path: 'gaotai-2021.policy', text: parentText })).toBeNull();
    const done = diffs.withParent(file);
    expect(diffs.busy).toBe(true);
    await done;
    expect(diffs.busy).toBe(false);
    expect(diffs.title).toEqual({ key: 'diffWithParentTitle', vars: { parent: 'gaotai-2021.policy' } });
    expect(diffs.diff!.changes.find((c) => c.name === '个人缴费标准')).toMatchObject({
      before: '280元',
      after: '330元',
    });
  });

  it('compares with a saved version of the same file; closing clears the panel', async () => {
    const diffs = new PolicyDiffState(host());
    const older = childText.replace(
      '缴费期 参保缴费期 = 2021-01-01 至 2021-12-31',
      '缴费期 参保缴费期 = 2021-02-01 至 2021-12-31',
    );
    await diffs.withVersion({ path: 'gaotai-2022.policy', text: childText }, older, '10:00');
    expect(diffs.diff!.changes).toMatchObject([
      { kind: 'period', name: '参保缴费期', before: '2021-02-01 至 2021-12-31', after: '2021-01-01 至 2021-12-31' },
    ]);
    diffs.close();
    expect(diffs.diff).toBeNull();
    expect(diffs.title).toBeNull();
  });

  it('shows the note of the version compared with, and none for the parent or once closed', async () => {
    const diffs = new PolicyDiffState(host());
    const file = { path: 'gaotai-2022.policy', text: childText };
    const done = diffs.withVersion(file, childText, '10:00', '按 2022 年通知调整');
    expect(diffs.versionNote).toBe('按 2022 年通知调整');
    await done;
    expect(diffs.versionNote).toBe('按 2022 年通知调整');
    await diffs.withParent(file);
    expect(diffs.versionNote).toBeNull();
    await diffs.withVersion(file, childText, '10:00', '有备注');
    diffs.close();
    expect(diffs.versionNote).toBeNull();
    await diffs.withVersion(file, childText, '10:00');
    expect(diffs.versionNote).toBeNull();
  });

  it('a version with errors: the failure is shown and the panel closed', async () => {
    const h = host();
    const diffs = new PolicyDiffState(h);
    await diffs.withVersion({ path: 'gaotai-2022.policy', text: childText }, '参数 甲：金额 = ', '10:00');
    expect(h.failures).toHaveLength(1);
    expect(diffs.title).toBeNull();
    expect(diffs.busy).toBe(false);
  });
});
