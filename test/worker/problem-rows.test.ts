// 问题行清单 (issue 12, item 3): the rows a clerk corrects in the source spreadsheet, exported and listed for print,
// each with its row number, its line in the spreadsheet and a reason naming the column and the cell's text.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/roster/index.js';
import type { PolicyRef } from '../../src/worker/protocol.js';
import { RosterService } from '../../src/worker/service.js';

const sources = Object.fromEntries(readdirSync('policies').map((f) => [f, readFileSync(`policies/${f}`, 'utf8')]));
const policy: PolicyRef = { entry: 'gaotai-2021.policy', sources };
const lines = readFileSync('public/samples/gaotai-2021-sample.csv', 'utf8')
  .replace(/^\uFEFF/, '')
  .trim()
  .split(/\r?\n/);
const header = lines[0]!.split(',');
const col = (name: string) => header.indexOf(name);
const cells = lines.slice(1, 21).map((l) => l.split(','));

// Data row r (1-based) is cells[r - 1]. Five rows spoilt as clerks' spreadsheets are:
cells[2]![col('人员类别')] = '低报对象'; // row 3: a misspelt category
cells[4]![col('缴费日期')] = '2020-13-05'; // row 5: no such date
cells[6] = cells[6]!.slice(0, col('缴费日期')); // row 7: cut short before 缴费日期
cells[8]![col('身份证号码')] = cells[7]![col('身份证号码')]!; // row 9: row 8's ID number again
const id = cells[10]![col('身份证号码')]!;
cells[10]![col('身份证号码')] = id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); // row 11: a wrong check digit
const text = [header, ...cells].map((r) => r.join(',')).join('\r\n') + '\r\n';

const csvRows = (bytes: Uint8Array) =>
  new TextDecoder()
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));

describe('problem rows worklist', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('lists exactly the spoilt rows, each reason naming the column and the text', async () => {
    const service = new RosterService();
    const file = { name: 'gaotai.csv', bytes: new TextEncoder().encode(text) };
    const { rosterId } = await service.import({ file, policy, overrides: {}, name: '高台', params: {} });
    const list = await service.problemRows({ rosterId });
    expect(list.map((p) => [p.row, p.code])).toEqual([
      [3, 'unreadable-value'],
      [5, 'unreadable-value'],
      [7, 'short-row'],
      // Both rows of a repeated ID number are listed, each naming the other.
      [8, 'duplicate-id'],
      [9, 'duplicate-id'],
      [11, 'invalid-id'],
    ]);
    expect(list[0]!.message.zh).toContain('“人员类别”列的“低报对象”无法识别');
    expect(list[1]!.message.zh).toContain('“缴费日期”列的“2020-13-05”无法识别');
    expect(list[2]!.message.zh).toContain('缴费日期');
    expect(list[3]!.message.zh).toContain('第 9 行');
    expect(list[4]!.message.zh).toContain('第 8 行');
    expect(list[5]!.message.zh).toContain('校验位');
    expect(list[0]!.name).toBe(cells[2]![col('姓名')]);

    // The CSV: row number, the spreadsheet line (the header is line 1), who, where, what and why.
    const [head, ...rows] = csvRows((await service.export({ rosterId, format: 'problems-csv' })).bytes);
    expect(head).toEqual(['行号', '表格行号', '姓名', '身份证号码', '乡镇', '村(社区)', '问题', '说明']);
    expect(rows.map((r) => [r[0], r[1], r[6]])).toEqual([
      ['3', '4', '数据无法识别'],
      ['5', '6', '数据无法识别'],
      ['7', '8', '缺少单元格'],
      ['8', '9', '身份证号码重复'],
      ['9', '10', '身份证号码重复'],
      ['11', '12', '身份证号码无效'],
    ]);
    // In English only when English is chosen.
    const en = await service.export({ rosterId, format: 'problems-xlsx', lang: 'en' });
    expect(en.fileName).toContain('problem-rows');
    const sheet = readXlsx(en.bytes, 'Problem rows').rows;
    expect(sheet[0]![0]).toBe('Row');
    expect(sheet.slice(1).map((r) => String(r[6]))).toEqual([
      'unreadable value',
      'unreadable value',
      'row too short',
      'duplicate ID number',
      'duplicate ID number',
      'invalid ID number',
    ]);
    expect(String(sheet[1]![7])).toContain('“低报对象” in column “人员类别”');
  });
});
