// 待缴费名单: per township and village, the eligible people not yet enrolled (and those whose enrolment is unknown).
import type { Bilingual } from '../lang/diagnostic.js';
import { formatYuan } from '../lang/runtime/money.js';
import { sortKey } from './query.js';
import type { Table } from './table.js';
import { exportWords, type ExportLang } from './export-words.js';

/** One person on the list: `unknown` where eligibility or 已参保 came out unknown (the flags say why). */
export interface ToPayPerson {
  row: number;
  name: string;
  idNumber: string;
  /** Personal fee due, in fen (null: unknown). */
  personalFee: number | null;
  unknown: boolean;
  flags: Bilingual[];
}

/** One village's people still to pay (or to check), in roster order. */
export interface ToPayVillage {
  township: string;
  village: string;
  people: ToPayPerson[];
}

/**
 * Whether person i belongs on the list: eligible and not enrolled; or not known to be enrolled with eligibility or
 * enrolment unknown (listed for checking rather than left out).
 */
function listed(t: Table, i: number): 'to-pay' | 'unknown' | null {
  const e = t.eligible[i]!,
    paid = t.enrolled[i]!;
  if (e === 0 || paid === 1) return null;
  return e === 1 && paid === 0 ? 'to-pay' : 'unknown';
}

/** The list, sorted by township, village (in collation order, empty last) and row. */
export function toPayList(t: Table): ToPayVillage[] {
  const town = sortKey(t, 'township').key,
    village = sortKey(t, 'village').key;
  const rows: number[] = [];
  for (let i = 0; i < t.n; i++) if (listed(t, i)) rows.push(i);
  const cmp = (x: number, y: number) => (x === y ? 0 : x !== x ? 1 : y !== y ? -1 : x - y);
  rows.sort((a, b) => cmp(town[a]!, town[b]!) || cmp(village[a]!, village[b]!) || t.row[a]! - t.row[b]!);
  const out: ToPayVillage[] = [];
  let last: ToPayVillage | null = null;
  for (const i of rows) {
    const township = t.township.values[t.township.codes[i]!]!,
      name = t.village.values[t.village.codes[i]!]!;
    if (!last || last.township !== township || last.village !== name)
      out.push((last = { township, village: name, people: [] }));
    const fee = t.personalFee[i]!;
    const flags: Bilingual[] = [];
    for (let f = t.flagStart[i]!; f < t.flagStart[i + 1]!; f++) flags.push({ zh: t.flagZh[f]!, en: t.flagEn[f]! });
    last.people.push({
      row: t.row[i]!,
      name: t.name[i] ?? '',
      idNumber: t.idNumber[i] ?? '',
      personalFee: Number.isNaN(fee) ? null : fee,
      unknown: listed(t, i) === 'unknown',
      flags,
    });
  }
  return out;
}

type Cell = string | number | null;

/** The list's columns, in the export's language. */
export function toPayHeaders(lang: ExportLang): string[] {
  const w = exportWords(lang);
  return [w.row, w.name, w.idNumber, w.township, w.village, w.feeDue, w.status, w.flags, w.listedInVillage];
}

/** The list's rows for a file: one per person, with the village's count on each. */
export function toPayRows(list: readonly ToPayVillage[], lang: ExportLang): Cell[][] {
  const w = exportWords(lang);
  return list.flatMap((v) =>
    v.people.map((p): Cell[] => [
      p.row,
      p.name,
      p.idNumber,
      v.township,
      v.village,
      p.personalFee === null ? null : formatYuan(p.personalFee),
      p.unknown ? w.statusUnknown : w.statusNotEnrolled,
      p.flags.map((f) => f[lang]).join(w.flagSeparator),
      v.people.length,
    ]),
  );
}

/** The per-village sheet's columns, in the export's language. */
export function toPayCountHeaders(lang: ExportLang): string[] {
  const w = exportWords(lang);
  return [w.township, w.village, w.notEnrolledCount, w.unknownCount, w.feesDueTotal];
}

/** Per village: how many are to pay, how many to check, and the fees due (empty where one of them is unknown). */
export function toPayCounts(list: readonly ToPayVillage[]): Cell[][] {
  return list.map((v) => {
    const unknown = v.people.filter((p) => p.unknown).length;
    const known = v.people.every((p) => p.personalFee !== null);
    const due = v.people.reduce((s, p) => s + (p.personalFee ?? 0), 0);
    return [v.township, v.village, v.people.length - unknown, unknown, known ? formatYuan(due) : null];
  });
}
