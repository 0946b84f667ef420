// An outcome without `否则` on which no rule applies is unknown and flagged `no-rule`, in both back ends, counted
// apart in the summary and reported by the checker with a witness; `否则：无` keeps meaning none.
import { describe, expect, it } from 'vitest';
import { evaluatePerson, evaluateRoster, explainRow, type RosterRow } from '../../src/lang/index.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { codes, loadText, minimal } from '../helpers.js';

// Fictional notice: residents aged 60 and over pay 200 yuan, minors 100 yuan; nothing is said of other ages.
const FEE_BANDS = `定义 周岁 = 年龄(2020-12-31)
结果 个人缴费：金额 {
  当 周岁 >= 60：200元
  当 周岁 < 18：100元
}`;
const policyText = (fee: string) =>
  minimal(
    '',
    `结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额 { 否则：0元 }
${fee}
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }
例子 "老人" { 身份证号码："110101195001010017" }`,
  );

const ADULT = '110101198601010014'; // 34 on 2020-12-31
const OLD = '110101195001010017'; // 70
const row = (n: number, id: string): RosterRow => ({
  row: n,
  problems: [],
  values: { 身份证号码: id, 人员类别: ['普通居民'], 缴费日期: 18500 },
});

describe('an outcome no rule covers', () => {
  const loaded = loadText(policyText(FEE_BANDS));
  it('is unknown and flagged no-rule, naming the outcome', () => {
    const r = evaluatePerson(loaded.policy!, { 身份证号码: ADULT, 人员类别: ['普通居民'] });
    expect(r.personalFee).toBeNull();
    const flag = r.flags.find((f) => f.code === 'no-rule');
    expect(flag?.message.zh).toContain('个人缴费');
    const old = evaluatePerson(loaded.policy!, { 身份证号码: OLD, 人员类别: ['普通居民'] });
    expect(old.personalFee).toBe(20000);
    expect(old.flags.map((f) => f.code)).not.toContain('no-rule');
  });
  it('is flagged and counted apart in the summary by both back ends', () => {
    for (const loadCode of [undefined, loadAsFile]) {
      const { results, summary } = evaluateRoster(loaded.policy!, [row(1, ADULT), row(2, OLD)], { loadCode });
      expect(results[0]!.flags.map((f) => f.code)).toContain('no-rule');
      expect(results[0]!.personalFee).toBeNull();
      expect(summary.county.unknown).toBe(1);
      expect(summary.county.collected).toBe(20000);
      expect(summary.flags['no-rule']).toBe(1);
    }
  });
  it('is explained as unknown because no rule applies', () => {
    const steps = explainRow(loaded.policy!, row(1, ADULT));
    const at = steps.findIndex((s) => s.text.zh.startsWith('结果“个人缴费”'));
    expect(steps[at]!.text.zh).toContain('未知');
    expect(
      steps.slice(at + 1).some((s) => s.kind === 'unknown' && s.text.en.includes('no rule of “个人缴费” applies')),
    ).toBe(true);
  });
  it('is reported by the checker with a witness person', () => {
    const d = loaded.diagnostics.find((x) => x.code === 'outcome-gap');
    expect(d?.notes?.[0]?.zh).toContain('身份证号码');
  });
  it('is not flagged where the policy says none with 否则：无', () => {
    const r = loadText(policyText(FEE_BANDS.replace('100元\n}', '100元\n  否则：无\n}')));
    expect(codes(r)).not.toContain('outcome-gap');
    const p = evaluatePerson(r.policy!, { 身份证号码: ADULT, 人员类别: ['普通居民'] });
    expect(p.personalFee).toBeNull();
    expect(p.flags.map((f) => f.code)).not.toContain('no-rule');
  });
  it('reports the gap of an outcome of any type, not only money', () => {
    const r = loadText(
      minimal(
        '结果 说明：文本 {\n 当 人员类别 属于 {特困人员}："特困"\n}\n例子 "甲" { 身份证号码："110101198001010012" }',
      ),
    );
    expect(codes(r)).toContain('outcome-gap');
  });
});
