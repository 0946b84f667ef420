// One category value: a single-category outcome or parameter holds a name (a string), as a roster's category
// field does; the policy's value names and sets are lists of names, so a rule's value becomes its one name.
import type { Value } from '../compile/runtime-values.js';

/** The name of a one-name list (none for an empty one); any other value unchanged (none, unknown, a name). */
export function oneCategory(v: Value): Value {
  return Array.isArray(v) ? ((v[0] as string | undefined) ?? null) : v;
}
