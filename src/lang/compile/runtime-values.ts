// Run-time values of the compiled policy: plain JS values plus two sentinels.
//   null      — none (无): an empty roster cell, or an outcome no rule gave a value.
//   UNKNOWN   — cannot be known: a parameter without value, or a rule conflict. Spreads through every operation.
import type { Duration } from '../runtime/duration.js';

export type { Duration };

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** Slot not yet computed for this person. */
export const NOT_SET: unique symbol = Symbol('not-set');

export interface Period {
  start: number;
  end: number;
}

export type Value = number | string | boolean | string[] | Duration | Period | Map<unknown, unknown> | null | Unknown;
