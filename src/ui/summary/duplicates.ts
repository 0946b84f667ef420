// The later rows of duplicated ID numbers, as a short list for the summary's note (row → the row it repeats).
import type { RosterSummary } from '../../lang/model.js';

/** Rows shown before “…”. */
const SHOWN = 20;

/** `第 12 行（同第 3 行）、…` with `of` the localised “(same as row {first})” template. */
export function duplicateRows(d: RosterSummary['duplicates'], of: string): string {
  const shown = d.rows.slice(0, SHOWN).map((r) => `${r.row}${of.replace('{first}', String(r.first))}`);
  return shown.join(' ') + (d.count > SHOWN ? ' …' : '');
}
