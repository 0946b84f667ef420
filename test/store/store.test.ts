import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { openDB } from 'idb';
import { DB_NAME, Store, type RosterChunk, type RosterMeta } from '../../src/store/index.js';

const meta = (id: string, chunkCount: number): RosterMeta => ({
  id, name: 'a.csv', fileName: 'a.csv', policyPath: 'gaotai-2021.policy', createdAt: '2026-11-23T00:00:00Z',
  rowCount: chunkCount * 2, chunkCount, headers: ['姓名'], params: {}, summary: { county: {} },
});
const chunk = (rosterId: string, index: number): RosterChunk => ({ rosterId, index, rows: [{ row: 1 }], results: [{ row: 1 }], cells: [['张三']] });

describe('store', () => {
  beforeEach(async () => { await (await Store.open()).clearAll(); });
  it('keeps policies with their version history', async () => {
    const store = await Store.open();
    await store.savePolicy('a.policy', 'v1');
    await store.savePolicy('a.policy', 'v2');
    const [p] = await store.listPolicies();
    expect(p!.text).toBe('v2');
    expect(p!.versions.map((v) => v.text)).toEqual(['v1']);
  });
  it('writes a roster and its chunks together, and deletes them together', async () => {
    const store = await Store.open();
    await store.saveRoster(meta('r1', 3), [chunk('r1', 0), chunk('r1', 1), chunk('r1', 2)]);
    expect((await store.listRosters()).map((r) => r.id)).toEqual(['r1']);
    expect(await store.getChunk('r1', 2)).not.toBeNull();
    await store.deleteRoster('r1');
    expect(await store.listRosters()).toEqual([]);
    expect(await store.getChunk('r1', 0)).toBeNull();
  });
  it('leaves nothing behind when a write fails midway (one transaction)', async () => {
    const store = await Store.open();
    const unstorable = { ...chunk('r2', 1), rows: [() => 0] } as RosterChunk; // a function cannot be cloned into IndexedDB
    await expect(store.saveRoster(meta('r2', 2), [chunk('r2', 0), unstorable])).rejects.toThrow();
    expect(await store.listRosters()).toEqual([]);
    expect(await store.getChunk('r2', 0)).toBeNull();
  });
  it('sweeps chunks of an import that never committed, and rejects hostile records on reading', async () => {
    await Store.open();
    const db = await openDB(DB_NAME, 1);
    await db.put('chunks', chunk('ghost', 0));
    await db.put('rosters', { id: 'evil', name: 42, __proto__: { polluted: true } });
    await db.put('policies', { path: 'x.policy', text: 5 });
    db.close();
    const store = await Store.open();
    expect(store.memoryOnly).toBeNull();
    expect(await store.getChunk('ghost', 0)).toBeNull();
    expect(await store.listRosters()).toEqual([]);
    expect(await store.listPolicies()).toEqual([]);
  });
  it('works in memory, and says so, when IndexedDB is unavailable', async () => {
    const store = await Store.open({ available: false });
    expect(store.memoryOnly?.zh).toContain('本次会话');
    await store.savePolicy('a.policy', 'x');
    expect((await store.listPolicies()).length).toBe(1);
  });
});
