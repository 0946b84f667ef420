// Display helpers for the UI (yuan with thousands separators and two decimals, plain dates, timestamps in the computer's local time, long text clipped).
import { formatDate } from '../lang/runtime/calendar.js';
import { formatYuanGrouped } from '../lang/runtime/money.js';

export const yuan = (fen: number | null): string => (fen === null ? '—' : formatYuanGrouped(fen));
export const date = (d: number | null): string => (d === null ? '—' : formatDate(d));
export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment's calendar day in this computer's time zone, `YYYY-MM-DD` (timestamps only: never for policy dates). */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** A stored ISO timestamp (UTC) as this computer's local time, `YYYY-MM-DD HH:mm` (with `:ss` when asked). */
export function localTime(iso: string, seconds = false): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}${seconds ? `:${pad(at.getSeconds())}` : ''}`;
  return `${localDay(at)} ${time}`;
}

/** Text cut to `max` characters with an ellipsis, for places (a header in a list) where long text would not fit. */
export const clip = (s: string, max = 40): string => (s.length > max ? `${s.slice(0, max)}…` : s);
