// The fictional 溪口县 2025 notice (age bands, 50% and one-third subsidies, a village contribution shared per
// person): its examples, worked by hand at the top of the policy, pass; an invalid ID number gives an unknown fee
// with `invalid-id`, a village with 0 insured people an unknown fee with `division-by-zero` naming where, in both
// back ends, in the summary and in the explanation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRoster, explainRow, loadPolicy, runExamples, type RosterRow } from '../../src/lang/index.js';
import { loadAsFile } from '../../src/cli/load-code.js';

const policyPath = 'test/policies/xikou-2025.policy';
const loaded = loadPolicy(policyPath, (path) => readFileSync(path, 'utf8'));
const policy = loaded.policy!;

const row = (n: number, values: RosterRow['values']): RosterRow => ({ row: n, problems: [], values });
const rows = [
  row(1, { 身份证号码: '330100195003010111', 人员类别: ['普通居民'], 缴费日期: null }), // 74: 300 元
  row(2, { 身份证号码: '330100195003010112', 人员类别: ['普通居民'], 缴费日期: null }), // bad check digit
  row(3, { 身份证号码: '330100200701020142', 人员类别: ['低保对象'], 缴费日期: null }), // 17: 330 − 165
  row(4, { 身份证号码: '330100199006150169', 人员类别: ['普通居民'], 村补助总额: 100000, 村参保人数: 0 }),
  row(5, { 身份证号码: '330100199006150273', 人员类别: ['普通居民'], 村补助总额: 100000, 村参保人数: 20 }),
];

describe(policyPath, () => {
  it('has no error nor warning and every example passes', () => {
    expect(loaded.diagnostics).toEqual([]);
    const results = runExamples(policy);
    expect(results.length).toBe(16);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  for (const [backend, loadCode] of [
    ['closures', undefined],
    ['generated', loadAsFile],
  ] as const) {
    it(`gives unknown, never a banded or divided guess, with the cause flagged (${backend})`, () => {
      const { results, summary, evaluator } = evaluateRoster(policy, rows, { loadCode });
      expect(evaluator).toBe(backend);
      const [old, badId, minor, noOne, twenty] = results;
      expect(old!.personalFee).toBe(30000);
      // The invalid ID: no age, so no band: the fee is unknown (not 380 元 as if in no band), flagged once.
      expect(badId!.personalFee).toBeNull();
      expect(badId!.unknown).toEqual(['个人缴费', '应缴标准']);
      expect(badId!.flags.map((f) => f.code)).toEqual(['invalid-id']);
      expect(minor!.subsidy).toBe(16500);
      expect(minor!.personalFee).toBe(16500);
      // 1000 元 over 0 people: the share is unknown and so is the fee (not 380 元 as if no share).
      expect(noOne!.personalFee).toBeNull();
      expect(noOne!.unknown).toEqual(['个人缴费', '村集体补助']);
      expect(noOne!.flags.map((f) => f.code)).toEqual(['division-by-zero']);
      const msg = noOne!.flags[0]!.message;
      expect(msg.zh).toContain('test/policies/xikou-2025.policy:46:15');
      expect(msg.zh).toContain('结果“村集体补助”第 1 条规则');
      expect(msg.en).toContain('rule 1 of outcome “村集体补助”');
      expect(twenty!.personalFee).toBe(33000);
      // Rows 2 and 4 have an unknown fee: counted apart, their fees left out of the total (300 + 165 + 330 元).
      expect(summary.county.unknown).toBe(2);
      expect(summary.county.collected).toBe(30000 + 16500 + 33000);
      expect(summary.flags['division-by-zero']).toBe(1);
      expect(summary.flags['invalid-id']).toBe(1);
    });
  }

  it('explains why the fee is unknown: the division by zero, and the invalid ID number', () => {
    const zero = explainRow(policy, rows[3]!).filter((s) => s.kind === 'unknown');
    expect(
      zero.some((s) =>
        s.text.zh.includes('test/policies/xikou-2025.policy:46:15（结果“村集体补助”第 1 条规则）的除法除数为零'),
      ),
    ).toBe(true);
    const id = explainRow(policy, rows[1]!).filter((s) => s.kind === 'unknown');
    expect(id.some((s) => s.text.zh.includes('身份证号码无效（身份证号码校验位不符'))).toBe(true);
    expect(id.some((s) => s.text.en.includes('birth date, sex and age are unknown'))).toBe(true);
  });
});
