// Two backends behind one small interface: IndexedDB (through idb) and memory, for when IndexedDB is unavailable.
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';

export type StoreName = 'policies' | 'rosters' | 'summaries' | 'cellChunks' | 'resultChunks' | 'mappings' | 'settings';
export const STORE_NAMES: StoreName[] = [
  'policies',
  'rosters',
  'summaries',
  'cellChunks',
  'resultChunks',
  'mappings',
  'settings',
];
const KEY_PATHS: Record<StoreName, string | string[]> = {
  policies: 'path',
  rosters: 'id',
  summaries: 'rosterId',
  cellChunks: ['rosterId', 'index'],
  resultChunks: ['rosterId', 'index'],
  mappings: 'key',
  settings: 'key',
};

/** One change in a write: store a value, delete a key, or delete every chunk of a roster. */
export type Op =
  { put: StoreName; value: unknown } | { delete: StoreName; key: IDBValidKey } | { deleteChunksOf: string };

export interface Backend {
  get(store: StoreName, key: IDBValidKey): Promise<unknown>;
  getAll(store: StoreName): Promise<unknown[]>;
  getAllKeys(store: StoreName): Promise<IDBValidKey[]>;
  /** Applies every change in one transaction: all or nothing. */
  write(ops: Op[]): Promise<void>;
  close(): void;
}

type Upgrade = (db: IDBPDatabase, tx: IDBPTransaction<unknown, StoreName[], 'versionchange'>) => void;

/**
 * Schema migrations, in order; the database version is their count. Append, never edit: a clerk's database may be at any version.
 */
export const MIGRATIONS: Upgrade[] = [
  // 1: first release of the workbench (row-oriented chunks).
  (db) => {
    db.createObjectStore('policies', { keyPath: 'path' });
    db.createObjectStore('rosters', { keyPath: 'id' });
    db.createObjectStore('chunks', { keyPath: ['rosterId', 'index'] });
    db.createObjectStore('settings', { keyPath: 'key' });
  },
  // 2: column-oriented cell and result chunks, summaries apart from the roster list, pending/committed rosters, remembered mappings.
  // Version-1 rosters (a development build only) cannot be converted without the policy they were read with: they are removed
  // and a notice is left for the app to show; policies and settings are kept.
  (db, tx) => {
    db.deleteObjectStore('chunks');
    void tx.objectStore('rosters').clear();
    void tx.objectStore('settings').put({
      key: 'notice',
      value: {
        zh: '数据格式已更新：请重新导入以前的花名册',
        en: 'The data format was updated: please import earlier rosters again',
      },
    });
    db.createObjectStore('summaries', { keyPath: 'rosterId' });
    db.createObjectStore('cellChunks', { keyPath: ['rosterId', 'index'] });
    db.createObjectStore('resultChunks', { keyPath: ['rosterId', 'index'] });
    db.createObjectStore('mappings', { keyPath: 'key' });
  },
];

/** Every chunk key of a roster: [id, -∞] … [id, []] (an array sorts after every number). */
const chunkRange = (rosterId: string) => IDBKeyRange.bound([rosterId, -Infinity], [rosterId, []]);

export async function openIdb(name: string, onBlocked: () => void): Promise<Backend> {
  const db = await openDB(name, MIGRATIONS.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < MIGRATIONS.length; v++)
        MIGRATIONS[v]!(db, tx as unknown as IDBPTransaction<unknown, StoreName[], 'versionchange'>);
    },
    blocked: onBlocked,
    // Another tab (a newer app) wants to upgrade: let it, this connection closes.
    blocking() {
      db.close();
    },
  });
  return {
    get: (s, key) => db.get(s, key),
    getAll: (s) => db.getAll(s),
    getAllKeys: (s) => db.getAllKeys(s),
    async write(ops) {
      const names = new Set<StoreName>();
      for (const op of ops) {
        if ('put' in op) names.add(op.put);
        else if ('delete' in op) names.add(op.delete);
        else {
          names.add('cellChunks');
          names.add('resultChunks');
        }
      }
      const tx = db.transaction([...names], 'readwrite');
      const requests: Promise<unknown>[] = [];
      try {
        for (const op of ops) {
          if ('put' in op) requests.push(tx.objectStore(op.put).put(op.value));
          else if ('delete' in op) requests.push(tx.objectStore(op.delete).delete(op.key));
          else
            for (const s of ['cellChunks', 'resultChunks'] as const)
              requests.push(tx.objectStore(s).delete(chunkRange(op.deleteChunksOf)));
        }
      } catch (e) {
        // A value that cannot be cloned throws here, synchronously: abort, or the requests before it would commit.
        tx.abort();
        await Promise.allSettled([...requests, tx.done]);
        throw e;
      }
      // The first failure (e.g. QuotaExceededError) aborts the whole transaction.
      const settled = await Promise.allSettled([...requests, tx.done]);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw tx.error ?? failed.reason;
    },
    close: () => db.close(),
  };
}

/** The same interface over Maps, for a session without IndexedDB. Values are cloned, as IndexedDB would. */
export function memoryBackend(): Backend {
  const stores = new Map<StoreName, Map<string, unknown>>(STORE_NAMES.map((s) => [s, new Map()]));
  const keyOf = (s: StoreName, v: unknown): IDBValidKey => {
    const path = KEY_PATHS[s];
    const o = v as Record<string, IDBValidKey>;
    return Array.isArray(path) ? path.map((p) => o[p]!) : o[path]!;
  };
  const k = (key: IDBValidKey) => JSON.stringify(key);
  return {
    get: async (s, key) => structuredClone(stores.get(s)!.get(k(key))),
    getAll: async (s) => structuredClone([...stores.get(s)!.values()]),
    getAllKeys: async (s) => [...stores.get(s)!.values()].map((v) => keyOf(s, v)),
    async write(ops) {
      // Clone first: a value that cannot be stored throws before anything changes.
      const cloned = ops.map((op) => ('put' in op ? { put: op.put, value: structuredClone(op.value) } : op));
      for (const op of cloned) {
        if ('put' in op) stores.get(op.put)!.set(k(keyOf(op.put, op.value)), op.value);
        else if ('delete' in op) stores.get(op.delete)!.delete(k(op.key));
        else
          for (const s of ['cellChunks', 'resultChunks'] as const) {
            const m = stores.get(s)!;
            for (const [key, v] of m) if ((v as { rosterId: string }).rosterId === op.deleteChunksOf) m.delete(key);
          }
      }
    },
    close() {},
  };
}
