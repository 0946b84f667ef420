// 两项政策对比: one roster computed under its own policy (before) and under another (after, e.g. next year's notice):
// who pays more, less or the same, by how much, and what the change costs in fees collected and in subsidy, for the
// county, each township and each group of people.
import type { PersonResult } from '../lang/model.js';
import { forEachSharedKey } from '../lang/evaluate/roster.js';
import { formatYuan } from '../lang/runtime/money.js';
import { exportWords, type ExportLang } from './export-words.js';
import type { Table } from './table.js';

/** One line of the comparison (the county, a township or a group); money in fen. */
export interface CompareRow {
  name: string;
  /** People counted (a repeated ID number counts once, at its first row). */
  persons: number;
  more: number;
  less: number;
  same: number;
  /** People whose fee or subsidy is unknown (or none) under either policy: in no count or total above. */
  unknown: number;
  feeBefore: number;
  feeAfter: number;
  subsidyBefore: number;
  subsidyAfter: number;
}

export interface Comparison {
  before: string;
  after: string;
  county: CompareRow;
  townships: CompareRow[];
  groups: CompareRow[];
  /** The most common changes of the personal fee (after − before, in fen) among people whose fee changed. */
  changes: { fee: number; count: number }[];
}

const SHOWN_CHANGES = 10;

type Status = 'more' | 'less' | 'same' | 'unknown';

/** Each row's status, and the later copies of a repeated ID number (left out of every count, as in the summary). */
function statuses(t: Table, after: readonly PersonResult[]): { status: Status[]; copy: Uint8Array } {
  const copy = new Uint8Array(t.n);
  forEachSharedKey(
    t.n,
    (i) => t.idNumber[i] || null,
    (_, list) => list.slice(1).forEach((i) => (copy[i] = 1)),
  );
  const status: Status[] = new Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const a = after[i]!;
    const before = t.personalFee[i]!,
      sub = t.subsidy[i]!;
    if (Number.isNaN(before) || Number.isNaN(sub) || a.personalFee === null || a.subsidy === null) {
      status[i] = 'unknown';
      continue;
    }
    status[i] = a.personalFee > before ? 'more' : a.personalFee < before ? 'less' : 'same';
  }
  return { status, copy };
}

const emptyRow = (name: string): CompareRow => ({
  name,
  persons: 0,
  more: 0,
  less: 0,
  same: 0,
  unknown: 0,
  feeBefore: 0,
  feeAfter: 0,
  subsidyBefore: 0,
  subsidyAfter: 0,
});

/**
 * Compares the stored results `t` (before) with `after`, the same roster rows computed under another policy.
 * `after[i]` must be the person of `t`'s row i (both are in roster order). Townships come in `townshipOrder` (the
 * summary's), any others after them.
 */
export function compareResults(
  t: Table,
  after: readonly PersonResult[],
  names: { before: string; after: string },
  townshipOrder: readonly string[] = [],
): Comparison {
  if (after.length !== t.n) throw new Error(`compareResults: ${after.length} results for ${t.n} rows`);
  const { status, copy } = statuses(t, after);
  const county = emptyRow('');
  const townships = new Map<string, CompareRow>();
  const groups = new Map<string, CompareRow>();
  const changes = new Map<number, number>();
  const rowOf = (m: Map<string, CompareRow>, name: string) => {
    let r = m.get(name);
    if (!r) m.set(name, (r = emptyRow(name)));
    return r;
  };
  for (let i = 0; i < t.n; i++) {
    if (copy[i]) continue;
    const s = status[i]!;
    const into = [
      county,
      rowOf(townships, t.township.values[t.township.codes[i]!] ?? ''),
      rowOf(groups, t.category.values[t.category.codes[i]!] ?? ''),
    ];
    const a = after[i]!;
    for (const r of into) {
      r.persons++;
      r[s]++;
      if (s === 'unknown') continue;
      r.feeBefore += t.personalFee[i]!;
      r.feeAfter += a.personalFee!;
      r.subsidyBefore += t.subsidy[i]!;
      r.subsidyAfter += a.subsidy!;
    }
    if (s === 'more' || s === 'less') {
      const d = a.personalFee! - t.personalFee[i]!;
      changes.set(d, (changes.get(d) ?? 0) + 1);
    }
  }
  const byName = (a: CompareRow, b: CompareRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const rank = new Map(townshipOrder.map((name, i) => [name, i]));
  const inOrder = (a: CompareRow, b: CompareRow) =>
    (rank.get(a.name) ?? rank.size) - (rank.get(b.name) ?? rank.size) || byName(a, b);
  return {
    ...names,
    county,
    townships: [...townships.values()].sort(inOrder),
    groups: [...groups.values()].sort(byName),
    changes: [...changes]
      .map(([fee, count]) => ({ fee, count }))
      .sort((x, y) => y.count - x.count || x.fee - y.fee)
      .slice(0, SHOWN_CHANGES),
  };
}

type Cell = string | number | null;

/** The per-person sheet's columns, in the export's language. */
export function compareHeaders(lang: ExportLang): string[] {
  const w = exportWords(lang);
  return [
    w.row,
    w.name,
    w.idNumber,
    w.township,
    w.village,
    w.feeOld,
    w.feeNew,
    w.feeChange,
    w.subsidyOld,
    w.subsidyNew,
    w.subsidyChange,
    w.change,
  ];
}

/** One line per roster row: both fees and subsidies, their changes (empty where unknown), and the status. */
export function compareCells(t: Table, after: readonly PersonResult[], lang: ExportLang): Cell[][] {
  const w = exportWords(lang);
  const { status } = statuses(t, after);
  const word = { more: w.changeMore, less: w.changeLess, same: w.changeSame, unknown: w.changeUnknown };
  const yuan = (f: number | null) => (f === null || Number.isNaN(f) ? null : formatYuan(f));
  const out: Cell[][] = new Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const a = after[i]!,
      known = status[i] !== 'unknown';
    out[i] = [
      t.row[i]!,
      t.name[i] ?? '',
      t.idNumber[i] ?? '',
      t.township.values[t.township.codes[i]!] ?? '',
      t.village.values[t.village.codes[i]!] ?? '',
      yuan(t.personalFee[i]!),
      yuan(a.personalFee),
      known ? yuan(a.personalFee! - t.personalFee[i]!) : null,
      yuan(t.subsidy[i]!),
      yuan(a.subsidy),
      known ? yuan(a.subsidy! - t.subsidy[i]!) : null,
      word[status[i]!],
    ];
  }
  return out;
}

/** The per-township sheet's columns, in the export's language. */
export function compareSummaryHeaders(lang: ExportLang): string[] {
  const w = exportWords(lang);
  return [
    w.township,
    w.persons,
    w.changeMore,
    w.changeLess,
    w.changeSame,
    w.changeUnknown,
    w.feeOld,
    w.feeNew,
    w.feeChange,
    w.subsidyOld,
    w.subsidyNew,
    w.subsidyChange,
  ];
}

/** The townships, then the county (named `county`), as the summary sheet shows them. */
export function compareSummaryCells(c: Comparison, county: string): Cell[][] {
  return [...c.townships, { ...c.county, name: county }].map((r) => [
    r.name,
    r.persons,
    r.more,
    r.less,
    r.same,
    r.unknown,
    formatYuan(r.feeBefore),
    formatYuan(r.feeAfter),
    formatYuan(r.feeAfter - r.feeBefore),
    formatYuan(r.subsidyBefore),
    formatYuan(r.subsidyAfter),
    formatYuan(r.subsidyAfter - r.subsidyBefore),
  ]);
}
