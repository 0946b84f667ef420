// Lookup tables keyed by user text: no prototype, so names like `constructor` or `toString` find nothing.

/** A prototype-free copy of `entries`: `table[name]` is undefined for any name not listed. */
export function dict<V>(entries: Record<string, V>): Record<string, V> {
  return Object.assign(Object.create(null) as Record<string, V>, entries);
}
