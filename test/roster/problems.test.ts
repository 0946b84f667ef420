// The reader never guesses: unreadable cells and short rows are listed and reported, binary files refused, doubtful decoding warned.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import {
  decodeText,
  duplicateIds,
  problemKinds,
  readRosterBytes,
  readRosterText,
  readTable,
  RowReader,
  toXlsx,
} from '../../src/roster/index.js';
import { encodeCells, storedRow } from '../../src/store/index.js';
import { evaluateRoster, type FieldSpec } from '../../src/lang/index.js';
import { loadText } from '../helpers.js';

const POLICY = `政策 {
  标题：测试
  县：测试县
  年度：2020
}
输入 身份证号码：身份证，必填
输入 人员类别：类别集 {普通居民, 特困人员（别名 五保户）, 低保对象}
输入 缴费日期：日期
参数 标准：金额 = 250元
结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额 { 否则：0元 }
结果 个人缴费：金额 { 否则：标准 }
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }
`;
const policy = loadText(POLICY).policy!;
const fields: FieldSpec[] = policy.fields;
const HEADER = '身份证号码,人员类别,缴费日期,备注';
const ID1 = '511723198505050012',
  ID2 = '11010519491231002X';
const read = (body: string) => readRosterText(`${HEADER}\n${body}`, 'x.csv', fields);
const codesOf = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

describe('unreadable cells (item 9)', () => {
  it('lists a misspelt category as unreadable, naming the column, the text and the nearest known value', () => {
    const r = read(`${ID1},低报对象,2019-09-01,\n`).rows[0]!;
    expect(r.unreadable).toEqual([{ field: '人员类别', column: '人员类别', text: '低报对象', suggestion: '低保对象' }]);
    expect(codesOf(r)).toEqual(['unknown-category']);
    for (const m of [r.problems[0]!.message.zh, r.problems[0]!.message.en])
      for (const s of ['人员类别', '低报对象', '低保对象']) expect(m).toContain(s);
  });
  it('counts aliases as known spellings and suggests the canonical value', () => {
    expect(read(`${ID1},五宝户,2019-09-01,\n`).rows[0]!.unreadable![0]!.suggestion).toBe('特困人员');
    expect(read(`${ID1},五保户,2019-09-01,\n`).rows[0]!.values['人员类别']).toEqual(['特困人员']);
  });
  it('gives no suggestion when nothing is near, and lists other unreadable types too', () => {
    const r = read(`${ID1},张三丰,2019-13-05,\n`).rows[0]!;
    expect(r.unreadable).toEqual([
      { field: '人员类别', column: '人员类别', text: '张三丰' },
      { field: '缴费日期', column: '缴费日期', text: '2019-13-05' },
    ]);
    expect(codesOf(r)).toEqual(['unknown-category', 'bad-date']);
  });
  it('lists nothing for a row that reads cleanly (and an empty cell is empty, not unreadable)', () => {
    const r = read(`${ID1},低保对象,2019-09-01,\n${ID2},,,\n`).rows;
    expect(r.map((x) => x.unreadable)).toEqual([undefined, undefined]);
  });
  it('uses the header as it stands in the file for the column', () => {
    const r = readRosterText(`身份证号码, 人员类别 \n${ID1},低报对象\n`, 'x.csv', fields);
    expect(r.rows[0]!.unreadable![0]!.column).toBe('人员类别');
    expect(r.rows[0]!.unreadable![0]!.field).toBe('人员类别');
  });
  it('replaces the vague bad-row flag by specific ones', () => {
    const rows = read(`${ID1},低保对象,2019-09-01\n${ID2},低保对象,2019-09-01,,多余\n`).rows;
    const { results } = evaluateRoster(policy, rows, {});
    expect(results.flatMap((r) => r.flags.map((f) => f.code))).not.toContain('bad-row');
    expect(results[0]!.flags.map((f) => f.code)).toEqual([]); // short, but only 备注 is missing, which no field reads
    expect(results[1]!.flags.map((f) => f.code)).toEqual(['extra-cells']);
  });
});

describe('short rows (item 10)', () => {
  it('reports a row shorter than the header, names the missing columns, and lists the missing mapped cells as unknown', () => {
    const r = read(`${ID1},低保对象\n`).rows[0]!;
    expect(codesOf(r)).toEqual(['short-row']);
    expect(r.problems[0]!.severity).toBe('error');
    expect(r.problems[0]!.message.zh).toContain('缴费日期');
    expect(r.problems[0]!.message.zh).toContain('备注');
    expect(r.unreadable).toEqual([{ field: '缴费日期', column: '缴费日期', text: '', missing: true }]);
    const { results } = evaluateRoster(policy, [r], {});
    expect(results[0]!.flags.map((f) => f.code)).toContain('short-row');
    expect(results[0]!.flags.find((f) => f.code === 'short-row')!.message.zh).toContain('缴费日期');
  });
  it('warns (no unknown value) when only unmapped columns are missing', () => {
    const r = read(`${ID1},低保对象,2019-09-01\n`).rows[0]!;
    expect(codesOf(r)).toEqual(['short-row']);
    expect(r.problems[0]!.severity).toBe('warning');
    expect(r.unreadable).toBeUndefined();
  });
  it('does not count as short an XLSX row, which stores no empty cell at its end', () => {
    const xlsx = toXlsx([{ name: 's', headers: HEADER.split(','), rows: [[ID1, '低保对象', null, null]] }]);
    const r = readRosterBytes(xlsx, 'x.xlsx', fields).rows[0]!;
    expect(r.problems).toEqual([]);
    expect(r.values['缴费日期']).toBeNull();
    expect(readTable([HEADER.split(','), [ID1]], 'x.xlsx', fields, {}, true).rows[0]!.problems).toEqual([]);
  });
  it('keeps short rows and unreadable cells through stored cells (as the worker reads a stored row again)', () => {
    const r = read(`${ID1},低报对象\n${ID2},低保对象,2019-09-01,\n`);
    const chunk = encodeCells('r', 0, r.cells, r.headers.length, 0, r.cells.length, r.sparse ? '' : null);
    const reader = new RowReader(r.headers, r.mapping, fields);
    expect(r.rows.map((row, k) => reader.read(storedRow(chunk, k), row.row))).toEqual(r.rows);
  });
});

describe('files that are not rosters (item 11)', () => {
  const notRoster = (bytes: Uint8Array, name = 'x.csv') => {
    const r = readRosterBytes(bytes, name, fields);
    expect(r.rows).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['not-a-spreadsheet', 'error']]);
    expect(r.diagnostics[0]!.span?.file).toBe(name);
    return r.diagnostics[0]!;
  };
  const png = new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    0,
    0,
    0,
    13,
    0x49,
    0x48,
    0x44,
    0x52,
    ...Array.from({ length: 400 }, (_, i) => (i * 37) % 256),
  ]);
  it('refuses a PNG renamed .csv, naming the file and what it is', () => {
    const d = notRoster(png, '花名册.csv');
    expect(d.span!.file).toBe('花名册.csv');
    expect(d.message.zh).toContain('PNG');
  });
  it('knows JPEG, GIF, PDF, RAR and 7z by their signatures', () => {
    for (const [sig, word] of [
      [[0xff, 0xd8, 0xff, 0xe0], 'JPEG'],
      [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'GIF'],
      [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'PDF'],
      [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00], 'RAR'],
      [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z'],
    ] as const) {
      expect(notRoster(new Uint8Array([...sig, ...new TextEncoder().encode('身份证号码\n')])).message.en).toContain(
        word,
      );
    }
  });
  it('tells an old .xls to be saved as .xlsx or CSV', () => {
    const d = notRoster(
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      '名单.xls',
    );
    expect(d.message.zh).toContain('.xlsx');
    expect(d.message.en).toContain('.xls');
  });
  it('refuses a ZIP that holds no workbook (a .docx), but reads an XLSX', () => {
    const docx = zipSync({
      'word/document.xml': new TextEncoder().encode('<w:document/>'),
      '[Content_Types].xml': new Uint8Array(1),
    });
    expect(notRoster(docx, 'a.xlsx').message.zh).toContain('Word');
    const xlsx = toXlsx([{ name: 's', headers: ['身份证号码'], rows: [[ID1]] }]);
    expect(readRosterBytes(xlsx, 'a.xlsx', fields).rows).toHaveLength(1);
  });
  it('refuses other binary content (many control bytes), naming the first', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('身份证号码,'), 1, 2, 3, 0, 0, 0, 4, 5]);
    const d = notRoster(bytes);
    expect(d.span!.start.offset).toBe(16);
  });
  it('reads text with a form feed or a tab as text', () => {
    expect(readRosterText(`${HEADER}\n${ID1},低保对象,2019-09-01,\f\n`, 'x.csv', fields).rows).toHaveLength(1);
    expect(
      readRosterBytes(
        new TextEncoder().encode(`身份证号码\t人员类别\n${ID1}\t低保对象\n`),
        'x.csv',
        fields,
      ).diagnostics.map((d) => d.code),
    ).not.toContain('not-a-spreadsheet');
  });
});

describe('doubtful decoding (item 11)', () => {
  const text = `${HEADER}\n${ID1},低保对象,2019-09-01,张三\n`;
  it('reads UTF-16 without a BOM, with a warning', () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const bytes = new Uint8Array(iconv.encode(text, encoding));
      const d = decodeText(bytes, 'x.csv');
      expect([d.text, d.encoding]).toEqual([text, encoding]);
      expect(d.diagnostics.map((x) => [x.code, x.severity])).toEqual([['doubtful-encoding', 'warning']]);
      expect(readRosterBytes(bytes, 'x.csv', fields).rows[0]!.values['人员类别']).toEqual(['低保对象']);
    }
  });
  it('warns about bytes that are not valid GBK, naming the line of the first', () => {
    const good = iconv.encode(`${HEADER}\n${ID1},低保对象,2019-09-01,张三\n`, 'gbk');
    const bytes = new Uint8Array([...good, ...iconv.encode(`${ID2},低保对象,2019-09-01,`, 'gbk'), 0xff, 0x0a]);
    const d = decodeText(bytes, 'x.csv');
    expect(d.encoding).toBe('gb18030');
    expect(d.diagnostics.map((x) => x.code)).toEqual(['doubtful-encoding']);
    expect(d.diagnostics[0]!.span!.start.line).toBe(3);
    expect(readRosterBytes(bytes, 'x.csv', fields).diagnostics.map((x) => x.code)).toContain('doubtful-encoding');
  });
  it('reads a UTF-8 file with one damaged byte as UTF-8 (not all of it as GBK), with a warning', () => {
    const utf8 = new TextEncoder().encode(
      `${HEADER}\n${ID1},低保对象,2019-09-01,张三\n${ID2},普通居民,2019-09-01,李四\n`,
    );
    const bytes = new Uint8Array([...utf8.subarray(0, utf8.length - 1), 0xff, 0x0a]);
    const d = decodeText(bytes, 'x.csv');
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('普通居民');
    expect(d.diagnostics.map((x) => x.code)).toEqual(['doubtful-encoding']);
    expect(d.diagnostics[0]!.span!.start.line).toBe(3);
  });
  it('says nothing about clean GBK or UTF-8', () => {
    expect(decodeText(new Uint8Array(iconv.encode(text, 'gbk'))).diagnostics).toEqual([]);
    expect(decodeText(new TextEncoder().encode(text)).diagnostics).toEqual([]);
  });
});

describe('duplicate IDs and problem kinds at inspection (item 12)', () => {
  it('reports each later row with an ID an earlier row has, with both rows', () => {
    const r = read(`${ID1},低保对象,2019-09-01,\n${ID2},,,\n${ID1},低保对象,2019-09-01,\n${ID1},,,\n`);
    const d = duplicateIds(r.rows, '身份证号码');
    expect(d.map((x) => [x.code, x.row])).toEqual([
      ['duplicate-id', 3],
      ['duplicate-id', 4],
    ]);
    expect(d[0]!.message.zh).toContain('第 1 行');
  });
  it('groups problems by kind with counts and the first rows', () => {
    const r = read(`${ID1},低报对象\n${ID1},低报对象,2019-09-01,\n${ID2},低宝对象,2019-09-01,\n`);
    const problems = [...r.rows.flatMap((x) => x.problems), ...duplicateIds(r.rows, '身份证号码')].sort(
      (a, b) => a.row! - b.row!,
    );
    expect(problemKinds(problems).map((k) => [k.code, k.count, k.first.map((p) => p.row)])).toEqual([
      ['unknown-category', 3, [1, 2, 3]],
      ['short-row', 1, [1]],
      ['duplicate-id', 1, [2]],
    ]);
  });
});
