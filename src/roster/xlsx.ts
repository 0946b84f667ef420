// XLSX (Office Open XML) sheets → rows of cell text. fflate unzips; a small XML scan reads shared strings and cells.
// Why not a spreadsheet library: the npm `xlsx` package is frozen at 0.18.5 with a prototype-pollution flaw
// (CVE-2023-30533) on exactly this use, and the maintained alternatives are much larger than the ~150 lines
// a roster needs (values only: no styles, formulas or charts). Dates arrive as Excel serial numbers,
// which the value reader converts.
import { unzipSync } from 'fflate';
import type { Diagnostic } from '../lang/diagnostic.js';
import { attribute, Elements, unescapeXml } from './xml.js';

export interface XlsxTable {
  sheetNames: string[];
  rows: string[][];
  diagnostics: Diagnostic[];
}

/** Largest uncompressed part accepted (a roster sheet of 513,080 rows is ~150 MB of XML). */
const MAX_PART = 600 * 1024 * 1024;

export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function fail(zh: string, en: string): XlsxTable {
  return { sheetNames: [], rows: [], diagnostics: [{ code: 'bad-xlsx', severity: 'error', message: { zh, en } }] };
}

/** Reads the first sheet, or the one named `sheet`. Never throws. */
export function readXlsx(bytes: Uint8Array, sheet?: string): XlsxTable {
  let files: Record<string, Uint8Array>;
  try {
    let tooLarge = false;
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.originalSize > MAX_PART) tooLarge = true;
        return !tooLarge && (f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels' || f.name === 'xl/sharedStrings.xml' || f.name.startsWith('xl/worksheets/'));
      },
    });
    if (tooLarge) return fail('表格文件过大或已损坏（解压后超过 600 MB）', 'The spreadsheet is too large or damaged (over 600 MB uncompressed)');
  } catch {
    return fail('无法打开此 Excel 文件：它不是有效的 .xlsx（若是旧的 .xls，请在 Excel 中另存为 .xlsx 或 CSV）', 'Cannot open this Excel file: not a valid .xlsx (save an old .xls as .xlsx or CSV)');
  }
  const text = (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : null);
  const workbook = text('xl/workbook.xml');
  if (workbook === null) return fail('此文件中没有工作簿（xl/workbook.xml）', 'No workbook in this file (xl/workbook.xml)');
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({ name: unescapeXml(attribute(m[0], 'name') ?? ''), rid: attribute(m[0], 'r:id') ?? '' }));
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attribute(m[0], 'Id') ?? '', attribute(m[0], 'Target') ?? '']));
  const sheetNames = sheets.map((s) => s.name);
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!chosen) {
    return { ...fail(`找不到工作表“${sheet ?? ''}”（现有：${sheetNames.join('、')}）`, `No sheet named “${sheet ?? ''}” (sheets: ${sheetNames.join(', ')})`), sheetNames };
  }
  const target = (targets.get(chosen.rid) ?? 'worksheets/sheet1.xml').replace(/^\/?xl\//, '').replace(/^\//, '');
  const xml = files[`xl/${target}`];
  if (!xml) return { ...fail(`工作表“${chosen.name}”的内容缺失`, `The content of sheet “${chosen.name}” is missing`), sheetNames };
  const shared = sharedStrings(text('xl/sharedStrings.xml') ?? '');
  return { sheetNames, rows: sheetRowsOfBytes(xml, shared), diagnostics: [] };
}

/** Sheets up to this many bytes of XML are read as one text; longer ones in pieces of PIECE bytes. */
const ONE_TEXT = 64 * 1024 * 1024;
const PIECE = 16 * 1024 * 1024;

/**
 * The rows of a sheet's XML bytes. A county's sheet can be longer than the longest string JavaScript allows
 * (2^29 characters in V8), so a long one is read in pieces of about 16 MB, each ending just after a `</row>`
 * (ASCII, so a piece never splits a character): well-formed rows read the same either way. (The sizes are
 * parameters for the tests.)
 */
export function sheetRowsOfBytes(bytes: Uint8Array, shared: string[], oneText = ONE_TEXT, step = PIECE): string[][] {
  if (bytes.length <= oneText) return sheetRows(new TextDecoder().decode(bytes), shared, []);
  const rows: string[][] = [];
  // Only the first piece may start with a byte-order mark.
  const first = new TextDecoder(), rest = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let start = 0; start < bytes.length; ) {
    let end = start + step >= bytes.length ? bytes.length : afterRowEnd(bytes, start, start + step, -1);
    if (end < 0) end = afterRowEnd(bytes, start + step, bytes.length, 1);
    if (end < 0) end = bytes.length;
    sheetRows((start === 0 ? first : rest).decode(bytes.subarray(start, end)), shared, rows);
    start = end;
  }
  return rows;
}

const ROW_END = [60, 47, 114, 111, 119, 62]; // </row>

/** Just after the last (direction -1) or first (1) `</row>` within bytes[from, to); -1 if there is none. */
function afterRowEnd(bytes: Uint8Array, from: number, to: number, direction: 1 | -1): number {
  for (let i = direction < 0 ? to - ROW_END.length : from; direction < 0 ? i >= from : i + ROW_END.length <= to; i += direction) {
    let k = 0;
    while (k < ROW_END.length && bytes[i + k] === ROW_END[k]) k++;
    if (k === ROW_END.length) return i + ROW_END.length;
  }
  return -1;
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

/** Shared strings: each <si>…</si> or <si/> in order, as /<si>([\s\S]*?)<\/si>|<si\/>/g finds them. */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let closeMissing = false; // once no </si> follows, none follows any later <si> either
  for (let at = xml.indexOf('<si'); at >= 0; at = xml.indexOf('<si', at + 1)) {
    if (!closeMissing && xml.startsWith('<si>', at)) {
      const close = xml.indexOf('</si>', at + 4);
      if (close >= 0) { out.push(innerText(xml.slice(at + 4, close))); at = close + 4; continue; }
      closeMissing = true;
    }
    if (xml.startsWith('<si/>', at)) { out.push(''); at += 4; }
  }
  return out;
}

/** The column of a cell reference such as "AB12", 0-based. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Appends the rows in `xml` to `rows`, and returns them. */
function sheetRows(xml: string, shared: string[], rows: string[][]): string[][] {
  const row = new Elements(xml, 'row');
  while (row.next()) {
    const r = attribute(xml.slice(row.attrs, row.attrsEnd), 'r');
    const index = r ? Number(r) - 1 : rows.length;
    const cells: string[] = [];
    const body = xml.slice(row.body, row.bodyEnd);
    const c = new Elements(body, 'c');
    while (c.next()) {
      const attrs = body.slice(c.attrs, c.attrsEnd);
      const inner = body.slice(c.body, c.bodyEnd);
      const ref = attribute(attrs, 'r');
      const col = ref ? columnIndex(ref) : cells.length;
      const type = attribute(attrs, 't');
      let value = '';
      if (type === 'inlineStr') value = innerText(inner);
      else {
        const raw = unescapeXml(valueText(inner));
        value = type === 's' ? shared[Number(raw)] ?? '' : type === 'b' ? (raw === '1' ? 'TRUE' : 'FALSE') : raw;
      }
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    // Keep row numbers as the sheet states them (gaps become empty rows), so 第 N 行 matches the sheet.
    if (index >= rows.length && index - rows.length < 1_000_000) while (rows.length < index) rows.push([]);
    rows.push(cells);
  }
  return rows;
}

/** The text of a cell's <v>, as /<v>([\s\S]*?)<\/v>/ finds it, or ''. */
function valueText(inner: string): string {
  const start = inner.indexOf('<v>');
  const end = start < 0 ? -1 : inner.indexOf('</v>', start + 3);
  return end < 0 ? '' : inner.slice(start + 3, end);
}
