// Durations as a number of months and a number of days (a year is 12 months), kept apart: a month has no fixed
// number of days, so `3个月 + 30日` is 3 months and 30 days, and days are compared with months only when both are 0.
import { addMonths, type DayNumber } from './calendar.js';

export interface Duration {
  months: number;
  days: number;
}

/** The duration `amount` days, months or years. */
export function durationOf(amount: number, unit: 'day' | 'month' | 'year'): Duration {
  return unit === 'day' ? { months: 0, days: amount } : { months: unit === 'month' ? amount : amount * 12, days: 0 };
}

/** `d` plus (`sign` 1) or minus (-1) `dur`: the months first (a missing day is the month's last), then the days. */
export function addDuration(d: DayNumber, dur: Duration, sign: 1 | -1): DayNumber {
  return addMonths(d, sign * dur.months) + sign * dur.days;
}

/** `a + b` (`sign` 1) or `a - b` (-1), part by part. */
export function plusDuration(a: Duration, b: Duration, sign: 1 | -1): Duration {
  return { months: a.months + sign * b.months, days: a.days + sign * b.days };
}

/** `a × k` for a whole number `k`. */
export function timesDuration(a: Duration, k: number): Duration {
  return { months: a.months * k, days: a.days * k };
}

/**
 * Positive when `a` is longer than `b`, 0 when equal, negative when shorter; NaN when they cannot be compared
 * without a reference date (one has days and the other months, or either has both).
 */
export function durationDiff(a: Duration, b: Duration): number {
  if (a.months === 0 && b.months === 0) return a.days - b.days;
  if (a.days === 0 && b.days === 0) return a.months - b.months;
  return NaN;
}

/** `3个月30日`, `1年`, `90日`, `0日`. */
export function formatDuration(d: Duration): string {
  const months = d.months === 0 ? '' : d.months % 12 === 0 ? `${d.months / 12}年` : `${d.months}个月`;
  const days = d.days === 0 && months !== '' ? '' : `${d.days}日`;
  return months + days;
}
