import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { readRosterBytes, readXlsx, toXlsx } from '../../src/roster/index.js';
import { XLSX_LIMITS, sharedStringsOfBytes, sheetRowsOfBytes } from '../../src/roster/xlsx.js';
import { loadPolicy } from '../../src/lang/index.js';
import { formatDate } from '../../src/lang/runtime/calendar.js';
import { fromDisk } from '../helpers.js';

const fields = loadPolicy('policies/gaotai-2021.policy', fromDisk).policy!.fields;

describe('xlsx', () => {
  it('round-trips text (IDs stay text, formula-like text unchanged), numbers and empty cells', () => {
    const bytes = toXlsx([
      {
        name: '花名册',
        headers: ['姓名', '身份证号码', '金额', '备注'],
        rows: [
          ['张三', '62072419870713002X', 280, null],
          ['=HYPERLINK("x")', '620724198709100035', 0.5, '<&>'],
        ],
      },
    ]);
    const t = readXlsx(bytes);
    expect(t.diagnostics).toEqual([]);
    expect(t.sheetNames).toEqual(['花名册']);
    expect(t.rows).toEqual([
      ['姓名', '身份证号码', '金额', '备注'],
      ['张三', '62072419870713002X', '280'],
      ['=HYPERLINK("x")', '620724198709100035', '0.5', '<&>'],
    ]);
  });
  it('writes formula-like text unchanged as inline strings (never run as formulas), no apostrophe', () => {
    const risky = ['=HYPERLINK("http://x","y")', '＝1+1', ' =1+1', '+1', '-1', '@SUM(A1)'];
    const bytes = toXlsx([{ name: 'S', headers: ['a'], rows: risky.map((v) => [v]) }]);
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml).not.toContain('<f>');
    expect(xml.match(/t="inlineStr"/g)).toHaveLength(risky.length + 1);
    expect(readXlsx(bytes).rows.slice(1)).toEqual(risky.map((v) => [v]));
  });
  it('writes money as a number in yuan shown with thousands separators (#,##0.00)', () => {
    const bytes = toXlsx([{ name: 'S', headers: ['元'], rows: [[{ fen: 8930000 }], [{ fen: -5 }]] }]);
    const files = unzipSync(bytes);
    const xml = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']!);
    expect(xml).toContain('<c r="A2" s="2"><v>89300</v></c>');
    expect(xml).toContain('<c r="A3" s="2"><v>-0.05</v></c>');
    expect(new TextDecoder().decode(files['xl/styles.xml']!)).toContain('<xf numFmtId="4"');
    expect(readXlsx(bytes).rows.slice(1)).toEqual([['89300'], ['-0.05']]);
  });
  it('marks text with spaces at either end to be kept as written (xml:space), and only that text', () => {
    const bytes = toXlsx([{ name: 'S', headers: ['a', 'b'], rows: [[' 前后有空格 ', '中 间']] }]);
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml).toContain('<t xml:space="preserve"> 前后有空格 </t>');
    expect(xml).toContain('<t>中 间</t>');
    expect(readXlsx(bytes).rows[1]).toEqual([' 前后有空格 ', '中 间']);
  });
  it('reads a named sheet, and reports a missing one', () => {
    const bytes = toXlsx([
      { name: '说明', headers: ['x'], rows: [] },
      { name: '名单', headers: ['姓名'], rows: [['李四']] },
    ]);
    expect(readXlsx(bytes, '名单').rows).toEqual([['姓名'], ['李四']]);
    expect(readXlsx(bytes, '无此表').diagnostics[0]!.code).toBe('bad-xlsx');
  });
  it('reads shared strings, gaps in cells and Excel serial dates through the roster reader', () => {
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>620724198709100035</t></is></c><c r="C2"><v>44150</v></c></row></sheetData></worksheet>`;
    const bytes = zipSync({
      'xl/workbook.xml': new TextEncoder().encode(
        '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': new TextEncoder().encode(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/sharedStrings.xml': new TextEncoder().encode(
        '<sst><si><t>身份证号码</t></si><si><r><t>缴费</t></r><r><t>日期</t></r></si></sst>',
      ),
      'xl/worksheets/sheet1.xml': new TextEncoder().encode(sheet),
    });
    const r = readRosterBytes(bytes, 'a.xlsx', fields);
    expect(r.headers).toEqual(['身份证号码', '', '缴费日期']);
    expect(formatDate(r.rows[0]!.values['缴费日期'] as number)).toBe('2020-11-15'); // Excel: serial 44197 is 2021-01-01
  });
  it('reads rich text (skipping phonetic runs), empty shared strings, booleans, entities and empty rows', () => {
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>9</v></c></row>' +
      '<row r="2"/><row><c t="inlineStr"><is><r><t>张</t></r><r><t xml:space="preserve"> 三</t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></is></c>' +
      '<c t="b"><v>1</v></c><c t="b"><v>0</v></c><c><v>&lt;5</v></c><c r="F3"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>';
    const bytes = zipSync({
      'xl/workbook.xml': new TextEncoder().encode(
        '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': new TextEncoder().encode(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/sharedStrings.xml': new TextEncoder().encode(
        '<sst><si><t>身份证号码</t></si><si/><si><r><t>A&amp;</t></r><r><t>B</t></r></si></sst>',
      ),
      'xl/worksheets/sheet1.xml': new TextEncoder().encode(sheet),
    });
    expect(readXlsx(bytes).rows).toEqual([
      ['身份证号码', '', 'A&B', ''],
      [],
      ['张 三', 'TRUE', 'FALSE', '<5', '', '2'],
    ]);
  });
  it('never throws on damaged files', () => {
    const good = toXlsx([{ name: 'a', headers: ['姓名'], rows: [['张三']] }]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const bad = good.slice();
        bad[at] = byte;
        const r = readRosterBytes(bad, 'bad.xlsx', fields);
        expect(Array.isArray(r.rows)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).diagnostics[0]!.code).toBe('bad-xlsx');
  });
});

describe('xlsx sheets longer than one string', () => {
  // Well-formed sheets: rows with and without numbers, gaps, inline and shared strings, and multi-byte text that
  // the pieces cut through.
  const cellText = fc.constantFrom('张三', '620724198709100035', '<&>', '高台县', 'x', '', '城关镇·东街 1 号');
  const sheet = fc
    .array(
      fc.tuple(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.option(fc.oneof(cellText, fc.integer({ min: 0, max: 99 }))), { maxLength: 5 }),
      ),
      { maxLength: 12 },
    )
    .map((rows) => {
      let r = 0;
      const xml = rows
        .map(([gap, cells]) => {
          r += gap;
          const cs = cells
            .map((v, i) =>
              v === null
                ? ''
                : typeof v === 'number'
                  ? v % 2
                    ? `<c r="${String.fromCharCode(65 + i)}${r}" t="s"><v>${v % 3}</v></c>`
                    : `<c r="${String.fromCharCode(65 + i)}${r}"><v>${v}</v></c>`
                  : `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</t></is></c>`,
            )
            .join('');
          return `<row r="${r}">${cs}</row>`;
        })
        .join('');
      return new TextEncoder().encode(`<?xml version="1.0"?><worksheet><sheetData>${xml}</sheetData></worksheet>`);
    });
  it('reads the same in pieces as in one text, wherever the pieces cut', () => {
    const shared = ['共享一', '共享二', '三'];
    fc.assert(
      fc.property(sheet, fc.integer({ min: 1, max: 64 }), (bytes, step) => {
        expect(sheetRowsOfBytes(bytes, shared, step, step * 2)).toEqual(sheetRowsOfBytes(bytes, shared));
      }),
      { numRuns: 500 },
    );
  });
  it('reads shared strings the same in pieces as in one text, wherever the pieces cut', () => {
    const si = fc.constantFrom(
      '<si><t>张三</t></si>',
      '<si/>',
      '<si><r><t>缴费</t></r><r><t>日期</t></r></si>',
      '<si><t>&lt;&amp;</t></si>',
      '<si><t>城关镇·东街</t><rPh sb="0" eb="1"><t>x</t></rPh></si>',
    );
    const part = fc
      .array(si, { maxLength: 12 })
      .map((xs) => new TextEncoder().encode(`<?xml version="1.0"?><sst>${xs.join('')}</sst>`));
    fc.assert(
      fc.property(part, fc.integer({ min: 1, max: 64 }), (bytes, step) => {
        expect(sharedStringsOfBytes(bytes, step, step * 2)).toEqual(sharedStringsOfBytes(bytes));
      }),
      { numRuns: 300 },
    );
  });
  it('reads a sheet whole in many pieces as it inflates (the county-sized path, with a small piece)', () => {
    // A county's 64 MB of XML is read in 16 MB pieces; here 3,000 rows in 32 KB pieces take the same path
    // (the bench reads a county-sized XLSX).
    const row = (i: number) => [
      '张三丰',
      `62072419870713${String(i).padStart(4, '0')}`,
      '城关镇',
      '东街社区',
      '普通居民',
      '是',
      280,
      100,
      '缴费时抵扣',
      '2021-01-01',
      '2021-12-31',
      '',
      '本县户籍',
    ];
    const rows = Array.from({ length: 3_000 }, (_, i) => row(i));
    const headers = [
      '姓名',
      '身份证号码',
      '乡镇',
      '村',
      '类别',
      '资格',
      '缴费',
      '资助',
      '方式',
      '开始',
      '结束',
      '标记',
      '备注',
    ];
    const bytes = toXlsx([{ name: '结果', headers, rows }]);
    const piece = 32 * 1024;
    expect(unzipSync(bytes)['xl/worksheets/sheet1.xml']!.length).toBeGreaterThan(20 * piece);
    const t = readXlsx(bytes, undefined, { ...XLSX_LIMITS, piece });
    expect(t.diagnostics).toEqual([]);
    expect(t.rows).toEqual([headers, ...rows.map((r) => r.map(String))]);
  });
});
