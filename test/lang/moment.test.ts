// 时刻: dates with a time of day as minutes since 1970-01-01 00:00, and dates (whole days) compared with them.
// Expected values are counted by hand.
import { describe, expect, it } from 'vitest';
import { dayNumber, parseIsoDate } from '../../src/lang/runtime/calendar.js';
import { compareDateMoment, formatMoment, momentOf, parseMomentCell } from '../../src/lang/runtime/moment.js';
import { parseDateCell, valueReader } from '../../src/roster/values.js';

const d = (s: string) => parseIsoDate(s)!;
const at = (s: string, h: number, m: number) => momentOf(d(s), h * 60 + m);

describe('时刻 moments', () => {
  it('are minutes since 1970-01-01 00:00, 24:00 being the next day', () => {
    expect(momentOf(0, 90)).toBe(90);
    expect(at('2025-12-20', 16, 0)).toBe(dayNumber(2025, 12, 20) * 1440 + 960);
    expect(at('2024-08-31', 24, 0)).toBe(at('2024-09-01', 0, 0));
    expect(formatMoment(at('2024-02-29', 9, 5))).toBe('2024-02-29 09:05');
    expect(formatMoment(at('2024-12-31', 24, 0))).toBe('2025-01-01 00:00');
  });
  it('read from roster cells, a cell without a time being told apart', () => {
    expect(parseMomentCell('2025-12-20 16:30')).toBe(at('2025-12-20', 16, 30));
    expect(parseMomentCell('2025/12/20 16:30:59')).toBe(at('2025-12-20', 16, 30));
    expect(parseMomentCell('2025-12-20T08:05')).toBe(at('2025-12-20', 8, 5));
    expect(parseMomentCell('2025年12月20日16时30分')).toBe(at('2025-12-20', 16, 30));
    expect(parseMomentCell('2025年12月20日16时')).toBe(at('2025-12-20', 16, 0));
    // Excel: 45000 is 2023-03-15; .75 of a day is 18:00.
    expect(parseMomentCell('45000.75')).toBe(at('2023-03-15', 18, 0));
    expect(parseDateCell('45000')).toBe(d('2023-03-15'));
    expect(parseMomentCell('2025-12-20')).toBe('date-only');
    expect(parseMomentCell('45000')).toBe('date-only');
    expect(parseMomentCell('2025-12-20 25:00')).toBeNull();
    expect(parseMomentCell('2025-02-29 10:00')).toBeNull();
    expect(parseMomentCell('下午')).toBeNull();
  });
});

describe('a date against a moment', () => {
  const deadline = at('2025-12-20', 16, 0);
  it('is decided on other days', () => {
    expect(compareDateMoment('>', d('2025-12-21'), true, deadline, false)).toBe(true);
    expect(compareDateMoment('>', d('2025-12-19'), true, deadline, false)).toBe(false);
    expect(compareDateMoment('<=', d('2025-12-19'), true, deadline, false)).toBe(true);
    expect(compareDateMoment('=', d('2025-12-19'), true, deadline, false)).toBe(false);
    expect(compareDateMoment('!=', d('2025-12-19'), true, deadline, false)).toBe(true);
    expect(compareDateMoment('<', deadline, false, d('2025-12-21'), true)).toBe(true);
  });
  it('is undecided on the day itself, except against its first or last minute', () => {
    expect(compareDateMoment('>', d('2025-12-20'), true, deadline, false)).toBeNull();
    expect(compareDateMoment('<=', d('2025-12-20'), true, deadline, false)).toBeNull();
    expect(compareDateMoment('=', d('2025-12-20'), true, deadline, false)).toBeNull();
    // Against 24:00 (the next day's 00:00) every minute of the day is earlier.
    expect(compareDateMoment('<', d('2025-12-20'), true, at('2025-12-20', 24, 0), false)).toBe(true);
    expect(compareDateMoment('>=', d('2025-12-20'), true, at('2025-12-20', 0, 0), false)).toBe(true);
  });
});

describe('a 时刻 roster column', () => {
  const read = valueReader({ name: '缴费时间', kind: 'moment', columns: ['缴费时间'], required: false });
  it('reads a date and time, and calls a date without a time unreadable, saying what to write', () => {
    expect(read('2025-12-20 16:30')).toEqual({ value: at('2025-12-20', 16, 30) });
    expect(read('  ')).toEqual({ value: null });
    const dateOnly = read('2025-12-20');
    expect(dateOnly.value).toBeNull();
    expect(dateOnly.problem?.code).toBe('bad-moment');
    expect(dateOnly.problem?.message.zh).toContain('日期');
    expect(read('明天').problem?.code).toBe('bad-moment');
  });
});
