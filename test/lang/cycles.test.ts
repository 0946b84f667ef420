// A value that depends on itself is a located error: in the policy (parameters, definitions, outcomes, periods,
// deadlines) and in a value given at evaluation time, which may not refer to the parameter itself.
import { describe, expect, it } from 'vitest';
import { evaluatePerson, evaluateRoster } from '../../src/lang/index.js';
import { findCycles, type DependencyNode } from '../../src/lang/check/dependencies.js';
import { codes, loadText, minimal } from '../helpers.js';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const ID = '110101198001010012';

describe('cycles', () => {
  const cases: [string, string, string][] = [
    ['a parameter', '参数 自参：金额 = 自参 + 1元', '参数 自参'],
    ['an outcome', '结果 自增：金额 { 否则：自增 + 1元 }', '结果 自增'],
    [
      'a definition and an outcome',
      '定义 甲 = 乙 + 1元\n结果 乙：金额 { 当 有值(缴费日期)：甲\n 否则：0元 }',
      '定义 甲',
    ],
    ['a period', '缴费期 期 = 开始(期) 至 2020-12-31\n结果 期内：是否 { 否则：缴费日期 属于 期 }', '缴费期 期'],
    ['a deadline', '期限 截止 = 截止 + 1日\n结果 逾期：是否 { 否则：缴费日期 > 截止 }', '期限 截止'],
  ];
  for (const [what, decl, at] of cases) {
    it(`is an error located at ${what} that refers to itself`, () => {
      const text = minimal(decl);
      const r = loadText(text);
      const d = r.diagnostics.find((x) => x.code === 'cycle');
      expect(d?.severity).toBe('error');
      expect(d?.span?.start.line).toBe(lineOf(text, at));
      expect(r.policy).toBeNull();
    });
  }
  it('names every step of the path with its location', () => {
    const text = minimal('定义 甲 = 乙 + 1元\n定义 乙 = 丙\n定义 丙 = 甲');
    const d = loadText(text).diagnostics.find((x) => x.code === 'cycle')!;
    expect(d.message.zh).toContain('甲 → 乙 → 丙 → 甲');
    expect(d.notes).toHaveLength(3);
    expect(d.notes![1]!.zh).toContain(`:${lineOf(text, '定义 乙')}:`);
  });
  it('finds a cycle through 50000 names without a recursion limit', () => {
    const n = 50000;
    const graph = new Map<string, DependencyNode>();
    const loc = { source: 't', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
    for (let i = 0; i < n; i++)
      graph.set(`define:${i}`, { key: `define:${i}`, name: String(i), loc, refs: [`define:${(i + 1) % n}`] });
    const cycles = findCycles(graph);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
  }, 30000);
  it('computes a parameter declared before the one it refers to', () => {
    const r = loadText(minimal('参数 乙：金额 = 甲 + 1元\n参数 甲：金额 = 100元\n结果 额外：金额 { 否则：乙 }'));
    expect(r.policy).not.toBeNull();
    expect(evaluatePerson(r.policy!, { 身份证号码: ID }).extras['额外']).toBe(101);
  });
  it('rejects an evaluation-time value that refers to the parameter itself, keeping the declared value', () => {
    const policy = loadText(minimal()).policy!;
    const { results, diagnostics } = evaluateRoster(policy, [{ row: 1, problems: [], values: { 身份证号码: ID } }], {
      params: { 标准: '标准 + 1元' },
    });
    expect(diagnostics.map((d) => d.code)).toContain('cycle');
    expect(diagnostics.find((d) => d.code === 'cycle')?.severity).toBe('error');
    expect(results[0]!.personalFee).toBe(25000);
  });
  it('rejects evaluation-time values that refer to each other through the declared ones', () => {
    const policy = loadText(minimal('参数 乙：金额 = 标准 + 1元')).policy!;
    const { diagnostics } = evaluateRoster(policy, [], { params: { 标准: '乙' } });
    expect(diagnostics.map((d) => d.code)).toContain('cycle');
    expect(codes(loadText(minimal('参数 乙：金额 = 标准 + 1元')))).not.toContain('cycle');
  });
});
