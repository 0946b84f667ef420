import { describe, expect, it } from 'vitest';
import { formatYuan, formatYuanGrouped, parseYuan, percentOf } from '../../src/lang/runtime/money.js';

describe('money in fen', () => {
  it('parses yuan with at most two decimals', () => {
    expect(parseYuan('250')).toBe(25000);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
  it('formats two decimals', () => {
    expect(formatYuan(25000)).toBe('250.00');
    expect(formatYuan(-5)).toBe('-0.05');
  });
  it('groups thousands for display and exports', () => {
    expect(formatYuanGrouped(8930000)).toBe('89,300.00');
    expect(formatYuanGrouped(99999)).toBe('999.99');
    expect(formatYuanGrouped(100000)).toBe('1,000.00');
    expect(formatYuanGrouped(123456789012)).toBe('1,234,567,890.12');
    expect(formatYuanGrouped(-123456)).toBe('-1,234.56');
    expect(formatYuanGrouped(0)).toBe('0.00');
  });
  it('rounds percentages half up to the fen', () => {
    expect(percentOf(40000, 5000)).toBe(20000);
    expect(percentOf(333, 5000)).toBe(167);
  });
});
