// No plausible wrong number from arithmetic: a division by zero and a result past 2^53 − 1 are unknown with a flag
// naming where (file:line:column and the rule), in both back ends, also where the division is a constant or a
// parameter's value; money × percent and money ÷ integer round half up to the fen, exactly at any safe size.
import { describe, expect, it } from 'vitest';
import { explainRow, runExamples, type PersonResult, type RosterRow } from '../../src/lang/index.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { divideMoney, percentOf } from '../../src/lang/runtime/money.js';
import { evaluateBoth, loadChecked, loadText, minimal } from '../helpers.js';

const row = (n: number, values: RosterRow['values']): RosterRow => ({
  row: n,
  problems: [],
  values: { 身份证号码: makeIdNumber('511723', 1980 + n, 8, 8, 22), 人员类别: ['普通居民'], ...values },
});

const codes = (r: PersonResult) => r.flags.map((f) => f.code);

describe('division by zero', () => {
  // minimal() puts 政策 (5 lines), 3 inputs and 参数 标准 on lines 1–9, its 7 outcomes on 10–16: `extra` from 17.
  it('by the literal 0 is an error of the checker, at the division', () => {
    const r = loadText(minimal('结果 X：金额 { 否则：标准 / 0 }'));
    const d = r.diagnostics.filter((x) => x.code === 'division-by-zero');
    expect(d.map((x) => [x.severity, x.span?.start.line, x.span?.start.column])).toEqual([['error', 17, 14]]);
  });
  it('of a constant ((1 - 1) as divisor) is unknown for everyone who reads it, flagged at its place', () => {
    const p = loadChecked(minimal('结果 X：金额 { 当 有值(缴费日期)：250元 / (1 - 1) 否则：0元 }'));
    const [paid, unpaid] = evaluateBoth(p, [row(1, { 缴费日期: 18300 }), row(2, { 缴费日期: null })]).results;
    expect(paid!.extras.X).toBeNull();
    expect(paid!.unknown).toEqual(['X']);
    expect(codes(paid!)).toEqual(['division-by-zero']);
    // 结果 X：金额 { 当 有值(缴费日期)：  is 21 characters: the division starts at column 22.
    expect(paid!.flags[0]!.message.zh).toContain('test.policy:17:22（结果“X”第 1 条规则）');
    expect(unpaid!.extras.X).toBe(0);
    expect(codes(unpaid!)).toEqual([]);
  });

  it('in a parameter computed from another, given 0 at evaluation, reaches each reader with its cause', () => {
    const p = loadChecked(
      minimal(`参数 份数：整数 = 2
参数 每份：金额 = 标准 / 份数
结果 X：金额 { 否则：每份 }`),
    );
    // 250 元 in 2 shares: 125 元.
    expect(evaluateBoth(p, [row(1, {})]).results[0]!.extras.X).toBe(125); // extras are in yuan
    const [r] = evaluateBoth(p, [row(1, {})], { 份数: '0' }).results;
    expect(r!.extras.X).toBeNull();
    expect(r!.unknown).toEqual(['X']);
    expect(codes(r!)).toEqual(['division-by-zero']);
    expect(r!.flags[0]!.message.zh).toContain('test.policy:18:12（参数“每份”）');
  });

  it('of an empty divisor stays none (an empty cell is none, as the reference says), not unknown', () => {
    const p = loadChecked(minimal('输入 人数：整数\n结果 X：金额 { 否则：标准 / 人数 }'));
    const [r] = evaluateBoth(p, [row(1, { 人数: null })]).results;
    expect(r!.extras.X).toBeNull();
    expect(r!.unknown).toEqual([]);
  });

  it('is expected in an example by its Chinese name, 除数为零', () => {
    const p = loadChecked(
      minimal(`输入 人数：整数
结果 X：金额 { 否则：标准 / 人数 }
例子 "0 人" { 身份证号码："${makeIdNumber('511723', 1980, 1, 1, 1)}"  人数：0  期望 { X：未知  标记：{除数为零} } }
例子 "3 人：250 ÷ 3 = 83.333… 元，四舍五入 83.33 元" { 身份证号码："${makeIdNumber('511723', 1980, 1, 1, 1)}"  人数：3  期望 { X：83.33元  标记：{} } }`),
    );
    const results = runExamples(p);
    expect(results.map((x) => x.passed)).toEqual([true, true]);
  });
});

describe('arithmetic past 2^53 − 1 fen', () => {
  const p = () =>
    loadChecked(
      minimal(`输入 申报金额：金额
参数 倍数：整数 = 100000
结果 乘积：金额 { 否则：申报金额 * 倍数 }
结果 半数：金额 { 否则：申报金额 * 50000 }
结果 合计额：金额，合并 合计 {
  当 有值(申报金额)：半数
  当 有值(申报金额)：半数
}
结果 三成：金额 { 否则：申报金额 * 33.33% }`),
    );
  it('is unknown and flagged arithmetic-overflow, never a rounded number; within range it is exact', () => {
    // 10亿元 = 10^11 fen. × 100000 = 10^16 fen, past 2^53 − 1 ≈ 9.007 × 10^15: unknown.
    // × 50000 = 5 × 10^15 fen (50 万亿元): exact. Two of them summed: 10^16 again, unknown.
    const [big, small] = evaluateBoth(p(), [row(1, { 申报金额: 1e11 }), row(2, { 申报金额: 100 })]).results;
    expect(big!.extras.乘积).toBeNull();
    expect(big!.extras.半数).toBe(5e13); // in yuan
    expect(big!.extras.合计额).toBeNull();
    expect(big!.unknown).toEqual(['乘积', '合计额']);
    expect(codes(big!)).toEqual(['arithmetic-overflow', 'arithmetic-overflow']);
    expect(big!.flags[0]!.message.zh).toContain('test.policy:19:15（结果“乘积”的“否则”规则）');
    // The sum overflows at its second rule (line 23).
    expect(big!.flags[1]!.message.zh).toContain('test.policy:23:3（结果“合计额”第 2 条规则）');
    // 1 元 × 100000 = 100000 元; × 50000 = 50000 元, twice = 100000 元.
    expect(small!.extras.乘积).toBe(1e5);
    expect(small!.extras.合计额).toBe(1e5);
    expect(codes(small!)).toEqual([]);
  });
  it('rounds money × percent exactly where the product of fen and hundredths passes 2^53', () => {
    // 999,999,999,999.99 元 = 99,999,999,999,999 fen; × 3333 = 333,299,999,999,996,667; ÷ 10000 =
    // 33,329,999,999,999.6667 fen, rounded half up: 33,330,000,000,000 fen (extras show yuan).
    const [r] = evaluateBoth(p(), [row(1, { 申报金额: 99_999_999_999_999 })]).results;
    expect(r!.extras.三成).toBe(333_300_000_000);
  });
  it('is explained at the operation', () => {
    const steps = explainRow(p(), row(1, { 申报金额: 1e11 }));
    const why = steps.filter((s) => s.kind === 'unknown').map((s) => s.text.zh);
    expect(why.some((t) => t.includes('test.policy:19:15（结果“乘积”的“否则”规则）的计算结果超出'))).toBe(true);
    expect(why.some((t) => t.includes('结果“合计额”的合计超出'))).toBe(true);
  });
});

describe('dates and durations past 2^53 − 1', () => {
  const p = () => loadChecked(minimal('参数 年数：整数 = 2\n结果 满期：日期 { 否则：缴费日期 + 年数 * 1年 }'));
  it('are unknown and flagged, never a date far beyond the calendar shown as if real', () => {
    // 2020-01-05 + 2 years = 2022-01-05.
    expect(evaluateBoth(p(), [row(1, { 缴费日期: 18266 })]).results[0]!.extras.满期).toBe('2022-01-05');
    // 10^15 years are 1.2 × 10^16 months: the duration itself is past 2^53 − 1.
    const [months] = evaluateBoth(p(), [row(1, { 缴费日期: 18266 })], { 年数: '1000000000000000' }).results;
    expect(months!.extras.满期).toBeNull();
    expect(codes(months!)).toEqual(['arithmetic-overflow']);
    // 10^14 years are 1.2 × 10^15 months (safe), but the day some 3.65 × 10^16 days on is not.
    const [days] = evaluateBoth(p(), [row(1, { 缴费日期: 18266 })], { 年数: '100000000000000' }).results;
    expect(days!.extras.满期).toBeNull();
    expect(days!.unknown).toEqual(['满期']);
    expect(codes(days!)).toEqual(['arithmetic-overflow']);
  });
});

describe('rounding to the fen (grammar/reference/expressions.md)', () => {
  it('rounds percentages half up: 50% of 380元 = 190元, 33.33% of 380元 = 126.65元, 33% of 100.05元 = 33.02元', () => {
    expect(percentOf(38000, 5000)).toBe(19000);
    expect(percentOf(38000, 3333)).toBe(12665); // 12,665.4 fen
    expect(percentOf(10005, 3300)).toBe(3302); // 3,301.65 fen
    expect(percentOf(4, 1250)).toBe(1); // 0.5 fen, half up
    expect(percentOf(3, 5000)).toBe(2); // 1.5 fen
  });
  it('rounds division half up: 380元 / 3 = 126.67元, 200元 / 3 = 66.67元, 100元 / 3 = 33.33元, 0.05元 / 2 = 0.03元', () => {
    expect(divideMoney(38000, 3)).toBe(12667); // 12,666.67 fen
    expect(divideMoney(20000, 3)).toBe(6667); // 6,666.67 fen
    expect(divideMoney(10000, 3)).toBe(3333); // 3,333.33 fen
    expect(divideMoney(5, 2)).toBe(3); // 2.5 fen
    expect(divideMoney(-5, 2)).toBe(-3); // half away from zero below zero
    expect(Object.is(divideMoney(-1, 3), 0)).toBe(true); // not −0
  });
  it('rounds exactly past 2^52: 9,007,199,254,740,991 fen / 2 = 4,503,599,627,370,495.5 → …496', () => {
    expect(divideMoney(Number.MAX_SAFE_INTEGER, 2)).toBe(4_503_599_627_370_496);
    expect(divideMoney(Number.MAX_SAFE_INTEGER, 10)).toBe(900_719_925_474_099); // …099.1
  });
});

describe('none reaching the fee or the subsidy of an eligible person', () => {
  // Fictional notice: 低保对象 get the amount in the roster's 资助额 column; the fee is 250 元 less it, not below 0.
  const p = () =>
    loadChecked(
      minimal(
        '',
        `输入 资助额：金额
输入 参加职工医保：是否
结果 参保资格：是否 { 当 参加职工医保：否  否则：是 }
结果 政府资助：金额 {
  当 人员类别 属于 {低保对象}：资助额
  否则：0元
}
结果 个人缴费：金额 {
  当 非 参保资格：无
  否则：较大(标准 - 政府资助, 0元)
}
结果 资助方式：时机 { 当 政府资助 > 0元：缴费时抵扣  否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`,
      ),
    );
  it('is unknown and flagged, not counted as 0 元 in the totals (both back ends)', () => {
    const { results, summary } = evaluateBoth(p(), [
      row(1, {}), // 250 元, no subsidy
      row(2, { 人员类别: ['低保对象'], 资助额: 15000 }), // 150 元 subsidy, fee 250 − 150 = 100 元
      row(3, { 人员类别: ['低保对象'], 资助额: null }), // the amount is missing: unknown, not 0 元 and 250 元
      row(4, { 参加职工医保: true }), // not eligible: no fee (none), as the policy says
    ]);
    const [plain, given, missing, employee] = results;
    expect([plain!.personalFee, plain!.subsidy]).toEqual([25000, 0]);
    expect([given!.personalFee, given!.subsidy]).toEqual([10000, 15000]);
    expect([missing!.personalFee, missing!.subsidy]).toEqual([null, null]);
    expect(missing!.unknown).toEqual(['个人缴费', '政府资助', '资助方式']);
    expect(codes(missing!)).toEqual(['rule-without-value']);
    expect(missing!.flags[0]!.message.zh).toContain('“政府资助”');
    expect(employee!.personalFee).toBeNull();
    expect(employee!.unknown).toEqual([]);
    expect(codes(employee!)).toEqual(['not-eligible']);
    // Collected: 250 + 100 元; subsidies: 150 元; row 3 counted apart.
    expect(summary.county.collected).toBe(35000);
    expect(summary.county.subsidyUpfront).toBe(15000);
    expect(summary.county.unknown).toBe(1);
  });
  it('is explained as a rule without value', () => {
    const steps = explainRow(p(), row(3, { 人员类别: ['低保对象'], 资助额: null }));
    const at = steps.findIndex((s) => s.text.zh.startsWith('结果“政府资助”'));
    expect(steps[at]!.text.zh).toBe('结果“政府资助”：未知');
    expect(steps.some((s) => s.kind === 'unknown' && s.text.zh.includes('结果“政府资助”适用的规则没有值'))).toBe(true);
  });
});
