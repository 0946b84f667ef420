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
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    c.reset(row.values);
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

function flagDuplicates(results: PersonResult[]): void {
  // First index per ID; a list only for IDs seen twice (rare), so a clean county allocates no arrays.
  const first = new Map<string, number>();
  const shared = new Map<string, number[]>();
  for (let i = 0; i < results.length; i++) {
    const id = results[i]!.idNumber;
    if (!id) continue;
    const j = first.get(id);
    if (j === undefined) first.set(id, i);
    else {
      const list = shared.get(id);
      if (list) list.push(i);
      else shared.set(id, [j, i]);
    }
  }
  for (const list of shared.values()) {
    // Name at most five other rows: a messy roster can share one ID across thousands of rows.
    for (const i of list) {
      const others = list.filter((j) => j !== i);
      const shown = others.slice(0, 5).map((j) => results[j]!.row).join('、') + (others.length > 5 ? ` 等 ${others.length} 行` : '');
      addFlag(results[i]!, builtinFlag('duplicate-id', { rows: shown }));
    }
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
