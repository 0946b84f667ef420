// The Results screen's filter and sort, and how they become the worker's query.
import type { EnrolledFilter, ResultFilter, SortColumn } from '../../worker/protocol.js';

/** What the filter controls hold: '' means "all". */
export interface FilterState {
  township: string;
  village: string;
  category: string;
  flag: string;
  eligible: '' | 'yes' | 'no';
  enrolled: '' | EnrolledFilter;
  search: string;
}

export interface SortState {
  column: SortColumn;
  descending: boolean;
}

export const EMPTY_FILTER: FilterState = {
  township: '',
  village: '',
  category: '',
  flag: '',
  eligible: '',
  enrolled: '',
  search: '',
};
export const DEFAULT_SORT: SortState = { column: 'row', descending: false };

/** The worker's filter: empty controls left out, search trimmed. */
export function toQuery(f: FilterState): ResultFilter {
  const q: ResultFilter = {};
  if (f.township) q.township = f.township;
  if (f.village) q.village = f.village;
  if (f.category) q.category = f.category;
  if (f.flag) q.flag = f.flag;
  if (f.eligible) q.eligible = f.eligible;
  if (f.enrolled) q.enrolled = f.enrolled;
  const search = f.search.trim();
  if (search) q.search = search;
  return q;
}

/** Filter controls set from a worker filter (e.g. a summary link to one flag). */
export function fromQuery(q: ResultFilter): FilterState {
  return {
    ...EMPTY_FILTER,
    ...Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)),
  } as FilterState;
}

export function isFiltered(f: FilterState): boolean {
  return Object.keys(toQuery(f)).length > 0;
}

/** A header click: the same column flips direction, another column sorts ascending. */
export function nextSort(current: SortState, column: SortColumn): SortState {
  return current.column === column ? { column, descending: !current.descending } : { column, descending: false };
}

/** Village choices: those of the chosen township when the summary says which township each village is in. */
export function villageOptions(
  all: readonly string[],
  township: string,
  villages: readonly { name: string; township: string }[],
): string[] {
  if (!township) return [...all];
  const inTownship = new Set(villages.filter((v) => v.township === township).map((v) => v.name));
  return inTownship.size ? all.filter((v) => inTownship.has(v)) : [...all];
}

/** A key that changes whenever the worker's answer would. */
export function queryKey(rosterId: string, f: FilterState, s: SortState): string {
  return JSON.stringify([rosterId, toQuery(f), s.column, s.descending]);
}
