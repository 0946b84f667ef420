// The checker's types for policy values, and how they are named to policy staff.
import type { CategorySpec } from '../model.js';

/** The values a category input may take (its canonical names and aliases). */
export interface Domain {
  field: string;
  values: CategorySpec[];
  names: Set<string>;
}

/** What a duration holds: days only, months only, or both (see runtime/duration.ts). */
export type DurationKind = 'day' | 'month' | 'mixed';

export type Type =
  | { k: 'money' }
  | { k: 'date' }
  /** 时刻: a date with a time of day (runtime/moment.ts). */
  | { k: 'moment' }
  | { k: 'percent' }
  | { k: 'integer' }
  | { k: 'boolean' }
  /** `unit`, where known without running: days only, months only (years are months), or both; absent: not known. */
  | { k: 'duration'; unit?: DurationKind }
  | { k: 'text' }
  | { k: 'period' }
  | { k: 'timing' }
  | { k: 'none' }
  /** A type error was already reported here: stay quiet downstream. */
  | { k: 'error' }
  /** The value of a category input: one name, or a set of names (multi). */
  | { k: 'category'; domain: Domain; multi: boolean }
  /** Category names written in the policy: a bare value, a set literal or a group. */
  | { k: 'values'; names: string[] }
  | { k: 'table'; key: Type; value: Type };

export const T = {
  money: { k: 'money' } as Type,
  date: { k: 'date' } as Type,
  moment: { k: 'moment' } as Type,
  duration: { k: 'duration' } as Type,
  percent: { k: 'percent' } as Type,
  integer: { k: 'integer' } as Type,
  boolean: { k: 'boolean' } as Type,
  text: { k: 'text' } as Type,
  period: { k: 'period' } as Type,
  timing: { k: 'timing' } as Type,
  none: { k: 'none' } as Type,
  error: { k: 'error' } as Type,
};

const NAMES: Record<string, [string, string]> = {
  money: ['金额', 'money'],
  date: ['日期', 'date'],
  moment: ['时刻', 'date and time'],
  duration: ['时长', 'duration'],
  percent: ['百分比', 'percentage'],
  integer: ['整数', 'integer'],
  boolean: ['是否', 'yes/no'],
  text: ['文本', 'text'],
  period: ['期间', 'period'],
  timing: ['资助时机', 'subsidy timing'],
  none: ['无', 'none'],
  error: ['？', '?'],
  values: ['类别值', 'category values'],
  table: ['表', 'table'],
};

/** `金额` / `money` — the name staff know a type by. */
export function typeName(t: Type, lang: 'zh' | 'en'): string {
  if (t.k === 'category') {
    const base = lang === 'zh' ? `“${t.domain.field}”的类别` : `category of “${t.domain.field}”`;
    return t.multi ? (lang === 'zh' ? base + '（可多值）' : base + ' (several)') : base;
  }
  const [zh, en] = NAMES[t.k] ?? [t.k, t.k];
  return lang === 'zh' ? zh : en;
}

/** Whether a value of type `actual` may stand where `expected` is declared (none fits anywhere). */
export function assignable(actual: Type, expected: Type): boolean {
  if (actual.k === 'error' || expected.k === 'error' || actual.k === 'none') return true;
  if (expected.k === 'category') {
    if (actual.k === 'values')
      return actual.names.every((n) => expected.domain.names.has(n)) && (expected.multi || actual.names.length === 1);
    return actual.k === 'category' && actual.domain === expected.domain;
  }
  if (expected.k === 'table')
    return actual.k === 'table' && assignable(actual.key, expected.key) && assignable(actual.value, expected.value);
  return actual.k === expected.k;
}

/** The unit of `a + b` between durations (or of two branches that both give durations): absent if either is. */
export function durationSum(a: Type, b: Type): Type {
  const ua = a.k === 'duration' ? a.unit : undefined,
    ub = b.k === 'duration' ? b.unit : undefined;
  if (ua === undefined || ub === undefined) return T.duration;
  return { k: 'duration', unit: ua === ub ? ua : 'mixed' };
}

/** Whether two durations of these types can be compared without a reference date (known and differing: no). */
export function durationsComparable(a: Type, b: Type): boolean {
  const ua = a.k === 'duration' ? a.unit : undefined,
    ub = b.k === 'duration' ? b.unit : undefined;
  return ua === undefined || ub === undefined || (ua === ub && ua !== 'mixed');
}

/** 日数 / 月数 / 月数与日数 — a duration's unit as staff read it. */
export function durationKindName(t: Type, lang: 'zh' | 'en'): string {
  const unit = t.k === 'duration' ? t.unit : undefined;
  const [zh, en] =
    unit === 'day'
      ? ['日数', 'days']
      : unit === 'month'
        ? ['月数（年）', 'months (years)']
        : ['月数加日数', 'months plus days'];
  return lang === 'zh' ? zh : en;
}
