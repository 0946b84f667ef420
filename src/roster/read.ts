// Reads a roster file into rows of typed values; a bad row is reported with its row number and kept, never dropped.
import type { Diagnostic } from '../lang/diagnostic.js';
import type { FieldSpec, FieldValue, RosterRow } from '../lang/model.js';
import { checkIdNumber } from '../lang/runtime/id-number.js';
import { idProblemText } from '../lang/evaluate/flags.js';
import { matchColumns, type ColumnMatch } from './columns.js';
import { parseCsv } from './csv.js';
import { boundHeaders } from './limits.js';
import { decodeText, type Encoding } from './decode.js';
import { isXlsx, readXlsx } from './xlsx.js';
import { CellReader } from './values.js';

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

/** A row with nothing but empty or blank cells. */
function isBlankRow(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** Shared by every row that reads cleanly; frozen, so a stray push fails loudly instead of reaching all rows. */
const NO_PROBLEMS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/** The value of a missing category-set column, shared by every row (so frozen). */
const NO_CATEGORIES = Object.freeze([]) as unknown as string[];

/** Rows of cell text (header first, after any blank lines) → typed roster rows. */
export function readTable(tableRows: string[][], fileName: string, fields: FieldSpec[], options: ReadOptions = {}): RosterRead {
  const diagnostics: Diagnostic[] = [];
  let headerIndex = 0;
  while (headerIndex < tableRows.length && isBlankRow(tableRows[headerIndex]!)) headerIndex++;
  if (headerIndex === tableRows.length) {
    diagnostics.push({ code: 'empty-roster', severity: 'error', message: { zh: `${fileName} 中没有表头和数据`, en: `${fileName} has no header or data` } });
    return { headers: [], mapping: [], rows: [], cells: [], diagnostics };
  }
  const { headers, diagnostics: headerDiagnostics } = boundHeaders(tableRows[headerIndex]!.map((h) => h.trim()));
  diagnostics.push(...headerDiagnostics);
  const { mapping, diagnostics: mapDiagnostics } = matchColumns(headers, fields, options.overrides);
  diagnostics.push(...mapDiagnostics);
  const columns = mapping.map((m) => {
    const field = fields.find((f) => f.name === m.field)!;
    return { field, index: m.index, header: m.header ?? '', cells: new CellReader(field) };
  });
  // Each row's values start as a copy of this, fields in policy order: copying an object of the final shape
  // is cheaper than growing a new one field by field.
  const blank: Record<string, FieldValue> = Object.create(null);
  for (const { field } of columns) blank[field.name] = null;
  // A field named like a property of Object.prototype (`__proto__`, `constructor`) needs prototype-free values.
  const protoFree = columns.some(({ field }) => field.name in Object.prototype);
  const rows: RosterRow[] = [];
  const cells: string[][] = [];
  const total = tableRows.length - headerIndex - 1;
  for (let rowNumber = 1; rowNumber <= total; rowNumber++) {
    const raw = tableRows[headerIndex + rowNumber]!;
    if (isBlankRow(raw)) continue;
    const values = protoFree ? Object.assign(Object.create(null) as Record<string, FieldValue>, blank) : { ...blank };
    let problems = NO_PROBLEMS;
    let id: RosterRow['id'];
    for (const column of columns) {
      const { field, index, header } = column;
      if (index === null) { values[field.name] = field.kind === 'category-set' ? NO_CATEGORIES : null; continue; }
      const r = column.cells.next(raw[index] ?? '');
      values[field.name] = r.value;
      if (r.problem) problems = withProblem(problems, rowProblem(r.problem.code, rowNumber, header, r.problem.message));
      if (field.kind === 'id-number' && typeof r.value === 'string') {
        const check = checkIdNumber(r.value);
        id = { value: r.value, check }; // kept: evaluation uses it rather than checking again
        if (!check.ok) {
          const why = idProblemText(check.problem);
          problems = withProblem(problems, rowProblem('invalid-id', rowNumber, header, { zh: `身份证号码“${r.value}”无效：${why.zh}`, en: `ID number “${r.value}” is invalid: ${why.en}` }));
        }
      } else if (field.required && (r.value === null || r.value === '')) {
        problems = withProblem(problems, rowProblem('missing-value', rowNumber, header, { zh: `必填的“${field.name}”为空`, en: `Required “${field.name}” is empty` }));
      }
    }
    if (raw.length > headers.length && !isBlankRow(raw.slice(headers.length))) {
      problems = withProblem(problems, rowProblem('extra-cells', rowNumber, '', { zh: `本行比表头多出 ${raw.length - headers.length} 个单元格`, en: `This row has ${raw.length - headers.length} more cell(s) than the header` }));
    }
    rows.push({ row: rowNumber, values, problems, id });
    cells.push(raw);
    if (options.onProgress && rows.length % 5000 === 0) options.onProgress(rowNumber, total);
  }
  options.onProgress?.(total, total);
  return { headers, mapping, rows, cells, diagnostics };
}

/** A row's problems with one more (the shared empty list is replaced, never changed). */
function withProblem(problems: Diagnostic[], problem: Diagnostic): Diagnostic[] {
  if (problems === NO_PROBLEMS) return [problem];
  problems.push(problem);
  return problems;
}

function rowProblem(code: string, row: number, column: string, m: { zh: string; en: string }): Diagnostic {
  return {
    code, severity: code === 'extra-cells' ? 'warning' : 'error', row, column,
    message: { zh: `第 ${row} 行（表格第 ${row + 1} 行）${column ? `“${column}”列` : ''}：${m.zh}`, en: `Row ${row}${column ? `, column “${column}”` : ''}: ${m.en}` },
  };
}
