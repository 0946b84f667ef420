// Reads a roster file into rows of typed values; a bad row is reported with its row number and kept, never dropped.
import type { Diagnostic } from '../lang/diagnostic.js';
import type { FieldSpec, RosterRow } from '../lang/model.js';
import { matchColumns, type ColumnMatch } from './columns.js';
import { parseCsv } from './csv.js';
import { boundHeaders } from './limits.js';
import { decodeText, type Encoding } from './decode.js';
import { sniffBinary } from './sniff.js';
import { isXlsx, readXlsx } from './xlsx.js';
import { isBlank, RowReader } from './row.js';

export interface RosterRead {
  encoding?: Encoding;
  sheetNames?: string[];
  headers: string[];
  mapping: ColumnMatch[];
  rows: RosterRow[];
  /** Raw cells per data row, kept for export and for reading a stored row again. */
  cells: string[][];
  /** Rows leave out their empty cells at the end (XLSX): a cell past a row's end is empty, not missing. */
  sparse: boolean;
  diagnostics: Diagnostic[];
}

export interface ReadOptions {
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
  overrides?: Record<string, string | null>;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads a roster file: XLSX (by its zip signature) or CSV in any of the encodings clerks' files come in; a file that is
 * neither (an image, PDF, old .xls …) is refused with a `not-a-spreadsheet` error.
 */
export function readRosterBytes(
  bytes: Uint8Array,
  fileName: string,
  fields: FieldSpec[],
  options: ReadOptions = {},
): RosterRead {
  const notRoster = sniffBinary(bytes, fileName);
  if (notRoster) return { headers: [], mapping: [], rows: [], cells: [], sparse: false, diagnostics: [notRoster] };
  if (isXlsx(bytes)) {
    const sheet = readXlsx(bytes, options.sheet);
    const read = readTable(sheet.rows, fileName, fields, options, true);
    return { ...read, sheetNames: sheet.sheetNames, diagnostics: [...sheet.diagnostics, ...read.diagnostics] };
  }
  const { text, encoding, diagnostics } = decodeText(bytes, fileName);
  const read = readRosterText(text, fileName, fields, options);
  return { ...read, encoding, diagnostics: [...diagnostics, ...read.diagnostics] };
}

/**
 * Reads CSV text. Row numbers are data rows (the header excluded), so “第 N 行” is the spreadsheet's row N+1.
 * Entirely empty lines are skipped but still counted, so numbers match what the clerk sees.
 */
export function readRosterText(
  text: string,
  fileName: string,
  fields: FieldSpec[],
  options: ReadOptions = {},
): RosterRead {
  const table = parseCsv(text);
  const read = readTable(table.rows, fileName, fields, options);
  return { ...read, diagnostics: [...table.diagnostics, ...read.diagnostics] };
}

/**
 * Rows of cell text (header first, after any blank lines) → typed roster rows. `sparse`: rows leave out empty cells
 * at their end (XLSX), so a row shorter than the header is not short.
 */
export function readTable(
  tableRows: string[][],
  fileName: string,
  fields: FieldSpec[],
  options: ReadOptions = {},
  sparse = false,
): RosterRead {
  const diagnostics: Diagnostic[] = [];
  let headerIndex = 0;
  while (headerIndex < tableRows.length && isBlank(tableRows[headerIndex]!)) headerIndex++;
  if (headerIndex === tableRows.length) {
    diagnostics.push({
      code: 'empty-roster',
      severity: 'error',
      message: { zh: `${fileName} 中没有表头和数据`, en: `${fileName} has no header or data` },
    });
    return { headers: [], mapping: [], rows: [], cells: [], sparse, diagnostics };
  }
  const { headers, diagnostics: headerDiagnostics } = boundHeaders(tableRows[headerIndex]!.map((h) => h.trim()));
  diagnostics.push(...headerDiagnostics);
  const { mapping, diagnostics: mapDiagnostics } = matchColumns(headers, fields, options.overrides);
  diagnostics.push(...mapDiagnostics);
  const reader = new RowReader(headers, mapping, fields, sparse);
  const rows: RosterRow[] = [];
  const cells: string[][] = [];
  const total = tableRows.length - headerIndex - 1;
  for (let rowNumber = 1; rowNumber <= total; rowNumber++) {
    const raw = tableRows[headerIndex + rowNumber]!;
    if (isBlank(raw)) continue;
    rows.push(reader.read(raw, rowNumber));
    cells.push(raw);
    if (options.onProgress && rows.length % 5000 === 0) options.onProgress(rowNumber, total);
  }
  options.onProgress?.(total, total);
  return { headers, mapping, rows, cells, sparse, diagnostics };
}
