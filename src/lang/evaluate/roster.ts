// Evaluates a whole roster: every person, then the roster-level rules (duplicate IDs, whole-household enrolment), then the summary.
import type { FieldValue, PersonResult, ResultFlag, RosterRow } from '../model.js';
import { NO_FLAGS, type Engine } from './engine.js';
import { builtinFlag } from './flags.js';
import { summarize, type PersonFacts } from './summary.js';
import type { RosterEvaluation } from '../api.js';

export function evaluateRosterWith(
  engine: Engine,
  rows: readonly RosterRow[],
  onProgress?: (done: number, total: number) => void,
): RosterEvaluation {
  const p = engine.compiled.program;
  const results: PersonResult[] = new Array(rows.length);
  const enrolled = new Uint8Array(rows.length);
  const excluded = new Uint8Array(rows.length);
  const except = p.household?.except ? engine.compiled.compile(p.household.except) : null;
  const every = 5000;
  const c = engine.context({});
  const idField = engine.compiled.idField;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    c.reset(row.values, row.id !== undefined && idField !== null && row.id.value === row.values[idField] ? row.id.check : null);
    const r = engine.evaluate(row.values, row.row, c);
    if (row.problems.length > 0) r.flags = [builtinFlag('bad-row', { count: row.problems.length }), ...r.flags];
    results[i] = r;
    enrolled[i] = engine.enrolled(c) ? 1 : 0;
    if (except && except(c) === true) excluded[i] = 1;
    if (onProgress && i % every === every - 1) onProgress(i + 1, rows.length);
  }
  flagDuplicates(results);
  if (p.household) flagHouseholds(rows, results, enrolled, excluded, p.household.field.name);
  onProgress?.(rows.length, rows.length);
  const facts: PersonFacts = { rows, results, enrolled };
  return { results, summary: summarize(p, facts), diagnostics: engine.diagnostics };
}

/**
 * Flags every row whose ID number another row shares. Rather than a map of 500,000 strings, each row gets a
 * number key (a 31-bit hash of its ID, then its index) in a Float64Array sorted natively; only rows whose hash
 * equals a neighbour's are compared as strings. A clean county allocates nothing per row.
 */
export function flagDuplicates(results: PersonResult[]): void {
  const n = results.length;
  if (n >= INDEX_LIMIT) return flagSharedIds(results, results.keys());
  const keys = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const id = results[i]!.idNumber;
    if (id) keys[count++] = hash31(id) * INDEX_LIMIT + i;
  }
  const sorted = keys.subarray(0, count).sort();
  const hashOf = (k: number) => Math.floor(sorted[k]! / INDEX_LIMIT);
  for (let a = 0; a < count; ) {
    let b = a + 1;
    while (b < count && hashOf(b) === hashOf(a)) b++;
    if (b - a > 1) flagSharedIds(results, Array.from(sorted.subarray(a, b), (key) => key % INDEX_LIMIT));
    a = b;
  }
}

/** Row indexes below this fit beside a 31-bit hash in a double's 53 exact bits (larger rosters use a map). */
const INDEX_LIMIT = 2 ** 22;

/** FNV-1a, 31 bits. */
function hash31(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 1;
}

/** Among the rows `indexes` (in row order), flags those that share an ID number. */
function flagSharedIds(results: PersonResult[], indexes: Iterable<number>): void {
  const rowsOf = new Map<string, number[]>();
  for (const i of indexes) {
    const id = results[i]!.idNumber;
    if (!id) continue;
    const list = rowsOf.get(id);
    if (list) list.push(i);
    else rowsOf.set(id, [i]);
  }
  for (const list of rowsOf.values()) if (list.length > 1) flagShared(results, list);
}

/** Flags each row of `list` (indexes in row order) with the rows it shares its ID with, naming at most five. */
function flagShared(results: PersonResult[], list: number[]): void {
  // A messy roster can share one ID across thousands of rows.
  for (const i of list) {
    const others = list.filter((j) => j !== i);
    const shown = others.slice(0, 5).map((j) => results[j]!.row).join('、') + (others.length > 5 ? ` 等 ${others.length} 行` : '');
    addFlag(results[i]!, builtinFlag('duplicate-id', { rows: shown }));
  }
}

/** 整户参保: in a household where some counted members are enrolled and others are not, flag the counted members. */
function flagHouseholds(rows: readonly RosterRow[], results: PersonResult[], enrolled: Uint8Array, excluded: Uint8Array, field: string): void {
  const households = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const key = householdKey(rows[i]!.values[field]);
    if (key === null || excluded[i] || results[i]!.eligible === false) continue;
    const list = households.get(key);
    if (list) list.push(i);
    else households.set(key, [i]);
  }
  for (const [key, list] of households) {
    const missing = list.filter((i) => !enrolled[i]).length;
    if (missing === 0 || missing === list.length) continue;
    for (const i of list) addFlag(results[i]!, builtinFlag('household-incomplete', { household: key, missing }));
  }
}

function addFlag(r: PersonResult, flag: ResultFlag): void {
  r.flags = r.flags === NO_FLAGS ? [flag] : (r.flags.push(flag), r.flags);
}

function householdKey(v: FieldValue | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  return String(v);
}
