// 告知单: the slip built for one person of 开江 2020, its content checked by hand against the notice.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { buildSlip, type SlipInput } from '../../src/ui/slip/slip.js';
import { tryPerson } from '../../src/worker/try-person.js';
import { reviewPolicy } from '../../src/worker/review.js';
import type { ResultView } from '../../src/worker/protocol.js';
import { dayNumber } from '../../src/lang/runtime/calendar.js';

const sources = Object.fromEntries(readdirSync('policies').map((f) => [f, readFileSync(`policies/${f}`, 'utf8')]));
const policy = { entry: 'kaijiang-2020.policy', sources };
const notice = readFileSync('../shared/notices/kaijiang-2020.txt', 'utf8');
/** The notice's line holding `words`, without its item number such as (一). */
const sentence = (words: string) =>
  notice
    .split(/\r?\n/)
    .find((l) => l.includes(words))!
    .replace(/^\s*[(（][一二三四五六七八九十]+[)）]\s*/, '')
    .trim();

// 特困人员 with 开江 户籍, insured in 2019: 二(一) the government pays the whole 250 元 (二(三)); 五(五) deducted
// when paying; 三(三) benefits from 2020-01-01 to the end of the year.
const person: ResultView = {
  row: 7,
  name: '王五',
  idNumber: '511723194403030039',
  township: '普安镇',
  village: '宝石村',
  category: '特困人员',
  eligible: true,
  reason: null,
  personalFee: 0,
  subsidy: 25000,
  subsidyTiming: 'upfront',
  benefitStart: null,
  benefitEnd: null,
  enrolled: true,
  flags: [],
};
const cells = {
  姓名: '王五',
  身份证号码: person.idNumber,
  人员类别: '特困人员',
  是否本县户籍: '是',
  上年度是否参保: '是',
};
const steps = tryPerson({ policy, cells, title: 'x' }).explanation;
const header = reviewPolicy(policy).outline!.header;

function input(over: Partial<SlipInput> = {}): SlipInput {
  return {
    person,
    steps,
    header,
    details: { unit: '普安镇便民服务中心', preparer: '李四', checker: '' },
    lang: 'zh',
    size: 'a5',
    day: '2019-10-08',
    ...over,
  };
}

describe('the slip', () => {
  it('names the county, year, unit, policy and the person', () => {
    const s = buildSlip(input());
    expect(s.title).toBe('开江县2020年度城乡居民基本医疗保险缴费告知单');
    expect(s.unit).toBe('普安镇便民服务中心');
    expect(s.preparer).toBe('李四');
    expect(s.day).toBe('2019-10-08');
    expect(s.size).toBe('a5');
    expect(s.policy).toContain('开江县人民政府办公室关于做好2020年城乡居民基本医疗保险筹资工作的通知');
    expect(s.person).toEqual([
      { label: '姓名', value: '王五' },
      { label: '身份证号码', value: '511723194403030039' },
      { label: '乡镇、村（社区）', value: '普安镇 宝石村' },
      { label: '人员类别', value: '特困人员' },
    ]);
  });

  it('gives the fee 0 元 and the 250 元 subsidy deducted when paying (notice 二(一), 二(三), 五(五))', () => {
    const s = buildSlip(
      input({ person: { ...person, benefitStart: dayNumber(2020, 1, 1), benefitEnd: dayNumber(2020, 12, 31) } }),
    );
    const value = (label: string) => s.results.find((r) => r.label === label)?.value;
    expect(value('参保资格')).toBe('符合');
    expect(value('个人缴费')).toBe('0.00 元');
    expect(value('政府资助')).toBe('250.00 元（缴费时抵扣）');
    expect(value('待遇享受期间')).toBe('2020-01-01 至 2020-12-31');
    expect(value('已参保')).toBe('已参保');
  });

  it('says why in plain words, quoting each clause of the notice once', () => {
    const s = buildSlip(input());
    const subsidy = s.reasons.find((r) => r.text.startsWith('结果“政府资助”'))!;
    expect(subsidy.text).toBe('结果“政府资助”：250.00元');
    expect(subsidy.clause).toBe('二(一)');
    expect(subsidy.quote).toBe(sentence('具有我县户籍的特困人员'));
    const start = s.reasons.find((r) => r.text.startsWith('结果“待遇开始”'))!;
    expect(start).toMatchObject({ text: '结果“待遇开始”：2020-01-01', clause: '三(三)' });
    expect(start.quote).toContain('2019 年已经参保的续保人员，其待遇享受从 2020 年 1 月 1 日起执行');
    // 已参保 rests on 二(一) too: its sentence is not repeated.
    const enrolled = s.reasons.find((r) => r.text.startsWith('结果“已参保”'))!;
    expect(enrolled).toMatchObject({ clause: '二(一)', quote: null });
    // The clerk's detail (the rules tried) and the row line stay off the slip.
    expect(s.reasons.some((r) => r.text.includes('规则'))).toBe(false);
    expect(s.reasons.some((r) => r.text.startsWith('第 '))).toBe(false);
  });

  it('an unknown fee is said to be unknown, never 0', () => {
    const s = buildSlip(input({ person: { ...person, personalFee: null, eligible: null } }));
    expect(s.results.find((r) => r.label === '个人缴费')?.value).toBe('无法确定，请向经办单位核实');
    expect(s.results.find((r) => r.label === '参保资格')?.value).toBe('无法确定，请向经办单位核实');
  });

  it('in English, with flags by name', () => {
    const flagged = { ...person, flags: [{ code: 'invalid-id', message: { zh: 'x', en: 'x' } }] };
    const s = buildSlip(input({ lang: 'en', person: flagged }));
    expect(s.results.find((r) => r.label === 'Personal fee')?.value).toBe('0.00 yuan');
    expect(s.flags).toHaveLength(1);
    expect(s.flags[0]).not.toBe('invalid-id');
  });
});
