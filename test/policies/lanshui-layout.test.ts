// 澜水县 (fictional): a policy laid out by its author — multi-line expressions, parentheses, comments — checks clean,
// its hand-computed examples pass, `fmt` prints it back unchanged, and its explanation reads aloud with the numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainRow, formatPolicy, loadPolicy, runExamples } from '../../src/lang/index.js';
import { dayNumber } from '../../src/lang/runtime/calendar.js';

const path = 'test/policies/lanshui-2025-layout.policy';
const text = readFileSync(path, 'utf8');
const loaded = loadPolicy(path, (p) => readFileSync(p, 'utf8'));

describe('lanshui-2025-layout.policy', () => {
  it('checks clean and every example passes', () => {
    expect(loaded.diagnostics).toEqual([]);
    const results = runExamples(loaded.policy!);
    expect(results.length).toBe(6);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });
  it('is printed back unchanged by fmt', () => {
    expect(formatPolicy(text, path).text).toBe(text);
  });
  it('explains the 74-year-old 脱贫人口 (二(二)): age 74 ≥ 70, 200元 subsidy, 400元 − 200元 = 200元 fee', () => {
    const steps = explainRow(loaded.policy!, {
      row: 3,
      problems: [],
      values: { 身份证号码: '110101195005050016', 人员类别: ['脱贫人口'], 缴费日期: dayNumber(2024, 11, 20) },
    });
    const zh = steps.map((s) => s.text.zh);
    expect(zh).toContain('年龄：年龄(年度开始) → 年龄(2025-01-01) → 74');
    expect(zh).toContain(
      '定义“定额资助对象”：人员类别 属于 {低保对象} 或 (人员类别 属于 {脱贫人口} 且 年龄(年度开始) >= 70)' +
        ' → 脱贫人口 属于 {低保对象} 或 (脱贫人口 属于 {脱贫人口} 且 年龄(2025-01-01) >= 70) → 是',
    );
    expect(zh).toContain('第 2 条规则：当 定额资助对象 → 是 —— 成立，得 (定额资助额) → (200.00元) → 200.00元');
    expect(zh).toContain(
      '否则（其余规则都不适用）：较大(个人缴费标准 - 政府资助, 0元) → 较大(400.00元 - 200.00元, 0元) → 200.00元',
    );
    const rule2 = steps.find((s) => s.text.zh.startsWith('第 2 条规则：当 定额资助对象'))!;
    expect(rule2.clause).toBe('二(二)');
    expect(rule2.clauseText).toContain('每人资助200元');
  });
});
