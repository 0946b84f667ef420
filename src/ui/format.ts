// Display helpers for the UI (yuan with thousands separators and two decimals, plain dates, text encodings, timestamps in the computer's local time, long text clipped).
import { formatDate } from '../lang/runtime/calendar.js';
import { formatYuanGrouped } from '../lang/runtime/money.js';
import type { Encoding } from '../roster/index.js';

export const yuan = (fen: number | null): string => (fen === null ? '—' : formatYuanGrouped(fen));
export const date = (d: number | null): string => (d === null ? '—' : formatDate(d));
/**
 * A whole count with a comma every three digits (`513,080`), as zh-CN and en write it. Not `toLocaleString()`: that
 * builds an Intl formatter per call, and the first loads the locale's data (together ~100 ms while a file is read).
 */
export const count = (n: number): string => String(Math.trunc(n)).replace(/\B(?=(\d{3})+$)/g, ',');
export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** A file's text encoding by the name a clerk knows: GBK for what is read with its superset GB18030. */
export const encodingName = (e: string): string => ENCODING_NAMES.get(e as Encoding) ?? e;
const ENCODING_NAMES = new Map<Encoding, string>([
  ['utf-8', 'UTF-8'],
  ['utf-16le', 'UTF-16 LE'],
  ['utf-16be', 'UTF-16 BE'],
  ['gb18030', 'GBK'],
]);

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
