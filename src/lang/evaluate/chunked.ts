// Evaluates a roster that arrives in chunks (read, evaluated and written out piece by piece, so a county's rows
// and results are never all held at once). Each chunk's persons are evaluated as evaluateRosterWith does; the
// roster-level rules (duplicate IDs, whole-household enrolment) need every person, so only what they read is
// kept — ID number, row number, household key, enrolled — and their flags come out at the end, by person.
import type { PersonResult, ResultFlag, RosterRow } from '../model.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Context } from '../compile/context.js';
import type { Engine } from './engine.js';
import {
  duplicateIds,
  evaluatePersons,
  hash31,
  householdKey,
  incompleteHouseholds,
  type PersonsOut,
  type RowKeys,
} from './roster.js';

/** The flags the roster-level rules add, by person (0-based over all chunks), in the order they are added. */
export type LateFlags = Map<number, ResultFlag[]>;

export class RosterInChunks {
  private readonly c: Context;
  private readonly field: string | null;
  private n = 0;
  private readonly ids = new KeyColumn();
  private rows = new Int32Array(1024);
  private enrolled = new Uint8Array(1024);
  private readonly households = new KeyColumn();

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
    duplicateIds(this.n, this.ids, (i) => this.rows[i]!, add);
    if (this.field !== null) incompleteHouseholds(this.n, this.households, this.enrolled, add);
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

/** Bytes per page of KeyColumn. */
const PAGE = 1 << 20;
/** Of KeyColumn.at: the key is in KeyColumn.others. */
const OTHER = -1;

/**
 * Keys (ID numbers, households) by person, for forEachSharedHash, held compactly: a key of at most 255 characters,
 * all below U+0100 (an ID number, a household number), one byte a character in pages of bytes, off the JS heap
 * (the garbage collector neither scans them nor grows the heap by them); the rare others as strings. A key read
 * from a chunk of text is a slice of that text, which kept as a string would keep the chunk's text alive. '' and
 * null are both none.
 */
class KeyColumn implements RowKeys {
  hashes = new Int32Array(1024);
  /** Where each key starts: page × PAGE + offset, or OTHER. */
  private at = new Int32Array(1024);
  private length = new Uint8Array(1024);
  private readonly pages: Uint8Array[] = [];
  private used = PAGE;
  private readonly others = new Map<number, string>();
  private n = 0;

  push(s: string | null): void {
    const i = this.n++;
    if (i === this.hashes.length) {
      this.hashes = grown(this.hashes, new Int32Array(i * 2));
      this.at = grown(this.at, new Int32Array(i * 2));
      this.length = grown(this.length, new Uint8Array(i * 2));
    }
    if (s === null || s === '') {
      this.hashes[i] = -1;
      return;
    }
    this.hashes[i] = hash31(s);
    if (s.length > 255 || !latin1(s)) {
      this.at[i] = OTHER;
      this.others.set(i, s);
      return;
    }
    if (this.used + s.length > PAGE) {
      this.pages.push(new Uint8Array(PAGE));
      this.used = 0;
    }
    const page = this.pages[this.pages.length - 1]!;
    for (let k = 0; k < s.length; k++) page[this.used + k] = s.charCodeAt(k);
    this.at[i] = (this.pages.length - 1) * PAGE + this.used;
    this.length[i] = s.length;
    this.used += s.length;
  }

  key(i: number): string {
    const at = this.at[i]!;
    if (at === OTHER) return this.others.get(i)!;
    const from = at % PAGE;
    return String.fromCharCode(...this.pages[(at - from) / PAGE]!.subarray(from, from + this.length[i]!));
  }

  same(a: number, b: number): boolean {
    const atA = this.at[a]!,
      atB = this.at[b]!;
    if (atA === OTHER || atB === OTHER) return atA === atB && this.others.get(a) === this.others.get(b);
    const length = this.length[a]!;
    if (this.length[b] !== length) return false;
    const pageA = this.pages[Math.floor(atA / PAGE)]!,
      pageB = this.pages[Math.floor(atB / PAGE)]!;
    for (let k = 0, x = atA % PAGE, y = atB % PAGE; k < length; k++) if (pageA[x + k] !== pageB[y + k]) return false;
    return true;
  }
}

function latin1(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 0xff) return false;
  return true;
}

function grown<T extends Int32Array | Uint8Array>(old: T, into: T): T {
  into.set(old);
  return into;
}
