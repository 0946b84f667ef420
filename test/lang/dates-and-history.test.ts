// The checker on months as people count them, status as of a date, coverage-history roles and defaults.
import { describe, expect, it } from 'vitest';
import { evaluatePerson, evaluateRoster, type CompiledPolicy, type RosterRow } from '../../src/lang/index.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { parseIsoDate } from '../../src/lang/runtime/calendar.js';
import { codes, loadText, minimal } from '../helpers.js';

const ID = '110101198001010012';

describe('months as people count them', () => {
  it('takes months only, and says so where days are given', () => {
    const r = loadText(minimal('定义 甲 = 含当月起(缴费日期, 90日)'));
    const d = r.diagnostics.find((x) => x.code === 'months-only')!;
    expect(d.severity).toBe('error');
    expect(d.message.zh).toContain('含当月起');
    expect(d.message.en).toContain('days');
    expect(d.span!.start.column).toBe(19);
    expect(codes(loadText(minimal('定义 甲 = 之日起满(缴费日期, 3个月 + 1日)')))).toContain('months-only');
    expect(codes(loadText(minimal('定义 甲 = 自次月起(缴费日期)')))).toContain('bad-argument-count');
    expect(codes(loadText(minimal('定义 甲 = 自次月起(标准, 1个月)')))).toContain('type-mismatch');
  });
  it('counts from a payment date, none without one, unknown for a parameter given in days', () => {
    const text = minimal(
      '参数 月数：时长 = 3个月\n结果 起：日期 { 否则：含当月起(缴费日期, 月数) }\n结果 次：日期 { 否则：自次月起(缴费日期, 月数) }\n结果 满：日期 { 否则：之日起满(缴费日期, 月数) }',
    );
    const policy = loadText(text).policy!;
    const paid = evaluatePerson(policy, { 身份证号码: ID, 缴费日期: parseIsoDate('2025-05-20') });
    expect(paid.extras).toMatchObject({ 起: '2025-08-01', 次: '2025-09-01', 满: '2025-08-20' });
    const unpaid = evaluatePerson(policy, { 身份证号码: ID, 缴费日期: null });
    expect(unpaid.extras['起']).toBeNull();
    expect(unpaid.unknown ?? []).not.toContain('起');
    const days = evaluatePerson(policy, { 身份证号码: ID, 缴费日期: parseIsoDate('2025-05-20') }, { 月数: '90日' });
    expect(days.unknown).toContain('起');
  });
});

describe('status as of a date', () => {
  it('needs three dates', () => {
    expect(codes(loadText(minimal('定义 甲 = 当日在册(缴费日期, 缴费日期)')))).toContain('bad-argument-count');
    expect(codes(loadText(minimal('定义 甲 = 当日在册(缴费日期, 标准, 无)')))).toContain('type-mismatch');
  });
});

/** Both back ends on `rows`, after checking they agree. */
function both(policy: CompiledPolicy, rows: RosterRow[]) {
  const closures = evaluateRoster(policy, rows);
  const generated = evaluateRoster(policy, rows, { loadCode: loadAsFile });
  expect(generated.evaluator).toBe('generated');
  expect(generated.results).toEqual(closures.results);
  return closures.results;
}
const row = (n: number, values: RosterRow['values'], unreadable?: RosterRow['unreadable']): RosterRow => ({
  row: n,
  problems: [],
  values: { 身份证号码: ID, ...values },
  ...(unreadable ? { unreadable } : {}),
});

describe('defaults of empty cells', () => {
  const text = minimal(
    '输入 是否在校：是否，缺省 否\n输入 人数：整数，缺省 默认人数\n参数 默认人数：整数 = 1\n' +
      '结果 在校：是否 { 否则：是否在校 }\n结果 有：是否 { 否则：有值(是否在校) }\n结果 几人：整数 { 否则：人数 }',
  );
  it('gives an empty cell the default, and keeps a value that is there', () => {
    const policy = loadText(text).policy!;
    const [empty, given] = both(policy, [row(1, { 是否在校: null }), row(2, { 是否在校: true, 人数: 4 })]);
    expect(empty!.extras).toMatchObject({ 在校: false, 有: true, 几人: 1 });
    expect(given!.extras).toMatchObject({ 在校: true, 有: true, 几人: 4 });
  });
  it('takes a parameter default at evaluation time', () => {
    const policy = loadText(text).policy!;
    const r = evaluateRoster(policy, [row(1, {})], { params: { 默认人数: '3' } }).results[0]!;
    expect(r.extras['几人']).toBe(3);
  });
  it('never hides an unreadable cell: it stays unknown and flagged', () => {
    const policy = loadText(text).policy!;
    const cell = { field: '是否在校', column: '是否在校', text: '不详' };
    const [r] = both(policy, [row(1, { 是否在校: null }, [cell])]);
    expect(r!.extras['在校']).toBeNull();
    expect(r!.unknown).toEqual(expect.arrayContaining(['在校', '有']));
    expect(r!.flags.map((f) => f.code)).toContain('unreadable-value');
  });
  it('is typed as the field and names no roster field', () => {
    expect(codes(loadText(minimal('输入 是否在校：是否，缺省 0元')))).toContain('type-mismatch');
    const r = loadText(minimal('输入 是否在校：是否，缺省 有值(缴费日期)'));
    expect(codes(r)).toContain('default-not-constant');
  });
});

describe('fallbacks of parameters', () => {
  const text = minimal(
    '参数 国家最低标准：金额 = 400元\n参数 省级最低标准：金额，缺省 国家最低标准\n结果 底线：金额 { 否则：省级最低标准 }',
  );
  it('is the fallback where no value is set, the value given at evaluation time otherwise', () => {
    const policy = loadText(text).policy!;
    expect(evaluatePerson(policy, { 身份证号码: ID }).extras['底线']).toBe(400); // typed extras: money in yuan
    expect(evaluatePerson(policy, { 身份证号码: ID }, { 省级最低标准: '420元' }).extras['底线']).toBe(420);
    expect(evaluatePerson(policy, { 身份证号码: ID }, { 国家最低标准: '380元' }).extras['底线']).toBe(380);
  });
  it("needs its fallback to have a value, as a parameter's value does", () => {
    const r = loadText(minimal('参数 甲：金额\n参数 乙：金额，缺省 甲\n结果 底线：金额 { 否则：乙 }'));
    expect(r.diagnostics.find((d) => d.code === 'parameter-without-value')?.message.zh).toContain('甲');
  });
  it('warns of a fallback beside a value, and reports a cycle through fallbacks', () => {
    const r = loadText(minimal('参数 甲：金额 = 1元，缺省 2元'));
    expect(r.diagnostics.find((d) => d.code === 'default-unused')?.severity).toBe('warning');
    expect(codes(loadText(minimal('参数 甲：金额，缺省 乙\n参数 乙：金额，缺省 甲')))).toContain('cycle');
    expect(codes(loadText(minimal('参数 甲：金额，缺省 缴费日期')))).toContain('not-constant');
  });
});

describe('coverage-history roles', () => {
  it("take integers (years) and yes/no (last year's benefits)", () => {
    const ok = minimal(
      '输入 连续参保年数：整数，用作 连续参保年数\n输入 断保年数：整数，用作 断保年数\n' +
        '输入 补缴年数：整数，用作 补缴年数\n输入 上年享受待遇：是否，用作 上年享受待遇',
    );
    expect(loadText(ok).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(codes(loadText(minimal('输入 断保：日期，用作 断保年数')))).toContain('bad-role');
    expect(codes(loadText(minimal('输入 上年：整数，用作 上年享受待遇')))).toContain('bad-role');
  });
});

describe('时刻 deadlines with a time of day', () => {
  const text = minimal(
    '输入 缴费时间：时刻\n期限 截止 = 2025-12-20 16:00\n结果 迟缴：是否 { 否则：缴费时间 > 截止 }\n结果 迟缴日：是否 { 否则：缴费日期 > 截止 }',
  );
  const at = (s: string, h: number, m: number) => parseIsoDate(s)! * 1440 + h * 60 + m;
  it('compare moments by the minute, and a date only where the whole day decides', () => {
    const policy = loadText(text).policy!;
    const [late, onTime, dayAfter, sameDay] = both(policy, [
      row(1, { 缴费时间: at('2025-12-20', 16, 30) }),
      row(2, { 缴费时间: at('2025-12-20', 16, 0) }),
      row(3, { 缴费日期: parseIsoDate('2025-12-21') }),
      row(4, { 缴费日期: parseIsoDate('2025-12-20') }),
    ]);
    expect(late!.extras['迟缴']).toBe(true);
    expect(onTime!.extras['迟缴']).toBe(false);
    expect(dayAfter!.extras['迟缴日']).toBe(true);
    expect(sameDay!.extras['迟缴日']).toBeNull();
    expect(sameDay!.unknown).toContain('迟缴日');
    const flag = sameDay!.flags.find((f) => f.code === 'date-without-time')!;
    expect(flag.message.zh).toContain('2025-12-20');
    expect(flag.message.en).toContain('no time');
  });
  it('are typed: no time past 24:00, no moment against money', () => {
    expect(codes(loadText(minimal('期限 截止 = 2025-12-20 24:30')))).toContain('bad-literal');
    expect(codes(loadText(minimal('输入 缴费时间：时刻\n定义 甲 = 缴费时间 > 标准')))).toContain('bad-operands');
  });
});
