import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeText, parseCsv, readRosterBytes, readRosterText, toCsv, matchColumns, parseDateCell, neutralizeFormula } from '../../src/roster/index.js';
import { loadPolicy, type FieldSpec } from '../../src/lang/index.js';
import { formatDate } from '../../src/lang/runtime/calendar.js';
import { fromDisk } from '../helpers.js';

const fields: FieldSpec[] = loadPolicy('policies/kaijiang-2020.policy', fromDisk).policy!.fields;

describe('decode', () => {
  it('detects UTF-8 with and without BOM, and GBK', () => {
    const text = '姓名,乡镇\n张三,新宁镇\n';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])).text).toBe(text);
    expect(decodeText(new Uint8Array(iconv.encode(text, 'gbk')))).toEqual({ text, encoding: 'gb18030' });
  });
});

describe('csv', () => {
  it('reads quotes, doubled quotes, embedded newlines and CRLF', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\ny",z\r\n').rows).toEqual([['a', 'b,c', 'd"e'], ['x\ny', 'z']]);
  });
  it('reports an unterminated quote and keeps the rest', () => {
    const r = parseCsv('a,"b\nc,d');
    expect(r.diagnostics[0]!.code).toBe('unterminated-quote');
    expect(r.rows[0]![1]).toBe('b\nc,d');
  });
  it('round-trips any cells through toCsv (formula cells neutralised)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const width = rows[0]!.length;
      const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
      const bytes = toCsv(table[0]!, table.slice(1));
      const back = parseCsv(decodeText(bytes).text).rows;
      expect(back).toEqual(table.map((r) => r.map(neutralizeFormula)));
    }));
  });
  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const r = readRosterBytes(bytes, 'fuzz.csv', fields);
      expect(Array.isArray(r.rows)).toBe(true);
    }), { numRuns: 300 });
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
    for (const s of ['2019-10-15', '2019/10/15', '2019.10.15', '20191015', '2019年10月15日', '43753']) expect(formatDate(parseDateCell(s)!)).toBe('2019-10-15');
    expect(parseDateCell('2019-02-30')).toBeNull();
  });
  it('keeps a bad row with its row number and reason', () => {
    const csv = '姓名,身份证号码,人员类别,缴费日期,是否本县户籍\n张三,511723198505050012,特困供养人员、低保户,2019-02-30,Y\n李四,123,外星人,,也许\n';
    const r = readRosterText(csv, 'x.csv', fields);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]!.values['人员类别']).toEqual(['特困人员', '低保对象']);
    expect(r.rows[0]!.problems.map((p) => p.code)).toEqual(['bad-date']);
    expect(r.rows[1]!.problems.map((p) => p.code).sort()).toEqual(['bad-boolean', 'invalid-id', 'unknown-category']);
    expect(r.rows[1]!.problems[0]!.message.zh).toMatch(/第 2 行/);
  });
});
