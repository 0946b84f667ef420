// A whole roster's results held in the worker as columns (typed arrays), built from the stored result chunks.
import { CHUNK_ROWS, NO_DAY, type ResultChunk } from '../store/index.js';
import type { ResultView } from './protocol.js';
import type { ExtraValue } from '../lang/model.js';

/** A text column over the whole roster: `values[codes[i]]`. */
export interface TextColumn {
  values: string[];
  codes: Uint32Array;
}

export interface Table {
  n: number;
  row: Int32Array;
  name: (string | null)[];
  idNumber: (string | null)[];
  eligible: Int8Array;
  reason: TextColumn;
  personalFee: Float64Array;
  subsidy: Float64Array;
  timing: Int8Array;
  benefitStart: Int32Array;
  benefitEnd: Int32Array;
  /** 已参保: 1 yes, 0 no, -1 unknown. */
  enrolled: Int8Array;
  township: TextColumn;
  village: TextColumn;
  category: TextColumn;
  /** Flags of person i are flagCode/flagZh/flagEn[flagStart[i] .. flagStart[i+1]). */
  flagStart: Uint32Array;
  flagCode: string[];
  flagZh: string[];
  flagEn: string[];
  extras: Record<string, ExtraValue[]>;
}

/** An empty table for `n` persons, filled chunk by chunk with `fill`. */
export function emptyTable(n: number, extras: readonly string[]): Table {
  const text = (): TextColumn => ({ values: [], codes: new Uint32Array(n) });
  return {
    n,
    row: new Int32Array(n),
    name: new Array<string | null>(n).fill(null),
    idNumber: new Array<string | null>(n).fill(null),
    eligible: new Int8Array(n).fill(-1),
    reason: text(),
    personalFee: new Float64Array(n).fill(NaN),
    subsidy: new Float64Array(n).fill(NaN),
    timing: new Int8Array(n).fill(-1),
    benefitStart: new Int32Array(n).fill(NO_DAY),
    benefitEnd: new Int32Array(n).fill(NO_DAY),
    enrolled: new Int8Array(n).fill(-1),
    township: text(),
    village: text(),
    category: text(),
    flagStart: new Uint32Array(n + 1),
    flagCode: [],
    flagZh: [],
    flagEn: [],
    extras: Object.fromEntries(extras.map((e) => [e, new Array<ExtraValue>(n).fill(null)])),
  };
}

const lookups = new WeakMap<TextColumn, Map<string, number>>();

/** Copies a chunk's dictionary codes into the whole-roster column, merging dictionaries. */
function fillText(col: TextColumn, chunk: { values: string[]; codes: Uint32Array }, at: number): void {
  let seen = lookups.get(col);
  if (!seen) {
    seen = new Map(col.values.map((v, i) => [v, i]));
    lookups.set(col, seen);
  }
  const remap = chunk.values.map((v) => {
    let c = seen!.get(v);
    if (c === undefined) {
      c = col.values.length;
      col.values.push(v);
      seen!.set(v, c);
    }
    return c;
  });
  for (let k = 0; k < chunk.codes.length; k++) col.codes[at + k] = remap[chunk.codes[k]!]!;
}

/**
 * Fills the table from chunk `c` (persons c.index*5000 …). Chunks must be filled in order (flags are appended).
 */
export function fill(t: Table, c: ResultChunk): void {
  const at = c.index * CHUNK_ROWS;
  t.row.set(c.row, at);
  for (let k = 0; k < c.count; k++) {
    t.name[at + k] = c.name[k]!;
    t.idNumber[at + k] = c.idNumber[k]!;
  }
  t.eligible.set(c.eligible, at);
  t.personalFee.set(c.personalFee, at);
  t.subsidy.set(c.subsidy, at);
  t.timing.set(c.timing, at);
  t.benefitStart.set(c.benefitStart, at);
  t.benefitEnd.set(c.benefitEnd, at);
  if (c.enrolled) t.enrolled.set(c.enrolled, at);
  fillText(t.reason, c.reason, at);
  fillText(t.township, c.township, at);
  fillText(t.village, c.village, at);
  fillText(t.category, c.category, at);
  let f = 0;
  for (let k = 0; k < c.count; k++) {
    t.flagStart[at + k] = t.flagCode.length;
    while (f < c.flagAt.length && c.flagAt[f] === k) {
      t.flagCode.push(c.flagCode[f]!);
      t.flagZh.push(c.flagZh[f]!);
      t.flagEn.push(c.flagEn[f]!);
      f++;
    }
  }
  t.flagStart[at + c.count] = t.flagCode.length;
  for (const [name, values] of Object.entries(c.extras)) {
    const col = t.extras[name];
    if (col) for (let k = 0; k < c.count; k++) col[at + k] = values[k]!;
  }
}

const TIMING = ['upfront', 'after-payment', 'waived'] as const;

/** Person i as the Results screen shows it. */
export function viewOf(t: Table, i: number): ResultView {
  const fee = t.personalFee[i]!,
    sub = t.subsidy[i]!,
    e = t.eligible[i]!,
    tm = t.timing[i]!,
    s = t.benefitStart[i]!,
    end = t.benefitEnd[i]!,
    paid = t.enrolled[i]!;
  const reason = t.reason.values[t.reason.codes[i]!]!;
  const flags: ResultView['flags'] = [];
  for (let f = t.flagStart[i]!; f < t.flagStart[i + 1]!; f++)
    flags.push({ code: t.flagCode[f]!, message: { zh: t.flagZh[f]!, en: t.flagEn[f]! } });
  return {
    row: t.row[i]!,
    name: t.name[i] ?? '',
    idNumber: t.idNumber[i] ?? '',
    township: t.township.values[t.township.codes[i]!]!,
    village: t.village.values[t.village.codes[i]!]!,
    category: t.category.values[t.category.codes[i]!]!,
    eligible: e < 0 ? null : e === 1,
    reason: reason === '' ? null : reason,
    personalFee: Number.isNaN(fee) ? null : fee,
    subsidy: Number.isNaN(sub) ? null : sub,
    subsidyTiming: tm < 0 ? null : TIMING[tm]!,
    benefitStart: s === NO_DAY ? null : s,
    benefitEnd: end === NO_DAY ? null : end,
    enrolled: paid < 0 ? null : paid === 1,
    flags,
  };
}
