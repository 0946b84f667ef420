// The worker's diffPolicies: policy files by name (as the app holds them), `继承` resolved by file name.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { diffPolicies } from '../../src/worker/policy-diff.js';
import { UserError } from '../../src/worker/errors.js';

const sources: Record<string, string> = {
  'gaotai-2021.policy': readFileSync('policies/gaotai-2021.policy', 'utf8'),
  'gaotai-2022.policy': readFileSync('test/policies/gaotai-2022.policy', 'utf8'),
};

describe('worker diffPolicies', () => {
  it('compares a year with its parent, the child naming the parent by a relative path', () => {
    const diff = diffPolicies({
      before: { entry: 'gaotai-2021.policy', sources },
      after: { entry: 'gaotai-2022.policy', sources },
    });
    expect(diff.changes.find((c) => c.name === '个人缴费标准')).toMatchObject({ before: '280元', after: '320元' });
  });

  it('compares two saved versions of one file (the older text given under the same name)', () => {
    const older = sources['gaotai-2022.policy']!.replace(
      '上年度个人缴费标准：金额 = 280元',
      '上年度个人缴费标准：金额 = 270元',
    );
    const diff = diffPolicies({
      before: { entry: 'gaotai-2022.policy', sources: { ...sources, 'gaotai-2022.policy': older } },
      after: { entry: 'gaotai-2022.policy', sources },
    });
    expect(diff.changes).toMatchObject([
      { kind: 'parameter', name: '上年度个人缴费标准', op: 'changed', before: '270元', after: '280元', clause: '二' },
    ]);
  });

  it('a side with errors is refused with a bilingual message naming the file', () => {
    const broken = { ...sources, 'gaotai-2022.policy': '参数 甲：金额 = ' };
    let error: unknown;
    try {
      diffPolicies({
        before: { entry: 'gaotai-2021.policy', sources },
        after: { entry: 'gaotai-2022.policy', sources: broken },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).bilingual.zh).toContain('gaotai-2022.policy');
    expect((error as UserError).bilingual.en).toContain('cannot be compared');
  });
});
