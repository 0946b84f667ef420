// 试算: a person typed into the form is computed as the policy's examples are, and saved as an example that passes.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy, runExamples } from '../../src/lang/index.js';
import { quoteText } from '../../src/lang/evaluate/person-example.js';
import { policyReader } from '../../src/worker/review.js';
import { tryPerson } from '../../src/worker/try-person.js';
import type { PolicyRef } from '../../src/worker/protocol.js';

const sources = Object.fromEntries(readdirSync('policies').map((f) => [f, readFileSync(`policies/${f}`, 'utf8')]));
const KAIJIANG: PolicyRef = { entry: 'kaijiang-2020.policy', sources };
const outcome = (a: ReturnType<typeof tryPerson>, name: string) => a.outcomes.find((o) => o.name === name)?.text;

/** The policy with the block appended: its examples, the new one last. */
function examplesWith(block: string) {
  const ref = {
    entry: KAIJIANG.entry,
    sources: { ...sources, [KAIJIANG.entry]: sources[KAIJIANG.entry] + '\n' + block },
  };
  const { policy, diagnostics } = loadPolicy(ref.entry, policyReader(ref));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return runExamples(policy!);
}

describe('try a person', () => {
  it('builds the form from the policy inputs, categories with their values', () => {
    const a = tryPerson({ policy: KAIJIANG, cells: {}, title: 'x' });
    const kinds = Object.fromEntries(a.fields.map((f) => [f.name, f.kind]));
    expect(kinds['缴费日期']).toBe('date');
    expect(kinds['是否本县户籍']).toBe('boolean');
    expect(kinds['人员类别']).toBe('category-set');
    expect(a.fields.find((f) => f.name === '人员类别')!.categories!.map((c) => c.name)).toContain('特困人员');
  });

  it('a renewing resident paying on the first day pays 250元 from 2020-01-01 (notice: 250元, benefits from 1 Jan)', () => {
    const cells = {
      身份证号码: '511723198505050012',
      人员类别: '普通居民',
      是否本县户籍: '是',
      上年度是否参保: '是',
      缴费日期: '2019-09-01',
    };
    const a = tryPerson({ policy: KAIJIANG, cells, title: '续保普通居民（试算）' });
    expect(a.problems).toEqual([]);
    expect(outcome(a, '参保资格')).toBe('是');
    expect(outcome(a, '个人缴费')).toBe('250.00元');
    expect(outcome(a, '政府资助')).toBe('0.00元');
    expect(outcome(a, '待遇开始')).toBe('2020-01-01');
    expect(outcome(a, '待遇结束')).toBe('2020-12-31');
    expect(a.explanation.length).toBeGreaterThan(0);
    expect(a.example).toContain('例子 "续保普通居民（试算）" {');
    expect(a.example).toContain('缴费日期：2019-09-01');
    expect(a.example).toContain('个人缴费：250.00元');
    const results = examplesWith(a.example!);
    expect(results.at(-1)).toMatchObject({ name: '续保普通居民（试算）', passed: true });
  });

  it('a 特困人员 of the county pays nothing and is subsidised 250元 upfront; the saved example passes', () => {
    const cells = { 身份证号码: '511723194403030039', 人员类别: '特困人员', 是否本县户籍: '是', 上年度是否参保: '是' };
    const a = tryPerson({ policy: KAIJIANG, cells, title: '特困' });
    expect(outcome(a, '个人缴费')).toBe('0.00元');
    expect(outcome(a, '政府资助')).toBe('250.00元');
    expect(outcome(a, '资助方式')).toBe('缴费时抵扣');
    expect(examplesWith(a.example!).at(-1)!.passed).toBe(true);
  });

  it('a flagged person is saved with the flag expected, and the example passes', () => {
    const cells = {
      身份证号码: '511723199002020027',
      人员类别: '普通居民',
      上年度是否参保: '否',
      缴费日期: '2020-03-10',
    };
    const a = tryPerson({ policy: KAIJIANG, cells, title: '无原因' });
    expect(a.flags.map((f) => f.code)).toContain('集中期后缴费无中途参保原因');
    expect(a.example).toContain('集中期后缴费无中途参保原因');
    expect(examplesWith(a.example!).at(-1)!.passed).toBe(true);
  });

  it('an invalid ID number is flagged by its Chinese name, and the example passes', () => {
    const a = tryPerson({ policy: KAIJIANG, cells: { 身份证号码: '511723198505050013' }, title: '错号' });
    expect(a.flags.map((f) => f.code)).toContain('invalid-id');
    expect(a.example).toContain('身份证号码无效');
    expect(examplesWith(a.example!).at(-1)!.passed).toBe(true);
  });

  it('a date that cannot be read is a located problem and nothing is computed', () => {
    const a = tryPerson({ policy: KAIJIANG, cells: { 缴费日期: '2019-13-05' }, title: 'x' });
    expect(a.problems.map((d) => d.code)).toContain('bad-date');
    expect(a.outcomes).toEqual([]);
    expect(a.example).toBeNull();
  });

  it('a policy with errors gives its diagnostics and no form', () => {
    const a = tryPerson({ policy: { entry: 'x.policy', sources: { 'x.policy': '政策 {' } }, cells: {}, title: 'x' });
    expect(a.diagnostics.length).toBeGreaterThan(0);
    expect(a.fields).toEqual([]);
  });

  it('quotes text so the grammar reads it back, or refuses', () => {
    expect(quoteText('张三')).toBe('"张三"');
    expect(quoteText('a"b')).toBe('“a"b”');
    expect(quoteText('a"b”c')).toBe('「a"b”c」');
    expect(quoteText('a"b”c」')).toBeNull();
    expect(quoteText('a\nb')).toBeNull();
  });
});
