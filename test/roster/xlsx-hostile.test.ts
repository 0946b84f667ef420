// Hostile XLSX files: a few hundred bytes that claim gigabytes must cost bounded time and memory, and say why.
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { readXlsx } from '../../src/roster/index.js';

const encode = (s: string) => new TextEncoder().encode(s);

/** A workbook with sheets a, b, … whose XML is given; the first is a one-cell header unless stated. */
function book(sheets: string[], extra: Record<string, Uint8Array> = {}): Uint8Array {
  const names = sheets.map((_, i) => String.fromCharCode(97 + i));
  return zipSync({
    'xl/workbook.xml': encode(
      `<workbook><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': encode(
      `<Relationships>${names.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
    ...Object.fromEntries(
      sheets.map((xml, i) => [
        `xl/worksheets/sheet${i + 1}.xml`,
        encode(`<worksheet><sheetData>${xml}</sheetData></worksheet>`),
      ]),
    ),
    ...extra,
  });
}

/** Sets the uncompressed size that the central directory declares for `name`. */
function declare(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  let end = out.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  for (let at = view.getUint32(end + 16, true), k = view.getUint16(end + 10, true); k > 0; k--) {
    const n = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(out.subarray(at + 46, at + 46 + n)) === name) view.setUint32(at + 24, size, true);
    at += 46 + n + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

const codes = (t: { diagnostics: { code: string }[] }) => t.diagnostics.map((d) => d.code);

describe('hostile xlsx', () => {
  it('refuses a cell past column XFD instead of allocating for it', () => {
    const t = readXlsx(book(['<row r="1"><c r="ZZZZZZZZ1"><v>1</v></c></row>']));
    expect(codes(t)).toEqual(['xlsx-too-large']);
    expect(t.rows).toEqual([]);
    // Excel's last column itself is read.
    const last = readXlsx(book(['<row r="1"><c r="XFD1"><v>1</v></c></row>']));
    expect(codes(last)).toEqual([]);
    expect(last.rows[0]!.length).toBe(16384);
    expect(last.rows[0]![16383]).toBe('1');
  });
  it("keeps row numbers across a gap of a million rows in little memory, and refuses rows past Excel's last", () => {
    const before = process.memoryUsage().heapUsed;
    const t = readXlsx(
      book(['<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>']),
    );
    const grown = process.memoryUsage().heapUsed - before;
    expect(codes(t)).toEqual([]);
    expect(t.rows.length).toBe(1_048_576);
    expect(t.rows[1_048_575]).toEqual(['2']);
    expect(grown).toBeLessThan(200 * 1024 * 1024); // one shared empty row per gap: ~8 MB of pointers
    const past = readXlsx(book(['<row r="1"><c r="A1"><v>1</v></c></row><row r="1000001"/><row r="2000001"/>']));
    expect(codes(past)).toEqual(['xlsx-too-large']);
    expect(past.rows).toEqual([]);
  }, 30_000);
  it('caps the cells held, empty ones filled in before a far cell included', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join(
      '',
    );
    expect(codes(readXlsx(book([rows]), undefined, { inflated: 1e6, cells: 100_000 }))).toEqual(['xlsx-too-large']);
    expect(codes(readXlsx(book([rows]), undefined, { inflated: 1e6, cells: 200_000 }))).toEqual([]);
  });
  it('inflates only the sheet asked for: unused parts that claim 590 MB each are never touched', () => {
    const claim = 590 * 1024 * 1024;
    let zip = book(['<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>', '<row/>', '<row/>']);
    zip = declare(declare(zip, 'xl/worksheets/sheet2.xml', claim), 'xl/worksheets/sheet3.xml', claim);
    const t = readXlsx(zip);
    expect(codes(t)).toEqual([]);
    expect(t.sheetNames).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([['姓名']]);
    // Asked for, such a part is damaged: it inflates to far less than it claims.
    expect(codes(readXlsx(zip, 'b'))).toEqual(['bad-xlsx']);
  });
  it('reports a part that inflates past its declared size instead of truncating it', () => {
    const zip = book(['<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>']);
    const t = readXlsx(declare(zip, 'xl/worksheets/sheet1.xml', 40));
    expect(codes(t)).toEqual(['bad-xlsx']);
    expect(t.rows).toEqual([]);
  });
  it('caps the bytes inflated over all the parts read', () => {
    const cells = Array.from(
      { length: 200 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const shared = { 'xl/sharedStrings.xml': encode(`<sst>${'<si><t>共享</t></si>'.repeat(100)}</sst>`) };
    expect(codes(readXlsx(book([cells], shared), undefined, { inflated: 100_000, cells: 1e6 }))).toEqual([]);
    expect(codes(readXlsx(book([cells], shared), undefined, { inflated: 8_000, cells: 1e6 }))).toEqual([
      'xlsx-too-large',
    ]);
  });
});
