// Built-in functions of the policy language: names (Chinese and English) and argument/result types.
import { T, type Type } from './types.js';
import { dict } from '../dict.js';

export type FunctionId =
  | 'max'
  | 'min'
  | 'days'
  | 'monthStart'
  | 'nextMonthStart'
  | 'yearOf'
  | 'ageAt'
  | 'start'
  | 'end'
  | 'present'
  | 'count'
  | MonthsFunctionId;

/** Months as people count them and status as of a date (runtime/months.ts). */
export type MonthsFunctionId = 'fromThisMonth' | 'fromNextMonth' | 'monthsFull' | 'heldOn';

export const FUNCTION_NAMES: Record<string, FunctionId> = dict({
  较大: 'max',
  较晚: 'max',
  最大: 'max',
  max: 'max',
  later: 'max',
  较小: 'min',
  较早: 'min',
  最小: 'min',
  min: 'min',
  earlier: 'min',
  天数: 'days',
  days_between: 'days',
  月初: 'monthStart',
  month_start: 'monthStart',
  次月初: 'nextMonthStart',
  next_month_start: 'nextMonthStart',
  年份: 'yearOf',
  year_of: 'yearOf',
  年龄: 'ageAt',
  age_at: 'ageAt',
  开始: 'start',
  start: 'start',
  结束: 'end',
  end: 'end',
  有值: 'present',
  present: 'present',
  数目: 'count',
  count: 'count',
  含当月起: 'fromThisMonth',
  months_from_this_month: 'fromThisMonth',
  自次月起: 'fromNextMonth',
  months_from_next_month: 'fromNextMonth',
  之日起满: 'monthsFull',
  months_full: 'monthsFull',
  当日在册: 'heldOn',
  held_on: 'heldOn',
});

/** Result type for the given argument types, or an error text naming what was expected. */
export function signature(fn: FunctionId, args: Type[]): { result: Type } | { arity: number } | { expected: Type[] } {
  const one = (want: Type, result: Type) =>
    args.length !== 1 ? { arity: 1 } : ok(args[0]!, want) ? { result } : { expected: [want] };
  switch (fn) {
    case 'max':
    case 'min': {
      if (args.length < 2) return { arity: 2 };
      const first = args.find((a) => a.k !== 'none' && a.k !== 'error') ?? T.error;
      if (!['money', 'date', 'integer', 'duration', 'percent', 'error'].includes(first.k))
        return { expected: [T.money] };
      return args.every((a) => ok(a, first)) ? { result: first } : { expected: [first] };
    }
    case 'days':
      if (args.length !== 2) return { arity: 2 };
      return ok(args[0]!, T.date) && ok(args[1]!, T.date) ? { result: T.integer } : { expected: [T.date, T.date] };
    case 'monthStart':
    case 'nextMonthStart':
      return one(T.date, T.date);
    case 'yearOf':
    case 'ageAt':
      return one(T.date, T.integer);
    case 'start':
    case 'end':
      return one(T.period, T.date);
    case 'present':
      return args.length === 1 ? { result: T.boolean } : { arity: 1 };
    case 'count':
      if (args.length !== 1) return { arity: 1 };
      return args[0]!.k === 'category' || args[0]!.k === 'values' || args[0]!.k === 'error'
        ? { result: T.integer }
        : { expected: [T.integer] };
    case 'fromThisMonth':
    case 'fromNextMonth':
    case 'monthsFull':
      if (args.length !== 2) return { arity: 2 };
      return ok(args[0]!, T.date) && ok(args[1]!, T.duration) ? { result: T.date } : { expected: [T.date, T.duration] };
    case 'heldOn':
      if (args.length !== 3) return { arity: 3 };
      return args.every((a) => ok(a, T.date)) ? { result: T.boolean } : { expected: [T.date, T.date, T.date] };
  }
}

function ok(actual: Type, want: Type): boolean {
  return actual.k === want.k || actual.k === 'none' || actual.k === 'error';
}
