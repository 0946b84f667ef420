// Names of Object.prototype (`__proto__`, `constructor`, `toString`, `hasOwnProperty` …) as roster columns, policy
// fields, categories, groups, flags, extra outcomes, parameters and remembered mappings: stored through src/store
// (fake-indexeddb) by the worker's import and read back by another worker, they come back identical.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateRoster, explainRow, loadPolicy } from '../../src/lang/index.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { readRosterBytes } from '../../src/roster/index.js';
import { Store } from '../../src/store/index.js';
import { RosterService } from '../../src/worker/service.js';
import { minimal } from '../helpers.js';

const id = (n: number) => makeIdNumber('620724', 1985, 5, 5, n);

interface Case {
  what: string;
  policy: string[];
  csv: string[];
  /** Hand-computed from the rows: flag codes per row, the county's flag counts and groups. */
  flags: string[][];
  flagCounts: [string, number][];
  groups: [string, { rows: number; enrolled: number }][];
  /** Extra outcomes, by name. */
  extras: string[];
}

// No 缴费日期 column: 已参保 is unknown for all, so no group member counts as enrolled.
const CASES: Case[] = [
  {
    what: 'roster columns and fields __proto__, toString, hasOwnProperty; flag constructor',
    policy: [
      '输入 __proto__：文本',
      '输入 toString：整数',
      '输入 hasOwnProperty：类别 {valueOf, isPrototypeOf}',
      '群体 toLocaleString = {valueOf}',
      '参保率目标 toLocaleString 100%',
      '标记 constructor 当 toString > 1，消息 "大于 1"',
      '结果 __lookupGetter__：文本 { 当 有值(__proto__)：__proto__  否则：无 }',
    ],
    csv: [
      '身份证号码,__proto__,toString,hasOwnProperty,constructor',
      `${id(1)},甲,2,valueOf,x`,
      `${id(2)},,1,isPrototypeOf,`,
      `${id(3)},乙,3,valueOf,z`,
    ],
    flags: [['constructor'], [], ['constructor']],
    flagCounts: [['constructor', 2]],
    groups: [['toLocaleString', { rows: 2, enrolled: 0 }]],
    extras: ['__lookupGetter__'],
  },
  {
    what: 'a field constructor whose categories are toString and hasOwnProperty; a group __proto__',
    policy: [
      '输入 constructor：类别 {toString, hasOwnProperty}',
      '群体 __proto__ = {toString}',
      '参保率目标 __proto__ 100%',
      '标记 valueOf 当 constructor 属于 {hasOwnProperty}，消息 "h"',
    ],
    csv: ['身份证号码,constructor,__proto__', `${id(1)},toString,a`, `${id(2)},hasOwnProperty,b`, `${id(3)},toString,`],
    flags: [[], ['valueOf'], []],
    flagCounts: [['valueOf', 1]],
    groups: [['__proto__', { rows: 2, enrolled: 0 }]],
    extras: [],
  },
  {
    what: 'flags __proto__ and hasOwnProperty; an outcome toString',
    policy: [
      '输入 valueOf：整数',
      '标记 __proto__ 当 valueOf > 1，消息 "p"',
      '标记 hasOwnProperty 当 valueOf > 2，消息 "h"',
      '结果 toString：是否 { 否则：是 }',
    ],
    csv: ['身份证号码,valueOf,hasOwnProperty,toString', `${id(1)},2,x,y`, `${id(2)},3,,`, `${id(3)},1,,`],
    flags: [['__proto__'], ['__proto__', 'hasOwnProperty'], []],
    flagCounts: [
      ['__proto__', 2],
      ['hasOwnProperty', 1],
    ],
    groups: [],
    extras: ['toString'],
  },
];

/** Own keys and values of an object, whatever its prototype (so `__proto__` as a key is seen), keys sorted. */
const own = (o: object) =>
  Object.entries(Object.getOwnPropertyDescriptors(o))
    .map(([k, d]): [string, unknown] => [k, d.value])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('Object.prototype names through the store', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  for (const c of CASES) {
    it(`${c.what}: read, stored and reopened identical`, async () => {
      const sources = { 'p.policy': minimal(c.policy.join('\n')) };
      const load = () => loadPolicy('p.policy', (p) => (p === 'p.policy' ? sources[p] : null));
      const { policy, diagnostics } = load();
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const file = { name: 'proto.csv', bytes: new TextEncoder().encode(c.csv.join('\n')) };
      const headers = c.csv[0]!.split(',');
      const read = readRosterBytes(file.bytes, file.name, policy!.fields);
      // Every field's cell is read under its own name (own properties, not the prototype's).
      for (const [k, row] of read.rows.entries()) {
        const cells = c.csv[k + 1]!.split(',');
        for (const f of policy!.fields) {
          const at = headers.indexOf(f.name);
          if (at < 0 || f.kind !== 'text') continue;
          expect(Object.getOwnPropertyDescriptor(row.values, f.name)?.value).toBe(cells[at] || null);
        }
      }
      const direct = evaluateRoster(policy!, read.rows, {});
      expect(direct.results.map((r) => r.flags.map((f) => f.code))).toEqual(c.flags);
      expect(own(direct.summary.flags)).toEqual(c.flagCounts);
      expect(own(direct.summary.county.groups)).toEqual(c.groups);
      expect(Object.keys(direct.results[0]!.extras)).toEqual(c.extras);

      const service = new RosterService();
      const done = await service.import({
        file,
        policy: { entry: 'p.policy', sources },
        overrides: {},
        name: 'p',
        params: {},
      });
      const page = { filter: {}, sort: { column: 'row' as const, descending: false }, offset: 0, limit: 10 };
      const first = await service.query({ rosterId: done.rosterId, ...page });
      expect(first.rows.map((r) => r.flags.map((f) => f.code))).toEqual(c.flags);
      expect(first.flagCodes).toEqual(c.flagCounts.map(([k]) => k));

      // Another worker (a reload) reads everything back from the store.
      const again = new RosterService();
      const reopened = await again.open({ rosterId: done.rosterId });
      expect(reopened.summary).toEqual(done.summary);
      expect(own(reopened.summary.flags)).toEqual(c.flagCounts);
      expect(own(reopened.summary.county.groups)).toEqual(c.groups);
      expect(await again.query({ rosterId: done.rosterId, ...page })).toEqual(first);
      const store = await Store.open();
      const meta = (await store.getRoster(done.rosterId))!;
      expect(meta.headers).toEqual(headers);
      expect(meta.mapping.map((m) => m.field)).toEqual(policy!.fields.map((f) => f.name));
      const results = (await store.getResultChunk(done.rosterId, 0))!;
      expect(own(results.extras).map(([k]) => k)).toEqual(c.extras);
      for (const e of c.extras)
        expect(results.extras[e]).toEqual(
          direct.results.map((r) => r.extras[e] ?? null), // typed: stored as computed
        );
      const cells = (await store.getCellChunk(done.rosterId, 0))!;
      expect(cells.columns).toEqual(headers.map((_, k) => c.csv.slice(1).map((line) => line.split(',')[k])));
      // Explanations read each row again from the stored cells: the same as from the file.
      for (let row = 1; row <= read.rows.length; row++)
        expect(await again.explain({ rosterId: done.rosterId, row })).toEqual(
          explainRow(policy!, read.rows[row - 1]!, {}),
        );
    });
  }

  it('a roster record’s parameters and a remembered column mapping keyed by such names come back identical', async () => {
    const keys = '{"__proto__":"1","constructor":"2","toString":"3","hasOwnProperty":"4"}';
    const params = JSON.parse(keys) as Record<string, string>;
    const store = await Store.open();
    await store.beginRoster({
      id: 'r',
      name: 'p',
      fileName: 'p.csv',
      policyPath: 'p.policy',
      createdAt: '2026-12-02T00:00:00Z',
      rowCount: 0,
      chunkCount: 0,
      headers: ['__proto__'],
      headerSignature: '__proto__',
      mapping: [{ field: '__proto__', index: 0 }],
      params,
      policy: { entry: 'p.policy', sources: JSON.parse('{"p.policy":"a","__proto__":"b"}') as Record<string, string> },
    });
    await store.commitRoster('r', evaluateRoster(load0(), [], {}).summary);
    const meta = (await (await Store.open()).getRoster('r'))!;
    expect(own(meta.params)).toEqual(own(params));
    expect(own(meta.policy.sources)).toEqual([
      ['__proto__', 'b'],
      ['p.policy', 'a'],
    ]);
    const overrides = JSON.parse('{"__proto__":"toString","constructor":null,"hasOwnProperty":"x"}') as Record<
      string,
      string | null
    >;
    await store.saveMapping('p.policy', '__proto__|constructor', overrides);
    const back = (await (await Store.open()).getMapping('p.policy', '__proto__|constructor'))!;
    expect(own(back)).toEqual(own(overrides));
    // Nothing leaked onto the prototypes.
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

function load0() {
  return loadPolicy('p.policy', () => minimal()).policy!;
}
