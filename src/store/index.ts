// The only code that touches IndexedDB (through idb). Validates every record it reads; falls back to memory, saying so.
import type { ZodType } from 'zod';
import type { Bilingual } from '../lang/diagnostic.js';
import type { RosterSummary } from '../lang/model.js';
import { memoryBackend, openIdb, type Backend, type Op, type StoreName } from './backend.js';
import { packCells, packResults, unpackCells, unpackResults } from './columns.js';
import { describeDamage, MAX_ISSUES, rawJson, type Rejected } from './damage.js';
import {
  CHUNK_ROWS,
  CellChunk,
  MappingRecord,
  PolicyRecord,
  ResultChunk,
  RosterFields,
  RosterRecord,
  Setting,
  StoredCellChunk,
  StoredResultChunk,
  NOTE_MAX,
  SummaryRecord,
  Version,
} from './schema.js';

export {
  CHUNK_ROWS,
  NOTE_MAX,
  NO_DAY,
  type CellChunk,
  type Coded,
  type FieldColumn,
  type MappingRecord,
  type PolicyRecord,
  type ResultChunk,
  type RosterRecord,
  type Version,
} from './schema.js';
export { MIGRATIONS, type StoreName } from './backend.js';
export type { Rejected } from './damage.js';
export { code, decodePerson, encodeCells, encodeResults, pack, storedRow, unpack, type RoleTexts } from './columns.js';

/** file:// pages share one origin: an app-specific name. */
export const DB_NAME = 'yibao-rules';

/** A committed roster as listed: its record and its summary. */
export type RosterMeta = RosterRecord & { summary: RosterSummary };

/** A storage failure the clerk should read (quota, blocked database …), in both languages. */
export class StorageError extends Error {
  constructor(readonly bilingual: Bilingual) {
    super(bilingual.en);
  }
}

const QUOTA: Bilingual = {
  zh: '存储空间已满：请删除不用的花名册后重试（未保存任何部分）',
  en: 'Storage is full: delete rosters you no longer need and try again (nothing was partly saved)',
};

/** Explains a failed write in both languages. */
export function storageMessage(e: unknown): Bilingual {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return QUOTA;
  const text = e instanceof Error ? e.message : String(e);
  return { zh: `保存失败：${text}`, en: `Saving failed: ${text}` };
}

export const MEMORY_ONLY_UNAVAILABLE: Bilingual = {
  zh: '此浏览器无法使用本地存储（可能是无痕窗口或受策略限制）：数据仅保存在本次会话内',
  en: 'Local storage is unavailable (private window or browser policy): data is kept for this session only',
};

/** A note as stored: trimmed, line breaks as \n, none when empty; longer than NOTE_MAX is refused. */
function checkedNote(note: string | undefined): string | undefined {
  const n = note?.replace(/\r\n?/g, '\n').trim();
  if (!n) return undefined;
  if (n.length > NOTE_MAX)
    throw new StorageError({
      zh: `备注最多 ${NOTE_MAX} 个字（现有 ${n.length} 个）：请删短后再保存，未保存任何内容`,
      en: `A note may have at most ${NOTE_MAX} characters (this one has ${n.length}): shorten it and save again; nothing was saved`,
    });
  return n;
}

/** The record with its note set, or without the `note` field when there is none. */
function withNote<T extends object>(record: T, note: string | undefined): T & { note?: string } {
  const { note: _old, ...rest } = record as T & { note?: unknown };
  return (note === undefined ? rest : { ...rest, note }) as T & { note?: string };
}

/** Web Locks, where the browser has them: an import holds `yibao-import:<id>` so another tab does not sweep it. */
const locks = (): LockManager | undefined => (globalThis.navigator as Navigator | undefined)?.locks;
export const importLockName = (rosterId: string) => `yibao-import:${rosterId}`;

export interface OpenOptions {
  /** false: behave as if IndexedDB were missing (tests, or a user choice). */
  available?: boolean;
  /** Milliseconds to wait for a blocked upgrade (another tab holding an old version) before working in memory. */
  blockedTimeoutMs?: number;
}

export class Store {
  private readonly damage = new Map<string, Rejected>();

  /** Records that failed validation on reading, once each, with the reason (shown in Settings). None is deleted unasked. */
  get rejected(): Rejected[] {
    return [...this.damage.values()];
  }

  private constructor(
    private readonly backend: Backend,
    readonly memoryOnly: Bilingual | null,
  ) {}

  /** Opens the database and sweeps unfinished imports; when IndexedDB is unavailable, works in memory for this session and says why. */
  static async open(options: OpenOptions = {}): Promise<Store> {
    if (options.available === false || !globalThis.indexedDB)
      return new Store(memoryBackend(), MEMORY_ONLY_UNAVAILABLE);
    let backend: Backend;
    try {
      backend = await new Promise<Backend>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new StorageError({
                zh: '本地数据库被另一个打开的窗口占用（旧版本）：请关闭其他窗口',
                en: 'The local database is held by another open window (older version): close the other windows',
              }),
            ),
          options.blockedTimeoutMs ?? 5000,
        );
        openIdb(DB_NAME, () => {
          /* blocked: the timer decides */
        }).then(
          (b) => {
            clearTimeout(timer);
            resolve(b);
          },
          (e: unknown) => {
            clearTimeout(timer);
            reject(e);
          },
        );
      });
    } catch (e) {
      const why = e instanceof StorageError ? e.bilingual : storageMessage(e);
      return new Store(memoryBackend(), {
        zh: `无法打开本地数据库（${why.zh}）：数据仅保存在本次会话内`,
        en: `Cannot open the local database (${why.en}): data is kept for this session only`,
      });
    }
    const store = new Store(backend, null);
    await store.sweep();
    return store;
  }

  close(): void {
    this.backend.close();
  }

  private async read<T>(store: StoreName, schema: ZodType<T>, key: IDBValidKey): Promise<T | null> {
    const raw = await this.backend.get(store, key);
    if (raw === undefined) return null;
    return this.check(store, schema, raw, key);
  }

  private check<T>(store: StoreName, schema: ZodType<T>, raw: unknown, key: IDBValidKey): T | null {
    const p = schema.safeParse(raw);
    if (p.success) return p.data;
    this.report(describeDamage(store, key, p.error.issues, null));
    return null;
  }

  private report(r: Rejected): void {
    this.damage.set(`${r.store}\n${JSON.stringify(r.ref)}`, r);
  }

  /** Every record of a store with its key (getAll and getAllKeys list in the same key order). */
  private async entries(store: StoreName): Promise<[IDBValidKey, unknown][]> {
    const [keys, values] = await Promise.all([this.backend.getAllKeys(store), this.backend.getAll(store)]);
    return keys.map((k, i) => [k, values[i]]);
  }

  private async readAll<T>(store: StoreName, schema: ZodType<T>): Promise<T[]> {
    return (await this.entries(store)).flatMap(([key, raw]) => {
      const v = this.check(store, schema, raw, key);
      return v === null ? [] : [v];
    });
  }

  private async write(ops: Op[]): Promise<void> {
    try {
      await this.backend.write(ops);
    } catch (e) {
      throw new StorageError(storageMessage(e));
    }
  }

  /**
   * Removes what an import left unfinished (tab closed midway): pending rosters no live import holds, and chunks of no roster.
   * Reads keys only: reading the chunks themselves would load a whole county.
   */
  async sweep(): Promise<void> {
    const held = new Set<string>();
    const lm = locks();
    if (lm)
      for (const l of [...((await lm.query()).held ?? []), ...((await lm.query()).pending ?? [])])
        if (l.name) held.add(l.name);
    const records = await this.readAll('rosters', RosterFields);
    const stale = records.filter((r) => r.status === 'pending' && !held.has(importLockName(r.id)));
    // A damaged roster record keeps its chunks: it may be repaired from them, or exported, or deleted by the clerk.
    const live = new Set<unknown>(await this.backend.getAllKeys('rosters'));
    for (const r of stale) live.delete(r.id);
    const ops: Op[] = stale.flatMap((r): Op[] => [
      { delete: 'rosters', key: r.id },
      { delete: 'summaries', key: r.id },
      { deleteChunksOf: r.id },
    ]);
    const orphanIds = new Set<string>();
    for (const s of ['cellChunks', 'resultChunks', 'summaries'] as const) {
      for (const key of await this.backend.getAllKeys(s)) {
        const id = Array.isArray(key) ? key[0] : key;
        if (typeof id === 'string' && !live.has(id)) orphanIds.add(id);
      }
    }
    for (const id of orphanIds) ops.push({ delete: 'summaries', key: id }, { deleteChunksOf: id });
    if (ops.length) await this.write(ops);
  }

  // ── Policies ──────────────────────────────────────────────────────────────

  async listPolicies(): Promise<PolicyRecord[]> {
    return (await this.entries('policies')).flatMap(([key, raw]) => {
      const p = this.checkPolicy(raw, key);
      return p ? [p] : [];
    });
  }

  async getPolicy(path: string): Promise<PolicyRecord | null> {
    const raw = await this.backend.get('policies', path);
    return raw === undefined ? null : this.checkPolicy(raw, path);
  }

  /**
   * A policy with its good versions; a damaged version (a bad text, time or note) is left out and reported, and a
   * damaged note of the current text is dropped and reported (both stay stored).
   */
  private checkPolicy(raw: unknown, key: IDBValidKey): PolicyRecord | null {
    const p = this.check('policies', PolicyRecord, raw, key);
    if (!p) return null;
    const { versions, note } = raw as { versions?: unknown; note?: unknown };
    const badNote = note !== undefined && p.note === undefined;
    const bad = Array.isArray(versions) ? versions.length - p.versions.length : versions === undefined ? 0 : 1;
    if (bad === 0 && !badNote) return p;
    const issues: { path: (string | number)[]; message: string }[] = [];
    if (badNote) issues.push({ path: ['note'], message: `not a note (text of at most ${NOTE_MAX} characters)` });
    if (!Array.isArray(versions)) issues.push({ path: ['versions'], message: 'expected an array of versions' });
    for (let i = 0; Array.isArray(versions) && i < versions.length && issues.length < MAX_ISSUES; i++) {
      if (!Version.safeParse(versions[i]).success)
        issues.push({ path: ['versions', i], message: 'not a saved version (text, savedAt, optional note)' });
    }
    const n = p.versions.length;
    const kept = badNote
      ? bad === 0
        ? {
            zh: '规则和历史版本仍可使用，损坏的备注已略过',
            en: 'the policy and its versions are kept; the damaged note is left out',
          }
        : {
            zh: `规则和 ${n} 个完好的历史版本仍可使用，损坏的版本和备注已略过`,
            en: `the policy and its ${n} good earlier versions are kept; the damaged versions and note are left out`,
          }
      : {
          zh: `规则和 ${n} 个完好的历史版本仍可使用，损坏的版本已略过`,
          en: `the policy and its ${n} good earlier versions are kept; the damaged versions are left out`,
        };
    this.report(describeDamage('policies', key, issues, kept, bad + (badNote ? 1 : 0)));
    return p;
  }

  /**
   * Saves a policy text with its note (这次改了什么, optional); the text it replaces is appended to its version
   * history with that text's note. An unchanged text adds no version (a new note replaces the current one).
   * A damaged record is not lost: its raw versions are kept, and a record that cannot be read becomes a (damaged) version.
   * A note longer than NOTE_MAX is refused (StorageError), nothing saved.
   */
  async savePolicy(path: string, text: string, note?: string): Promise<PolicyRecord> {
    const n = checkedNote(note);
    const raw = await this.backend.get('policies', path);
    const old = raw === undefined ? null : this.checkPolicy(raw, path);
    if (old && old.text === text && (n === undefined || n === old.note)) return old;
    const rawVersions = (raw as { versions?: unknown } | undefined)?.versions;
    const kept = (v: unknown): unknown[] => (v === undefined ? [] : [v]);
    const earlier: unknown[] = old ? (Array.isArray(rawVersions) ? rawVersions : kept(rawVersions)) : kept(raw);
    if (old && old.text === text) {
      // The same text with a new note: the note changes, the text stays the current one (no version added).
      await this.write([{ put: 'policies', value: withNote(raw as object, n) }]);
      return { ...old, note: n };
    }
    const versions = old ? [...earlier, withNote({ text: old.text, savedAt: old.savedAt }, old.note)] : earlier;
    const now = new Date().toISOString();
    await this.write([{ put: 'policies', value: withNote({ path, text, savedAt: now, versions }, n) }]);
    return {
      path,
      text,
      savedAt: now,
      note: n,
      versions: versions.filter((v) => Version.safeParse(v).success) as PolicyRecord['versions'],
    };
  }

  /**
   * Adds, changes or (with an empty note) removes the note of a saved text: the current one or an earlier version,
   * named by its time and text. Damaged versions stay stored as they are. Null: no such version (nothing written).
   */
  async setNote(path: string, at: { savedAt: string; text: string }, note: string): Promise<PolicyRecord | null> {
    const n = checkedNote(note);
    const raw = await this.backend.get('policies', path);
    const old = raw === undefined ? null : this.checkPolicy(raw, path);
    if (!old) return null;
    const stored = raw as Record<string, unknown>;
    const same = (v: unknown) => {
      const p = Version.safeParse(v);
      return p.success && p.data.savedAt === at.savedAt && p.data.text === at.text;
    };
    let value: Record<string, unknown>;
    if (old.savedAt === at.savedAt && old.text === at.text) value = withNote(stored, n);
    else {
      const versions = Array.isArray(stored.versions) ? (stored.versions as unknown[]) : null;
      let i = versions ? versions.length - 1 : -1;
      while (i >= 0 && !same(versions![i])) i--;
      if (!versions || i < 0) return null;
      const changed = [...versions];
      changed[i] = withNote(changed[i] as Record<string, unknown>, n);
      value = { ...stored, versions: changed };
    }
    await this.write([{ put: 'policies', value }]);
    return this.checkPolicy(value, path);
  }

  /** Imports a policy file as a new version of the policy with that name (or a new policy). */
  importPolicy(path: string, text: string): Promise<PolicyRecord> {
    return this.savePolicy(path, text);
  }

  async deletePolicy(path: string): Promise<void> {
    await this.write([{ delete: 'policies', key: path }]);
    this.forget((r) => r.store === 'policies' && r.ref === path);
  }

  // ── Rosters ───────────────────────────────────────────────────────────────

  /** Committed rosters with their summaries, newest first. */
  async listRosters(): Promise<RosterMeta[]> {
    const records: RosterRecord[] = [];
    for (const [key, raw] of await this.entries('rosters')) {
      const r = await this.readRoster(raw, key);
      if (r?.status === 'committed') records.push(r);
    }
    const out: RosterMeta[] = [];
    for (const r of records) {
      const s = await this.read('summaries', SummaryRecord, r.id);
      if (s) out.push({ ...r, summary: s.summary as unknown as RosterSummary });
      // Not hidden without a word: listed as damaged, so the clerk can export or delete it.
      else
        this.report(
          describeDamage('rosters', r.id, [{ path: ['summary'], message: 'summary missing or damaged' }], null),
        );
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** A committed roster, or null (missing, pending, or failed validation). */
  async getRoster(id: string): Promise<RosterMeta | null> {
    const raw = await this.backend.get('rosters', id);
    const r = raw === undefined ? null : await this.readRoster(raw, id);
    if (!r || r.status !== 'committed') return null;
    const s = await this.read('summaries', SummaryRecord, id);
    return s ? { ...r, summary: s.summary as unknown as RosterSummary } : null;
  }

  /** A roster record; one whose row or chunk count is damaged is repaired from its chunks when they are whole. */
  private async readRoster(raw: unknown, key: IDBValidKey): Promise<RosterRecord | null> {
    const p = RosterRecord.safeParse(raw);
    if (p.success) return p.data;
    const fields = RosterFields.omit({ rowCount: true, chunkCount: true }).safeParse(raw);
    const repaired = fields.success ? await this.countRows(fields.data.id) : null;
    const kept: Bilingual | null = repaired && {
      zh: `已按数据块重新计算人数（${repaired.rowCount} 人），花名册仍可使用`,
      en: `the row count was rebuilt from its chunks (${repaired.rowCount} persons); the roster is still usable`,
    };
    this.report(describeDamage('rosters', key, p.error.issues, kept));
    return fields.success && repaired ? { ...fields.data, ...repaired } : null;
  }

  /** Row and chunk count from a roster's chunks: chunks 0 … n−1 of cells and results, all full but the last. Null if not whole. */
  private async countRows(id: string): Promise<{ rowCount: number; chunkCount: number } | null> {
    const indices = async (s: StoreName) =>
      (await this.backend.getAllKeys(s)).filter((k) => Array.isArray(k) && k[0] === id).map((k) => (k as unknown[])[1]);
    const [cells, results] = await Promise.all([indices('cellChunks'), indices('resultChunks')]);
    const n = cells.length;
    if (n === 0 || results.length !== n || cells.some((v, i) => v !== i || results[i] !== i)) return null;
    const last = await this.getCellChunk(id, n - 1);
    const first = n > 1 ? await this.getCellChunk(id, 0) : last;
    if (!last || !first || (n > 1 && first.count !== CHUNK_ROWS)) return null;
    return { rowCount: (n - 1) * CHUNK_ROWS + last.count, chunkCount: n };
  }

  /** Starts an import: the roster is recorded as pending, so a sweep can find its chunks if the import never finishes. */
  async beginRoster(record: Omit<RosterRecord, 'status'>): Promise<void> {
    await this.write([{ put: 'rosters', value: { ...record, status: 'pending' } }]);
  }

  /** Writes chunks of a pending roster (one transaction per call). */
  async putChunks(cells: CellChunk[], results: ResultChunk[]): Promise<void> {
    await this.write([
      ...cells.map((c): Op => ({ put: 'cellChunks', value: packCells(c) })),
      ...results.map((c): Op => ({ put: 'resultChunks', value: packResults(c) })),
    ]);
  }

  /** Finishes an import: the summary is written and the roster flips to committed, in one transaction. */
  async commitRoster(id: string, summary: RosterSummary): Promise<void> {
    const r = await this.read('rosters', RosterFields, id);
    if (!r)
      throw new StorageError({
        zh: '导入未完成：记录已被清除',
        en: 'The import did not finish: its record was removed',
      });
    await this.write([
      { put: 'summaries', value: { rosterId: id, summary } },
      { put: 'rosters', value: { ...r, status: 'committed' } },
    ]);
  }

  /** Removes a roster (pending or committed) and all its chunks, in one transaction. */
  async deleteRoster(id: string): Promise<void> {
    await this.write([{ delete: 'rosters', key: id }, { delete: 'summaries', key: id }, { deleteChunksOf: id }]);
    this.forget((r) => r.store !== 'policies' && (r.ref === id || (Array.isArray(r.ref) && r.ref[0] === id)));
  }

  async getSummary(id: string): Promise<RosterSummary | null> {
    return ((await this.read('summaries', SummaryRecord, id))?.summary as unknown as RosterSummary | undefined) ?? null;
  }

  async getResultChunk(id: string, index: number): Promise<ResultChunk | null> {
    const stored = await this.read('resultChunks', StoredResultChunk, [id, index]);
    const c = stored && this.check('resultChunks', ResultChunk, unpackResults(stored), [id, index]);
    return c && c.rosterId === id && c.index === index ? c : null;
  }

  async getCellChunk(id: string, index: number): Promise<CellChunk | null> {
    const stored = await this.read('cellChunks', StoredCellChunk, [id, index]);
    const c = stored && this.check('cellChunks', CellChunk, unpackCells(stored), [id, index]);
    return c && c.rosterId === id && c.index === index ? c : null;
  }

  // ── Damaged records ───────────────────────────────────────────────────────

  /** Reads every policy and roster record (small) and lists what failed validation, with chunks found damaged so far. */
  async damaged(): Promise<Rejected[]> {
    this.forget((r) => r.store === 'policies' || r.store === 'rosters');
    await this.listPolicies();
    await this.listRosters();
    return this.rejected;
  }

  /** Drops reports of records that are gone or read again. */
  private forget(gone: (r: Rejected) => boolean): void {
    for (const [k, r] of this.damage) if (gone(r)) this.damage.delete(k);
  }

  private listed(store: StoreName, ref: IDBValidKey): Rejected | undefined {
    return this.damage.get(`${store}\n${JSON.stringify(ref)}`);
  }

  /** A damaged record as stored, as JSON text (null: not a listed damaged record, or gone). */
  async damagedJson(store: StoreName, ref: IDBValidKey): Promise<string | null> {
    if (!this.listed(store, ref)) return null;
    const raw = await this.backend.get(store, ref);
    return raw === undefined ? null : rawJson(raw);
  }

  /** Deletes a listed damaged record at the clerk's request (a roster with its summary and chunks). */
  async deleteDamaged(store: StoreName, ref: IDBValidKey): Promise<void> {
    if (!this.listed(store, ref)) return;
    if (store === 'rosters' && typeof ref === 'string') return this.deleteRoster(ref);
    await this.write([{ delete: store, key: ref }]);
    this.damage.delete(`${store}\n${JSON.stringify(ref)}`);
  }

  // ── Column mappings, settings ─────────────────────────────────────────────

  /** The mapping the clerk chose for this header signature under this policy. */
  async getMapping(policyPath: string, signature: string): Promise<Record<string, string | null> | null> {
    return (await this.read('mappings', MappingRecord, `${policyPath}\n${signature}`))?.overrides ?? null;
  }

  async saveMapping(policyPath: string, signature: string, overrides: Record<string, string | null>): Promise<void> {
    await this.write([
      { put: 'mappings', value: { key: `${policyPath}\n${signature}`, overrides, savedAt: new Date().toISOString() } },
    ]);
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return ((await this.read('settings', Setting, key))?.value as T | undefined) ?? undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.write([{ put: 'settings', value: { key, value } }]);
  }

  /** Deletes every policy edit, roster, mapping and setting. */
  async clearAll(): Promise<void> {
    const ops: Op[] = [];
    for (const s of [
      'policies',
      'rosters',
      'summaries',
      'cellChunks',
      'resultChunks',
      'mappings',
      'settings',
    ] as const) {
      for (const key of await this.backend.getAllKeys(s)) ops.push({ delete: s, key });
    }
    await this.write(ops);
    this.damage.clear();
  }

  // ── Browser storage ───────────────────────────────────────────────────────

  /** Bytes used and available for this origin, when the browser says. */
  static async estimate(): Promise<{ usage: number; quota: number } | null> {
    const s = (globalThis.navigator as Navigator | undefined)?.storage;
    if (!s?.estimate) return null;
    const e = await s.estimate();
    return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
  }

  /** Asks the browser not to evict this origin's data under storage pressure. */
  static async persist(): Promise<boolean> {
    try {
      return (await (globalThis.navigator as Navigator | undefined)?.storage?.persist?.()) ?? false;
    } catch {
      return false;
    }
  }
}
