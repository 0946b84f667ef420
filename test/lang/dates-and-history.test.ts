// The checker on months as people count them, status as of a date, coverage-history roles and defaults.
import { describe, expect, it } from 'vitest';
import { evaluatePerson } from '../../src/lang/index.js';
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
