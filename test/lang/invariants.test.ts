// `核对 每人` (assert each): a per-person invariant, which the witness search reports as an error with the breaking
// person's values, and which flags a person `invariant` at run time (an unknown condition is not a break).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluatePerson, evaluateRoster, formatPolicy, loadPolicy } from '../../src/lang/index.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { codes, loadText, minimal } from '../helpers.js';

const ID = '110101198001010012';
// Fictional notice: 特困人员 get 250 yuan; the subsidy never exceeds the standard fee.
const SUBSIDY = (subsidy: string) =>
  minimal(
    '核对 每人 政府资助 <= 标准，消息 "资助不超过标准"',
    `结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额 { 当 人员类别 属于 {特困人员}：${subsidy}\n 否则：0元 }
结果 个人缴费：金额 { 否则：标准 - 政府资助 }
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }
例子 "甲" { 身份证号码："${ID}" }`,
  );

describe('per-person invariants', () => {
  it('load when no tried person breaks them', () => {
    const r = loadText(SUBSIDY('250元'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(
      evaluatePerson(r.policy!, { 身份证号码: ID, 人员类别: ['特困人员'] }).flags.map((f) => f.code),
    ).not.toContain('invariant');
  });
  it('are a checker error with a witness and the values the invariant states about', () => {
    const r = loadText(SUBSIDY('300元'));
    const d = r.diagnostics.find((x) => x.code === 'invariant-broken');
    expect(d?.severity).toBe('error');
    expect(d?.notes?.[0]?.zh).toContain('特困人员');
    expect(d?.notes?.[1]?.zh).toContain('政府资助 = 300.00元');
    expect(r.policy).toBeNull();
  });
  it('flag a person who breaks one at run time, in both back ends', () => {
    const policy = loadText(SUBSIDY('250元')).policy!;
    const rows = [1, 2].map((row) => ({
      row,
      problems: [],
      values: { 身份证号码: ID, 人员类别: [row === 1 ? '特困人员' : '普通居民'] },
    }));
    for (const loadCode of [undefined, loadAsFile]) {
      const { results } = evaluateRoster(policy, rows, { params: { 标准: '200元' }, loadCode });
      expect(results[0]!.flags.find((f) => f.code === 'invariant')?.message.zh).toContain('资助不超过标准');
      expect(results[1]!.flags.map((f) => f.code)).not.toContain('invariant');
    }
  });
  it('are not broken where the condition is unknown', () => {
    const r = loadText(minimal('参数 上限：金额\n核对 每人 政府资助 <= 上限，消息 "资助不超过上限"'));
    expect(r.policy).not.toBeNull();
    const flags = evaluatePerson(r.policy!, { 身份证号码: ID }).flags.map((f) => f.code);
    expect(flags).not.toContain('invariant');
    expect(flags).toContain('missing-parameter');
  });
  it('are inherited, and printed back in canonical form', () => {
    const parent = minimal('核对 每人 个人缴费 <= 300元，消息 "不超过300元"');
    const child = '继承 "test.policy"\n参数 标准：金额 = 400元\n';
    const r = loadPolicy('child.policy', (p) => (p === 'child.policy' ? child : p === 'test.policy' ? parent : null));
    expect(codes(r)).toContain('invariant-broken');
    expect(formatPolicy(parent, 'test.policy').text).toContain('核对 每人 个人缴费 <= 300元，消息 "不超过300元"');
  });
  // The bundled policies state the basic invariants; the witness search finds no person who breaks them.
  for (const f of ['policies/gaotai-2021.policy', 'policies/kaijiang-2020.policy']) {
    it(`hold in ${f}`, () => {
      const text = readFileSync(f, 'utf8');
      expect(text.match(/^核对 每人 /gm)).toHaveLength(4);
      const r = loadPolicy(f, (p) => (p === f ? text : null));
      expect(r.policy).not.toBeNull();
      expect(r.diagnostics.filter((d) => d.code === 'invariant-broken')).toEqual([]);
    });
  }
});
