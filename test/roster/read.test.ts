import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import {
  decodeText,
  parseCsv,
  readRosterBytes,
  readRosterText,
  toCsv,
  matchColumns,
  parseDateCell,
  neutralizeFormula,
} from '../../src/roster/index.js';
import { loadPolicy, type FieldSpec } from '../../src/lang/index.js';
import { formatDate, tryDayNumber } from '../../src/lang/runtime/calendar.js';
import { fromDisk } from '../helpers.js';

const fields: FieldSpec[] = loadPolicy('policies/kaijiang-2020.policy', fromDisk).policy!.fields;

describe('decode', () => {
  it('detects UTF-8 with and without BOM, and GBK', () => {
    const text = '姓名,乡镇\n张三,新宁镇\n';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8', diagnostics: [] });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])).text).toBe(text);
    expect(decodeText(new Uint8Array(iconv.encode(text, 'gbk')))).toEqual({
      text,
      encoding: 'gb18030',
      diagnostics: [],
    });
  });
});

describe('csv', () => {
  it('reads quotes, doubled quotes, embedded newlines and CRLF', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\ny",z\r\n').rows).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\ny', 'z'],
    ]);
  });
  it('reports an unterminated quote and keeps the rest', () => {
    const r = parseCsv('a,"b\nc,d');
    expect(r.diagnostics[0]!.code).toBe('unterminated-quote');
    expect(r.rows[0]![1]).toBe('b\nc,d');
  });
  it('round-trips any cells through toCsv (formula cells neutralised)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const width = rows[0]!.length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const bytes = toCsv(table[0]!, table.slice(1));
          const back = parseCsv(decodeText(bytes).text).rows;
          expect(back).toEqual(table.map((r) => r.map(neutralizeFormula)));
        },
      ),
    );
  });
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = readRosterBytes(bytes, 'fuzz.csv', fields);
        expect(Array.isArray(r.rows)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('columns and values', () => {
  it('matches headers through aliases and full-width variants', () => {
    const { mapping } = matchColumns(['身份证号', '乡镇（街道）', ' 资助类别 ', '到账日期'], fields);
    const by = Object.fromEntries(mapping.map((m) => [m.field, m]));
    expect(by['身份证号码']!.how).toBe('alias');
    expect(by['乡镇']!.how).toBe('normalized');
    expect(by['人员类别']!.index).toBe(2);
    expect(by['缴费日期']!.header).toBe('到账日期');
    expect(by['户号']!.how).toBe('missing');
  });
  it('reads every date form clerks use', () => {
    for (const s of ['2019-10-15', '2019/10/15', '2019.10.15', '20191015', '2019年10月15日', '43753'])
      expect(formatDate(parseDateCell(s)!)).toBe('2019-10-15');
    for (const s of [' 2019-10-15 ', '2019-10/15', '2019-10-15 10:30', '2019年10月15'])
      expect(formatDate(parseDateCell(s)!)).toBe('2019-10-15');
    expect(formatDate(parseDateCell('2019-9-1')!)).toBe('2019-09-01');
    expect(formatDate(parseDateCell('2020-02-29')!)).toBe('2020-02-29');
    for (const s of ['2019-02-30', '2019-02-29', '2019-13-01', '1899-12-31', '2019-1a-01', '２０１９-10-15'])
      expect(parseDateCell(s)).toBeNull();
  });
  it('reads dddd-dd-dd (the common form, read without a regular expression) as its parts say', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2300 }),
        two,
        two,
        fc.constantFrom('-', '/', '.'),
        fc.constantFrom('-', '/', '.'),
        (y, m, d, s1, s2) => {
          const parsed = parseDateCell(`${y}${s1}${m}${s2}${d}`);
          const want = tryDayNumber(y, +m, +d);
          expect(parsed).toBe(want);
        },
      ),
    );
  });
  it('keeps a bad row with its row number and reason', () => {
    const csv =
      '姓名,身份证号码,人员类别,缴费日期,是否本县户籍\n张三,511723198505050012,特困供养人员、低保户,2019-02-30,Y\n李四,123,外星人,,也许\n';
    const r = readRosterText(csv, 'x.csv', fields);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]!.values['人员类别']).toEqual(['特困人员', '低保对象']);
    expect(r.rows[0]!.problems.map((p) => p.code)).toEqual(['bad-date']);
    expect(r.rows[1]!.problems.map((p) => p.code).sort()).toEqual(['bad-boolean', 'invalid-id', 'unknown-category']);
    expect(r.rows[1]!.problems[0]!.message.zh).toMatch(/第 2 行/);
  });
  it('reads a cell that repeats the one above, or one further up, as it read it there, problems included', () => {
    const csv =
      '姓名,身份证号码,人员类别,缴费日期,是否本县户籍\n' +
      '张三,511723198505050012,低保户、外星人,2019-02-30,是\n' +
      '李四,511723198505050012,低保户、外星人,2019-02-30,否\n\n' +
      '王五,511723198505050012,低保户、外星人,2019-02-30,是\n' +
      '赵六,511723198505050012,低保户,2019-09-01,否\n';
    const r = readRosterText(csv, 'x.csv', fields);
    expect(r.rows.map((x) => x.row)).toEqual([1, 2, 4, 5]);
    expect(r.rows.map((x) => x.values['是否本县户籍'])).toEqual([true, false, true, false]);
    expect(r.rows.map((x) => x.values['人员类别'])).toEqual([['低保对象'], ['低保对象'], ['低保对象'], ['低保对象']]);
    for (const row of r.rows.slice(0, 3)) {
      expect(row.problems.map((p) => [p.code, p.row])).toEqual([
        ['unknown-category', row.row],
        ['bad-date', row.row],
      ]);
      expect(row.problems[0]!.message.zh).toContain(`第 ${row.row} 行`);
    }
    expect(r.rows[3]!.problems).toEqual([]);
  });
  it('reports rows with fewer cells than the header (missing cells unknown, not empty), and warns about extra cells that hold something', () => {
    const r = readRosterText(
      '姓名,身份证号码,缴费日期\n张三\n李四,511723198505050012,2019-09-01,,\n王五,511723198505050012,2019-09-01,多余\n',
      'x.csv',
      fields,
    );
    expect(r.rows.map((x) => x.problems.map((p) => p.code))).toEqual([['short-row'], [], ['extra-cells']]);
    expect(r.rows[0]!.problems[0]!.severity).toBe('error');
    expect(r.rows[0]!.unreadable).toEqual([
      { field: '身份证号码', column: '身份证号码', text: '', missing: true },
      { field: '缴费日期', column: '缴费日期', text: '', missing: true },
    ]);
    expect(r.cells).toEqual([
      ['张三'],
      ['李四', '511723198505050012', '2019-09-01', '', ''],
      ['王五', '511723198505050012', '2019-09-01', '多余'],
    ]);
  });
});
