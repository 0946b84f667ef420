// The store on fake-indexeddb: versions and migrations, commit-or-nothing imports, the sweep, hostile records, quota, memory fallback.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import {
  DB_NAME,
  MIGRATIONS,
  NOTE_MAX,
  NO_DAY,
  Store,
  StorageError,
  decodePerson,
  encodeCells,
  encodeResults,
  pack,
  unpack,
  type RosterRecord,
} from '../../src/store/index.js';
import type { PersonResult, RosterSummary } from '../../src/lang/model.js';

const summary = (): RosterSummary => ({
  county: {
    name: '县',
    rows: 2,
    eligible: 2,
    enrolled: 1,
    target: null,
    rate: 0.5,
    collected: 28000,
    subsidyUpfront: 0,
    subsidyAfterPayment: 0,
    unknown: 0,
    groups: {},
  },
  townships: [],
  villages: [],
  flags: { 'duplicate-id': 1 },
  goals: [],
  duplicates: { count: 0, rows: [] },
});
const record = (id: string, rowCount: number): Omit<RosterRecord, 'status'> => ({
  id,
  name: 'a.csv',
  fileName: 'a.csv',
  policyPath: 'gaotai-2021.policy',
  createdAt: '2026-11-23T00:00:00Z',
  rowCount,
  chunkCount: Math.ceil(rowCount / 5000),
  headers: ['姓名', '乡镇'],
  headerSignature: '姓名|乡镇',
  mapping: [{ field: '姓名', index: 0 }],
  params: {},
  policy: { entry: 'gaotai-2021.policy', sources: { 'gaotai-2021.policy': '…' } },
});
const person = (row: number, over: Partial<PersonResult> = {}): PersonResult => ({
  row,
  idNumber: `62072419880808${String(row).padStart(4, '0')}`,
  name: `张${row}`,
  eligible: true,
  reason: null,
  personalFee: 28000,
  subsidy: 0,
  subsidyTiming: null,
  benefitStart: 18628,
  benefitEnd: 18992,
  enrolled: true,
  flags: [],
  extras: {},
  ...over,
});
const roles = (n: number) => ({
  township: Array.from({ length: n }, (_, i) => (i % 2 ? '城关镇' : '新宁镇')),
  village: Array(n).fill(''),
  category: Array(n).fill('普通居民'),
});

/** Writes a roster of `n` persons the way the worker does: pending record, chunks, commit. */
async function importRoster(store: Store, id: string, n: number): Promise<void> {
  const results = Array.from({ length: n }, (_, i) => person(i + 1));
  const cells = results.map((r) => [r.name!, '新宁镇']);
  await store.beginRoster(record(id, n));
  for (let c = 0; c * 5000 < n; c++) {
    const from = c * 5000,
      to = Math.min(n, from + 5000);
    await store.putChunks(
      [encodeCells(id, c, cells, 2, from, to, null)],
      [encodeResults(id, c, results, roles(n), [], from, to)],
    );
  }
  await store.commitRoster(id, summary());
}

describe('store', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps policies with their version history; an unchanged save adds no version', async () => {
    const store = await Store.open();
    await store.savePolicy('a.policy', 'v1');
    await store.savePolicy('a.policy', 'v2');
    await store.savePolicy('a.policy', 'v2');
    await store.importPolicy('a.policy', 'v3');
    const p = await store.getPolicy('a.policy');
    expect(p!.text).toBe('v3');
    expect(p!.versions.map((v) => v.text)).toEqual(['v1', 'v2']);
    await store.deletePolicy('a.policy');
    expect(await store.listPolicies()).toEqual([]);
  });

  it('a note is saved with its text and goes into the history with it when the text is replaced', async () => {
    const store = await Store.open();
    await store.savePolicy('n.policy', 'v1', '  按 2025 年通知改了个人缴费标准\r\n280 元改为 320 元  ');
    // Trimmed, line breaks as \n.
    expect((await store.getPolicy('n.policy'))!.note).toBe('按 2025 年通知改了个人缴费标准\n280 元改为 320 元');
    await store.savePolicy('n.policy', 'v2');
    const p = (await store.getPolicy('n.policy'))!;
    expect([p.text, p.note]).toEqual(['v2', undefined]);
    expect(p.versions.map((v) => [v.text, v.note])).toEqual([
      ['v1', '按 2025 年通知改了个人缴费标准\n280 元改为 320 元'],
    ]);
    // The same text saved with a note: the note is set, no version is added.
    await store.savePolicy('n.policy', 'v2', '补上备注');
    const q = (await store.getPolicy('n.policy'))!;
    expect([q.text, q.note, q.versions.length, q.savedAt]).toEqual(['v2', '补上备注', 1, p.savedAt]);
    // The same text saved without a note keeps the note it has.
    await store.savePolicy('n.policy', 'v2', '   ');
    expect((await store.getPolicy('n.policy'))!.note).toBe('补上备注');
    // A text saved without a note stores no note field at all.
    await store.savePolicy('n.policy', 'v3', '');
    const db = await openDB(DB_NAME);
    const raw = (await db.get('policies', 'n.policy')) as Record<string, unknown>;
    db.close();
    expect('note' in raw).toBe(false);
    expect((raw.versions as unknown[]).at(-1)).toEqual({ text: 'v2', savedAt: p.savedAt, note: '补上备注' });
  });

  it('a note is added, changed or removed afterwards on an earlier version or the current text', async () => {
    const store = await Store.open();
    await store.savePolicy('e.policy', 'v1');
    await store.savePolicy('e.policy', 'v2', '第二版');
    await store.savePolicy('e.policy', 'v3');
    const before = (await store.getPolicy('e.policy'))!;
    const [v1, v2] = before.versions;
    expect(await store.setNote('e.policy', v1!, '第一版：初稿')).not.toBeNull();
    await store.setNote('e.policy', v2!, '');
    await store.setNote('e.policy', { savedAt: before.savedAt, text: 'v3' }, '现行');
    const after = (await store.getPolicy('e.policy'))!;
    expect(after.versions.map((v) => [v.text, v.note])).toEqual([
      ['v1', '第一版：初稿'],
      ['v2', undefined],
    ]);
    expect([after.text, after.note, after.savedAt]).toEqual(['v3', '现行', before.savedAt]);
    // A version that is not there (another text at that time, or no such policy): nothing is written.
    expect(await store.setNote('e.policy', { savedAt: v1!.savedAt, text: 'other' }, 'x')).toBeNull();
    expect(await store.setNote('none.policy', v1!, 'x')).toBeNull();
    expect(await store.getPolicy('e.policy')).toEqual(after);
  });

  it(`a note longer than ${NOTE_MAX} characters is refused in both languages, and nothing is saved`, async () => {
    const store = await Store.open();
    await store.savePolicy('l.policy', 'v1');
    const long = '改'.repeat(NOTE_MAX + 1);
    const refused = await store.savePolicy('l.policy', 'v2', long).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((refused as StorageError).bilingual.zh).toContain(`最多 ${NOTE_MAX} 个字`);
    expect((refused as StorageError).bilingual.en).toContain(`at most ${NOTE_MAX} characters`);
    expect((await store.getPolicy('l.policy'))!.text).toBe('v1');
    const p = (await store.getPolicy('l.policy'))!;
    await expect(store.setNote('l.policy', p, long)).rejects.toBeInstanceOf(StorageError);
    expect((await store.getPolicy('l.policy'))!.note).toBeUndefined();
    // Exactly the limit is accepted.
    await store.savePolicy('l.policy', 'v2', '改'.repeat(NOTE_MAX));
    expect((await store.getPolicy('l.policy'))!.note).toHaveLength(NOTE_MAX);
  });

  it('lists a roster only once committed, with its summary; deletes it with every chunk', async () => {
    const store = await Store.open();
    await store.beginRoster(record('r1', 12000));
    expect(await store.listRosters()).toEqual([]);
    expect(await store.getRoster('r1')).toBeNull();
    await store.deleteRoster('r1');
    await importRoster(store, 'r1', 12000);
    const [meta] = await store.listRosters();
    expect(meta!.id).toBe('r1');
    expect(meta!.summary.county.rows).toBe(2);
    const chunk = await store.getResultChunk('r1', 2);
    expect(chunk!.count).toBe(2000);
    expect(decodePerson(chunk!, 0)).toEqual(person(10001));
    expect((await store.getCellChunk('r1', 1))!.columns[0]![0]).toBe('张5001');
    await store.deleteRoster('r1');
    expect(await store.listRosters()).toEqual([]);
    expect(await store.getResultChunk('r1', 0)).toBeNull();
    expect(await store.getCellChunk('r1', 2)).toBeNull();
  });

  it('encodes results column by column and decodes them unchanged (nulls, flags, extras)', () => {
    const people = [
      person(1, {
        eligible: null,
        reason: '已参加职工医保',
        personalFee: null,
        subsidy: null,
        subsidyTiming: 'after-payment',
        benefitStart: null,
        benefitEnd: -5,
        flags: [
          { code: 'a', message: { zh: '甲', en: 'A' } },
          { code: 'b', message: { zh: '乙', en: 'B' } },
        ],
        extras: { 档次: '一档' },
      }),
      person(3, { eligible: false, subsidyTiming: 'upfront', extras: { 档次: null } }),
    ];
    const c = encodeResults(
      'r',
      0,
      people,
      { township: ['甲镇', '甲镇'], village: ['', ''], category: ['特困人员、孤儿', ''] },
      ['档次'],
      0,
      2,
    );
    expect(c.benefitStart[0]).toBe(NO_DAY);
    expect(c.township.values).toEqual(['甲镇']);
    expect([decodePerson(c, 0), decodePerson(c, 1)]).toEqual(people);
  });

  it('keeps 已参保 per person (yes, no, unknown) in one byte through the store; older chunks read it as unknown', async () => {
    const store = await Store.open();
    const people = [person(1), person(2, { enrolled: false }), person(3, { enrolled: null })];
    await store.beginRoster(record('r9', 3));
    const c = encodeResults('r9', 0, people, roles(3), [], 0, 3);
    expect(c.enrolled).toBeInstanceOf(Int8Array);
    await store.putChunks([encodeCells('r9', 0, [['a'], ['b'], ['c']], 1, 0, 3, null)], [c]);
    await store.commitRoster('r9', summary());
    const back = (await store.getResultChunk('r9', 0))!;
    expect([0, 1, 2].map((k) => decodePerson(back, k).enrolled)).toEqual([true, false, null]);
    const { enrolled: _e, ...older } = c;
    expect(decodePerson(older, 0).enrolled).toBeNull();
  });

  it('packs text columns into one string, and keeps an array when a text holds the separators', () => {
    for (const col of [['a', '', null, '张三'], ['x\u001fy', 'z'], ['\u001e', null], []])
      expect(unpack(pack(col))).toEqual(col.length ? col : ['']);
    expect(pack(['a', null])).toBeInstanceOf(Uint8Array);
    expect(Array.isArray(pack(['x\u001fy']))).toBe(true);
  });

  it('leaves nothing behind when a write fails midway', async () => {
    const store = await Store.open();
    await store.beginRoster(record('r2', 10));
    const good = encodeResults('r2', 0, [person(1)], roles(1), [], 0, 1);
    const unstorable = { ...good, index: 1, flagCode: [() => 0] } as unknown as typeof good; // a function cannot be stored
    await expect(store.putChunks([], [good, unstorable])).rejects.toBeInstanceOf(StorageError);
    expect(await store.getResultChunk('r2', 0)).toBeNull();
  });

  it('reports a full disk in both languages, and the import leaves nothing', async () => {
    const store = await Store.open();
    const { IDBObjectStore } = await import('fake-indexeddb');
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (this.name === 'resultChunks' && (value as { index: number }).index === 2)
        throw new DOMException('quota', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const err = await importRoster(store, 'r3', 15000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).bilingual.zh).toContain('存储空间已满');
    expect((err as StorageError).bilingual.en).toContain('Storage is full');
    vi.restoreAllMocks();
    // The pending roster is what the worker deletes on failure; were the tab closed instead, the next open sweeps it.
    const again = await Store.open();
    expect(await again.listRosters()).toEqual([]);
    expect(await again.getResultChunk('r3', 0)).toBeNull();
    expect(await again.getCellChunk('r3', 1)).toBeNull();
  });

  it('sweeps an import that never committed (tab closed midway) and chunks of no roster', async () => {
    const store = await Store.open();
    await store.beginRoster(record('half', 6000));
    await store.putChunks(
      [encodeCells('half', 0, [['a', 'b']], 2, 0, 1, null)],
      [encodeResults('half', 0, [person(1)], roles(1), [], 0, 1)],
    );
    await importRoster(store, 'whole', 3);
    const db = await openDB(DB_NAME);
    await db.put('resultChunks', { ...encodeResults('ghost', 0, [person(1)], roles(1), [], 0, 1) });
    db.close();
    store.close();
    const reopened = await Store.open();
    expect((await reopened.listRosters()).map((r) => r.id)).toEqual(['whole']);
    const db2 = await openDB(DB_NAME);
    expect((await db2.getAllKeys('resultChunks')).map((k) => (k as [string, number])[0])).toEqual(['whole']);
    expect(await db2.getAllKeys('rosters')).toEqual(['whole']);
    db2.close();
  });

  it('rejects hostile or damaged records with a reason, repairs what can be repaired', async () => {
    const store = await Store.open();
    await importRoster(store, 'ok', 3);
    store.close();
    const db = await openDB(DB_NAME);
    await db.put('rosters', { id: 'evil', name: 42, __proto__: { polluted: true } });
    await db.put('policies', { path: 'x.policy', text: 5 });
    await db.put('policies', {
      path: 'y.policy',
      text: 'fine',
      savedAt: 'now',
      versions: [{ text: 'old', savedAt: 'then' }, { bogus: true }],
    });
    const c = (await db.get('resultChunks', ['ok', 0])) as Record<string, unknown>;
    await db.put('resultChunks', { ...c, index: 1, personalFee: new Float64Array(1) }); // wrong length
    await db.put('resultChunks', { ...c, index: 2, township: { values: [], codes: new Uint32Array(3) } }); // code outside its dictionary
    await db.put('settings', { key: 'lang', value: 'en' });

    db.close();
    const reopened = await Store.open();
    expect((await reopened.listRosters()).map((r) => r.id)).toEqual(['ok']);
    expect((await reopened.listPolicies()).map((p) => [p.path, p.versions.length])).toEqual([['y.policy', 1]]);
    expect(await reopened.getResultChunk('ok', 1)).toBeNull();
    expect(await reopened.getResultChunk('ok', 2)).toBeNull();
    expect(await reopened.getSetting('lang')).toBe('en');
    const reasons = reopened.rejected.map((r) => `${r.store}:${r.reason}`).join('\n');
    expect(reasons).toMatch(/rosters:.*name/);
    expect(reasons).toMatch(/policies:.*text/);
    expect(reasons).toMatch(/resultChunks:.*personalFee has 1 values, expected 3/);
    expect(reasons).toMatch(/resultChunks:.*dictionary/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The unreadable roster record is kept (listed as damaged), never removed by the sweep.
    const db2 = await openDB(DB_NAME);
    expect(await db2.get('rosters', 'evil')).toEqual({ id: 'evil', name: 42 });
    db2.close();
  });

  it('migrates a version-1 database: policies and settings kept, old rosters removed with a notice', async () => {
    const v1 = await openDB(DB_NAME, 1, { upgrade: (db) => MIGRATIONS[0]!(db, undefined as never) });
    await v1.put('policies', { path: 'a.policy', text: 'mine', savedAt: 't', versions: [] });
    await v1.put('settings', { key: 'lang', value: 'en' });
    await v1.put('rosters', { id: 'old', name: 'x' });
    await v1.put('chunks', { rosterId: 'old', index: 0, rows: [], results: [], cells: [] });
    v1.close();
    const store = await Store.open();
    expect(store.memoryOnly).toBeNull();
    expect((await store.getPolicy('a.policy'))!.text).toBe('mine');
    expect(await store.getSetting('lang')).toBe('en');
    expect(await store.getSetting<{ zh: string }>('notice')).toMatchObject({ zh: expect.stringContaining('重新导入') });
    expect(await store.listRosters()).toEqual([]);
    store.close();
    const db = await openDB(DB_NAME);
    expect(db.version).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual([
      'cellChunks',
      'mappings',
      'policies',
      'resultChunks',
      'rosters',
      'settings',
      'summaries',
    ]);
    db.close();
  });

  it('remembers a column mapping per policy and header signature; clears everything', async () => {
    const store = await Store.open();
    await store.saveMapping('a.policy', '姓名|乡镇', { 乡镇: '所在乡镇' });
    expect(await store.getMapping('a.policy', '姓名|乡镇')).toEqual({ 乡镇: '所在乡镇' });
    expect(await store.getMapping('b.policy', '姓名|乡镇')).toBeNull();
    await importRoster(store, 'r', 2);
    await store.savePolicy('p.policy', 'x');
    await store.clearAll();
    expect(await store.listRosters()).toEqual([]);
    expect(await store.listPolicies()).toEqual([]);
    expect(await store.getMapping('a.policy', '姓名|乡镇')).toBeNull();
  });

  it('works in memory, and says so, when IndexedDB is missing or cannot open', async () => {
    const missing = await Store.open({ available: false });
    expect(missing.memoryOnly?.zh).toContain('本次会话');
    expect(missing.memoryOnly?.en).toContain('this session only');
    await importRoster(missing, 'm', 7000);
    expect((await missing.listRosters()).map((r) => r.id)).toEqual(['m']);
    expect((await missing.getResultChunk('m', 1))!.count).toBe(2000);
    await missing.deleteRoster('m');
    expect(await missing.getResultChunk('m', 0)).toBeNull();

    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    expect((await Store.open()).memoryOnly).not.toBeNull();
    globalThis.indexedDB = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const denied = await Store.open();
    expect(denied.memoryOnly?.zh).toContain('无法打开本地数据库');
    globalThis.indexedDB = saved;
  });

  it('falls back to memory when an older tab blocks the upgrade', async () => {
    const old = await openDB(DB_NAME, 1, { upgrade: (db) => MIGRATIONS[0]!(db, undefined as never) });
    // The old tab does not close on versionchange (an old app without a `blocking` handler).
    const store = await Store.open({ blockedTimeoutMs: 200 });
    expect(store.memoryOnly?.zh).toContain('另一个打开的窗口');
    old.close();
  });

  describe('damaged records are kept, reported (bounded) and removed only on request', () => {
    /** Puts raw records into the database as another (damaged) program might have left them. */
    async function damage(...puts: [string, unknown][]): Promise<Store> {
      (await Store.open()).close();
      const db = await openDB(DB_NAME);
      for (const [s, v] of puts) await db.put(s, v);
      db.close();
      return Store.open();
    }
    const found = (store: Store, s: string) => store.rejected.filter((r) => r.store === s);

    it('a roster with a bad row count keeps its chunks: the count is rebuilt from them', async () => {
      const store = await Store.open();
      await importRoster(store, 'r', 12000);
      const raw = (await store['backend'].get('rosters', 'r')) as Record<string, unknown>;
      store.close();
      const reopened = await damage(['rosters', { ...raw, rowCount: 99999 }]);
      const [meta] = await reopened.listRosters();
      expect([meta!.id, meta!.rowCount, meta!.chunkCount]).toEqual(['r', 12000, 3]);
      expect((await reopened.getResultChunk('r', 2))!.count).toBe(2000);
      const [bad] = found(reopened, 'rosters');
      expect([bad!.path, bad!.repaired, bad!.ref]).toEqual(['rowCount', true, 'r']);
      expect(bad!.summary.zh).toContain('12000');
      expect(bad!.summary.en).toContain('12000');
      await reopened.deleteRoster('r');
      expect(await reopened.damaged()).toEqual([]);
    });

    it('a roster whose row count has the wrong type is repaired the same way', async () => {
      const store = await Store.open();
      await importRoster(store, 'r', 3);
      const raw = (await store['backend'].get('rosters', 'r')) as Record<string, unknown>;
      store.close();
      const reopened = await damage(['rosters', { ...raw, rowCount: 'three' }]);
      expect((await reopened.getRoster('r'))!.rowCount).toBe(3);
      expect(found(reopened, 'rosters').map((r) => [r.path, r.repaired])).toEqual([['rowCount', true]]);
    });

    it('a roster missing a field is listed, its chunks kept through the sweep, exported and deleted on request', async () => {
      const store = await Store.open();
      await importRoster(store, 'r', 3);
      const { headers: _h, ...raw } = (await store['backend'].get('rosters', 'r')) as Record<string, unknown>;
      store.close();
      const reopened = await damage(['rosters', raw]);
      expect(await reopened.listRosters()).toEqual([]);
      const [bad] = await reopened.damaged();
      expect([bad!.store, bad!.path, bad!.repaired]).toEqual(['rosters', 'headers', false]);
      expect(await reopened.getCellChunk('r', 0)).not.toBeNull();
      const json = JSON.parse((await reopened.damagedJson('rosters', 'r'))!) as Record<string, unknown>;
      expect([json.id, json.rowCount, 'headers' in json]).toEqual(['r', 3, false]);
      expect(await reopened.damagedJson('rosters', 'not-listed')).toBeNull();
      await reopened.deleteDamaged('rosters', 'r');
      expect(await reopened.damaged()).toEqual([]);
      const db = await openDB(DB_NAME);
      expect([
        await db.getAllKeys('rosters'),
        await db.getAllKeys('cellChunks'),
        await db.getAllKeys('resultChunks'),
      ]).toEqual([[], [], []]);
      db.close();
    });

    it('a policy with one bad version keeps the good ones, and saving keeps the bad one stored', async () => {
      const good = (t: string) => ({ text: t, savedAt: '2026-01-01' });
      const store = await damage([
        'policies',
        { path: 'p.policy', text: 'v4', savedAt: 's', versions: [good('v1'), { text: 2 }, good('v3')] },
      ]);
      expect((await store.getPolicy('p.policy'))!.versions.map((v) => v.text)).toEqual(['v1', 'v3']);
      expect(found(store, 'policies').map((r) => [r.path, r.repaired])).toEqual([['versions.1', true]]);
      await store.savePolicy('p.policy', 'v5');
      expect((await store.getPolicy('p.policy'))!.versions.map((v) => v.text)).toEqual(['v1', 'v3', 'v4']);
      const db = await openDB(DB_NAME);
      expect(((await db.get('policies', 'p.policy')) as { versions: unknown[] }).versions).toEqual([
        good('v1'),
        { text: 2 },
        good('v3'),
        { text: 'v4', savedAt: 's' },
      ]);
      db.close();
    });

    it('a policy record of the wrong type or not an object is listed, and saving over it keeps it as a version', async () => {
      const notObject = Object.assign(['a', 'b'], { path: 'arr.policy' });
      const store = await damage(
        ['policies', { path: 'n.policy', text: 5, savedAt: 's', versions: [] }],
        ['policies', notObject],
      );
      expect(await store.listPolicies()).toEqual([]);
      expect(
        found(store, 'policies')
          .map((r) => [r.ref, r.path, r.repaired])
          .sort(),
      ).toEqual([
        ['arr.policy', '', false],
        ['n.policy', 'text', false],
      ]);
      await store.savePolicy('n.policy', 'new');
      const db = await openDB(DB_NAME);
      expect(((await db.get('policies', 'n.policy')) as { versions: unknown[] }).versions).toEqual([
        { path: 'n.policy', text: 5, savedAt: 's', versions: [] },
      ]);
      db.close();
    });

    it('a huge key or a huge list of bad entries is reported in bounded text', async () => {
      const id = 'x'.repeat(1_000_000);
      const versions = Array.from({ length: 100_000 }, () => 1);
      const store = await damage(
        ['rosters', { id, name: 42 }],
        ['rosters', { ...record('h', 3), status: 'committed', headers: versions }],
        ['policies', { path: 'h.policy', text: 't', savedAt: 's', versions }],
      );
      const bad = await store.damaged();
      expect(bad.map((r) => r.store).sort()).toEqual(['policies', 'rosters', 'rosters']);
      expect(bad.find((r) => r.ref === 'h')!.reason).toMatch(/^headers: [^;]*$/);
      expect(bad.find((r) => r.ref === 'h.policy')!.reason).toContain('… +99995');
      for (const r of bad)
        expect(r.key.length + r.reason.length + r.summary.zh.length + r.summary.en.length).toBeLessThan(3000);
      expect(bad.some((r) => r.store === 'rosters' && r.ref === id)).toBe(true);
    }, 30_000);

    it('a roster whose summary is damaged is listed as damaged, not hidden', async () => {
      const store = await Store.open();
      await importRoster(store, 'r', 3);
      store.close();
      const reopened = await damage(['summaries', { rosterId: 'r', summary: 'not a summary' }]);
      expect(await reopened.listRosters()).toEqual([]);
      expect((await reopened.damaged()).map((r) => [r.store, r.ref, r.repaired]).sort()).toEqual([
        ['rosters', 'r', false],
        ['summaries', 'r', false],
      ]);
    });

    it('a policy without a history is not damaged, and saving it starts one', async () => {
      const store = await damage(['policies', { path: 'old.policy', text: 'v1', savedAt: 's' }]);
      await store.savePolicy('old.policy', 'v2');
      expect((await store.getPolicy('old.policy'))!.versions).toEqual([{ text: 'v1', savedAt: 's' }]);
      expect(await store.damaged()).toEqual([]);
    });

    it('a record saved before notes existed reads as it did, with no note and nothing damaged', async () => {
      const store = await damage([
        'policies',
        { path: 'o.policy', text: 'v2', savedAt: 's2', versions: [{ text: 'v1', savedAt: 's1' }] },
      ]);
      const p = (await store.getPolicy('o.policy'))!;
      expect([p.text, p.note, p.versions]).toEqual(['v2', undefined, [{ text: 'v1', savedAt: 's1' }]]);
      expect(await store.damaged()).toEqual([]);
      await store.setNote('o.policy', p.versions[0]!, '旧版');
      expect((await store.getPolicy('o.policy'))!.versions[0]!.note).toBe('旧版');
    });

    it('a version whose note is not text (or too long) is a damaged version: left out, reported, kept stored', async () => {
      const good = { text: 'v1', savedAt: 's1', note: '好' };
      const bad = [
        { text: 'v2', savedAt: 's2', note: 5 },
        { text: 'v3', savedAt: 's3', note: 'x'.repeat(NOTE_MAX + 1) },
      ];
      const store = await damage([
        'policies',
        { path: 'b.policy', text: 'v4', savedAt: 's4', versions: [good, ...bad] },
      ]);
      expect((await store.getPolicy('b.policy'))!.versions).toEqual([good]);
      const [r] = found(store, 'policies');
      expect([r!.path, r!.repaired, found(store, 'policies').length]).toEqual(['versions.1', true, 1]);
      expect(r!.reason).toContain('versions.2');
      // Saving again appends the current text; the damaged versions stay stored as they were.
      await store.savePolicy('b.policy', 'v5', '新');
      const db = await openDB(DB_NAME);
      expect(((await db.get('policies', 'b.policy')) as { versions: unknown[] }).versions).toEqual([
        good,
        ...bad,
        { text: 'v4', savedAt: 's4' },
      ]);
      db.close();
    });

    it('a current text whose note is not text keeps the policy and its versions; the note is left out and reported', async () => {
      const store = await damage([
        'policies',
        {
          path: 'c.policy',
          text: 'v2',
          savedAt: 's2',
          note: { html: '<b>x</b>' },
          versions: [{ text: 'v1', savedAt: 's1' }],
        },
      ]);
      const p = (await store.getPolicy('c.policy'))!;
      expect([p.text, p.note, p.versions.length]).toEqual(['v2', undefined, 1]);
      expect(found(store, 'policies').map((r) => [r.path, r.repaired])).toEqual([['note', true]]);
      // A new note replaces the damaged one.
      await store.setNote('c.policy', p, '修好了');
      expect((await store.getPolicy('c.policy'))!.note).toBe('修好了');
      expect(await store.damaged()).toEqual([]);
    });

    it('reports a damaged record once, however often it is read', async () => {
      const store = await damage(['policies', { path: 'n.policy', text: 5 }]);
      await store.listPolicies();
      await store.listPolicies();
      await store.getPolicy('n.policy');
      expect(found(store, 'policies')).toHaveLength(1);
    });
  });
});
