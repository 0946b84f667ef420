// Explanations a trainer can read aloud, on kaijiang-2020 persons: each definition with its value and how it was
// reached, numbers put in, and where a value is unknown, why. Expected numbers are worked from the notice:
// 二(三) 每人 250 元; 三(四) 集中期以后缴费 30 日之后享受待遇; 二(二) 低保资助额 “执行市上相关规定” (no amount given).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { explainRow, loadPolicy, type RosterRow } from '../../src/lang/index.js';
import type { ExplainStep } from '../../src/lang/api.js';
import type { CompiledPolicy } from '../../src/lang/api.js';
import { dayNumber } from '../../src/lang/runtime/calendar.js';
import { loadText, minimal } from '../helpers.js';

const FILE = 'policies/kaijiang-2020.policy';
const policy = loadPolicy(FILE, (p) => readFileSync(p, 'utf8')).policy as CompiledPolicy;

function person(values: RosterRow['values'], unreadable?: RosterRow['unreadable']): RosterRow {
  return { row: 9, problems: [], values, ...(unreadable ? { unreadable } : {}) };
}

/** The steps under the outcome `name` (up to the next outcome). */
function section(steps: ExplainStep[], name: string): ExplainStep[] {
  const at = steps.findIndex((s) => s.kind === 'outcome' && s.text.zh.startsWith(`结果“${name}”`));
  expect(at).toBeGreaterThanOrEqual(0);
  const end = steps.findIndex((s, i) => i > at && s.depth === 0);
  return steps.slice(at, end < 0 ? undefined : end);
}
const lines = (steps: ExplainStep[]) => steps.map((s) => `${'  '.repeat(s.depth)}${s.text.zh}`);

describe('explanation tree (kaijiang-2020)', () => {
  it('puts the numbers into the fee formula: 250元 − 0元 = 250元 (二(三))', () => {
    const steps = explainRow(
      policy,
      person({
        身份证号码: '511723198505051015',
        人员类别: ['普通居民'],
        是否本县户籍: true,
        上年度是否参保: true,
        缴费日期: dayNumber(2019, 10, 15),
      }),
    );
    const fee = section(steps, '个人缴费');
    expect(fee[0]!.text.zh).toBe('结果“个人缴费”：250.00元');
    const otherwise = fee.find((s) => s.text.zh.startsWith('否则'))!;
    expect(otherwise.text.zh).toBe(
      '否则（其余规则都不适用）：较大(个人缴费标准 - 政府资助, 0元) → 较大(250.00元 - 0.00元, 0元) → 250.00元',
    );
    expect(otherwise.text.en).toContain('→ 250.00元');
    expect(otherwise.clause).toBe('二(三)');
    // The parameter it reads is a step of its own, one level down, citing its clause.
    const param = fee[fee.indexOf(otherwise) + 1]!;
    expect(param).toMatchObject({ depth: 2, kind: 'param', clause: '二(三)' });
    expect(param.text.zh).toBe('参数“个人缴费标准” = 250.00元');
  });
  it('shows each definition a condition reads, with its value, as a tree', () => {
    // 2020-03-10 缴费 (after the 集中参保期 ended 2019-12-25): 30 days are 3-11 … 4-09, so 等待期满 = 2020-04-10.
    const steps = explainRow(
      policy,
      person({
        身份证号码: '511723198505051066',
        人员类别: ['普通居民'],
        是否本县户籍: true,
        上年度是否参保: false,
        缴费日期: dayNumber(2020, 3, 10),
      }),
    );
    const start = section(steps, '待遇开始');
    expect(start[0]!.text.zh).toBe('结果“待遇开始”：2020-04-10');
    const text = lines(start).map((l) => l.trim());
    expect(text).toContain(
      '定义“集中期后缴费”：缴费日期 > 结束(集中参保期) → 2020-03-10 > 结束(2019-09-01 至 2019-12-25) → 是',
    );
    expect(text).toContain('定义“等待期满”：缴费日期 + 30日 + 1日 → 2020-03-10 + 30日 + 1日 → 2020-04-10');
    const rule6 = start.find((s) => s.text.zh.startsWith('第 6 条规则'))!;
    expect(rule6.text.zh).toBe('第 6 条规则：当 集中期后缴费 → 是 —— 成立，得 等待期满 → 2020-04-10');
    expect(rule6.clause).toBe('三(四)');
    // A definition is explained once, where it is first read; deeper definitions sit deeper.
    expect(steps.filter((s) => s.text.zh.startsWith('定义“集中期后缴费”'))).toHaveLength(1);
    const waiting = start.find((s) => s.text.zh.startsWith('定义“等待期满在年度之后”'))!;
    const inner = start.find((s) => s.text.zh.startsWith('定义“等待期满”'))!;
    expect(inner.depth).toBe(waiting.depth + 1);
  });
  it('explains 已参保 with its numbers', () => {
    const steps = explainRow(
      policy,
      person({ 身份证号码: '511723198505051226', 人员类别: ['普通居民'], 是否本县户籍: true, 上年度是否参保: true }),
    );
    const enrolled = section(steps, '已参保');
    expect(enrolled[0]!.text.zh).toBe('结果“已参保”：否');
    expect(lines(enrolled)).toContain('  第 2 条规则：当 个人缴费 = 0元 → 250.00元 = 0元 → 否 —— 不成立');
    expect(lines(enrolled)).toContain('  否则（其余规则都不适用）：有值(缴费日期) → 有值(无) → 否');
  });
  it('stops at the rule it cannot decide and names the missing parameter (低保资助额, 二(二))', () => {
    const steps = explainRow(
      policy,
      person({
        身份证号码: '511723198505051162',
        人员类别: ['低保对象'],
        是否本县户籍: true,
        上年度是否参保: true,
        缴费日期: dayNumber(2019, 10, 15),
      }),
    );
    const subsidy = section(steps, '政府资助');
    expect(subsidy[0]!.text.zh).toBe('结果“政府资助”：未知');
    expect(subsidy[0]!.text.en).toBe('Outcome “政府资助”: unknown');
    const rule3 = subsidy.find((s) => s.text.zh.startsWith('第 3 条规则'))!;
    expect(rule3.text.zh).toBe('第 3 条规则：当 享受低保资助 → 是 —— 成立，得 低保资助额 → 未知');
    const why = subsidy.filter((s) => s.kind === 'unknown');
    expect(why.map((s) => s.text.zh)).toEqual([
      '无法确定的原因：缺少参数“低保资助额”的值（在政策中写 参数 低保资助额：… = 值，或计算时给出 --param 低保资助额=值）',
    ]);
    expect(subsidy.find((s) => s.kind === 'param')!.text.zh).toBe('参数“低保资助额” = 政策未给出值');
    // The fee reads the unknown subsidy: its explanation traces the cause through it.
    const fee = section(steps, '个人缴费');
    expect(fee.some((s) => s.kind === 'unknown' && s.text.zh.includes('缺少参数“低保资助额”'))).toBe(true);
  });
  it('with 低保资助额 given as 150元, the fee is 250元 − 150元 = 100元', () => {
    const steps = explainRow(
      policy,
      person({
        身份证号码: '511723198505051170',
        人员类别: ['低保对象'],
        是否本县户籍: true,
        上年度是否参保: true,
        缴费日期: dayNumber(2019, 10, 15),
      }),
      { 低保资助额: '150元' },
    );
    const fee = section(steps, '个人缴费');
    expect(fee.find((s) => s.text.zh.startsWith('否则'))!.text.zh).toBe(
      '否则（其余规则都不适用）：较大(个人缴费标准 - 政府资助, 0元) → 较大(250.00元 - 150.00元, 0元) → 100.00元',
    );
    expect(steps.some((s) => s.kind === 'unknown')).toBe(false);
  });
  it('names the roster cell it could not read', () => {
    const steps = explainRow(
      policy,
      person(
        {
          身份证号码: '511723198505051015',
          是否本县户籍: true,
          上年度是否参保: true,
          缴费日期: dayNumber(2019, 10, 15),
        },
        [{ field: '人员类别', column: '资助类别', text: '低报对象', suggestion: '低保对象' }],
      ),
    );
    const subsidy = section(steps, '政府资助');
    expect(subsidy[0]!.text.zh).toBe('结果“政府资助”：未知');
    const why = subsidy.find((s) => s.kind === 'unknown')!;
    expect(why.text.zh).toBe('无法确定的原因：花名册“资助类别”一格的内容“低报对象”无法读取（是否为“低保对象”？）');
    expect(why.text.en).toContain('did you mean “低保对象”?');
  });
  it('names an outcome no rule of which applies, and traces it into an outcome that reads it', () => {
    const text = minimal(
      '结果 补助：金额 {\n  当 人员类别 属于 {特困人员}：100元\n}\n' + '结果 合计补助：金额 { 否则：补助 + 10元 }',
    );
    const loaded = loadText(text);
    const steps = explainRow(loaded.policy!, person({ 身份证号码: '511723198505051015', 人员类别: ['普通居民'] }));
    const own = section(steps, '补助');
    expect(own[0]!.text.zh).toBe('结果“补助”：未知');
    expect(own.find((s) => s.kind === 'unknown')!.text.zh).toBe(
      '无法确定的原因：结果“补助”没有适用的规则，且政策未写“否则”',
    );
    const total = section(steps, '合计补助');
    expect(total.find((s) => s.text.zh.startsWith('否则'))!.text.zh).toBe(
      '否则（其余规则都不适用）：补助 + 10元 → 未知 + 10元 → 未知',
    );
    expect(total.find((s) => s.kind === 'unknown')!.text.en).toBe(
      'Why it is unknown: no rule of “补助” applies and the policy states no “otherwise”',
    );
  });
});
