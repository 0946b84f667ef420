// Display helpers for the UI (yuan with two decimals, plain dates, long text clipped).
import { formatDate } from '../lang/runtime/calendar.js';
import { formatYuan } from '../lang/runtime/money.js';

export const yuan = (fen: number | null): string => (fen === null ? '—' : formatYuan(fen));
export const date = (d: number | null): string => (d === null ? '—' : formatDate(d));
export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
/** Text cut to `max` characters with an ellipsis, for places (a header in a list) where long text would not fit. */
export const clip = (s: string, max = 40): string => (s.length > max ? `${s.slice(0, max)}…` : s);
