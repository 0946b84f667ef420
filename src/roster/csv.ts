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
  let best = ',', count = -1;
  for (const d of [',', '\t', ';']) {
    const n = firstLine.split(d).length;
    if (n > count) { best = d; count = n; }
  }
  return best;
}

/** Parses CSV text into rows of cells. Never throws: an unterminated quote is reported and the rest kept. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvTable {
  const rows: string[][] = [];
  const diagnostics: Diagnostic[] = [];
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row: string[] = [];
  while (i < n) {
    let cell: string;
    if (text.charCodeAt(i) === 34) {
      let out = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          diagnostics.push({
            code: 'unterminated-quote', severity: 'error', row: rows.length,
            message: { zh: `第 ${rows.length} 行有未闭合的引号，其后的内容按一个单元格读取`, en: `Row ${rows.length} has an unclosed quote; the rest is read as one cell` },
          });
          out += text.slice(j);
          j = n;
          break;
        }
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) { out += '"'; j = q + 2; } else { j = q + 1; break; }
      }
      // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
      let k = j;
      while (k < n) { const c = text.charCodeAt(k); if (c === d || c === 10 || c === 13) break; k++; }
      cell = out + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n) { const c = text.charCodeAt(k); if (c === d || c === 10 || c === 13) break; k++; }
      cell = text.slice(i, k);
      i = k;
    }
    row.push(cell);
    const c = text.charCodeAt(i);
    if (c === d) { i++; if (i === n) row.push(''); continue; }
    rows.push(row);
    row = [];
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2; else i++;
  }
  if (row.length) rows.push(row);
  return { rows, diagnostics };
}
