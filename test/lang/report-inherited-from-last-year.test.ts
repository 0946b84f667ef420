// The new year's file (`继承`) is warned about every dated value, period and amount it still takes from last year.
import { describe, expect, it } from 'vitest';
import { codes, loadText, minimal } from '../helpers.js';

const LAST_YEAR = minimal(
  [
    '缴费期 集中缴费期 = 2019-09-01 至 2019-12-31',
    '期限 乡镇上报 = 2019-12-20',
    '定义 截止日 = 2019-12-31',
    '定义 普通 = 人员类别 属于 {普通居民}',
    '参保率目标 95%',
  ].join('\n'),
);

const inherited = (text: string) => {
  const r = loadText(text, { 'base.policy': LAST_YEAR });
  return r.diagnostics.filter((d) => d.code === 'inherited-from-last-year');
};

describe('report-inherited-from-last-year', () => {
  it("lists each inherited value with its line in last year's file, at the 继承 line", () => {
    const found = inherited('继承 "base.policy"\n');
    // 年度, 参数 标准, the period, the deadline, the dated definition, the goal; not the definition without a date.
    expect(found.map((d) => d.message.zh.match(/“(.+?)”/)![1])).toEqual([
      '年度',
      '标准',
      '集中缴费期',
      '乡镇上报',
      '截止日',
      '全县',
    ]);
    expect(
      found.every((d) => d.severity === 'warning' && d.span?.file === 'test.policy' && d.span.start.line === 1),
    ).toBe(true);
    const line = LAST_YEAR.split('\n').findIndex((l) => l.startsWith('缴费期')) + 1;
    expect(found[2]!.message.zh).toContain(`base.policy 第 ${line} 行`);
    expect(found[2]!.message.zh).toContain('2019-09-01');
    expect(loadText('继承 "base.policy"\n', { 'base.policy': LAST_YEAR }).policy).not.toBeNull();
  });

  it('stops warning about what the new file restates, even with the same value', () => {
    const found = inherited(
      [
        '继承 "base.policy"',
        '政策 {',
        '  年度：2021',
        '}',
        '参数 标准：金额 = 250元',
        '缴费期 集中缴费期 = 2020-09-01 至 2020-12-31',
        '期限 乡镇上报 = 2020-12-20',
        '定义 截止日 = 2020-12-31',
        '参保率目标 95%',
      ].join('\n'),
    );
    expect(found).toEqual([]);
  });

  it('says nothing about a file that inherits nothing', () => {
    expect(codes(loadText(LAST_YEAR))).not.toContain('inherited-from-last-year');
  });
});
