// 时刻 a date with a time of day, as a plain number: minutes since 1970-01-01 00:00 (day number × 1440 + minutes
// since midnight). No time zone, no JS Date. A date without a time is the whole day: compared with a moment it gives
// an answer only where every minute of the day gives the same one (see compareDateMoment).
import { dayNumber, formatDate, tryDayNumber, type DayNumber } from './calendar.js';

export const MINUTES_PER_DAY = 1440;
const EXCEL_EPOCH = dayNumber(1899, 12, 30);

/** The moment `minutes` after midnight on `day` (24:00 is the next day's 00:00). */
export function momentOf(day: DayNumber, minutes: number): number {
  return day * MINUTES_PER_DAY + minutes;
}

/** The date and the time of a moment, parts that a person reads. */
export function dayOf(moment: number): DayNumber {
  return Math.floor(moment / MINUTES_PER_DAY);
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** `2025-12-20 16:00`. */
export function formatMoment(moment: number): string {
  const day = dayOf(moment);
  const m = moment - day * MINUTES_PER_DAY;
  return `${formatDate(day)} ${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** Minutes since midnight for `hh:mm` (00:00–24:00), or null. */
export function minutesOfDay(hours: number, minutes: number): number | null {
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || minutes < 0 || minutes > 59) return null;
  if (hours < 0 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/**
 * A roster cell for a 时刻 field: `2025-12-20 16:30`, `2025/12/20 16:30:15` (seconds dropped), `2025-12-20T16:30`,
 * `2025年12月20日16时30分` / `16时`, or an Excel serial with a fraction of a day (rounded to the minute).
 * `date-only` when the cell holds a date and no time; null when it is neither.
 */
export function parseMomentCell(text: string): number | 'date-only' | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/.exec(t);
  if (!m) m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?\s*(?:(\d{1,2})[时點点](?:(\d{1,2})分)?)?$/.exec(t);
  if (m) {
    const day = tryDayNumber(+m[1]!, +m[2]!, +m[3]!);
    if (day === null) return null;
    if (m[4] === undefined) return 'date-only';
    const minutes = minutesOfDay(+m[4], m[5] === undefined ? 0 : +m[5]);
    return minutes === null ? null : momentOf(day, minutes);
  }
  if (/^\d{1,5}\.\d+$/.test(t)) {
    // Excel's 1900 system, as parseDateCell reads it: the whole part is the day, the fraction the time.
    const serial = Number(t);
    const whole = Math.floor(serial);
    if (whole < 61 || whole > 80000) return null;
    const minutes = Math.round((serial - whole) * MINUTES_PER_DAY);
    return momentOf(EXCEL_EPOCH + whole, minutes);
  }
  if (/^\d{1,5}$/.test(t) || /^\d{8}$/.test(t)) return 'date-only';
  return null;
}

/** The comparisons. */
export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

/**
 * `a op b` where either side is a date (the whole day: every minute of it) or a moment (one minute): true or false
 * where every possible minute gives that answer, null where the day's time would decide (a payment dated on the
 * deadline day, against a deadline at 16:00).
 */
export function compareDateMoment(
  op: CompareOp,
  a: number,
  aIsDate: boolean,
  b: number,
  bIsDate: boolean,
): boolean | null {
  const al = aIsDate ? a * MINUTES_PER_DAY : a,
    ah = aIsDate ? al + MINUTES_PER_DAY - 1 : a;
  const bl = bIsDate ? b * MINUTES_PER_DAY : b,
    bh = bIsDate ? bl + MINUTES_PER_DAY - 1 : b;
  const decide = (always: boolean, never: boolean) => (always ? true : never ? false : null);
  switch (op) {
    case '<':
      return decide(ah < bl, al >= bh);
    case '<=':
      return decide(ah <= bl, al > bh);
    case '>':
      return decide(al > bh, ah <= bl);
    case '>=':
      return decide(al >= bh, ah < bl);
    case '=':
      return decide(al === ah && bl === bh && al === bl, ah < bl || bh < al);
    case '!=': {
      const eq = decide(al === ah && bl === bh && al === bl, ah < bl || bh < al);
      return eq === null ? null : !eq;
    }
  }
}
