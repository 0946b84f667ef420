// Cell text → typed field values (dates as day numbers, money in fen, categories by name or alias).
import type { Bilingual } from '../lang/diagnostic.js';
import type { FieldSpec, FieldValue } from '../lang/model.js';
import { dayNumber, tryDayNumber } from '../lang/runtime/calendar.js';
import { normalizeIdNumber } from '../lang/runtime/id-number.js';
import { parseMomentCell } from '../lang/runtime/moment.js';
import { parseYuan } from '../lang/runtime/money.js';
import { closest } from '../lang/check/suggest.js';
import { normalizeHeader } from './columns.js';

/**
 * A cell's value, or the problem that made it unreadable (then the field is unknown for the person, see
 * `RosterRow.unreadable`); for categories, `suggestion` is the nearest known value.
 */
export type ValueResult = { value: FieldValue; problem?: { code: string; message: Bilingual; suggestion?: string } };

const EXCEL_EPOCH = dayNumber(1899, 12, 30);

/** 2019-10-15, 2019/10/15, 2019.10.15, 20191015, 2019年10月15日, 2019-9-1, or an Excel serial number. */
export function parseDateCell(text: string): number | null {
  const t = text.trim();
  if (isPlainDate(t)) return tryDayNumber(digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2));
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(t);
  if (m) return tryDayNumber(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return tryDayNumber(+m[1]!, +m[2]!, +m[3]!);
  if (/^\d{1,5}(\.\d+)?$/.test(t)) {
    const serial = Math.floor(Number(t));
    // Excel's 1900 system counts a 1900-02-29 that never was: serials from 61 on are one day ahead.
    if (serial >= 1 && serial <= 80000) return EXCEL_EPOCH + serial + (serial < 61 ? 1 : 0);
  }
  return null;
}

/** The common form dddd-dd-dd (or / or . between), read without a regular expression: same result, much faster. */
function isPlainDate(t: string): boolean {
  if (t.length !== 10 || !isSeparator(t.charCodeAt(4)) || !isSeparator(t.charCodeAt(7))) return false;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7 && !isDigit(t.charCodeAt(i))) return false;
  return true;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSeparator = (c: number) => c === 45 || c === 47 || c === 46; // - / .

/** The number written by `length` ASCII digits of `s` from `at`. */
function digits(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

const TRUE = new Set(['是', 'y', 'yes', '1', 'true', '√', '有', '对']);
const FALSE = new Set(['否', 'n', 'no', '0', 'false', '×', '无', '不是']);

/** Builds a reader for one field: canonical-name lookup is prepared once, not per cell. */
export function valueReader(field: FieldSpec): (cell: string) => ValueResult {
  const bad = (code: string, zh: string, en: string): ValueResult => ({
    value: null,
    problem: { code, message: { zh, en } },
  });
  switch (field.kind) {
    case 'text':
      return (cell) => {
        const t = cell.trim();
        return { value: t === '' ? null : t };
      };
    case 'id-number':
      return (cell) => ({ value: cell.trim() === '' ? null : normalizeIdNumber(cell) });
    case 'date':
      return (cell) => {
        if (cell.trim() === '') return { value: null };
        const d = parseDateCell(cell);
        return d === null ? bad('bad-date', `“${cell}”不是有效日期`, `“${cell}” is not a valid date`) : { value: d };
      };
    case 'moment':
      return (cell) => {
        if (cell.trim() === '') return { value: null };
        const m = parseMomentCell(cell);
        if (m === 'date-only')
          return bad(
            'bad-moment',
            `“${cell}”只有日期没有时间：请写明时间（如 16:30），或把此列声明为“日期”`,
            `“${cell}” has a date but no time: give the time (16:30), or declare the column a date (日期)`,
          );
        return m === null
          ? bad('bad-moment', `“${cell}”不是有效的时刻`, `“${cell}” is not a date and time`)
          : { value: m };
      };
    case 'money':
      return (cell) => {
        const t = cell
          .trim()
          .replace(/^[￥¥]/, '')
          .replace(/元$/, '');
        if (t === '') return { value: null };
        const fen = parseYuan(t);
        return fen === null ? bad('bad-money', `“${cell}”不是有效金额`, `“${cell}” is not an amount`) : { value: fen };
      };
    case 'integer':
      return (cell) => {
        const t = cell.trim();
        if (t === '') return { value: null };
        return /^-?\d+$/.test(t)
          ? { value: Number(t) }
          : bad('bad-integer', `“${cell}”不是整数`, `“${cell}” is not a whole number`);
      };
    case 'boolean':
      return (cell) => {
        const t = normalizeHeader(cell);
        if (t === '') return { value: null };
        if (TRUE.has(t)) return { value: true };
        if (FALSE.has(t)) return { value: false };
        return bad('bad-boolean', `“${cell}”应为 是/否`, `“${cell}” should be yes/no (是/否)`);
      };
    case 'category':
    case 'category-set': {
      const lookup = new Map<string, string>();
      for (const c of field.categories ?? [])
        for (const n of [c.name, ...c.aliases]) lookup.set(normalizeHeader(n), c.name);
      const one = (s: string) => lookup.get(normalizeHeader(s));
      // Only unknown texts get here (each read once, CellReader remembers it): names and aliases are known spellings.
      const spellings = [...lookup.keys()];
      const nearest = (s: string) => {
        const k = closest(normalizeHeader(s), spellings);
        return k === null ? undefined : lookup.get(k);
      };
      const unknownValue = (texts: string[], value: FieldValue): ValueResult => {
        const found = texts.map(nearest).filter((x) => x !== undefined);
        const suggestion = found.length ? found.join('、') : undefined;
        const zh = `“${texts.join('、')}”不是“${field.name}”的可选值${suggestion ? `（是否为“${suggestion}”？）` : ''}`;
        const en = `“${texts.join(', ')}” is not a value of “${field.name}”${suggestion ? ` (did you mean “${suggestion}”?)` : ''}`;
        return {
          value,
          problem: { code: 'unknown-category', message: { zh, en }, ...(suggestion ? { suggestion } : {}) },
        };
      };
      if (field.kind === 'category') {
        return (cell) => {
          if (cell.trim() === '') return { value: null };
          const v = one(cell);
          return v ? { value: v } : unknownValue([cell.trim()], null);
        };
      }
      return (cell) => {
        const parts = cell.split(/[、,，;；/\s]+/).filter((x) => x !== '');
        const out: string[] = [];
        const unknown: string[] = [];
        for (const p of parts) {
          const v = one(p);
          if (v === undefined) unknown.push(p);
          else if (!out.includes(v)) out.push(v);
        }
        return unknown.length ? unknownValue(unknown, out) : { value: out };
      };
    }
  }
}

/** Distinct cell texts a reader remembers before its memory starts over. */
const MEMORY_LIMIT = 10_000;

/**
 * Reads one column's cells, remembering results: a cell equal to the one above gets the same result (rosters
 * list a household together, so most cells repeat the row above), and for categories and yes/no, which take
 * a few distinct texts and cost most to read, each distinct text is read once. Rows share these results, so a
 * category list is frozen.
 */
export class CellReader {
  private readonly read: (cell: string) => ValueResult;
  private readonly seen: Map<string, ValueResult> | null;
  private aboveCell: string | undefined;
  private above: ValueResult = { value: null };

  constructor(field: FieldSpec) {
    this.read = valueReader(field);
    this.seen =
      field.kind === 'category' || field.kind === 'category-set' || field.kind === 'boolean' ? new Map() : null;
  }

  next(cell: string): ValueResult {
    if (cell === this.aboveCell) return this.above;
    let r = this.seen?.get(cell);
    if (r === undefined) {
      r = this.read(cell);
      if (Array.isArray(r.value)) Object.freeze(r.value);
      if (this.seen) {
        if (this.seen.size === MEMORY_LIMIT) this.seen.clear();
        this.seen.set(cell, r);
      }
    }
    this.aboveCell = cell;
    this.above = r;
    return r;
  }
}
