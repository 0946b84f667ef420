// The collection mechanics' standard results, from 参保资格, 个人缴费, 政府资助 and 资助方式 (grammar/reference/
// attributes-and-collection.md): 柜面应收 (due at the counter), 事后补助 (credited afterwards), 个人实际负担 (the
// person's net cost). 个人缴费 is what the person pays at the counter, as in every bundled policy.
import type { Fen } from '../runtime/money.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';

/** The names of the three results, as examples expect them and `policy eval --json` shows them. */
export const COLLECTION_RESULTS = { due: '柜面应收', credited: '事后补助', netCost: '个人实际负担' } as const;

export interface Collection {
  due: Fen | null;
  credited: Fen | null;
  netCost: Fen | null;
  /** Why the results are unknown though fee, subsidy and mechanic are known (flagged `collection-mismatch`). */
  mismatch?: 'waived-with-fee' | 'no-mechanic';
}

const UNKNOWN_ALL: Collection = { due: null, credited: null, netCost: null };
const NOTHING: Collection = { due: 0, credited: 0, netCost: 0 };

/**
 * Not eligible: nothing due, credited or borne. Eligible: under 免征代缴 nothing is collected (the fee must be 0元);
 * under 先缴后补 the person pays the fee and gets the subsidy back; under 缴费时抵扣 (差额征缴) the fee is the
 * difference already, nothing comes back; with no mechanic, only a person without subsidy is known. Anything an
 * answer depends on that is unknown makes the three unknown (null).
 */
export function collectionOf(eligible: Value, fee: Value, subsidy: Value, timing: Value): Collection {
  if (eligible === false) return NOTHING;
  if (eligible !== true || typeof fee !== 'number' || timing === UNKNOWN) return UNKNOWN_ALL;
  const s = typeof subsidy === 'number' ? subsidy : null;
  switch (timing) {
    case 'waived':
      return fee === 0 ? NOTHING : { ...UNKNOWN_ALL, mismatch: 'waived-with-fee' };
    case 'after-payment':
      return s === null ? UNKNOWN_ALL : { due: fee, credited: s, netCost: fee - s };
    case 'upfront':
      return { due: fee, credited: 0, netCost: fee };
    default:
      if (subsidy === UNKNOWN) return UNKNOWN_ALL;
      if (s === null || s === 0) return { due: fee, credited: 0, netCost: fee };
      return { ...UNKNOWN_ALL, mismatch: 'no-mechanic' };
  }
}
