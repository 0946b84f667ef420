// 已参保 in the worker: the Results filter, the results export's column, and the 待缴费名单 (to-pay list) exports.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/roster/index.js';
import type { PolicyRef, ResultFilter } from '../../src/worker/protocol.js';
import { RosterService } from '../../src/worker/service.js';

const sources = Object.fromEntries(readdirSync('policies').map((f) => [f, readFileSync(`policies/${f}`, 'utf8')]));
const policy: PolicyRef = { entry: 'gaotai-2021.policy', sources };
const csvText = readFileSync('public/samples/gaotai-2021-sample.csv', 'utf8').replace(/^\uFEFF/, '');
const lines = csvText.trim().split(/\r?\n/);
const header = lines[0]!.split(',');
const col = (name: string) => header.indexOf(name);
/** The sample's data rows (1-based row numbers), as cells. */
const cells = lines.slice(1).map((l) => l.split(','));

async function imported(text = csvText) {
  const service = new RosterService();
  const file = { name: 'gaotai.csv', bytes: new TextEncoder().encode(text) };
  const done = await service.import({ file, policy, overrides: {}, name: '高台', params: {} });
  const query = async (filter: ResultFilter) =>
    (
      await service.query({
        rosterId: done.rosterId,
        filter,
        sort: { column: 'row', descending: false },
        offset: 0,
        limit: 1000,
      })
    ).rows;
  return { service, rosterId: done.rosterId, query };
}

/** Rows of a CSV export (BOM dropped); the sample's texts hold no commas or quotes. */
const csvRows = (bytes: Uint8Array) =>
  new TextDecoder()
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));

describe('已参保 per person', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('filters 已参保 / 未参保 / 已参保但有标记: eligible, a fee to pay and no 缴费日期 is not enrolled', async () => {
    const { query } = await imported();
    const all = await query({});
    // 通知: 已参保 is 有值(缴费日期) for an eligible person who pays something (full subsidy counts as enrolled).
    const expected = all
      .filter((r) => r.eligible === true && r.personalFee! > 0 && cells[r.row - 1]![col('缴费日期')] === '')
      .map((r) => r.row);
    // In the sample: of the 8 rows without 缴费日期, 6 have 职工/大学生医保 (not eligible, 一); rows 107 and 158 pay 280 元.
    expect(expected).toEqual([107, 158]);
    // 未参保 is 已参保 = 否: the eligible still to pay, and the ineligible (never enrolled here).
    const no = await query({ enrolled: 'no' });
    expect(no.filter((r) => r.eligible !== false).map((r) => r.row)).toEqual(expected);
    expect(no.every((r) => r.enrolled === false)).toBe(true);
    const yes = await query({ enrolled: 'yes' });
    expect(yes.every((r) => r.enrolled === true)).toBe(true);
    expect(yes.length + no.length).toBe(all.filter((r) => r.enrolled !== null).length);
    const flagged = await query({ enrolled: 'yes-flagged' });
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.map((r) => r.row)).toEqual(yes.filter((r) => r.flags.length > 0).map((r) => r.row));
    // Ineligible people are not enrolled either, so 未参保 within the eligible is the to-pay set.
    expect((await query({ enrolled: 'no', eligible: 'yes' })).map((r) => r.row)).toEqual(expected);
  });

  it('exports 已参保 in the results and lists the people still to pay by township and village', async () => {
    const { service, rosterId, query } = await imported();
    const expected = (await query({ enrolled: 'no', eligible: 'yes' })).map((r) => r.row);

    const results = csvRows((await service.export({ rosterId, format: 'csv' })).bytes);
    const at = results[0]!.indexOf('已参保');
    expect(at).toBeGreaterThan(0);
    const notPaid = results.slice(1).flatMap((r, i) => (r[at] === '否' ? [i + 1] : []));
    const all = await query({});
    expect(notPaid).toEqual(all.filter((r) => r.enrolled === false).map((r) => r.row));

    const file = await service.export({ rosterId, format: 'topay-csv' });
    expect(file.fileName).toContain('待缴费名单');
    const [head, ...rows] = csvRows(file.bytes);
    // In the chosen language only (Chinese by default), never both side by side.
    expect(head!.slice(0, 7)).toEqual(['行号', '姓名', '身份证号码', '乡镇', '村(社区)', '应缴个人缴费(元)', '状态']);
    expect(new Set(rows.map((r) => r[6]))).toEqual(new Set(['未参保']));
    expect(rows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(expected);
    for (const r of rows) {
      const src = cells[Number(r[0]) - 1]!;
      expect([r[1], r[2], r[3], r[4]]).toEqual([
        src[col('姓名')],
        src[col('身份证号码')],
        src[col('乡镇')],
        src[col('村(社区)')],
      ]);
      // 高台 2021: 280 元 a year for an ordinary resident without subsidy.
      expect(r[5]).toBe('280.00');
    }
    // Sorted by township, village, row; each row carries its village's count.
    const key = (r: string[]) => `${r[3]}|${r[4]}`;
    const villages = [...new Set(rows.map(key))];
    for (const v of villages) {
      const mine = rows.filter((r) => key(r) === v);
      expect(mine.every((r) => Number(r[8]) === mine.length)).toBe(true);
      expect(mine.map((r) => Number(r[0]))).toEqual(mine.map((r) => Number(r[0])).sort((a, b) => a - b));
      // One village's people are together.
      const first = rows.findIndex((r) => key(r) === v);
      expect(rows.slice(first, first + mine.length).every((r) => key(r) === v)).toBe(true);
    }

    const english = await service.export({ rosterId, format: 'topay-csv', lang: 'en' });
    expect(english.fileName).toContain('to-pay-list');
    const [enHead, ...enRows] = csvRows(english.bytes);
    expect(enHead).toEqual([
      'Row',
      'Name',
      'ID number',
      'Township',
      'Village',
      'Fee due (yuan)',
      'Status',
      'Flags',
      'Listed in village',
    ]);
    expect(new Set(enRows.map((r) => r[6]))).toEqual(new Set(['Not enrolled']));
    expect(enRows.map((r) => r[0])).toEqual(rows.map((r) => r[0]));

    const book = await service.export({ rosterId, format: 'topay-xlsx' });
    const sheet = readXlsx(book.bytes, '待缴费名单');
    expect(sheet.rows.slice(1).map((r) => r.slice(0, 5))).toEqual(rows.map((r) => r.slice(0, 5)));
    const counts = readXlsx(book.bytes, '各村人数').rows.slice(1);
    expect(counts.map((r) => `${r[0]}|${r[1]}`)).toEqual(villages);
    expect(counts.map((r) => Number(r[2]))).toEqual(villages.map((v) => rows.filter((r) => key(r) === v).length));

    // The print view's list is the same people.
    const list = await service.toPay({ rosterId });
    expect(list.flatMap((v) => v.people.map((p) => p.row))).toEqual(rows.map((r) => Number(r[0])));
  });

  it('lists a person whose 缴费日期 cannot be read as unknown, for checking, not as paid or unpaid', async () => {
    const target = cells.findIndex(
      (c) => c[col('缴费日期')] === '' && c[col('人员类别')] === '普通居民' && c[col('其他保险')] === '',
    );
    const broken = cells.map((c, i) =>
      i === target ? c.map((v, k) => (k === col('缴费日期') ? '2021-13-45' : v)) : c,
    );
    const { service, rosterId, query } = await imported([header, ...broken].map((c) => c.join(',')).join('\n'));
    const person = (await query({})).find((r) => r.row === target + 1)!;
    expect(person.enrolled).toBeNull();
    expect((await query({ enrolled: 'no' })).some((r) => r.row === target + 1)).toBe(false);
    expect((await query({ enrolled: 'yes' })).some((r) => r.row === target + 1)).toBe(false);
    const listed = (await service.toPay({ rosterId })).flatMap((v) => v.people).find((p) => p.row === target + 1);
    expect(listed?.unknown).toBe(true);
    expect(listed!.flags.length).toBeGreaterThan(0);
  });
});
