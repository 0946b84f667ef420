// `汇总 按 …` in the summary export: per category value, its people, eligible, enrolled, fees and subsidies.
import type { RosterSummary } from '../lang/model.js';
import type { Cell, Sheet } from '../roster/export.js';
import { exportWords, type ExportLang } from './export-words.js';

/** The header and rows of the breakdowns (none where the policy declares no `汇总 按`). */
export function breakdownTable(s: RosterSummary, lang: ExportLang): { headers: string[]; rows: Cell[][] } | null {
  if (!s.breakdowns?.length) return null;
  const w = exportWords(lang);
  const headers = [
    w.breakdownBy,
    w.breakdownValue,
    w.persons,
    w.eligibleCount,
    w.enrolled,
    w.collected,
    w.subsidyTotal,
  ];
  const rows = s.breakdowns.flatMap((b) =>
    b.values.map((v): Cell[] => [
      b.by,
      v.kind === 'none' ? w.noneValue : v.kind === 'unknown' ? w.unknownValue : v.value,
      v.rows,
      v.eligible,
      v.enrolled,
      { fen: v.collected },
      { fen: v.subsidy },
    ]),
  );
  return { headers, rows };
}

/** The breakdowns as a sheet of their own in the summary workbook. */
export function breakdownSheet(s: RosterSummary, lang: ExportLang): Sheet[] {
  const t = breakdownTable(s, lang);
  return t ? [{ name: exportWords(lang).breakdownSheet, ...t }] : [];
}

/** The summary CSV's rows with the breakdowns below them, after an empty line, under their own header. */
export function withBreakdownRows(rows: Cell[][], s: RosterSummary, lang: ExportLang): Cell[][] {
  const t = breakdownTable(s, lang);
  return t ? [...rows, [], t.headers, ...t.rows] : rows;
}
