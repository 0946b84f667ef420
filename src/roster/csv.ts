// RFC 4180 CSV: quoted fields, doubled quotes, CRLF/LF/CR, embedded newlines; delimiter detected among , tab ;.
import type { Diagnostic } from '../lang/diagnostic.js';

export interface CsvTable {
  rows: string[][];
  diagnostics: Diagnostic[];
}

export function detectDelimiter(text: string): string {
  // Count on the first line with quoted parts removed (a quoted cell may contain any delimiter).
  const unquoted = text.slice(0, 20000).replace(/"(?:[^"]|"")*"/g, '');
  const firstLine = unquoted.slice(0, Math.max(0, unquoted.search(/\r|\n/)) || unquoted.length);
  let best = ',',
    count = -1;
  for (const d of [',', '\t', ';']) {
    const n = firstLine.split(d).length;
    if (n > count) {
      best = d;
      count = n;
    }
  }
  return best;
}

/**
 * Parses CSV text into rows of cells. Never throws: an unterminated quote is reported and the rest kept.
 *
 * Most lines hold no quote at all: such a line is simply cut at its delimiters. A line with a quote anywhere
 * goes through `readRow`, which follows the quoting rules character by character. The next quote, CR and LF
 * are looked up with indexOf only once the scan has passed them, so the whole scan stays linear.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvTable {
  const rows: string[][] = [];
  const diagnostics: Diagnostic[] = [];
  const n = text.length;
  const find = (s: string, from: number) => {
    const k = text.indexOf(s, from);
    return k < 0 ? n : k;
  };
  const scan: Scan = {
    text,
    d: delimiter.charCodeAt(0),
    diagnostics,
    quoteAt: memoFind(text, '"'),
    lineOf: lineCounter(text),
  };
  const d = delimiter.charCodeAt(0);
  let nextQuote = -1,
    nextCr = -1,
    nextLf = -1;
  let above: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    if (nextQuote < i) nextQuote = find('"', i);
    if (nextCr < i) nextCr = find('\r', i);
    if (nextLf < i) nextLf = find('\n', i);
    const end = nextCr < nextLf ? nextCr : nextLf;
    if (nextQuote < end) {
      const read = readRow(scan, i, rows.length);
      rows.push(read.row);
      above = read.row;
      i = read.next;
      continue;
    }
    const row: string[] = [];
    for (let j = i, column = 0; ; column++) {
      let k = j;
      while (k < end && text.charCodeAt(k) !== d) k++;
      // A cell equal to the one above reuses that string: rosters list a household, village and township
      // together, so most cells repeat, and sharing them saves much of the memory (and garbage-collection
      // time) a county's cells take.
      const same = above[column];
      row.push(same !== undefined && same.length === k - j && text.startsWith(same, j) ? same : text.slice(j, k));
      if (k === end) break;
      j = k + 1;
    }
    rows.push(row);
    above = row;
    i = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return { rows, diagnostics };
}

/** A quoted cell longer than Excel allows in a cell (32,767 characters) or than this many lines ran away. */
const MAX_QUOTED = 32_767;
const MAX_QUOTED_LINES = 100;

/** What readRow needs besides the position: the text, delimiter and helpers shared over the whole scan. */
interface Scan {
  text: string;
  d: number;
  diagnostics: Diagnostic[];
  /** The next `"` at or after an offset (text.length if none), remembered so rescans stay linear. */
  quoteAt: (from: number) => number;
  /** The 1-based line and column of an offset; offsets asked for only grow. */
  lineOf: (offset: number) => { line: number; column: number };
}

function memoFind(text: string, s: string): (from: number) => number {
  let from = 0,
    found = -1;
  return (at) => {
    if (at > from && at <= found) return found;
    from = at;
    const k = text.indexOf(s, at);
    return (found = k < 0 ? text.length : k);
  };
}

function lineCounter(text: string): (offset: number) => { line: number; column: number } {
  let at = 0,
    line = 1,
    lineStart = 0;
  return (offset) => {
    for (; at < offset; at++) {
      const c = text.charCodeAt(at);
      if (c === 10 || (c === 13 && text.charCodeAt(at + 1) !== 10)) {
        line++;
        lineStart = at + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
}

/** Line ends (LF, CR or CRLF) in text[from, to). */
function lineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) count++;
  }
  return count;
}

/**
 * Reads the row starting at `start`, quoted cells and all; `next` is where the following row starts. A quote
 * whose cell would run past MAX_QUOTED characters or MAX_QUOTED_LINES lines is reported where it opened and
 * read as text, so one stray quote cannot swallow the file.
 */
function readRow(scan: Scan, start: number, rowIndex: number): { row: string[]; next: number } {
  const { text, d, diagnostics } = scan;
  const n = text.length;
  const row: string[] = [];
  let i = start;
  for (;;) {
    let cell: string;
    let quoted = text.charCodeAt(i) === 34;
    let out = '',
      j = i + 1;
    if (quoted) {
      let lines = 0;
      for (;;) {
        const q = scan.quoteAt(j);
        if (q - i > MAX_QUOTED || (lines += lineEnds(text, j, q)) > MAX_QUOTED_LINES) {
          const at = scan.lineOf(i);
          diagnostics.push({
            code: 'runaway-quote',
            severity: 'error',
            row: rowIndex,
            message: {
              zh: `第 ${at.line} 行第 ${at.column} 个字符处的引号没有在 ${MAX_QUOTED_LINES} 行、${MAX_QUOTED} 个字符之内闭合，已按普通文字读取`,
              en: `The quote at line ${at.line}, character ${at.column} does not close within ${MAX_QUOTED_LINES} lines or ${MAX_QUOTED} characters; it is read as text`,
            },
          });
          quoted = false;
          break;
        }
        if (q === n) {
          diagnostics.push({
            code: 'unterminated-quote',
            severity: 'error',
            row: rowIndex,
            message: {
              zh: `第 ${rowIndex} 行有未闭合的引号，其后的内容按一个单元格读取`,
              en: `Row ${rowIndex} has an unclosed quote; the rest is read as one cell`,
            },
          });
          out += text.slice(j);
          j = n;
          break;
        }
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
    }
    if (quoted) {
      // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      cell = out + text.slice(j, k);
      i = k;
    } else {
      // Unquoted, or a runaway quote read as text.
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      cell = text.slice(i, k);
      i = k;
    }
    row.push(cell);
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i === n) {
        row.push('');
        return { row, next: n };
      }
      continue;
    }
    return { row, next: c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
  }
}
