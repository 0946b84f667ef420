// Pure helpers: virtual-scroll window math, filter → query, sort toggling, explanation layout, chart geometry, policy list.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { blockFor, covers, visibleWindow } from '../../src/ui/virtual.js';
import {
  EMPTY_FILTER,
  fromQuery,
  isFiltered,
  nextSort,
  queryKey,
  toQuery,
  villageOptions,
} from '../../src/ui/results/query.js';
import { layoutExplanation } from '../../src/ui/results/explain.js';
import { goalsOf, rateChart } from '../../src/ui/summary/chart.js';
import { groupPolicies, headerOf, newYearFile } from '../../src/ui/policies/policy-list.js';
import { loadPolicy } from '../../src/lang/index.js';
import { count, encodingName, localDay, localTime, yuan } from '../../src/ui/format.js';
import { reportDetails } from '../../src/ui/settings/report-details.js';
import { staleFiles } from '../../src/ui/rosters/stale.js';
import { duplicateRows } from '../../src/ui/summary/duplicates.js';

describe('display of money, encodings and report details', () => {
  it('shows yuan with thousands separators, like counts', () => {
    expect(yuan(8930000)).toBe('89,300.00');
    expect(yuan(28000)).toBe('280.00');
    expect(yuan(null)).toBe('—');
  });
  it('writes counts with a comma every three digits', () => {
    expect([0, 7, 999, 1000, 20912, 513080, 1234567, -4500].map(count)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '20,912',
      '513,080',
      '1,234,567',
      '-4,500',
    ]);
  });
  it('names the encoding as a clerk knows it: GBK', () => {
    expect(encodingName('gb18030')).toBe('GBK');
    expect(encodingName('utf-8')).toBe('UTF-8');
  });
  it('reads stored report details, text only, anything else as unset', () => {
    expect(reportDetails({ unit: ' 城关镇医保所 ', preparer: '张三', checker: '李四' })).toEqual({
      unit: '城关镇医保所',
      preparer: '张三',
      checker: '李四',
    });
    expect(reportDetails(undefined)).toEqual({ unit: '', preparer: '', checker: '' });
    expect(reportDetails({ unit: 5, preparer: null })).toEqual({ unit: '', preparer: '', checker: '' });
    expect(reportDetails(Object.create({ unit: '原型' }))).toEqual({ unit: '', preparer: '', checker: '' });
  });
});

describe('virtual scroll window', () => {
  it('covers the viewport plus overscan, clamped to the data', () => {
    expect(visibleWindow(0, 600, 30, 513080)).toEqual({ start: 0, end: 30 });
    expect(visibleWindow(30 * 1000, 600, 30, 513080)).toEqual({ start: 990, end: 1030 });
    expect(visibleWindow(30 * 513070, 600, 30, 513080)).toEqual({ start: 513060, end: 513080 });
    expect(visibleWindow(0, 600, 30, 0)).toEqual({ start: 0, end: 0 });
  });
  it('stays valid when the list shrinks under a deep scroll position', () => {
    expect(visibleWindow(28 * 400000, 700, 28, 12)).toEqual({ start: 12, end: 12 });
  });
  it('renders a bounded number of rows anywhere in a county', () => {
    for (const top of [0, 1e5, 7e6, 28 * 513080]) {
      const w = visibleWindow(top, 800, 28, 513080);
      expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(800 / 28) + 21);
    }
  });
  it('fetches a block around the window and knows when it has it', () => {
    const w = { start: 1000, end: 1040 };
    const b = blockFor(w, 513080);
    expect(b).toEqual({ offset: 900, limit: 240 });
    expect(covers({ offset: b.offset, count: b.limit }, w)).toBe(true);
    expect(covers({ offset: b.offset, count: b.limit }, { start: 1100, end: 1141 })).toBe(false);
    expect(covers(null, w)).toBe(false);
    expect(blockFor({ start: 0, end: 20 }, 20)).toEqual({ offset: 0, limit: 20 });
  });
});

describe('filter → query', () => {
  it('leaves out empty controls and trims the search', () => {
    expect(toQuery(EMPTY_FILTER)).toEqual({});
    expect(
      toQuery({ ...EMPTY_FILTER, township: '普安镇', flag: 'duplicate-id', eligible: 'no', search: '  张三 ' }),
    ).toEqual({ township: '普安镇', flag: 'duplicate-id', eligible: 'no', search: '张三' });
    expect(toQuery({ ...EMPTY_FILTER, search: '   ' })).toEqual({});
  });
  it('round-trips a query into the controls', () => {
    const q = { flag: 'not-eligible', village: '东街社区' };
    expect(toQuery(fromQuery(q))).toEqual(q);
    expect(fromQuery({}).township).toBe('');
    expect(isFiltered(fromQuery(q))).toBe(true);
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
  });
  it('toggles the sort direction on the same column and resets on another', () => {
    const s1 = nextSort({ column: 'row', descending: false }, 'personalFee');
    expect(s1).toEqual({ column: 'personalFee', descending: false });
    expect(nextSort(s1, 'personalFee')).toEqual({ column: 'personalFee', descending: true });
    expect(nextSort({ column: 'personalFee', descending: true }, 'name')).toEqual({
      column: 'name',
      descending: false,
    });
  });
  it('offers the villages of the chosen township', () => {
    const all = ['东街社区', '黄桷村', '育才社区'];
    const villages = [
      { name: '东街社区', township: '城关镇' },
      { name: '育才社区', township: '城关镇' },
      { name: '黄桷村', township: '普安镇' },
    ];
    expect(villageOptions(all, '', villages)).toEqual(all);
    expect(villageOptions(all, '城关镇', villages)).toEqual(['东街社区', '育才社区']);
    expect(villageOptions(all, '无此镇', villages)).toEqual(all);
  });
  it('keys a query by roster, effective filter and sort', () => {
    const s = { column: 'row' as const, descending: false };
    expect(queryKey('r1', { ...EMPTY_FILTER, search: ' ' }, s)).toBe(queryKey('r1', EMPTY_FILTER, s));
    expect(queryKey('r1', EMPTY_FILTER, s)).not.toBe(queryKey('r2', EMPTY_FILTER, s));
    expect(queryKey('r1', EMPTY_FILTER, s)).not.toBe(queryKey('r1', EMPTY_FILTER, { ...s, descending: true }));
  });
});

describe('explanation layout', () => {
  const t = { zh: 'x', en: 'x' };
  const steps = [
    { depth: 0, text: t, clause: '二', clauseText: '个人缴费280元' },
    { depth: 1, text: t, clause: '二', clauseText: '个人缴费280元' },
    { depth: 1, text: t },
    { depth: 0, text: t, clause: '三', clauseText: '待遇期' },
  ];
  it('quotes a clause the first time it is cited', () => {
    const l = layoutExplanation(steps);
    expect(l.map((s) => s.quote)).toEqual([true, false, false, true]);
    expect(l.map((s) => s.quotedAbove)).toEqual([false, true, false, false]);
  });
  it('or at every step when asked', () => {
    expect(layoutExplanation(steps, true).map((s) => s.quote)).toEqual([true, true, false, true]);
  });
});

describe('rate chart', () => {
  const rows = [
    { name: '甲镇', rate: 0.99 },
    { name: '乙镇', rate: 0.9 },
    { name: '丙镇', rate: null },
  ];
  it('draws bars on a 0-based scale with the goal line', () => {
    const c = rateChart(rows, 0.98, 560);
    expect(c.bars.map((b) => b.belowGoal)).toEqual([false, true, false]);
    expect(c.bars[2]!.width).toBe(0);
    expect(c.ticks[0]!.x).toBe(c.plotLeft);
    expect(c.ticks.at(-1)!.value).toBe(1);
    expect(c.goalX).toBeCloseTo(c.plotLeft + 0.98 * c.plotWidth);
    expect(c.bars[0]!.width).toBeCloseTo(0.99 * c.plotWidth);
  });
  it('widens the scale when a township is over 100% and has no goal line without a goal', () => {
    const c = rateChart([{ name: '甲镇', rate: 1.07 }], null);
    expect(c.ticks.at(-1)!.value).toBe(1.2);
    expect(c.goalX).toBeNull();
    expect(c.bars[0]!.belowGoal).toBe(false);
  });
  it('reads the county goal and group goals (percent × 100)', () => {
    expect(
      goalsOf([
        { group: null, rate: 9800 },
        { group: '特殊人员', rate: 10000 },
      ]),
    ).toEqual({ county: 0.98, groups: [{ group: '特殊人员', rate: 1 }] });
    expect(goalsOf([]).county).toBeNull();
  });
});

describe('policy list and new year', () => {
  const gaotai = readFileSync('policies/gaotai-2021.policy', 'utf8');
  const kaijiang = readFileSync('policies/kaijiang-2020.policy', 'utf8');
  it('reads county and year from the header', () => {
    expect(headerOf(gaotai)).toMatchObject({ county: '高台县', year: 2021, parent: null });
  });
  it('groups by county, newest first, following 继承 for the county', () => {
    const next = newYearFile('gaotai-2021.policy', gaotai, new Set());
    const groups = groupPolicies(
      {
        'gaotai-2021.policy': gaotai,
        'kaijiang-2020.policy': kaijiang,
        [next.path]: next.text,
        'draft.policy': '# 草稿',
      },
      new Set(['gaotai-2021.policy', 'kaijiang-2020.policy']),
      new Set(['kaijiang-2020.policy']),
    );
    expect(groups.map((g) => g.county)).toEqual(['高台县', '开江县', null]);
    expect(groups[0]!.entries.map((e) => [e.path, e.year])).toEqual([
      ['gaotai-2022.policy', 2022],
      ['gaotai-2021.policy', 2021],
    ]);
    expect(groups[1]!.entries[0]).toMatchObject({ bundled: true, edited: true });
  });
  it('makes next year a file that starts with 继承 and checks clean', () => {
    const next = newYearFile('gaotai-2021.policy', gaotai, new Set(['gaotai-2021.policy']));
    expect(next.path).toBe('gaotai-2022.policy');
    expect(next.text.startsWith('继承 "gaotai-2021.policy"')).toBe(true);
    expect(next.text).toContain('年度：2022');
    const sources: Record<string, string> = { 'gaotai-2021.policy': gaotai, [next.path]: next.text };
    const { policy, diagnostics } = loadPolicy(next.path, (p) => sources[p.split('/').pop()!] ?? null);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(policy!.header.year).toBe(2022);
    expect(policy!.header.county).toBe('高台县');
  });
  it('does not overwrite a name already taken', () => {
    expect(newYearFile('gaotai-2021.policy', gaotai, new Set(['gaotai-2022.policy'])).path).toBe(
      'gaotai-2022-2.policy',
    );
    expect(
      newYearFile('gaotai-2021.policy', gaotai, new Set(['gaotai-2022.policy', 'gaotai-2022-2.policy'])).path,
    ).toBe('gaotai-2022-3.policy');
  });
});

describe('timestamps in local time', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });
  it("shows a stored UTC time in the computer's time zone, across midnight", () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(localTime('2026-12-01T17:05:09.000Z')).toBe('2026-12-02 01:05');
    expect(localTime('2026-12-01T17:05:09.000Z', true)).toBe('2026-12-02 01:05:09');
    expect(localDay(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    process.env.TZ = 'America/New_York';
    expect(localTime('2026-12-01T03:00:00.000Z')).toBe('2026-11-30 22:00');
  });
  it('leaves text that is not a time as it is', () => {
    expect(localTime('nonsense')).toBe('nonsense');
  });
});

describe('stale results', () => {
  const record = (path: string, text: string, versions: [string, string][]) => ({
    path,
    text,
    savedAt: '2026-12-02T03:00:00.000Z',
    versions: versions.map(([t, savedAt]) => ({ text: t, savedAt })),
  });
  it('is empty while every file the roster used reads the same', () => {
    expect(staleFiles({ 'a.policy': 'A1' }, { 'a.policy': 'A1', 'b.policy': 'B2' }, [], {})).toEqual([]);
  });
  it('names the saved version, the bundled one, or one no longer kept', () => {
    const saved = [
      record('a.policy', 'A3', [
        ['A1', '2026-12-01T01:00:00.000Z'],
        ['A2', '2026-12-01T02:00:00.000Z'],
      ]),
    ];
    const current = { 'a.policy': 'A3', 'p.policy': 'P-now' };
    expect(staleFiles({ 'a.policy': 'A2' }, current, saved, {})).toEqual([
      { path: 'a.policy', used: { kind: 'saved', savedAt: '2026-12-01T02:00:00.000Z' }, deleted: false },
    ]);
    expect(staleFiles({ 'p.policy': 'P-shipped' }, current, saved, { 'p.policy': 'P-shipped' })).toEqual([
      { path: 'p.policy', used: { kind: 'bundled' }, deleted: false },
    ]);
    expect(staleFiles({ 'a.policy': 'A0' }, current, saved, {})).toEqual([
      { path: 'a.policy', used: { kind: 'unknown' }, deleted: false },
    ]);
    expect(staleFiles({ 'gone.policy': 'G' }, current, saved, {})).toEqual([
      { path: 'gone.policy', used: { kind: 'unknown' }, deleted: true },
    ]);
  });
  it('checks an inherited file too', () => {
    expect(
      staleFiles({ 'y2022.policy': 'C', 'y2021.policy': 'P1' }, { 'y2022.policy': 'C', 'y2021.policy': 'P2' }, [], {
        'y2021.policy': 'P1',
      }).map((f) => f.path),
    ).toEqual(['y2021.policy']);
  });
});

describe('duplicate rows in the summary note', () => {
  it('names each later row with the row it repeats, the first 20 of them', () => {
    expect(
      duplicateRows(
        {
          count: 2,
          rows: [
            { row: 104, first: 12 },
            { row: 270, first: 3 },
          ],
        },
        '（同第 {first} 行）',
      ),
    ).toBe('104（同第 12 行） 270（同第 3 行）');
    const many = Array.from({ length: 25 }, (_, i) => ({ row: i + 100, first: i + 1 }));
    const text = duplicateRows({ count: 230, rows: many }, ' (same as row {first})');
    expect(text.split('same as row').length - 1).toBe(20);
    expect(text.endsWith(' …')).toBe(true);
  });
});
