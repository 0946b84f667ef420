import { describe, expect, it } from 'vitest';
import { evaluatePerson, evaluateRoster, explainRow, loadPolicy, runExamples } from '../../src/lang/index.js';
import { formatDate } from '../../src/lang/runtime/calendar.js';
import { fromDisk } from '../helpers.js';

const POLICIES = [
  'policies/kaijiang-2020.policy',
  'policies/gaotai-2021.policy',
  'test/policies/general-2024.policy',
  'test/policies/gaotai-2022.policy',
];
const load = (f: string) => {
  const r = loadPolicy(f, fromDisk);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.policy!;
};

describe('evaluate', () => {
  for (const f of POLICIES) {
    it(`passes every example of ${f}`, () => {
      const results = runExamples(load(f));
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((r) => !r.passed).map((r) => [r.name, r.failures])).toEqual([]);
    });
  }
  it('bundled policies carry at least 12 examples each', () => {
    expect(load(POLICIES[0]!).exampleCount).toBeGreaterThanOrEqual(12);
    expect(load(POLICIES[1]!).exampleCount).toBeGreaterThanOrEqual(12);
  });
  it('flags a parameter without value only for the people who need it, and takes it at evaluation time', () => {
    const policy = load(POLICIES[0]!);
    const person = { 身份证号码: '511723198808080053', 人员类别: ['低保对象'], 是否本县户籍: true, 缴费日期: null };
    const without = evaluatePerson(policy, person);
    expect(without.subsidy).toBeNull();
    expect(without.flags.find((f) => f.code === 'missing-parameter')?.message.zh).toContain('低保资助额');
    const other = evaluatePerson(policy, { ...person, 人员类别: ['普通居民'] });
    expect(other.flags.map((f) => f.code)).not.toContain('missing-parameter');
    const withParam = evaluatePerson(policy, person, { 低保资助额: '150元' });
    expect(withParam.subsidy).toBe(15000);
    expect(withParam.personalFee).toBe(10000);
  });
  it('flags duplicate IDs on every row that shares them, and incomplete households', () => {
    const policy = load(POLICIES[1]!);
    const row = (n: number, id: string, household: string, paid: number | null) => ({
      row: n,
      problems: [],
      values: {
        身份证号码: id,
        户号: household,
        人员类别: ['普通居民'],
        是否本县户籍: true,
        缴费日期: paid,
        其他保险: [],
      },
    });
    const { results, summary } = evaluateRoster(policy, [
      row(1, '620724198505050012', 'A', 18600),
      row(2, '620724198505050012', 'B', 18600),
      row(3, '620724194403030034', 'C', 18600),
      row(4, '620724197707070045', 'C', null),
    ]);
    expect(results[0]!.flags.map((f) => f.code)).toContain('duplicate-id');
    expect(results[1]!.flags.map((f) => f.code)).toContain('duplicate-id');
    expect(results[2]!.flags.map((f) => f.code)).toContain('household-incomplete');
    expect(results[3]!.flags.map((f) => f.code)).toContain('household-incomplete');
    // The person of rows 1 and 2 counts once, at row 1.
    expect(summary.county.rows).toBe(3);
    expect(summary.county.enrolled).toBe(2);
    expect(summary.duplicates).toEqual({ count: 1, rows: [{ row: 2, first: 1 }] });
  });
  it('explains a person step by step, citing clauses with their text', () => {
    const policy = load(POLICIES[0]!);
    const steps = explainRow(policy, {
      row: 7,
      problems: [],
      values: { 身份证号码: '511723194403030030', 人员类别: ['特困人员'], 是否本县户籍: true, 上年度是否参保: true },
    });
    expect(steps[0]!.text.zh).toContain('第 7 行');
    const fee = steps.find((s) => s.text.zh.startsWith('结果“政府资助”'))!;
    expect(fee.text.zh).toContain('250.00元');
    expect(fee.clause).toBe('二(一)');
    expect(fee.clauseText).toContain('全额资助');
  });
  it('gives the same dates whatever the process time zone', () => {
    const policy = load(POLICIES[0]!);
    const r = evaluatePerson(policy, { 身份证号码: '511723198503010068', 人员类别: ['普通居民'], 缴费日期: 18412 });
    expect(formatDate(r.benefitStart!)).toBe(formatDate(18412 + 31));
  });
});
