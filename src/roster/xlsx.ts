// XLSX (Office Open XML) sheets → rows of cell text. fflate unzips; a small XML scan reads shared strings and cells.
// Why not a spreadsheet library: the npm `xlsx` package is frozen at 0.18.5 with a prototype-pollution flaw
// (CVE-2023-30533) on exactly this use, and the maintained alternatives are much larger than the ~150 lines
// a roster needs (values only: no styles, formulas or charts). Dates arrive as Excel serial numbers,
// which the value reader converts.
import type { Diagnostic } from '../lang/diagnostic.js';
import { MAX_COLUMNS } from './limits.js';
import { attribute, Elements, unescapeXml } from './xml.js';
import { inflateEntry, inflateWhole, ZipError, zipEntries, type ZipEntry } from './zip.js';

export interface XlsxTable {
  sheetNames: string[];
  rows: string[][];
  diagnostics: Diagnostic[];
}

/** What a file may cost: a hostile file of a few hundred bytes must not take gigabytes. */
export interface XlsxLimits {
  /** Bytes inflated in all, over every part read (a roster sheet of 513,080 rows is ~150 MB of XML). */
  inflated: number;
  /** Cells held, counting the empty ones a gap before a cell fills in (513,080 rows × 20 columns is 10 M). */
  cells: number;
  /** Bytes gathered before a piece of a part is read (default 16 MB): lowered by the tests to read in many pieces. */
  piece?: number;
}

export const XLSX_LIMITS: XlsxLimits = { inflated: 600 * 1024 * 1024, cells: 25_000_000 };
/** Excel's last row (its last column is MAX_COLUMNS). */
const MAX_ROWS = 1_048_576;

export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function problem(code: string, zh: string, en: string): Diagnostic {
  return { code, severity: 'error', message: { zh, en } };
}

function fail(zh: string, en: string): XlsxTable {
  return { sheetNames: [], rows: [], diagnostics: [problem('bad-xlsx', zh, en)] };
}

/** Thrown inside the reader when a limit is passed; caught in readXlsx. */
class OverLimit extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message.en);
  }
}

const overLimit = (zh: string, en: string) => new OverLimit(problem('xlsx-too-large', zh, en));

const NOT_XLSX = [
  '无法打开此 Excel 文件：它不是有效的 .xlsx（若是旧的 .xls，请在 Excel 中另存为 .xlsx 或 CSV）',
  'Cannot open this Excel file: not a valid .xlsx (save an old .xls as .xlsx or CSV)',
] as const;

/**
 * Reads the first sheet, or the one named `sheet`. Never throws. Only the parts needed are inflated (workbook,
 * its relationships, shared strings and the one sheet), each checked against its declared size, and the sheet
 * is read as it inflates: the limits hold whatever the file claims.
 */
export function readXlsx(bytes: Uint8Array, sheet?: string, limits: XlsxLimits = XLSX_LIMITS): XlsxTable {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(bytes);
  } catch {
    return fail(...NOT_XLSX);
  }
  let sheetNames: string[] = [];
  try {
    let budget = limits.inflated;
    const reserve = (entry: ZipEntry) => {
      if (entry.size > budget) {
        throw overLimit(
          `表格文件过大或已损坏（解压后超过 ${mb(limits.inflated)} MB）`,
          `The spreadsheet is too large or damaged (over ${mb(limits.inflated)} MB uncompressed)`,
        );
      }
      budget -= entry.size;
      return entry;
    };
    const text = (name: string) => {
      const entry = entries.get(name);
      return entry ? new TextDecoder().decode(inflateWhole(bytes, reserve(entry))) : null;
    };
    const workbook = text('xl/workbook.xml');
    if (workbook === null)
      return fail('此文件中没有工作簿（xl/workbook.xml）', 'No workbook in this file (xl/workbook.xml)');
    const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
      name: unescapeXml(attribute(m[0], 'name') ?? ''),
      rid: attribute(m[0], 'r:id') ?? '',
    }));
    const rels = text('xl/_rels/workbook.xml.rels') ?? '';
    const targets = new Map(
      [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
        attribute(m[0], 'Id') ?? '',
        attribute(m[0], 'Target') ?? '',
      ]),
    );
    sheetNames = sheets.map((s) => s.name);
    const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
    if (!chosen) {
      return {
        ...fail(
          `找不到工作表“${sheet ?? ''}”（现有：${sheetNames.join('、')}）`,
          `No sheet named “${sheet ?? ''}” (sheets: ${sheetNames.join(', ')})`,
        ),
        sheetNames,
      };
    }
    const target = (targets.get(chosen.rid) ?? 'worksheets/sheet1.xml').replace(/^\/?xl\//, '').replace(/^\//, '');
    const part = entries.get(`xl/${target}`);
    if (!part)
      return {
        ...fail(`工作表“${chosen.name}”的内容缺失`, `The content of sheet “${chosen.name}” is missing`),
        sheetNames,
      };
    const sharedPart = entries.get('xl/sharedStrings.xml');
    if (sharedPart) reserve(sharedPart);
    reserve(part);
    const piece = limits.piece ?? BATCH;
    const shared = sharedPart ? sharedStringsOf((push) => inflateEntry(bytes, sharedPart, push), piece) : [];
    const reader = new SheetReader(shared, limits.cells, piece);
    inflateEntry(bytes, part, (chunk) => reader.push(chunk));
    return { sheetNames, rows: reader.end(), diagnostics: [] };
  } catch (e) {
    if (e instanceof OverLimit) return { sheetNames, rows: [], diagnostics: [e.diagnostic] };
    if (e instanceof ZipError && e.kind === 'size-mismatch') {
      return {
        sheetNames,
        rows: [],
        diagnostics: [
          problem(
            'bad-xlsx',
            '表格文件已损坏：其中一部分解压后的大小与文件所声明的不符',
            'The spreadsheet is damaged: a part inflates to another size than the file declares',
          ),
        ],
      };
    }
    return { ...fail(...NOT_XLSX), sheetNames };
  }
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Bytes are read once this many have arrived (fewer, longer pieces read faster). */
const BATCH = 16 * 1024 * 1024;
/** Bytes held back at most, waiting for a closing tag: past it they are read as they are (a damaged part). */
const HOLD = 64 * 1024 * 1024;

/**
 * XML that arrives in byte chunks cut anywhere, handed to `read` in pieces that end just after the last
 * `closing` tag seen (ASCII, so a cut never splits a character), the rest held for the next chunk: a part is
 * never held whole, and well-formed elements read the same however the chunks fall.
 */
class Pieces {
  private pending: Uint8Array[] = [];
  private length = 0;
  /** Bytes to gather before looking for a closing tag again: doubled while none is found. */
  private want: number;
  private started = false;

  constructor(
    private readonly closing: number[],
    private readonly read: (text: string) => void,
    private readonly batch = BATCH,
  ) {
    this.want = batch;
  }

  push(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.length += chunk.length;
    if (this.length < this.want) return;
    const bytes = this.take();
    let end = afterLast(bytes, this.closing);
    if (end < 0 && bytes.length >= HOLD) end = Math.max(afterLast(bytes, [60]) - 1, 0) || bytes.length; // before a `<`
    if (end > 0) this.decode(bytes.subarray(0, end));
    const rest = bytes.subarray(Math.max(end, 0));
    this.pending = rest.length ? [rest] : [];
    this.length = rest.length;
    this.want = end > 0 ? this.batch : this.length * 2;
  }

  end(): void {
    this.decode(this.take());
    this.pending = [];
    this.length = 0;
  }

  private take(): Uint8Array {
    if (this.pending.length === 1) return this.pending[0]!;
    const bytes = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.pending) {
      bytes.set(p, at);
      at += p.length;
    }
    return bytes;
  }

  private decode(bytes: Uint8Array): void {
    // Only the first piece may start with a byte-order mark.
    const text = new TextDecoder('utf-8', { ignoreBOM: this.started }).decode(bytes);
    this.started = true;
    this.read(text);
  }
}

const ROW_END = [60, 47, 114, 111, 119, 62]; // </row>
const SI_END = [60, 47, 115, 105, 62]; // </si>

/** Just after the last occurrence of `pattern` (ASCII bytes) in `bytes`; -1 if there is none. */
function afterLast(bytes: Uint8Array, pattern: number[]): number {
  for (let i = bytes.length - pattern.length; i >= 0; i--) {
    let k = 0;
    while (k < pattern.length && bytes[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i + pattern.length;
  }
  return -1;
}

/** Reads a sheet's XML as it arrives (see Pieces), counting cells against `maxCells`. */
export class SheetReader {
  private readonly rows: string[][] = [];
  private readonly count = { cells: 0 };
  private readonly pieces: Pieces;

  constructor(shared: string[], maxCells = XLSX_LIMITS.cells, batch = BATCH) {
    this.pieces = new Pieces(ROW_END, (text) => sheetRows(text, shared, this.rows, this.count, maxCells), batch);
  }

  /** The next bytes of the sheet. Throws OverLimit. */
  push(chunk: Uint8Array): void {
    this.pieces.push(chunk);
  }

  /** The rows read, once the last chunk is in. */
  end(): string[][] {
    this.pieces.end();
    return this.rows;
  }
}

/** Feeds `bytes` to `push` `step` bytes at a time. */
function feed(bytes: Uint8Array, step: number, push: (chunk: Uint8Array) => void): void {
  for (let i = 0; i < bytes.length; i += step) push(bytes.subarray(i, i + step));
}

/** The rows of a sheet's XML bytes, fed to a SheetReader `step` bytes at a time (parameters for the tests). */
export function sheetRowsOfBytes(bytes: Uint8Array, shared: string[], step = BATCH, batch = BATCH): string[][] {
  const reader = new SheetReader(shared, XLSX_LIMITS.cells, batch);
  feed(bytes, step, (chunk) => reader.push(chunk));
  return reader.end();
}

/** The shared strings of sharedStrings.xml, read as it arrives from `source` (which calls its argument per chunk). */
function sharedStringsOf(source: (push: (chunk: Uint8Array) => void) => void, batch = BATCH): string[] {
  const out: string[] = [];
  const pieces = new Pieces(SI_END, (text) => sharedStrings(text, out), batch);
  source((chunk) => pieces.push(chunk));
  pieces.end();
  return out;
}

/** The shared strings of sharedStrings.xml bytes, fed `step` bytes at a time (parameters for the tests). */
export function sharedStringsOfBytes(bytes: Uint8Array, step = BATCH, batch = BATCH): string[] {
  return sharedStringsOf((push) => feed(bytes, step, push), batch);
}

/** The text of every <t> in a fragment: rich-text runs are concatenated, phonetic <rPh> runs skipped. */
function innerText(fragment: string): string {
  const clean = fragment.includes('<rPh') ? fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : fragment;
  // The matches of /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g, concatenated.
  let out = '';
  for (let at = clean.indexOf('<t'); at >= 0; at = clean.indexOf('<t', at + 1)) {
    const next = clean[at + 2];
    const open = next === '>' ? at + 2 : next !== undefined && /\s/.test(next) ? clean.indexOf('>', at + 2) : -1;
    if (open < 0) continue;
    const close = clean.indexOf('</t>', open + 1);
    if (close < 0) break; // and none after any later <t either
    out += clean.slice(open + 1, close);
    at = close + 3;
  }
  return unescapeXml(out);
}

/** Appends to `out` each <si>…</si> or <si/> in order, as /<si>([\s\S]*?)<\/si>|<si\/>/g finds them. */
function sharedStrings(xml: string, out: string[]): void {
  let closeMissing = false; // once no </si> follows, none follows any later <si> either
  for (let at = xml.indexOf('<si'); at >= 0; at = xml.indexOf('<si', at + 1)) {
    if (!closeMissing && xml.startsWith('<si>', at)) {
      const close = xml.indexOf('</si>', at + 4);
      if (close >= 0) {
        out.push(innerText(xml.slice(at + 4, close)));
        at = close + 4;
        continue;
      }
      closeMissing = true;
    }
    if (xml.startsWith('<si/>', at)) {
      out.push('');
      at += 4;
    }
  }
}

/** The column of a cell reference such as "AB12", 0-based; MAX_COLUMNS for any past Excel's last column. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > MAX_COLUMNS) return MAX_COLUMNS;
  }
  return n - 1;
}

/** The row that a gap in row numbers stands for, shared (so frozen): a gap costs no memory per row. */
const GAP_ROW = Object.freeze([]) as unknown as string[];

/** Appends the rows in `xml` to `rows`, counting their cells; throws OverLimit past Excel's bounds or `maxCells`. */
function sheetRows(xml: string, shared: string[], rows: string[][], count: { cells: number }, maxCells: number): void {
  const row = new Elements(xml, 'row');
  while (row.next()) {
    const r = attribute(xml.slice(row.attrs, row.attrsEnd), 'r');
    const index = r ? Number(r) - 1 : rows.length;
    if (index >= MAX_ROWS || rows.length >= MAX_ROWS) {
      throw overLimit(
        `工作表第 ${r ?? rows.length + 1} 行超出 Excel 的最大行数 ${MAX_ROWS}`,
        `Sheet row ${r ?? rows.length + 1} lies past Excel's last row, ${MAX_ROWS}`,
      );
    }
    const cells: string[] = [];
    const body = xml.slice(row.body, row.bodyEnd);
    const c = new Elements(body, 'c');
    while (c.next()) {
      const attrs = body.slice(c.attrs, c.attrsEnd);
      const inner = body.slice(c.body, c.bodyEnd);
      const ref = attribute(attrs, 'r');
      const col = ref ? columnIndex(ref) : cells.length;
      if (col >= MAX_COLUMNS) {
        throw overLimit(
          `单元格 ${ref ?? ''}（工作表第 ${index + 1} 行）超出 Excel 的最大列 XFD（${MAX_COLUMNS} 列）`,
          `Cell ${ref ?? ''} (sheet row ${index + 1}) lies past Excel's last column, XFD (${MAX_COLUMNS} columns)`,
        );
      }
      const type = attribute(attrs, 't');
      let value: string;
      if (type === 'inlineStr') value = innerText(inner);
      else {
        const raw = unescapeXml(valueText(inner));
        value = type === 's' ? (shared[Number(raw)] ?? '') : type === 'b' ? (raw === '1' ? 'TRUE' : 'FALSE') : raw;
      }
      if (col >= cells.length) {
        count.cells += col + 1 - cells.length;
        if (count.cells > maxCells) {
          throw overLimit(
            `工作表的单元格（含其间的空单元格）超过 ${maxCells} 个（到第 ${index + 1} 行为止），超出本工具的上限`,
            `The sheet holds over ${maxCells} cells (empty ones between them included) by row ${index + 1}: past this tool's limit`,
          );
        }
      }
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    // Keep row numbers as the sheet states them (gaps become empty rows), so 第 N 行 matches the sheet.
    while (rows.length < index) rows.push(GAP_ROW);
    rows.push(cells);
  }
}

/** The text of a cell's <v>, as /<v>([\s\S]*?)<\/v>/ finds it, or ''. */
function valueText(inner: string): string {
  const start = inner.indexOf('<v>');
  const end = start < 0 ? -1 : inner.indexOf('</v>', start + 3);
  return end < 0 ? '' : inner.slice(start + 3, end);
}
