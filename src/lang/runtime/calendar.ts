// Plain calendar dates as integer day numbers (days since 1970-01-01), with no time zone anywhere.

/** A calendar date as days since 1970-01-01 (proleptic Gregorian). Never a JS Date. */
export type DayNumber = number;

/** Days from civil date (Howard Hinnant's algorithm); month 1–12. */
export function dayNumber(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civil(days: DayNumber): CivilDate {
  const packed = civilPacked(days);
  const year = Math.floor(packed / 10000);
  const rest = packed - year * 10000;
  return { year, month: Math.floor(rest / 100), day: rest % 100 };
}

/** Day numbers of 1 January for the years 1900…2101: where residents' dates fall, a year is found in this table. */
const TABLE_FIRST = 1900;
const JAN1 = Int32Array.from({ length: 2101 - TABLE_FIRST + 1 }, (_, i) => dayNumber(TABLE_FIRST + i, 1, 1));

/** The year of a day number (as `civil(days).year`, without building an object on the evaluator's hot path). */
export function yearOf(days: DayNumber): number {
  const last = JAN1.length - 1;
  if (days >= JAN1[0]! && days < JAN1[last]!) {
    // An estimate from the mean year length is off by at most one either way.
    let i = Math.floor((days - JAN1[0]!) / 365.2425);
    if (i >= last) i = last - 1;
    if (JAN1[i]! > days) i--;
    else if (JAN1[i + 1]! <= days) i++;
    return TABLE_FIRST + i;
  }
  return Math.floor(civilPacked(days) / 10000);
}

/** The civil date as the number YYYYMMDD (year × 10000 + month × 100 + day; Howard Hinnant's algorithm). */
function civilPacked(days: DayNumber): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 10000 + month * 100 + day;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** The years a date may fall in: the range rosters and notices use. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/** Whether year/month/day names a real calendar date in FIRST_YEAR…LAST_YEAR. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= FIRST_YEAR &&
    year <= LAST_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Safe constructor: null when the parts are not a real date. */
export function tryDayNumber(year: number, month: number, day: number): DayNumber | null {
  return isValidDate(year, month, day) ? dayNumber(year, month, day) : null;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** `YYYY-MM-DD`. */
export function formatDate(days: DayNumber): string {
  const { year, month, day } = civil(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Parses strict `YYYY-MM-DD`; null when not a real date. */
export function parseIsoDate(text: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? tryDayNumber(+m[1]!, +m[2]!, +m[3]!) : null;
}

/**
 * Adds calendar months. When the day does not exist in the target month it is clamped to the
 * month's last day (2019-01-31 + 1 个月 = 2019-02-28), the reading Chinese notices use.
 */
export function addMonths(days: DayNumber, months: number): DayNumber {
  const { year, month, day } = civil(days);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return dayNumber(y, m, Math.min(day, daysInMonth(y, m)));
}

/** First day of the month containing `days`. */
export function startOfMonth(days: DayNumber): DayNumber {
  const { year, month } = civil(days);
  return dayNumber(year, month, 1);
}

/** Whole years of age on `at` for someone born on `birth` (birthday reached on the day itself). */
export function ageAt(birth: DayNumber, at: DayNumber): number {
  const b = civil(birth);
  const a = civil(at);
  let age = a.year - b.year;
  if (a.month < b.month || (a.month === b.month && a.day < b.day)) age--;
  return age;
}
