// Filtering and sorting a whole roster held as columns: an index permutation over typed arrays, no per-person objects.
import type { ResultFilter, SortColumn } from './protocol.js';
import type { Table, TextColumn } from './table.js';

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Ranks of a text column's dictionary in collation order: rank[code]. */
function dictRanks(col: TextColumn): Float64Array {
  const order = col.values.map((_, i) => i).sort((a, b) => collator.compare(col.values[a]!, col.values[b]!));
  const rank = new Float64Array(col.values.length);
  order.forEach((code, r) => { rank[code] = col.values[code] === '' ? NaN : r; });
  return rank;
}

/** Ranks of free text (names, ID numbers): each distinct value sorted once, not compared per pair of persons. */
function textRanks(values: readonly (string | null)[], compare: (a: string, b: string) => number): Float64Array {
  const distinct = [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort(compare);
  const rank = new Map(distinct.map((v, r) => [v, r]));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) { const v = values[i]; out[i] = v === null || v === '' ? NaN : rank.get(v)!; }
  return out;
}

const byCode = (col: TextColumn, n: number): Float64Array => {
  const ranks = dictRanks(col);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ranks[col.codes[i]!]!;
  return out;
};

/** The sort key of every person for a column (NaN: no value, sorted last), cached per table. */
const keyCache = new WeakMap<Table, Map<SortColumn, Float64Array>>();
export function sortKey(t: Table, column: SortColumn): Float64Array {
  let cache = keyCache.get(t);
  if (!cache) keyCache.set(t, (cache = new Map()));
  const hit = cache.get(column);
  if (hit) return hit;
  let key: Float64Array;
  switch (column) {
    case 'row': key = Float64Array.from(t.row); break;
    case 'name': key = textRanks(t.name, collator.compare); break;
    case 'idNumber': key = textRanks(t.idNumber, (a, b) => (a < b ? -1 : a > b ? 1 : 0)); break;
    case 'township': key = byCode(t.township, t.n); break;
    case 'village': key = byCode(t.village, t.n); break;
    case 'category': key = byCode(t.category, t.n); break;
    case 'personalFee': key = t.personalFee; break;
    case 'subsidy': key = t.subsidy; break;
    case 'benefitStart': case 'benefitEnd': {
      const src = column === 'benefitStart' ? t.benefitStart : t.benefitEnd;
      key = new Float64Array(t.n);
      for (let i = 0; i < t.n; i++) key[i] = src[i] === -2147483648 ? NaN : src[i]!;
      break;
    }
    case 'eligible': key = new Float64Array(t.n); for (let i = 0; i < t.n; i++) key[i] = t.eligible[i]! < 0 ? NaN : t.eligible[i]!; break;
    case 'flags': key = new Float64Array(t.n); for (let i = 0; i < t.n; i++) key[i] = t.flagStart[i + 1]! - t.flagStart[i]!; break;
  }
  cache.set(column, key);
  return key;
}

/** Persons matching every given filter, in roster order. */
export function filterRows(t: Table, f: ResultFilter): Uint32Array {
  const codeOf = (col: TextColumn, v: string | undefined) => (v ? col.values.indexOf(v) : -2);
  const town = codeOf(t.township, f.township), village = codeOf(t.village, f.village);
  if (town === -1 || village === -1) return new Uint32Array(0);
  // A category matches every dictionary entry (a joined set) that contains it.
  const cats = f.category ? new Set(t.category.values.flatMap((v, c) => (v.split('、').includes(f.category!) ? [c] : []))) : null;
  const flagged = f.flag ? new Uint8Array(t.n) : null;
  if (flagged) for (let i = 0; i < t.n; i++) for (let k = t.flagStart[i]!; k < t.flagStart[i + 1]!; k++) if (t.flagCode[k] === f.flag) { flagged[i] = 1; break; }
  const search = f.search?.trim() ?? '';
  const searchUpper = search.toUpperCase();
  const out = new Uint32Array(t.n);
  let m = 0;
  for (let i = 0; i < t.n; i++) {
    if (town >= 0 && t.township.codes[i] !== town) continue;
    if (village >= 0 && t.village.codes[i] !== village) continue;
    if (cats && !cats.has(t.category.codes[i]!)) continue;
    if (flagged && !flagged[i]) continue;
    if (f.eligible === 'yes' && t.eligible[i] !== 1) continue;
    if (f.eligible === 'no' && t.eligible[i] !== 0) continue;
    if (search && !(t.name[i] ?? '').includes(search) && !(t.idNumber[i] ?? '').includes(searchUpper)) continue;
    out[m++] = i;
  }
  return out.slice(0, m);
}

/** Sorts persons by a column; ties and empty values keep roster order, and empty values go last either way. */
export function sortRows(t: Table, rows: Uint32Array, column: SortColumn, descending: boolean): Uint32Array {
  if (column === 'row' && !descending) return rows;
  const key = sortKey(t, column);
  const dir = descending ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const x = key[a]!, y = key[b]!;
    if (x === y) return a - b;
    if (x !== x) return y !== y ? a - b : 1; // NaN: last
    if (y !== y) return -1;
    return x < y ? -dir : dir;
  });
}

/** The distinct values the filters offer, in collation order. */
export function choices(col: TextColumn, splitSets = false): string[] {
  const all = splitSets ? col.values.flatMap((v) => v.split('、')) : col.values;
  return [...new Set(all)].filter((v) => v !== '').sort(collator.compare);
}
