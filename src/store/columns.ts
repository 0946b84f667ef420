// Turns row-oriented results and cells into the column-oriented chunk records the store keeps (and back, for one person).
import type { ExtraValue, PersonResult, ResultFlag, SubsidyTiming } from '../lang/model.js';
import {
  NO_DAY,
  type CellChunk,
  type Coded,
  type Packed,
  type ResultChunk,
  type StoredCellChunk,
  type StoredResultChunk,
} from './schema.js';

const SEP = '\u001f',
  NULL = '\u001e';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Joins a text column into one UTF-8 string (null as a marker); keeps the array when a text contains a marker. */
export function pack(values: readonly (string | null)[]): Packed {
  for (const v of values) if (v !== null && (v.includes(SEP) || v === NULL)) return values.slice();
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = values[i] ?? NULL;
  return encoder.encode(parts.join(SEP));
}

/** The column back from `pack`; a wrong count is caught by validation afterwards. */
export function unpack(p: Packed): (string | null)[] {
  if (!(p instanceof Uint8Array)) return p;
  const parts: (string | null)[] = decoder.decode(p).split(SEP);
  for (let i = 0; i < parts.length; i++) if (parts[i] === NULL) parts[i] = null;
  return parts;
}

export const packCells = (c: CellChunk): StoredCellChunk => ({ ...c, columns: c.columns.map(pack) });
export const packResults = (c: ResultChunk): StoredResultChunk => ({
  ...c,
  name: pack(c.name),
  idNumber: pack(c.idNumber),
  flagCode: code(c.flagCode),
  flagZh: code(c.flagZh),
  flagEn: code(c.flagEn),
});
const uncode = (c: Coded): string[] => Array.from(c.codes, (k) => c.values[k]!);
export const unpackCells = (c: StoredCellChunk): unknown => ({ ...c, columns: c.columns.map(unpack) });
/** Back to the in-memory shape; codes outside a dictionary become undefined and fail validation. */
export const unpackResults = (c: StoredResultChunk): unknown => ({
  ...c,
  name: unpack(c.name),
  idNumber: unpack(c.idNumber),
  flagCode: uncode(c.flagCode),
  flagZh: uncode(c.flagZh),
  flagEn: uncode(c.flagEn),
});

/** Dictionary-codes a text column. */
export function code(texts: readonly string[]): Coded {
  const values: string[] = [];
  const seen = new Map<string, number>();
  const codes = new Uint32Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    let c = seen.get(t);
    if (c === undefined) {
      c = values.length;
      values.push(t);
      seen.set(t, c);
    }
    codes[i] = c;
  }
  return { values, codes };
}

/** The text the Results screen filters on, per person: township, village and the category set. */
export interface RoleTexts {
  township: string[];
  village: string[];
  category: string[];
}

const TIMING: SubsidyTiming[] = ['upfront', 'after-payment', 'waived'];

/** Encodes persons `from`..`to` (exclusive) of an evaluated roster as one result chunk. */
export function encodeResults(
  rosterId: string,
  index: number,
  results: readonly PersonResult[],
  roles: RoleTexts,
  extras: readonly string[],
  from: number,
  to: number,
): ResultChunk {
  const n = to - from;
  const c: ResultChunk = {
    rosterId,
    index,
    count: n,
    row: new Int32Array(n),
    name: new Array<string | null>(n),
    idNumber: new Array<string | null>(n),
    eligible: new Int8Array(n),
    reason: { values: [], codes: new Uint32Array(0) },
    personalFee: new Float64Array(n),
    subsidy: new Float64Array(n),
    timing: new Int8Array(n),
    benefitStart: new Int32Array(n),
    benefitEnd: new Int32Array(n),
    enrolled: new Int8Array(n),
    township: code(roles.township.slice(from, to)),
    village: code(roles.village.slice(from, to)),
    category: code(roles.category.slice(from, to)),
    flagAt: new Uint32Array(0),
    flagCode: [],
    flagZh: [],
    flagEn: [],
    extras: Object.fromEntries(extras.map((e) => [e, new Array<ExtraValue>(n)])),
  };
  const reasons: string[] = new Array<string>(n);
  const flagAt: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = results[from + k]!;
    c.row[k] = r.row;
    c.name[k] = r.name;
    c.idNumber[k] = r.idNumber;
    c.eligible[k] = r.eligible === null ? -1 : r.eligible ? 1 : 0;
    c.enrolled![k] = r.enrolled == null ? -1 : r.enrolled ? 1 : 0;
    reasons[k] = r.reason ?? '';
    c.personalFee[k] = r.personalFee ?? NaN;
    c.subsidy[k] = r.subsidy ?? NaN;
    c.timing[k] = r.subsidyTiming === null ? -1 : TIMING.indexOf(r.subsidyTiming);
    c.benefitStart[k] = r.benefitStart ?? NO_DAY;
    c.benefitEnd[k] = r.benefitEnd ?? NO_DAY;
    for (const f of r.flags) {
      flagAt.push(k);
      c.flagCode.push(f.code);
      c.flagZh.push(f.message.zh);
      c.flagEn.push(f.message.en);
    }
    for (const e of extras) c.extras[e]![k] = r.extras[e] ?? null;
  }
  c.reason = code(reasons);
  c.flagAt = Uint32Array.from(flagAt);
  return c;
}

/**
 * Encodes rows `from`..`to` of raw cells as one column-oriented chunk. A cell past a short row's end is stored as
 * `absent`: '' where rows leave out empty cells (XLSX), null where the cell is missing (CSV).
 */
export function encodeCells(
  rosterId: string,
  index: number,
  cells: readonly string[][],
  width: number,
  from: number,
  to: number,
  absent: '' | null,
): CellChunk {
  const n = to - from;
  const columns: (string | null)[][] = [];
  for (let k = 0; k < width; k++) {
    const col = new Array<string | null>(n);
    for (let i = 0; i < n; i++) col[i] = cells[from + i]![k] ?? absent;
    columns.push(col);
  }
  return { rosterId, index, count: n, columns };
}

/** The cells of row `k` of a chunk as they were read: up to the first missing one (where a short row ended). */
export function storedRow(c: CellChunk, k: number): string[] {
  const raw: string[] = [];
  for (const column of c.columns) {
    const cell = column[k];
    if (cell === null || cell === undefined) break;
    raw.push(cell);
  }
  return raw;
}

/** One person back from a result chunk (local index `k`). */
export function decodePerson(c: ResultChunk, k: number): PersonResult {
  const flags: ResultFlag[] = [];
  for (let f = 0; f < c.flagAt.length; f++)
    if (c.flagAt[f] === k) flags.push({ code: c.flagCode[f]!, message: { zh: c.flagZh[f]!, en: c.flagEn[f]! } });
  const fen = (x: number) => (Number.isNaN(x) ? null : x);
  const day = (x: number) => (x === NO_DAY ? null : x);
  const reason = c.reason.values[c.reason.codes[k]!]!;
  const e = c.eligible[k]!;
  const t = c.timing[k]!;
  const enrolled = c.enrolled?.[k] ?? -1;
  return {
    row: c.row[k]!,
    idNumber: c.idNumber[k]!,
    name: c.name[k]!,
    eligible: e < 0 ? null : e === 1,
    reason: reason === '' ? null : reason,
    personalFee: fen(c.personalFee[k]!),
    subsidy: fen(c.subsidy[k]!),
    subsidyTiming: t < 0 ? null : TIMING[t]!,
    benefitStart: day(c.benefitStart[k]!),
    benefitEnd: day(c.benefitEnd[k]!),
    enrolled: enrolled < 0 ? null : enrolled === 1,
    flags,
    extras: Object.fromEntries(Object.entries(c.extras).map(([name, v]) => [name, v[k]!])),
  };
}
