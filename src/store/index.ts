// The only code that touches IndexedDB (through idb). Falls back to memory, saying so, when storage is unavailable.
import { openDB, type IDBPDatabase } from 'idb';
import { PolicyRecord, RosterChunk, RosterMeta, Setting } from './schema.js';
import type { Bilingual } from '../lang/diagnostic.js';

export { type PolicyRecord, type RosterMeta, type RosterChunk } from './schema.js';

/** file:// pages share one origin: an app-specific name. */
export const DB_NAME = 'yibao-rules';
export const CHUNK_ROWS = 5000;

/** Schema migrations, in order; the database version is their count. */
const MIGRATIONS: ((db: IDBPDatabase) => void)[] = [
  (db) => {
    db.createObjectStore('policies', { keyPath: 'path' });
    db.createObjectStore('rosters', { keyPath: 'id' });
    db.createObjectStore('chunks', { keyPath: ['rosterId', 'index'] });
    db.createObjectStore('settings', { keyPath: 'key' });
  },
];

interface Backend {
  get(store: string, key: IDBValidKey): Promise<unknown>;
  getAll(store: string): Promise<unknown[]>;
  getAllKeys(store: string): Promise<IDBValidKey[]>;
  put(store: string, value: unknown): Promise<void>;
  /** Writes all values in one transaction: all or nothing. */
  putAll(entries: [string, unknown][]): Promise<void>;
  deleteWhere(store: string, keys: IDBValidKey[]): Promise<void>;
  clear(): Promise<void>;
}

function keyOf(store: string, v: Record<string, unknown>): string {
  return store === 'chunks' ? `${v.rosterId}/${v.index}` : String(v[store === 'policies' ? 'path' : store === 'settings' ? 'key' : 'id']);
}

function memoryBackend(): Backend {
  const stores = new Map<string, Map<string, unknown>>(['policies', 'rosters', 'chunks', 'settings'].map((s) => [s, new Map()]));
  const k = (key: IDBValidKey) => (Array.isArray(key) ? key.join('/') : String(key));
  return {
    get: async (s, key) => stores.get(s)!.get(k(key)),
    getAll: async (s) => [...stores.get(s)!.values()],
    getAllKeys: async (s) => [...stores.get(s)!.values()].map((v) => { const c = v as { rosterId?: string; index?: number }; return s === 'chunks' ? [c.rosterId!, c.index!] : keyOf(s, v as Record<string, unknown>); }),
    put: async (s, v) => { stores.get(s)!.set(keyOf(s, v as Record<string, unknown>), structuredClone(v)); },
    putAll: async (entries) => {
      const copies = entries.map(([s, v]) => [s, structuredClone(v)] as const); // throws before anything is written
      for (const [s, v] of copies) stores.get(s)!.set(keyOf(s, v as Record<string, unknown>), v);
    },
    deleteWhere: async (s, keys) => { for (const key of keys) stores.get(s)!.delete(k(key)); },
    clear: async () => { for (const m of stores.values()) m.clear(); },
  };
}

function idbBackend(db: IDBPDatabase): Backend {
  return {
    get: (s, key) => db.get(s, key),
    getAll: (s) => db.getAll(s),
    getAllKeys: (s) => db.getAllKeys(s),
    put: async (s, v) => { await db.put(s, v); },
    putAll: async (entries) => {
      const names = [...new Set(entries.map(([s]) => s))];
      const tx = db.transaction(names, 'readwrite');
      const puts: Promise<unknown>[] = [];
      try {
        for (const [s, v] of entries) puts.push(tx.objectStore(s).put(v));
      } catch (e) {
        // A value that cannot be stored throws here: abort, or the puts before it would commit.
        tx.abort();
        await Promise.allSettled([...puts, tx.done]);
        throw e;
      }
      await Promise.all([...puts, tx.done]);
    },
    deleteWhere: async (s, keys) => {
      const tx = db.transaction(s, 'readwrite');
      for (const key of keys) void tx.store.delete(key);
      await tx.done;
    },
    clear: async () => {
      const tx = db.transaction(['policies', 'rosters', 'chunks', 'settings'], 'readwrite');
      await Promise.all(['policies', 'rosters', 'chunks', 'settings'].map((s) => tx.objectStore(s).clear()));
      await tx.done;
    },
  };
}

export class StorageError extends Error {
  constructor(readonly bilingual: Bilingual) {
    super(bilingual.en);
  }
}

function explain(e: unknown): Bilingual {
  const name = e instanceof DOMException ? e.name : '';
  if (name === 'QuotaExceededError') return { zh: '存储空间已满：请删除不用的花名册后重试', en: 'Storage is full: delete rosters you no longer need and try again' };
  return { zh: `保存失败：${e instanceof Error ? e.message : String(e)}`, en: `Saving failed: ${e instanceof Error ? e.message : String(e)}` };
}

export class Store {
  private constructor(private backend: Backend, readonly memoryOnly: Bilingual | null) {}

  /** Opens the database; when IndexedDB is unavailable the store works in memory for this session and says why. */
  static async open(options: { available?: boolean } = {}): Promise<Store> {
    if (options.available === false || !globalThis.indexedDB) return new Store(memoryBackend(), { zh: '此浏览器无法使用本地存储（可能是无痕窗口或受策略限制）：数据仅保存在本次会话内', en: 'Local storage is unavailable (private window or policy): data is kept for this session only' });
    try {
      const db = await openDB(DB_NAME, MIGRATIONS.length, {
        upgrade(db, oldVersion) { for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v]!(db); },
        blocked() { /* another tab holds an older version; opening waits */ },
      });
      const store = new Store(idbBackend(db), null);
      await store.sweepUncommitted();
      return store;
    } catch (e) {
      return new Store(memoryBackend(), { zh: `无法打开本地数据库（${e instanceof Error ? e.message : String(e)}）：数据仅保存在本次会话内`, en: `Cannot open the local database (${e instanceof Error ? e.message : String(e)}): data is kept for this session only` });
    }
  }

  /** Chunks left by an import that never committed (tab closed midway) are removed. */
  private async sweepUncommitted(): Promise<void> {
    const ids = new Set((await this.listRosters()).map((r) => r.id));
    // Keys only: reading the chunks themselves would load a whole county.
    const keys = (await this.backend.getAllKeys('chunks')) as [string, number][];
    const orphans = keys.filter(([rosterId]) => !ids.has(rosterId)) as IDBValidKey[];
    if (orphans.length) await this.backend.deleteWhere('chunks', orphans);
  }

  async listPolicies(): Promise<PolicyRecord[]> {
    return (await this.backend.getAll('policies')).flatMap((r) => { const p = PolicyRecord.safeParse(r); return p.success ? [p.data] : []; });
  }

  /** Saves a policy text, appending the previous text to its version history. */
  async savePolicy(path: string, text: string): Promise<PolicyRecord> {
    const old = PolicyRecord.safeParse(await this.backend.get('policies', path));
    const now = new Date().toISOString();
    const record: PolicyRecord = { path, text, savedAt: now, versions: old.success ? [...old.data.versions, { text: old.data.text, savedAt: old.data.savedAt }] : [] };
    try { await this.backend.put('policies', record); } catch (e) { throw new StorageError(explain(e)); }
    return record;
  }

  async deletePolicy(path: string): Promise<void> {
    await this.backend.deleteWhere('policies', [path]);
  }

  async listRosters(): Promise<RosterMeta[]> {
    return (await this.backend.getAll('rosters')).flatMap((r) => { const p = RosterMeta.safeParse(r); return p.success ? [p.data] : []; });
  }

  /** Writes the roster and all its chunks in one transaction: the import commits whole or leaves nothing. */
  async saveRoster(meta: RosterMeta, chunks: RosterChunk[]): Promise<void> {
    try {
      await this.backend.putAll([...chunks.map((c): [string, unknown] => ['chunks', c]), ['rosters', meta]]);
    } catch (e) {
      throw new StorageError(explain(e));
    }
  }

  async getRoster(id: string): Promise<RosterMeta | null> {
    const p = RosterMeta.safeParse(await this.backend.get('rosters', id));
    return p.success ? p.data : null;
  }

  async getChunk(id: string, index: number): Promise<RosterChunk | null> {
    const p = RosterChunk.safeParse(await this.backend.get('chunks', [id, index]));
    return p.success ? p.data : null;
  }

  async deleteRoster(id: string): Promise<void> {
    const meta = await this.getRoster(id);
    await this.backend.deleteWhere('rosters', [id]);
    if (meta) await this.backend.deleteWhere('chunks', Array.from({ length: meta.chunkCount }, (_, i) => [id, i]));
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const p = Setting.safeParse(await this.backend.get('settings', key));
    return p.success ? (p.data.value as T) : undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.backend.put('settings', { key, value });
  }

  async clearAll(): Promise<void> {
    await this.backend.clear();
  }

  /** Bytes used and available for this origin, when the browser says. */
  static async estimate(): Promise<{ usage: number; quota: number } | null> {
    const s = globalThis.navigator?.storage;
    if (!s?.estimate) return null;
    const e = await s.estimate();
    return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
  }

  static async persist(): Promise<boolean> {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  }
}
