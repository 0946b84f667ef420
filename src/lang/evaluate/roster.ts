// Evaluates a whole roster: every person, then the roster-level rules (duplicate IDs, whole-household enrolment), then the summary.
import type { FieldValue, PersonResult, ResultFlag, RosterRow } from '../model.js';
import { withFlag, type Engine } from './engine.js';
import { builtinFlag } from './flags.js';
import { summarize, type Duplicates, type PersonFacts } from './summary.js';
import type { RosterEvaluation } from '../api.js';
import { UNKNOWN } from '../compile/runtime-values.js';
import type { Context } from '../compile/context.js';

/**
 * The values the engine reads for a row: its own, except that a field whose cell could not be read is UNKNOWN
 * (not none), so that what depends on it comes out unknown. A row without such cells is used as it is.
 */
export function rosterValues(row: RosterRow): Record<string, FieldValue> {
  const cells = row.unreadable;
  if (cells === undefined || cells.length === 0) return row.values;
  const values: Record<string, unknown> = { ...row.values };
  for (const cell of cells) values[cell.field] = UNKNOWN;
  return values as Record<string, FieldValue>;
}

/** Later copies of a duplicated ID listed in the summary (the count covers all). */
const SHOWN_DUPLICATES = 200;

export function evaluateRosterWith(
  engine: Engine,
  rows: readonly RosterRow[],
  onProgress?: (done: number, total: number) => void,
): RosterEvaluation {
  const p = engine.compiled.program;
  const out: PersonsOut = {
    results: new Array(rows.length),
    enrolled: new Uint8Array(rows.length),
    excluded: new Uint8Array(rows.length),
  };
  const every = 5000;
  const c = engine.context({});
  for (let from = 0; from < rows.length; from += every) {
    const to = Math.min(rows.length, from + every);
    evaluatePersons(engine, c, rows, from, to, out, from);
    if (onProgress && to - from === every) onProgress(to, rows.length);
  }
  const { results, enrolled, excluded } = out;
  const duplicates = flagDuplicates(results);
  if (p.household) flagHouseholds(rows, results, enrolled, excluded, p.household.field.name);
  onProgress?.(rows.length, rows.length);
  const facts: PersonFacts = { rows, results, enrolled, duplicates };
  return { results, summary: summarize(p, facts), diagnostics: engine.diagnostics, evaluator: engine.backend };
}

/** Where evaluatePersons puts each person's result, and whether they are enrolled or excepted from 整户参保. */
export interface PersonsOut {
  results: PersonResult[];
  enrolled: Uint8Array;
  excluded: Uint8Array;
}

/**
 * Evaluates rows[from, to) one person at a time (no roster-level rules yet) into `out` at index `at + i - from`…,
 * reusing the context `c`. The roster-level rules need every person: a caller reading the roster in chunks keeps
 * what those rules need (ID numbers, household keys, enrolled) and applies them at the end.
 */
export function evaluatePersons(
  engine: Engine,
  c: Context,
  rows: readonly RosterRow[],
  from: number,
  to: number,
  out: PersonsOut,
  at: number,
): void {
  const except = engine.householdExcept;
  for (let i = from; i < to; i++) {
    const row = rows[i]!;
    const values = rosterValues(row);
    c.reset(values, row.id, row.unreadable);
    const r = engine.evaluate(values, row.row, c);
    if (row.problems.length > 0) r.flags = [...readingFlags(row), ...r.flags];
    const k = at + i - from;
    out.results[k] = r;
    r.enrolled = engine.enrolledState(c);
    out.enrolled[k] = r.enrolled === true ? 1 : 0;
    out.excluded[k] = except && except(c) === true ? 1 : 0;
  }
}

/**
 * Flags for what reading the row found that the engine does not flag itself (it flags invalid IDs, and cells listed
 * in `unreadable` that an outcome depends on): missing cells of a short row, empty required values, extra cells.
 */
function readingFlags(row: RosterRow): ResultFlag[] {
  const flags: ResultFlag[] = [];
  const missing = row.unreadable?.filter((u) => u.missing) ?? [];
  if (missing.length) flags.push(builtinFlag('short-row', { columns: missing.map((u) => `“${u.column}”`).join('') }));
  for (const p of row.problems) {
    if (p.code === 'missing-value') flags.push(builtinFlag('missing-value', { column: p.column ?? '' }));
    else if (p.code === 'extra-cells') flags.push(builtinFlag('extra-cells', {}));
  }
  return flags;
}

/**
 * Flags every row whose ID number another row shares, naming at most five of the others; returns the later copies
 * (each person is counted once, at the first row with the ID).
 */
export function flagDuplicates(results: PersonResult[]): Duplicates {
  return duplicateIds(
    results.length,
    keysOf(results.length, (i) => results[i]!.idNumber || null),
    (i) => results[i]!.row,
    (i, flag) => addFlag(results[i]!, flag),
  );
}

/**
 * flagDuplicates over persons 0…n-1 given by their ID numbers (`keys`) and roster row number: `flag(i, f)` is
 * called for every person whose ID another shares, in the order flagDuplicates adds them.
 */
export function duplicateIds(
  n: number,
  keys: RowKeys,
  rowOf: (i: number) => number,
  flag: (i: number, f: ResultFlag) => void,
): Duplicates {
  const copy = new Uint8Array(n);
  const rows: Duplicates['rows'] = [];
  let count = 0;
  forEachSharedHash(n, keys, (_, list) => {
    const first = rowOf(list[0]!);
    for (let k = 1; k < list.length; k++) {
      copy[list[k]!] = 1;
      if (rows.length < SHOWN_DUPLICATES) rows.push({ row: rowOf(list[k]!), first });
    }
    count += list.length - 1;
    // A messy roster can share one ID across thousands of rows.
    for (const i of list) {
      const others = list.filter((j) => j !== i);
      const shown =
        others
          .slice(0, 5)
          .map((j) => rowOf(j))
          .join('、') + (others.length > 5 ? ` 等 ${others.length} 行` : '');
      flag(i, builtinFlag('duplicate-id', { rows: shown }));
    }
  });
  rows.sort((a, b) => a.row - b.row);
  return { copy, count, rows };
}

/** 整户参保: in a household where some counted members are enrolled and others are not, flag the counted members. */
function flagHouseholds(
  rows: readonly RosterRow[],
  results: PersonResult[],
  enrolled: Uint8Array,
  excluded: Uint8Array,
  field: string,
): void {
  const keyOf = (i: number) =>
    excluded[i] || results[i]!.eligible === false ? null : householdKey(rows[i]!.values[field]);
  incompleteHouseholds(rows.length, keysOf(rows.length, keyOf), enrolled, (i, flag) => addFlag(results[i]!, flag));
}

/**
 * flagHouseholds over persons 0…n-1 given by their household keys (none: not counted in any household) and
 * whether each is enrolled: `flag(i, f)` for every counted member of a household only partly enrolled.
 */
export function incompleteHouseholds(
  n: number,
  keys: RowKeys,
  enrolled: Uint8Array,
  flag: (i: number, f: ResultFlag) => void,
): void {
  forEachSharedHash(n, keys, (first, list) => {
    const key = keys.key(first);
    const missing = list.filter((i) => !enrolled[i]).length;
    if (missing === 0 || missing === list.length) return;
    // One flag for the household, shared by its members (flags are never changed once made).
    const f = builtinFlag('household-incomplete', { household: key, missing });
    for (const i of list) flag(i, f);
  });
}

/**
 * The keys of rows 0…n-1 as forEachSharedHash reads them: each row's hash31 (-1 for a row without a key), whether
 * two rows' keys are equal, and a row's key. Strings in memory (keysOf), or kept compactly by a caller that reads
 * the roster in chunks (evaluate/chunked.ts).
 */
export interface RowKeys {
  readonly hashes: Int32Array;
  same(a: number, b: number): boolean;
  key(i: number): string;
}

/** RowKeys of the strings `keyOf` gives (null: none), each asked for once, in row order. */
export function keysOf(n: number, keyOf: (i: number) => string | null): RowKeys {
  const hashes = new Int32Array(n);
  // Later passes visit rows out of order, where every lookup would miss cache.
  const keys: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    keys[i] = key;
    hashes[i] = key === null ? -1 : hash31(key);
  }
  return { hashes, same: (a, b) => keys[a] === keys[b], key: (i) => keys[i]! };
}

/** Calls `visit` for every key that two or more of the rows 0…n-1 share, with those rows in order (see below). */
export function forEachSharedKey(
  n: number,
  keyOf: (i: number) => string | null,
  visit: (key: string, rows: number[]) => void,
): void {
  const keys = keysOf(n, keyOf);
  forEachSharedHash(n, keys, (first, list) => visit(keys.key(first), list));
}

/**
 * Calls `visit` for every key that two or more of the rows 0…n-1 share, with its first row and those rows in order.
 * Rather than a map of 500,000 strings: each key is hashed once; rows are bucketed by the high bits of their hash
 * (a counting sort, so each bucket keeps row order); each bucket then goes through a small open-addressing table
 * that stays in cache, on the low bits. Keys are compared only where hashes meet; only shared keys get a list.
 * Rows of one key are in one bucket, in row order, so each list comes out in row order.
 */
export function forEachSharedHash(n: number, keys: RowKeys, visit: (first: number, rows: number[]) => void): void {
  const BUCKET_BITS = 10;
  const buckets = 1 << BUCKET_BITS;
  const hashes = keys.hashes;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    if (h >= 0) start[(h >>> (31 - BUCKET_BITS)) + 1]!++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const order = new Int32Array(start[buckets]!);
  const fill = start.slice(0, buckets);
  for (let i = 0; i < n; i++) if (hashes[i]! >= 0) order[fill[hashes[i]! >>> (31 - BUCKET_BITS)]!++] = i;

  let size = 16;
  let largest = 0;
  for (let b = 0; b < buckets; b++) largest = Math.max(largest, start[b + 1]! - start[b]!);
  while (size < largest * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size); // row + 1 of the first row with the slot's key; 0 for an empty slot
  const used = new Int32Array(largest); // the slots the current bucket filled, to empty them after it
  // Rows that share a key, as chains: the first row of each shared key, and per row the next (+ 1) with its key.
  const firsts: number[] = [];
  const next = new Int32Array(n);
  const last = new Int32Array(n); // of a first row: the last row (+ 1) of its chain so far
  for (let b = 0; b < buckets; b++) {
    let filled = 0;
    for (let k = start[b]!; k < start[b + 1]!; k++) {
      const i = order[k]!;
      const h = hashes[i]!;
      for (let s = h & mask; ; s = (s + 1) & mask) {
        const first = table[s]! - 1;
        if (first < 0) {
          table[s] = i + 1;
          used[filled++] = s;
          break;
        }
        if (hashes[first] === h && keys.same(first, i)) {
          if (last[first] === 0) firsts.push(first);
          next[(last[first] || first + 1) - 1] = i + 1;
          last[first] = i + 1;
          break;
        }
      }
    }
    for (let k = 0; k < filled; k++) table[used[k]!] = 0;
  }
  for (const first of firsts) {
    const list = [first];
    for (let i = next[first]!; i !== 0; i = next[i - 1]!) list.push(i - 1);
    visit(first, list);
  }
}

/** FNV-1a, 31 bits (never negative). */
export function hash31(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 1;
}

function addFlag(r: PersonResult, flag: ResultFlag): void {
  r.flags = withFlag(r.flags, flag);
}

/** The household a value names (null: none). */
export function householdKey(v: FieldValue | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  return String(v);
}
