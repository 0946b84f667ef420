// Describes a stored record that failed validation (bounded: a few issues, short texts) and turns it into JSON to export.
import type { Bilingual } from '../lang/diagnostic.js';
import type { StoreName } from './backend.js';

/** Issues and characters kept per report: a hostile record costs no more than this to describe. */
export const MAX_ISSUES = 5;
const MAX_TEXT = 200;

/** A record read back that failed validation. It stays stored until the clerk exports or deletes it. */
export interface Rejected {
  store: StoreName;
  /** The record's key as stored (to export or delete it). */
  ref: IDBValidKey;
  /** The key as shown (JSON, shortened). */
  key: string;
  /** Where validation failed first (zod issue path), '' for the record itself. */
  path: string;
  /** What is wrong and what was kept, for the clerk. */
  summary: Bilingual;
  /** The validation issues, for support (at most a few, shortened). */
  reason: string;
  /** The record is still used, repaired on reading (e.g. a row count rebuilt from the chunks, a bad version left out). */
  repaired: boolean;
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

const shorten = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…（${s.length}）` : s);
const pathOf = (i: Issue) => shorten(i.path.map(String).join('.'));

const KIND: Record<StoreName, Bilingual> = {
  policies: { zh: '规则文件', en: 'Policy' },
  rosters: { zh: '花名册', en: 'Roster' },
  summaries: { zh: '汇总', en: 'Summary' },
  cellChunks: { zh: '花名册原始数据块', en: 'Roster cell chunk' },
  resultChunks: { zh: '计算结果数据块', en: 'Result chunk' },
  mappings: { zh: '列对应关系', en: 'Column mapping' },
  settings: { zh: '设置', en: 'Setting' },
};

/** The report of one damaged record; `kept` says in both languages what still works; `total`: issues found, if more. */
export function describeDamage(
  store: StoreName,
  ref: IDBValidKey,
  issues: readonly Issue[],
  kept: Bilingual | null,
  total = issues.length,
): Rejected {
  const first = issues[0];
  const path = first ? pathOf(first) : '';
  const where = path ? { zh: `（字段 ${path}）`, en: ` (field ${path})` } : { zh: '', en: '' };
  const k = KIND[store];
  const summary: Bilingual = kept
    ? { zh: `${k.zh}记录部分损坏${where.zh}：${kept.zh}`, en: `${k.en} record partly damaged${where.en}: ${kept.en}` }
    : {
        zh: `${k.zh}记录损坏${where.zh}，无法使用：可导出给技术支持，或删除`,
        en: `${k.en} record damaged${where.en} and cannot be used: export it for support, or delete it`,
      };
  const listed = issues.slice(0, MAX_ISSUES).map((i) => `${pathOf(i) || '(record)'}: ${shorten(i.message)}`);
  if (total > listed.length) listed.push(`… +${total - listed.length}`);
  const key = shorten(JSON.stringify(ref) ?? String(ref));
  return { store, ref, key, path, summary, reason: listed.join('; '), repaired: kept !== null };
}

/** A raw record as JSON text (typed arrays as plain arrays), for the clerk to export. */
export function rawJson(raw: unknown): string {
  const plain = (_k: string, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Uint8Array) : v;
  return JSON.stringify(raw, plain, 2) ?? 'null';
}
