// 问题行清单: the rows a clerk must correct in the source spreadsheet and import again — cells that could not be
// read, short or long rows, empty required cells, invalid and repeated ID numbers — one line per problem, with the
// row number, where it is in the spreadsheet, and the message naming the column and the cell's text.
import type { Bilingual } from '../lang/diagnostic.js';
import { BUILTIN_FLAGS, type BuiltinFlagCode } from '../lang/evaluate/flags.js';
import { exportWords, type ExportLang } from './export-words.js';
import type { Table } from './table.js';

/** The flags that say the roster's data is wrong (not the policy's own flags, nor unknowns of the rules). */
export const DATA_PROBLEMS: ReadonlySet<string> = new Set([
  'unreadable-value',
  'short-row',
  'extra-cells',
  'missing-value',
  'invalid-id',
  'duplicate-id',
]);

export interface ProblemRow {
  /** The roster's data row (1 = the first row under the header). */
  row: number;
  name: string;
  idNumber: string;
  township: string;
  village: string;
  code: string;
  message: Bilingual;
}

/** Every data problem of the roster, in row order (a row's problems in the order they were found). */
export function problemRows(t: Table): ProblemRow[] {
  const out: ProblemRow[] = [];
  for (let i = 0; i < t.n; i++) {
    for (let f = t.flagStart[i]!; f < t.flagStart[i + 1]!; f++) {
      const code = t.flagCode[f]!;
      if (!DATA_PROBLEMS.has(code)) continue;
      out.push({
        row: t.row[i]!,
        name: t.name[i] ?? '',
        idNumber: t.idNumber[i] ?? '',
        township: t.township.values[t.township.codes[i]!] ?? '',
        village: t.village.values[t.village.codes[i]!] ?? '',
        code,
        message: { zh: t.flagZh[f]!, en: t.flagEn[f]! },
      });
    }
  }
  return out.sort((a, b) => a.row - b.row);
}

type Cell = string | number | null;

/** The worklist's columns, in the export's language. */
export function problemHeaders(lang: ExportLang): string[] {
  const w = exportWords(lang);
  return [w.row, w.sheetLine, w.name, w.idNumber, w.township, w.village, w.problem, w.problemDetail];
}

/** The worklist's rows for a file; the second column is the line in the source spreadsheet (the header is line 1). */
export function problemCells(list: readonly ProblemRow[], lang: ExportLang): Cell[][] {
  const kind = (code: string) => BUILTIN_FLAGS[code as BuiltinFlagCode]?.[lang] ?? code;
  return list.map((p) => [p.row, p.row + 1, p.name, p.idNumber, p.township, p.village, kind(p.code), p.message[lang]]);
}
