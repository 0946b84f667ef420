// Reads a roster file into rows of typed values; a bad row is reported with its row number and kept, never dropped.
import type { Diagnostic } from '../lang/diagnostic.js';
import type { FieldSpec, FieldValue, RosterRow } from '../lang/model.js';
import { checkIdNumber } from '../lang/runtime/id-number.js';
import { idProblemText } from '../lang/evaluate/flags.js';
import { matchColumns, type ColumnMatch } from './columns.js';
import { parseCsv } from './csv.js';
import { decodeText, type Encoding } from './decode.js';
import { isXlsx, readXlsx } from './xlsx.js';
import { valueReader } from './values.js';

export interface RosterRead {
  encoding?: Encoding;
  sheetNames?: string[];
  headers: string[];
  mapping: ColumnMatch[];
  rows: RosterRow[];
  /** Raw cells per data row, kept for export. */
  cells: string[][];
  diagnostics: Diagnostic[];
}

export interface ReadOptions {
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
  overrides?: Record<string, string | null>;
  onProgress?: (done: number, total: number) => void;
}

/** Reads a roster file: XLSX (by its zip signature) or CSV in any of the encodings clerks' files come in. */
export function readRosterBytes(bytes: Uint8Array, fileName: string, fields: FieldSpec[], options: ReadOptions = {}): RosterRead {
  if (isXlsx(bytes)) {
    const sheet = readXlsx(bytes, options.sheet);
    const read = readTable(sheet.rows, fileName, fields, options);
    return { ...read, sheetNames: sheet.sheetNames, diagnostics: [...sheet.diagnostics, ...read.diagnostics] };
  }
  const { text, encoding } = decodeText(bytes);
  return { ...readRosterText(text, fileName, fields, options), encoding };
}

/**
 * Reads CSV text. Row numbers are data rows (the header excluded), so “第 N 行” is the spreadsheet's row N+1.
 * Entirely empty lines are skipped but still counted, so numbers match what the clerk sees.
 */
export function readRosterText(text: string, fileName: string, fields: FieldSpec[], options: ReadOptions = {}): RosterRead {
  const table = parseCsv(text);
  const read = readTable(table.rows, fileName, fields, options);
  return { ...read, diagnostics: [...table.diagnostics, ...read.diagnostics] };
}

/** Rows of cell text (header first, after any blank lines) → typed roster rows. */
export function readTable(tableRows: string[][], fileName: string, fields: FieldSpec[], options: ReadOptions = {}): RosterRead {
  const table = { rows: tableRows };
  const diagnostics: Diagnostic[] = [];
  const headerIndex = table.rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) {
    diagnostics.push({ code: 'empty-roster', severity: 'error', message: { zh: `${fileName} 中没有表头和数据`, en: `${fileName} has no header or data` } });
    return { headers: [], mapping: [], rows: [], cells: [], diagnostics };
  }
  const headers = table.rows[headerIndex]!.map((h) => h.trim());
  const { mapping, diagnostics: mapDiagnostics } = matchColumns(headers, fields, options.overrides);
  diagnostics.push(...mapDiagnostics);
  const readers = mapping.map((m) => ({ m, field: fields.find((f) => f.name === m.field)!, read: valueReader(fields.find((f) => f.name === m.field)!) }));
  const rows: RosterRow[] = [];
  const cells: string[][] = [];
  const data = table.rows.slice(headerIndex + 1);
  for (let i = 0; i < data.length; i++) {
    const raw = data[i]!;
    if (raw.every((c) => c.trim() === '')) continue;
    const rowNumber = i + 1;
    const values: Record<string, FieldValue> = {};
    const problems: Diagnostic[] = [];
    for (const { m, field, read } of readers) {
      if (m.index === null) { values[field.name] = field.kind === 'category-set' ? [] : null; continue; }
      const cell = raw[m.index] ?? '';
      const r = read(cell);
      values[field.name] = r.value;
      if (r.problem) problems.push(rowProblem(r.problem.code, rowNumber, m.header!, r.problem.message));
      if (field.kind === 'id-number' && typeof r.value === 'string') {
        const id = checkIdNumber(r.value);
        if (!id.ok) {
          const why = idProblemText(id.problem);
          problems.push(rowProblem('invalid-id', rowNumber, m.header!, { zh: `身份证号码“${r.value}”无效：${why.zh}`, en: `ID number “${r.value}” is invalid: ${why.en}` }));
        }
      } else if (field.required && (r.value === null || r.value === '')) {
        problems.push(rowProblem('missing-value', rowNumber, m.header!, { zh: `必填的“${field.name}”为空`, en: `Required “${field.name}” is empty` }));
      }
    }
    if (raw.length > headers.length && raw.slice(headers.length).some((c) => c.trim() !== '')) {
      problems.push(rowProblem('extra-cells', rowNumber, '', { zh: `本行比表头多出 ${raw.length - headers.length} 个单元格`, en: `This row has ${raw.length - headers.length} more cell(s) than the header` }));
    }
    rows.push({ row: rowNumber, values, problems });
    cells.push(raw);
    if (options.onProgress && rows.length % 5000 === 0) options.onProgress(i + 1, data.length);
  }
  options.onProgress?.(data.length, data.length);
  return { headers, mapping, rows, cells, diagnostics };
}

function rowProblem(code: string, row: number, column: string, m: { zh: string; en: string }): Diagnostic {
  return {
    code, severity: code === 'extra-cells' ? 'warning' : 'error', row, column,
    message: { zh: `第 ${row} 行（表格第 ${row + 1} 行）${column ? `“${column}”列` : ''}：${m.zh}`, en: `Row ${row}${column ? `, column “${column}”` : ''}: ${m.en}` },
  };
}
