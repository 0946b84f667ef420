// Months as people count them, and status held between two dates: pure calendar arithmetic on day numbers
// (days since 1970-01-01), no JS Date. See grammar/reference/dates-and-history.md.
import { addMonths, startOfMonth, type DayNumber } from './calendar.js';

/**
 * 含当月起: `months` months counted from the month of `d`, that month included; the first day after them.
 * Paid 2025-05-20, 3 months → May, June, July are counted → 2025-08-01.
 */
export function fromThisMonth(d: DayNumber, months: number): DayNumber {
  return addMonths(startOfMonth(d), months);
}

/**
 * 自次月起: `months` months counted from the month after `d`'s; the first day after them.
 * Paid 2025-05-20, 3 months → June, July, August are counted → 2025-09-01.
 */
export function fromNextMonth(d: DayNumber, months: number): DayNumber {
  return addMonths(startOfMonth(d), months + 1);
}

/**
 * 之日起满: the day on which `months` months from `d` are full — the same day of the month `months` months later,
 * or that month's last day when it has no such day (民法典 第二百零一、二百零三条: the starting day itself is not
 * counted, the period ends on the corresponding day, or the month's last day where there is none).
 * 2025-04-15 + 3 months → 2025-07-15; 2025-11-30 + 3 months → 2026-02-28; 2024-02-29 + 12 months → 2025-02-28.
 */
export function monthsFull(d: DayNumber, months: number): DayNumber {
  return addMonths(d, months);
}

/**
 * 当日在册: whether a status recognised on `from` and ended on `until` (the first day no longer held; null: not
 * ended) is held on `at`. Not recognised (`from` null): 否. Recognised on `at` itself: 是; ended on `at`: 否.
 */
export function heldOn(at: DayNumber, from: DayNumber | null, until: DayNumber | null): boolean {
  return from !== null && from <= at && (until === null || at < until);
}
