// A stored roster as the reader first saw it: its cell rows at their original row numbers, and its column choices.
import { CHUNK_ROWS, storedRow, type RosterMeta, type Store } from '../store/index.js';
import { UserError } from './errors.js';

const DAMAGED = (chunk: number) =>
  new UserError({
    zh: `花名册原始数据缺失或已损坏（第 ${chunk + 1} 块），无法重新计算：请重新导入原文件`,
    en: `The roster's cells are missing or damaged (chunk ${chunk + 1}) and cannot be computed again: import the file again`,
  });

/**
 * The table the roster was read from: the header, then each stored row at its data row number (rows the reader
 * skipped as blank stay blank), so a new reading numbers every person as the first one did.
 */
export async function storedTable(store: Store, meta: RosterMeta): Promise<string[][]> {
  const table: string[][] = [meta.headers];
  for (let c = 0; c < meta.chunkCount; c++) {
    const [cells, results] = await Promise.all([store.getCellChunk(meta.id, c), store.getResultChunk(meta.id, c)]);
    const expected = Math.min(CHUNK_ROWS, meta.rowCount - c * CHUNK_ROWS);
    if (!cells || !results || cells.count !== expected || results.count !== expected) throw DAMAGED(c);
    for (let k = 0; k < cells.count; k++) {
      const row = results.row[k]!;
      while (table.length < row) table.push([]);
      table[row] = storedRow(cells, k); // a short row stays short
    }
  }
  return table;
}

/** The clerk's column choices as header overrides; each stored column index must name its header unambiguously. */
export function storedOverrides(meta: RosterMeta): Record<string, string | null> {
  const out: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const m of meta.mapping) {
    const header = m.index === null ? null : (meta.headers[m.index] ?? null);
    if (header !== null && meta.headers.indexOf(header) !== m.index) {
      throw new UserError({
        zh: `花名册有两列都叫“${header}”，无法确定“${m.field}”读哪一列：请重新导入原文件`,
        en: `Two roster columns are named “${header}”, so which one “${m.field}” reads is unclear: import the file again`,
      });
    }
    out[m.field] = header;
  }
  return out;
}
