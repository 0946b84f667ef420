// What 参保率 (the enrolment rate) means in a summary: enrolled ÷ target where the policy sets a target for the
// row, enrolled ÷ eligible where it does not (src/lang/evaluate/summary.ts). Both can occur in one table (township
// targets, villages without), so the screen and the report say which applies.
import type { RosterSummary, SummaryRow } from '../../lang/model.js';

export type RateBase = 'target' | 'eligible' | 'mixed' | null;

export interface RateNote {
  /** The denominator used by the rows that have a rate. */
  base: RateBase;
  /**
   * Set when the roster holds far fewer people than the county's target: a sample, or one township's or
   * village's list, read against the whole county's target (then the rates look broken without this note).
   */
  partial: { rows: number; target: number } | null;
}

/** Rows under a tenth of the target: the roster cannot be the whole area the target counts. */
const PARTIAL_SHARE = 0.1;

export function rateNote(s: RosterSummary): RateNote {
  const rated = [s.county, ...s.townships, ...s.villages].filter((r) => r.rate !== null);
  const byTarget = rated.filter(hasTarget).length;
  const base: RateBase =
    rated.length === 0 ? null : byTarget === rated.length ? 'target' : byTarget === 0 ? 'eligible' : 'mixed';
  const target = s.county.target;
  const partial = target !== null && s.county.rows < target * PARTIAL_SHARE ? { rows: s.county.rows, target } : null;
  return { base, partial };
}

function hasTarget(r: SummaryRow): boolean {
  return r.target !== null && r.target > 0;
}
