// The CSV scanner: lines without quotes take a fast path (split at delimiters, cells shared with the row above),
// lines with a quote are read character by character. Both must give exactly what RFC 4180 reading gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../../src/roster/index.js';

/** The plain reading the scanner must agree with: one character at a time, no fast path. */
function referenceCsv(text: string, d: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.startsWith('\ufeff') ? 1 : 0;
  if (i >= n) return rows;
  let row: string[] = [];
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      for (i++; i < n;) {
        if (text[i] !== '"') cell += text[i++];
        else if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else {
          i++;
          break;
        }
      }
    }
    while (i < n && text[i] !== d && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
    row.push(cell);
    if (i < n && text[i] === d) {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (i >= n) return rows;
  }
}

const rows = (text: string) => parseCsv(text).rows;

describe('csv scanner', () => {
  it('resumes the fast path after a quoted row with an embedded CRLF and a doubled quote', () => {
    expect(rows('a,b\r\n"x\r\ny","p""q"\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'p"q'],
      ['c', 'd'],
    ]);
    expect(rows('h\r\n,"q"\r\nh\r\n')).toEqual([['h'], ['', 'q'], ['h']]);
  });
  it('ends rows at CRLF, LF or a lone CR (LF then CR is two line ends)', () => {
    expect(rows('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(rows('a\n\rb')).toEqual([['a'], [''], ['b']]);
    expect(rows('\r\n\r\n')).toEqual([[''], ['']]);
  });
  it('keeps rows with fewer or more cells than the row above as they are', () => {
    expect(rows('a,b,c\n1,2\n3,4,5,6\n3,4,5,6\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2'],
      ['3', '4', '5', '6'],
      ['3', '4', '5', '6'],
    ]);
    expect(rows('ab,ab\nab\nab,a,ab\n')).toEqual([['ab', 'ab'], ['ab'], ['ab', 'a', 'ab']]);
  });
  it('does not take a cell that begins like the one above for it', () => {
    expect(rows('a,b\nab,bc\nab,b\n')).toEqual([
      ['a', 'b'],
      ['ab', 'bc'],
      ['ab', 'b'],
    ]);
  });
  it('skips a byte-order mark only at the very start', () => {
    expect(rows('\ufeffa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows('x\n\ufeffy')).toEqual([['x'], ['\ufeffy']]);
  });
  it('reads empty lines, trailing delimiters and a last line without a line end', () => {
    expect(rows('')).toEqual([]);
    expect(rows('\n')).toEqual([['']]);
    expect(rows('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(rows('a,')).toEqual([['a', '']]);
    expect(rows('a,\n')).toEqual([['a', '']]);
    expect(rows(',\n,,')).toEqual([
      ['', ''],
      ['', '', ''],
    ]);
  });
  it('treats a quote inside an unquoted cell as text, and keeps text after a closing quote', () => {
    expect(rows('a"b,c\n')).toEqual([['a"b', 'c']]);
    expect(rows('"ab"cd,e')).toEqual([['abcd', 'e']]);
    expect(rows('""')).toEqual([['']]);
  });
  it('reports an unterminated quote after fast rows with the row it starts in', () => {
    const r = parseCsv('a,b\n"c,d\ne');
    expect(r.rows).toEqual([['a', 'b'], ['c,d\ne']]);
    expect(r.diagnostics.map((d) => [d.code, d.row])).toEqual([['unterminated-quote', 1]]);
    expect(parseCsv('a,"').rows).toEqual([['a', '']]);
  });
  it('splits at tab or semicolon when that is the delimiter', () => {
    expect(rows('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows('a;b;c\n1;"2;3";4')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2;3', '4'],
    ]);
  });
  it('agrees with a character-by-character reading on any text', () => {
    const piece = fc.constantFrom('a', 'bc', '张三', ',', ';', '\t', '"', '""', '\r', '\n', '\r\n', ' ', '\ufeff', '');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        fc.constantFrom(',', ';', '\t'),
        (text, d) => {
          expect(parseCsv(text, d).rows).toEqual(referenceCsv(text, d));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
