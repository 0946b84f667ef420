// An extra outcome's value as the JSON output and the exports carry it: typed, not display text.
import type { Type } from '../check/types.js';
import type { ExtraValue } from '../model.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';
import { formatDate } from '../runtime/calendar.js';
import { fenToYuanNumber } from '../runtime/money.js';
import { formatValue } from './format.js';

/**
 * Money → yuan as a number (90, 90.5); date → `YYYY-MM-DD`; yes/no → true/false; whole number → number;
 * percentage → its number of percent (50% → 50); category → its name; several categories → names joined by 、;
 * anything else (durations, timing, text) → its display text; none and unknown → null.
 */
export function typedValue(v: Value, t: Type | undefined): ExtraValue {
  if (v === null || v === UNKNOWN) return null;
  switch (t?.k) {
    case 'money':
      return fenToYuanNumber(v as number);
    case 'date':
      return formatDate(v as number);
    case 'boolean':
      return v as boolean;
    case 'integer':
      return v as number;
    case 'percent':
      return (v as number) / 100;
    case 'category':
    case 'values':
      return Array.isArray(v) ? (v.length ? v.join('、') : null) : (v as string);
  }
  return formatValue(v, t);
}
