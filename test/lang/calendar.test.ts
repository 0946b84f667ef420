import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  ageAt,
  civil,
  dayNumber,
  formatDate,
  parseIsoDate,
  startOfMonth,
  tryDayNumber,
  yearOf,
} from '../../src/lang/runtime/calendar.js';

describe('calendar', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(2020, 3, 1) - dayNumber(2020, 2, 28)).toBe(2);
    expect(dayNumber(2019, 3, 1) - dayNumber(2019, 2, 28)).toBe(1);
  });
  it('round-trips every day in 1900–2199', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(1900, 1, 1), max: dayNumber(2199, 12, 31) }), (d) => {
        const c = civil(d);
        return dayNumber(c.year, c.month, c.day) === d && parseIsoDate(formatDate(d)) === d;
      }),
    );
  });
  it('gives the same year as the full conversion, for every day in 1600–2400', () => {
    for (let d = dayNumber(1600, 1, 1); d <= dayNumber(2400, 12, 31); d++)
      if (yearOf(d) !== civil(d).year) expect([d, yearOf(d)]).toEqual([d, civil(d).year]);
  });
  it('rejects dates that do not exist', () => {
    expect(tryDayNumber(2019, 2, 29)).toBeNull();
    expect(tryDayNumber(2020, 2, 29)).not.toBeNull();
    expect(tryDayNumber(2019, 13, 1)).toBeNull();
  });
  it('adds months clamping to the month end', () => {
    expect(formatDate(addMonths(dayNumber(2019, 1, 31), 1))).toBe('2019-02-28');
    expect(formatDate(addMonths(dayNumber(2020, 1, 31), 1))).toBe('2020-02-29');
    expect(formatDate(startOfMonth(dayNumber(2020, 5, 17)))).toBe('2020-05-01');
  });
  it('computes age on the birthday itself', () => {
    expect(ageAt(dayNumber(2006, 12, 31), dayNumber(2024, 12, 31))).toBe(18);
    expect(ageAt(dayNumber(2007, 1, 1), dayNumber(2024, 12, 31))).toBe(17);
  });
});
