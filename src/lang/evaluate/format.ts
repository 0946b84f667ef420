// Display form of run-time values, for extras, explanations and examples.
import type { Type } from '../check/types.js';
import { UNKNOWN, type Duration, type Period, type Value } from '../compile/runtime-values.js';
import { formatDuration } from '../runtime/duration.js';
import { formatDate } from '../runtime/calendar.js';
import { formatMoment } from '../runtime/moment.js';
import { formatYuan } from '../runtime/money.js';

export function formatValue(v: Value, t: Type | undefined): string {
  if (v === UNKNOWN) return '未知';
  if (v === null) return '无';
  switch (t?.k) {
    case 'money':
      return `${formatYuan(v as number)}元`;
    case 'date':
      return formatDate(v as number);
    case 'moment':
      return formatMoment(v as number);
    case 'percent':
      return `${(v as number) / 100}%`;
    case 'boolean':
      return v ? '是' : '否';
    case 'timing':
      return v === 'upfront' ? '缴费时抵扣' : v === 'waived' ? '免征代缴' : '先缴后补';
    case 'period':
      return `${formatDate((v as Period).start)} 至 ${formatDate((v as Period).end)}`;
    case 'duration':
      return formatDuration(v as Duration);
  }
  if (Array.isArray(v)) return v.length ? v.join('、') : '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Map) return [...v].map(([k, x]) => `${String(k)}: ${String(x)}`).join('，');
  return String(v);
}
