// Evaluates a roster that arrives in chunks (read, evaluated and written out piece by piece, so a county's rows
// and results are never all held at once). Each chunk's persons are evaluated as evaluateRosterWith does; the
// roster-level rules (duplicate IDs, whole-household enrolment) need every person, so only what they read is
// kept — ID number, row number, household key, enrolled — and their flags come out at the end, by person.
import type { PersonResult, ResultFlag, RosterRow } from '../model.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Context } from '../compile/context.js';
import type { Engine } from './engine.js';
import { duplicateIds, evaluatePersons, householdKey, incompleteHouseholds, type PersonsOut } from './roster.js';

/** The flags the roster-level rules add, by person (0-based over all chunks), in the order they are added. */
export type LateFlags = Map<number, ResultFlag[]>;

export class RosterInChunks {
  private readonly c: Context;
  private readonly field: string | null;
  private n = 0;
  private readonly ids = new StringColumn();
  private rows = new Int32Array(1024);
  private enrolled = new Uint8Array(1024);
  private readonly households = new StringColumn();

  constructor(private readonly engine: Engine) {
    this.c = engine.context({});
    this.field = engine.compiled.program.household?.field.name ?? null;
  }

  get diagnostics(): Diagnostic[] {
    return this.engine.diagnostics;
  }

  get evaluator(): Engine['backend'] {
    return this.engine.backend;
  }

  /** The next rows' results, without the roster-level flags (those come from `finish`). */
  evaluate(rows: readonly RosterRow[]): PersonResult[] {
    const m = rows.length;
    const out: PersonsOut = { results: new Array(m), enrolled: new Uint8Array(m), excluded: new Uint8Array(m) };
    evaluatePersons(this.engine, this.c, rows, 0, m, out, 0);
    this.grow(this.n + m);
    for (let i = 0; i < m; i++) {
      const r = out.results[i]!;
      const k = this.n + i;
      this.ids.push(r.idNumber || null);
      this.rows[k] = r.row;
      this.enrolled[k] = out.enrolled[i]!;
      if (this.field !== null)
        this.households.push(
          out.excluded[i] || r.eligible === false ? null : householdKey(rows[i]!.values[this.field]),
        );
    }
    this.n += m;
    this.ids.seal();
    this.households.seal();
    return out.results;
  }

  /** Persons evaluated so far. */
  get count(): number {
    return this.n;
  }

  /** The flags of the roster-level rules, as evaluateRosterWith adds them: duplicate IDs, then households. */
  finish(): LateFlags {
    const late: LateFlags = new Map();
    const add = (i: number, f: ResultFlag) => {
      const list = late.get(i);
      if (list) list.push(f);
      else late.set(i, [f]);
    };
    duplicateIds(
      this.n,
      (i) => this.ids.get(i),
      (i) => this.rows[i]!,
      add,
    );
    if (this.field !== null) incompleteHouseholds(this.n, (i) => this.households.get(i), this.enrolled, add);
    return late;
  }

  private grow(size: number): void {
    if (size <= this.rows.length) return;
    let length = this.rows.length;
    while (length < size) length *= 2;
    const rows = new Int32Array(length);
    rows.set(this.rows);
    this.rows = rows;
    const enrolled = new Uint8Array(length);
    enrolled.set(this.enrolled);
    this.enrolled = enrolled;
  }
}

/**
 * Strings by person, kept as one string per chunk and offsets: an ID number read from a chunk of text is a slice
 * of that text, and keeping the slice would keep the whole chunk's text alive. '' and null are both none.
 */
class StringColumn {
  private batch: string[] = [];
  private readonly joined: string[] = [];
  /** Per chunk: the first person's index. */
  private readonly firsts: number[] = [];
  private ends = new Int32Array(1024);
  private n = 0;

  push(s: string | null): void {
    if (this.n === this.ends.length) {
      const ends = new Int32Array(this.n * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    const chunkStart = this.batch.length === 0 ? 0 : this.ends[this.n - 1]!;
    this.ends[this.n++] = chunkStart + (s?.length ?? 0);
    this.batch.push(s ?? '');
  }

  /** Ends the chunk: its strings copied into one. */
  seal(): void {
    if (this.batch.length === 0) return;
    this.firsts.push(this.n - this.batch.length);
    this.joined.push(this.batch.join(''));
    this.batch = [];
  }

  get(i: number): string | null {
    let lo = 0,
      hi = this.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    const start = i === this.firsts[lo] ? 0 : this.ends[i - 1]!;
    const s = this.joined[lo]!.slice(start, this.ends[i]!);
    return s === '' ? null : s;
  }
}
