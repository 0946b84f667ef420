// 两项政策对比 (issue 12, item 9): the 高台 2021 sample roster computed under its own policy and under the test policy
// for 2022, which raises the personal fee by 40 元 (280 → 320 元) and changes nothing else that decides money.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/roster/index.js';
import type { PolicyRef } from '../../src/worker/protocol.js';
import { RosterService } from '../../src/worker/service.js';

const sources: Record<string, string> = Object.fromEntries(
  readdirSync('policies').map((f) => [`policies/${f}`, readFileSync(`policies/${f}`, 'utf8')]),
);
sources['test/policies/gaotai-2022.policy'] = readFileSync('test/policies/gaotai-2022.policy', 'utf8');
const before: PolicyRef = { entry: 'policies/gaotai-2021.policy', sources };
const after: PolicyRef = { entry: 'test/policies/gaotai-2022.policy', sources };

const csvText = readFileSync('public/samples/gaotai-2021-sample.csv', 'utf8').replace(/^\uFEFF/, '');
const [header, ...cells] = csvText
  .trim()
  .split(/\r?\n/)
  .map((l) => l.split(','));
const at = (name: string) => header!.indexOf(name);

// From the 高台 notice (二, 一): people with 职工/大学生医保 or without the county's 户口 are not insured here (no fee,
// no subsidy, under either year); 特困人员 (alias 特困供养人员) and the other 全额资助对象 pay nothing and are subsidised the
// whole fee; everyone else eligible pays the whole fee. So from 2021 to 2022 each eligible person who pays pays 40 元
// more, and each fully subsidised person receives 40 元 more subsidy.
const seen = new Set<string>();
const people = cells.filter((r) => !seen.has(r[at('身份证号码')]!) && seen.add(r[at('身份证号码')]!));
const eligible = people.filter((r) => r[at('其他保险')] === '' && r[at('是否本县户籍')] === '是');
const full = eligible.filter((r) => /特困/.test(r[at('人员类别')]!));
const paying = eligible.length - full.length;

async function imported() {
  const service = new RosterService();
  const file = { name: 'gaotai.csv', bytes: new TextEncoder().encode(csvText) };
  const done = await service.import({ file, policy: before, overrides: {}, name: '高台', params: {} });
  return { service, rosterId: done.rosterId, summary: done.summary };
}

describe('comparing two policies on one roster', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('finds the 40 元 rise for every paying person, and 40 元 more subsidy for the fully subsidised', async () => {
    // The sample: 300 rows, 2 of them repeating an earlier ID number; 32 not insured here; 6 特困人员.
    expect([cells.length, people.length, eligible.length, full.length]).toEqual([300, 298, 266, 6]);
    const { service, rosterId, summary } = await imported();
    const c = await service.compare({ rosterId, policy: after });
    expect(c.county).toMatchObject({ persons: 298, more: paying, less: 0, same: 298 - paying, unknown: 0 });
    expect(c.changes).toEqual([{ fee: 4000, count: paying }]);
    expect(c.county.feeAfter - c.county.feeBefore).toBe(4000 * paying);
    expect(c.county.subsidyAfter - c.county.subsidyBefore).toBe(4000 * full.length);
    // The townships and the groups each add up to the county.
    for (const parts of [c.townships, c.groups])
      for (const k of ['persons', 'more', 'same', 'feeBefore', 'feeAfter', 'subsidyAfter'] as const)
        expect(parts.reduce((s, r) => s + r[k], 0)).toBe(c.county[k]);
    const townships = new Set(people.map((r) => r[at('乡镇')]));
    expect(c.townships.map((t) => t.name).sort()).toEqual([...townships].sort());
    // In the summary's order, as the clerk sees the townships on 汇总.
    expect(c.townships.map((t) => t.name)).toEqual(summary.townships.map((t) => t.name));
  });

  it('finds nothing changed when the other policy is the roster own', async () => {
    const { service, rosterId } = await imported();
    const c = await service.compare({ rosterId, policy: before });
    expect(c.county).toMatchObject({ persons: 298, more: 0, less: 0, same: 298 });
    expect(c.changes).toEqual([]);
    expect(c.county.feeAfter).toBe(c.county.feeBefore);
  });

  it('exports every person, and the townships with the county, in the chosen language', async () => {
    const { service, rosterId } = await imported();
    const csv = await service.exportCompare({ rosterId, policy: after, format: 'csv' });
    expect(csv.fileName).toBe('gaotai-政策对比.csv');
    const [head, ...rows] = new TextDecoder()
      .decode(csv.bytes)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    expect(head!.slice(5)).toEqual([
      '原个人缴费(元)',
      '新个人缴费(元)',
      '个人缴费变化(元)',
      '原政府资助(元)',
      '新政府资助(元)',
      '政府资助变化(元)',
      '变化',
    ]);
    expect(rows.length).toBe(cells.length);
    const ordinary = rows.find((r) => r[0] === '2')!; // 黄安, 普通居民, 本县户籍: 280 → 320 元
    expect(ordinary.slice(5)).toEqual(['280.00', '320.00', '40.00', '0.00', '0.00', '0.00', '多缴']);
    const first = rows.find((r) => r[0] === '1')!; // 李艳梦, 特困人员: no fee; subsidy 280 → 320 元
    expect(first.slice(5)).toEqual(['0.00', '0.00', '0.00', '280.00', '320.00', '40.00', '不变']);

    const book = await service.exportCompare({ rosterId, policy: after, format: 'xlsx', lang: 'en' });
    const sheet = readXlsx(book.bytes, 'Per township').rows;
    expect(sheet[0]!.slice(0, 3)).toEqual(['Township', 'Persons', 'Pays more']);
    const county = sheet[sheet.length - 1]!;
    expect(county[0]).toBe('County');
    expect(Number(county[8])).toBe(40 * paying);
    expect(readXlsx(book.bytes, 'Per person').rows.length).toBe(cells.length + 1);
  });
});
