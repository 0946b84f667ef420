// Display helpers for the UI (yuan with two decimals, plain dates).
import { formatDate } from '../lang/runtime/calendar.js';
import { formatYuan } from '../lang/runtime/money.js';

export const yuan = (fen: number | null): string => (fen === null ? '—' : formatYuan(fen));
export const date = (d: number | null): string => (d === null ? '—' : formatDate(d));
export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
