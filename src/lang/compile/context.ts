// The per-person evaluation context the compiled closures read: roster values, memo slots, parameters, trace.
import type { FieldValue, RosterRow, UnreadableCell } from '../model.js';
import { checkIdNumber, type IdCheck } from '../runtime/id-number.js';
import { NOT_SET, type Value } from './runtime-values.js';

/** One rule tried while computing an outcome (recorded only when tracing). */
export interface RuleTrial {
  outcome: string;
  rule: number;
  condition: Value;
  value?: Value;
}

/**
 * Why a value can be UNKNOWN: a parameter without value (argument: its name), a rule conflict (the outcome), a
 * roster cell that could not be read (the field), a division by zero or a result past 2^53 − 1 (the operation's
 * site, compile/sites.ts), an invalid ID number read for birth date, sex or age (its problem). The engine turns a noted cause into a flag of the same code, but
 * only for a person some outcome or flag condition of whom came out unknown. To add a cause: add its code here
 * and a flag of that code in evaluate/flags.ts, and call `noteUnknown` where the value becomes UNKNOWN.
 */
export type UnknownCause =
  | 'missing-parameter'
  | 'rule-conflict'
  | 'no-rule'
  | 'rule-without-value'
  | 'unreadable-value'
  | 'date-without-time'
  | 'division-by-zero'
  | 'arithmetic-overflow'
  | 'invalid-id';

/** Shared empty lists; replaced by a fresh array on the first write. */
const NONE: string[] = [];
const NO_CELLS: readonly UnreadableCell[] = [];
let epochs = 0;

export class Context {
  memo: (Value | typeof NOT_SET)[];
  /** Causes of UNKNOWN met while computing this person, as pairs: code, argument, code, argument … (no repeats). */
  causes: string[] = NONE;
  /** This person's roster cells that could not be read (their fields read as UNKNOWN). */
  unreadable: readonly UnreadableCell[] = NO_CELLS;
  /** Which rule gave each outcome its value (index), -1 for none. */
  fired: Map<string, number> | null = null;
  /** By an outcome's memo slot: the reason text of the rule that gave it its value, when the rule states one. */
  readonly reason: (string | null)[];
  /**
   * By an outcome's memo slot, for outcomes with attributes (compile/attributes.ts): the rule that decided it, and
   * under 合计 the rules that applied with their amounts (rule, amount, rule, amount …). Written whenever such an
   * outcome is computed, so never read stale.
   */
  readonly win: Int32Array;
  readonly parts: (number[] | null)[];
  /** Whether a reason was set since the last reset (most people get none: then there is nothing to clear). */
  private reasons = false;
  trace: RuleTrial[] | null = null;
  /**
   * By parameter slot: the causes (code, argument pairs) that made a parameter's value UNKNOWN when the engine
   * computed it (`参数 人均 = 总额 / 份数` with 份数 = 0); noted again for each person who reads it.
   */
  paramCauses: readonly (readonly string[] | null)[] | null = null;
  /** Changes with every person (and differs between contexts): generated code starts its memos afresh on a change. */
  epoch = ++epochs;
  private id: IdCheck | null = null;

  constructor(
    public values: Record<string, FieldValue>,
    readonly params: Value[],
    slots: number,
    private readonly idField: string | null,
    /** False for generated code, which keeps its memos itself: only the reasons are kept here. */
    memos = true,
    /** The last day of the coverage year: an ID whose birth date lies after it is invalid (`future-birth`). */
    private readonly latestBirth: number | null = null,
  ) {
    this.memo = new Array(memos ? slots : 0).fill(NOT_SET);
    this.reason = new Array(slots).fill(null);
    this.win = new Int32Array(slots);
    this.parts = new Array(slots).fill(null);
  }

  /**
   * Makes this context ready for another person (a roster reuses one context: no allocation per person).
   * `read` is the ID check made when the row was read, used if it is of this person's ID field.
   */
  reset(
    values: Record<string, FieldValue>,
    read?: RosterRow['id'],
    unreadable: readonly UnreadableCell[] = NO_CELLS,
  ): this {
    this.values = values;
    this.epoch = ++epochs;
    this.memo.fill(NOT_SET);
    this.causes = NONE;
    this.unreadable = unreadable;
    if (this.reasons) {
      this.reason.fill(null);
      this.reasons = false;
    }
    this.id = read !== undefined && this.idField !== null && read.value === values[this.idField] ? read.check : null;
    return this;
  }

  setReason(slot: number, reason: string): void {
    this.reason[slot] = reason;
    this.reasons = true;
  }

  /** Records why a value just became UNKNOWN (see UnknownCause). */
  noteUnknown(code: UnknownCause, arg: string): void {
    const causes = this.causes;
    if (causes === NONE) {
      this.causes = [code, arg];
      return;
    }
    for (let i = 0; i < causes.length; i += 2) if (causes[i] === code && causes[i + 1] === arg) return;
    causes.push(code, arg);
  }

  /** Notes again the causes that made parameter `i` UNKNOWN (see paramCauses). */
  noteParamCauses(i: number): void {
    const causes = this.paramCauses?.[i];
    if (causes) for (let k = 0; k < causes.length; k += 2) this.noteUnknown(causes[k] as UnknownCause, causes[k + 1]!);
  }

  /** Whether `code` with `arg` was noted for this person. */
  hasCause(code: UnknownCause, arg: string): boolean {
    const causes = this.causes;
    for (let i = 0; i < causes.length; i += 2) if (causes[i] === code && causes[i + 1] === arg) return true;
    return false;
  }

  idCheck(): IdCheck {
    if (this.id === null) {
      const raw = this.idField ? this.values[this.idField] : null;
      this.id = typeof raw === 'string' ? checkIdNumber(raw) : { ok: false, problem: 'empty' };
    }
    if (this.id.ok && this.latestBirth !== null && this.id.birth > this.latestBirth)
      this.id = { ok: false, problem: 'future-birth' };
    return this.id;
  }
}
