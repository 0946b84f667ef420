// No silent unknown: every outcome that comes out unknown carries a flag naming its cause, in both back ends, and
// only the people whose results actually depend on the cause are flagged.
import { describe, expect, it } from 'vitest';
import { runExamples, type PersonResult, type RosterRow } from '../../src/lang/index.js';
import { dayNumber, formatDate } from '../../src/lang/runtime/calendar.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { evaluateBoth, loadChecked, loadText, minimal } from '../helpers.js';

const row = (n: number, values: RosterRow['values'], unreadable?: RosterRow['unreadable']): RosterRow => ({
  row: n,
  problems: [],
  values: { 身份证号码: makeIdNumber('511723', 1980 + n, 8, 8, 22), ...values },
  ...(unreadable ? { unreadable } : {}),
});

const codes = (r: PersonResult) => r.flags.map((f) => f.code);

describe('unknown outcomes outside the standard ones', () => {
  const policy = () => loadChecked(minimal('参数 P：金额\n结果 X：金额 { 否则：P + 1元 }'));
  it('flags an extra outcome that needs a parameter without value, and lists it as unknown', () => {
    const [r] = evaluateBoth(policy(), [row(1, { 人员类别: ['普通居民'], 缴费日期: null })]).results;
    expect(r!.extras.X).toBeNull();
    expect(r!.unknown).toEqual(['X']);
    const missing = r!.flags.filter((f) => f.code === 'missing-parameter');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message.zh).toContain('“P”');
  });
  it('lists nothing as unknown for an outcome that is merely none', () => {
    const p = loadChecked(minimal('结果 X：金额 { 当 有值(缴费日期)：1元 否则：无 }'));
    const [r] = evaluateBoth(p, [row(1, { 人员类别: ['普通居民'], 缴费日期: null })]).results;
    expect(r!.extras.X).toBeNull();
    expect(r!.unknown).toEqual([]);
    expect(codes(r!)).toEqual([]);
  });
});

describe('missing-parameter flags only the people whose results depend on the parameter', () => {
  for (const cond of ['Q > 0元 且 有值(缴费日期)', '有值(缴费日期) 且 Q > 0元']) {
    it(`in either operand order: ${cond}`, () => {
      const p = loadChecked(
        minimal(
          '参数 Q：金额',
          `结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额 { 当 ${cond}：100元 否则：0元 }
结果 个人缴费：金额 { 否则：标准 }
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`,
        ),
      );
      const [unpaid, paid] = evaluateBoth(p, [
        row(1, { 人员类别: ['普通居民'], 缴费日期: null }),
        row(2, { 人员类别: ['普通居民'], 缴费日期: dayNumber(2020, 1, 5) }),
      ]).results;
      // Not paid: the condition is false whatever Q is, so the subsidy is 0 and nothing is missing.
      expect(unpaid!.subsidy).toBe(0);
      expect(codes(unpaid!)).toEqual([]);
      // Paid: the subsidy depends on Q, which the notice does not give.
      expect(paid!.subsidy).toBeNull();
      expect(paid!.unknown).toEqual(['政府资助']);
      expect(codes(paid!)).toEqual(['missing-parameter']);
    });
  }
});

describe('unreadable roster cells', () => {
  const policy = () =>
    loadChecked(
      minimal(
        '输入 备注：类别 {甲, 乙}',
        `结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额 { 当 人员类别 属于 {低保对象}：100元 否则：0元 }
结果 个人缴费：金额 { 否则：标准 - 政府资助 }
结果 资助方式：时机 { 否则：缴费时抵扣 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`,
      ),
    );
  const misspelt = { field: '人员类别', column: '人员类别', text: '低报对象', suggestion: '低保对象' };
  it('make what depends on them unknown (not none), flagged with column, text and the nearest value', () => {
    const { results, summary } = evaluateBoth(policy(), [
      row(1, { 人员类别: null, 缴费日期: dayNumber(2020, 1, 5) }, [misspelt]),
      row(2, { 人员类别: ['低保对象'], 缴费日期: dayNumber(2020, 1, 5) }),
    ]);
    const r = results[0]!;
    // Not billed as an ordinary resident (250元, no subsidy): both amounts are unknown.
    expect(r.subsidy).toBeNull();
    expect(r.personalFee).toBeNull();
    expect(r.unknown).toEqual(['个人缴费', '政府资助']);
    expect(codes(r)).toEqual(['unreadable-value']);
    expect(r.flags[0]!.message.zh).toContain('“人员类别”列的“低报对象”');
    expect(r.flags[0]!.message.zh).toContain('“低保对象”');
    // The money of the unknown person is counted apart, not as 0.
    expect(summary.county.unknown).toBe(1);
    expect(summary.county.collected).toBe(15000);
    expect(summary.county.subsidyUpfront).toBe(10000);
  });
  it('flag nothing when no result depends on the cell', () => {
    const cell = { field: '备注', column: '备注', text: '丙' };
    const [r] = evaluateBoth(policy(), [
      row(1, { 人员类别: ['普通居民'], 缴费日期: null, 备注: null }, [cell]),
    ]).results;
    expect(r!.personalFee).toBe(25000);
    expect(r!.unknown).toEqual([]);
    expect(codes(r!)).toEqual([]);
  });
  it('make 有值 of an unreadable cell unknown', () => {
    const cell = { field: '缴费日期', column: '缴费时间', text: '2020-13-45' };
    const { results, summary } = evaluateBoth(policy(), [row(1, { 人员类别: ['普通居民'], 缴费日期: null }, [cell])]);
    expect(results[0]!.unknown).toEqual(['已参保']);
    expect(results[0]!.flags.map((f) => f.message.zh)).toEqual([expect.stringContaining('“缴费时间”列的“2020-13-45”')]);
    expect(summary.county.enrolled).toBe(0);
  });
});

describe('durations of days and months', () => {
  it('add months first (clamped to the month end), then days, and print both parts', () => {
    const p = loadChecked(
      minimal('结果 到期：日期 { 否则：缴费日期 + (3个月 + 30日) }\n结果 长度：时长 { 否则：3个月 + 30日 }'),
    );
    const [r] = evaluateBoth(p, [row(1, { 人员类别: ['普通居民'], 缴费日期: dayNumber(2025, 1, 31) })]).results;
    // 2025-01-31 + 3 months = 2025-04-30 (April has 30 days), + 30 days = 2025-05-30.
    expect(r!.extras.到期).toBe('2025-05-30');
    expect(r!.extras.长度).toBe('3个月30日');
  });
  it('subtract months first, then days', () => {
    const p = loadChecked(minimal('结果 起点：日期 { 否则：缴费日期 - (1个月 + 1日) }'));
    const [r] = evaluateBoth(p, [row(1, { 人员类别: ['普通居民'], 缴费日期: dayNumber(2025, 3, 31) })]).results;
    // 2025-03-31 - 1 month = 2025-02-28, - 1 day = 2025-02-27.
    expect(r!.extras.起点).toBe('2025-02-27');
  });
  for (const expr of [
    '较大(90日, 3个月)',
    '90日 > 3个月',
    '3个月 = 90日',
    '(1个月 + 1日) < 2个月',
    '较小(1年, 30日 * 2)',
  ]) {
    it(`rejects days compared with months, located: ${expr}`, () => {
      const text = minimal(`结果 X：是否 { 否则：是 }\n定义 比较 = ${expr}`);
      const d = loadText(text).diagnostics.filter((x) => x.code === 'mixed-duration-compare');
      expect(d).toHaveLength(1);
      expect(d[0]!.severity).toBe('error');
      expect(d[0]!.span?.start.line).toBe(text.split('\n').findIndex((l) => l.startsWith('定义 比较')) + 1);
    });
  }
  it('compares durations of one unit', () => {
    const p = loadChecked(minimal('结果 长：是否 { 否则：90日 > 60日 且 1年 > 11个月 且 较大(2个月, 1个月) = 2个月 }'));
    const [r] = evaluateBoth(p, [row(1, { 人员类别: ['普通居民'], 缴费日期: null })]).results;
    expect(r!.extras.长).toBe(true);
  });
  it('makes a comparison unknown, and flags it, when the units are known only at run time', () => {
    const p = loadChecked(minimal('参数 等待：时长 = 3个月\n结果 长：是否 { 否则：等待 > 90日 }'));
    const [r] = evaluateBoth(p, [row(1, { 人员类别: ['普通居民'], 缴费日期: null })]).results;
    expect(r!.extras.长).toBeNull();
    expect(r!.unknown).toEqual(['长']);
    expect(codes(r!)).toEqual(['unknown-outcome']);
    expect(r!.flags[0]!.message.zh).toContain('“长”');
  });
});

describe('较大/较小 with an empty argument', () => {
  const p = () =>
    loadChecked(
      minimal(
        '输入 断保年数：整数\n输入 补缴年数：整数\n结果 等待年数：整数 { 否则：较大(断保年数 - 1 - 补缴年数, 0) }',
      ),
    );
  it('give none, not the other argument', () => {
    const [blank, known, negative] = evaluateBoth(p(), [
      row(1, { 人员类别: ['普通居民'], 缴费日期: null, 断保年数: 5, 补缴年数: null }),
      row(2, { 人员类别: ['普通居民'], 缴费日期: null, 断保年数: 5, 补缴年数: 1 }),
      row(3, { 人员类别: ['普通居民'], 缴费日期: null, 断保年数: 1, 补缴年数: 1 }),
    ]).results;
    expect(blank!.extras.等待年数).toBeNull();
    expect(blank!.unknown).toEqual([]);
    expect(known!.extras.等待年数).toBe(3);
    expect(negative!.extras.等待年数).toBe(0);
  });
});

describe('合计 and 就高 with a rule that applies but gives none', () => {
  const p = () =>
    loadChecked(
      minimal(
        '输入 补贴甲：金额\n输入 补贴乙：金额\n' +
          '结果 补贴合计：金额，合并 合计 { 当 是：补贴甲  当 是：补贴乙 }\n' +
          '结果 补贴最高：金额，合并 就高 { 当 是：补贴甲  当 是：补贴乙 }',
      ),
    );
  it('are unknown and flagged, never the other rules alone', () => {
    const [blank, both] = evaluateBoth(p(), [
      row(1, { 人员类别: ['普通居民'], 缴费日期: null, 补贴甲: 10000, 补贴乙: null }),
      row(2, { 人员类别: ['普通居民'], 缴费日期: null, 补贴甲: 10000, 补贴乙: 5000 }),
    ]).results;
    expect(blank!.extras.补贴合计).toBeNull();
    expect(blank!.unknown).toEqual(['补贴合计', '补贴最高']);
    expect(codes(blank!)).toEqual(['rule-without-value', 'rule-without-value']);
    expect(both!.extras.补贴合计).toBe(150);
    expect(both!.extras.补贴最高).toBe(100);
  });
});

describe('the policy header', () => {
  const body = (header: string) =>
    minimal().replace(/^政策 \{[^}]*\}/, header) + '结果 前月：日期 { 否则：年度开始 - 1个月 }\n';
  it('may stand on one line, as the language reference shows it', () => {
    const r = loadText(body('政策 { 标题：某县 2025 年城乡居民医保缴费通知 县：某县 年度：2025 }'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.policy!.header).toMatchObject({ title: '某县 2025 年城乡居民医保缴费通知', county: '某县', year: 2025 });
    const [x] = evaluateBoth(r.policy!, [row(1, { 人员类别: ['普通居民'], 缴费日期: null })]).results;
    expect(formatDate(x!.benefitEnd!)).toBe('2025-12-31');
    expect(x!.extras.前月).toBe('2024-12-01');
  });
  it('may separate its fields by commas on one line', () => {
    const r = loadText(body('政策 { 标题：通知，县：某县，年度：2025 }'));
    expect(r.policy!.header).toMatchObject({ title: '通知', county: '某县', year: 2025 });
  });
  it('without 年度 is a located error, never a year 0', () => {
    const r = loadText(body('政策 { 标题：通知 县：某县 }'));
    const d = r.diagnostics.find((x) => x.code === 'missing-header');
    expect(d?.severity).toBe('error');
    expect(d?.span?.start.line).toBe(1);
    expect(r.policy).toBeNull();
  });
  it('with a 年度 that is not a year is a located error', () => {
    const r = loadText(body('政策 {\n  标题：通知\n  年度：二〇二五\n}'));
    const d = r.diagnostics.find((x) => x.code === 'bad-header-year');
    expect(d?.severity).toBe('error');
    expect(d?.span?.start.line).toBe(3);
    expect(r.diagnostics.map((x) => x.code)).not.toContain('missing-header');
  });
});

describe('examples and unknown outcomes', () => {
  const text = (expect: string) =>
    minimal(
      `参数 P：金额\n结果 X：金额 { 否则：P + 1元 }\n例子 "x" {\n  身份证号码："511723198505050012"\n  期望 { ${expect} }\n}`,
    );
  it('fail an example that expects 无 where the outcome is unknown', () => {
    const r = runExamples(loadChecked(text('X：无')));
    expect(r[0]!.passed).toBe(false);
    expect(r[0]!.failures[0]!.en).toContain('got unknown');
  });
  it('pass an example that expects 未知 where it is unknown, and fail it where it is known', () => {
    expect(runExamples(loadChecked(text('X：未知  标记：{缺少参数}')))[0]!.passed).toBe(true);
    const known = runExamples(loadChecked(text('X：未知').replace('参数 P：金额', '参数 P：金额 = 1元')));
    expect(known[0]!.failures.map((f) => f.en)).toEqual(['X: expected unknown, got 2.00元']);
  });
});
