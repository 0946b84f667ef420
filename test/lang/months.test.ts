// Months as people count them and status as of a date: every expected date below is counted by hand on a calendar.
import { describe, expect, it } from 'vitest';
import { dayNumber, formatDate, parseIsoDate } from '../../src/lang/runtime/calendar.js';
import { fromNextMonth, fromThisMonth, heldOn, monthsFull } from '../../src/lang/runtime/months.js';

const d = (s: string) => parseIsoDate(s)!;

describe('含当月起 fromThisMonth', () => {
  it('counts the month of payment as the first month', () => {
    expect(formatDate(fromThisMonth(d('2025-05-20'), 3))).toBe('2025-08-01');
    expect(formatDate(fromThisMonth(d('2025-05-01'), 3))).toBe('2025-08-01');
    expect(formatDate(fromThisMonth(d('2025-05-31'), 1))).toBe('2025-06-01');
  });
  it('crosses the year end', () => {
    expect(formatDate(fromThisMonth(d('2025-11-30'), 3))).toBe('2026-02-01');
    expect(formatDate(fromThisMonth(d('2025-12-31'), 3))).toBe('2026-03-01');
  });
  it('handles a leap day and zero months', () => {
    expect(formatDate(fromThisMonth(d('2024-02-29'), 3))).toBe('2024-05-01');
    expect(formatDate(fromThisMonth(d('2024-02-29'), 0))).toBe('2024-02-01');
  });
});

describe('自次月起 fromNextMonth', () => {
  it('starts counting the month after payment', () => {
    expect(formatDate(fromNextMonth(d('2025-05-20'), 3))).toBe('2025-09-01');
    expect(formatDate(fromNextMonth(d('2025-10-01'), 3))).toBe('2026-02-01');
    expect(formatDate(fromNextMonth(d('2025-12-31'), 1))).toBe('2026-02-01');
    expect(formatDate(fromNextMonth(d('2024-02-29'), 0))).toBe('2024-03-01');
  });
});

describe('之日起满 monthsFull', () => {
  it('is the same day N months later', () => {
    expect(formatDate(monthsFull(d('2025-04-15'), 3))).toBe('2025-07-15');
    expect(formatDate(monthsFull(d('2025-10-20'), 3))).toBe('2026-01-20');
  });
  it('is the month end where the month has no such day', () => {
    expect(formatDate(monthsFull(d('2025-11-30'), 3))).toBe('2026-02-28');
    expect(formatDate(monthsFull(d('2023-11-30'), 3))).toBe('2024-02-29');
    expect(formatDate(monthsFull(d('2024-02-29'), 12))).toBe('2025-02-28');
    expect(formatDate(monthsFull(d('2025-08-31'), 1))).toBe('2025-09-30');
    expect(formatDate(monthsFull(d('2025-01-31'), 1))).toBe('2025-02-28');
  });
});

describe('当日在册 heldOn', () => {
  const from = d('2025-03-10');
  const until = d('2025-09-01');
  it('holds from the recognition day to the day before the exit day', () => {
    expect(heldOn(d('2025-03-09'), from, until)).toBe(false);
    expect(heldOn(d('2025-03-10'), from, until)).toBe(true);
    expect(heldOn(d('2025-08-31'), from, until)).toBe(true);
    expect(heldOn(d('2025-09-01'), from, until)).toBe(false);
  });
  it('holds on without an exit date, never without a recognition date', () => {
    expect(heldOn(dayNumber(2199, 12, 31), from, null)).toBe(true);
    expect(heldOn(d('2025-05-01'), null, null)).toBe(false);
    expect(heldOn(d('2025-05-01'), null, until)).toBe(false);
  });
});
