// The Results screen's state: filter and sort, the block of rows fetched from the worker for the scroll window, the explanation.
import { untrack } from 'svelte';
import type { Bilingual } from '../../lang/diagnostic.js';
import type { ExplainStep } from '../../lang/api.js';
import type { QueryResult, ResultFilter, ResultView, SortColumn } from '../../worker/protocol.js';
import { errorMessage } from '../errors.js';
import { blockFor, covers, visibleWindow, type RowWindow } from '../virtual.js';
import {
  DEFAULT_SORT,
  EMPTY_FILTER,
  fromQuery,
  nextSort,
  queryKey,
  toQuery,
  type FilterState,
  type SortState,
} from './query.js';

/** What the results need from the worker bridge (or a fake in tests). */
export interface ResultSource {
  /** `find`: a data row whose place in the list comes back as `found` (-1 when the filter leaves it out). */
  query(
    rosterId: string,
    filter: ResultFilter,
    sort: SortState,
    offset: number,
    limit: number,
    signal?: AbortSignal,
    find?: number,
  ): Promise<QueryResult>;
  explain(rosterId: string, row: number): Promise<ExplainStep[]>;
}

export const ROW_HEIGHT = 28;
export const SEARCH_DELAY_MS = 250;
/** The scroller's height is capped by the browser (~33.5 M px in Chromium); rows stay under it up to ~1.1 M at 28 px. */
const FIRST_BLOCK = 200;

export class ResultsState {
  readonly rosterId: string;
  filter = $state<FilterState>({ ...EMPTY_FILTER });
  /** The search box as typed; copied into the filter after a pause. */
  searchText = $state('');
  sort = $state<SortState>({ ...DEFAULT_SORT });
  scrollTop = $state(0);
  viewport = $state(600);
  total = $state<number | null>(null);
  block = $state.raw<{ key: string; offset: number; rows: ResultView[] } | null>(null);
  options = $state.raw<Pick<QueryResult, 'townships' | 'villages' | 'categories' | 'flagCodes'>>({
    townships: [],
    villages: [],
    categories: [],
    flagCodes: [],
  });
  loading = $state(false);
  error = $state.raw<Bilingual | null>(null);
  /** Bumped when the list changes under the scroller (new filter or sort): the view scrolls back to the top. */
  resetToken = $state(0);
  selectedRow = $state<number | null>(null);
  steps = $state.raw<ExplainStep[] | null>(null);
  /** The person explained, as the list showed them when clicked (kept when a new filter leaves them out). */
  selectedPerson = $state.raw<ResultView | null>(null);
  /** The explained person is not in the list as now filtered (the panel says so); false while they are or unknown. */
  selectedGone = $state(false);
  explainError = $state.raw<Bilingual | null>(null);

  private readonly source: ResultSource;
  private seq = 0;
  private explainSeq = 0;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  readonly key = $derived.by(() => queryKey(this.rosterId, this.filter, this.sort));
  readonly window: RowWindow = $derived(visibleWindow(this.scrollTop, this.viewport, ROW_HEIGHT, this.total ?? 0));
  /** The rows to draw, each with its index in the filtered list (its vertical position). */
  readonly visible = $derived(this.rowsIn(this.window));
  readonly filtered = $derived(Object.keys(toQuery(this.filter)).length > 0);

  constructor(source: ResultSource, rosterId: string, filter: ResultFilter = {}) {
    this.source = source;
    this.rosterId = rosterId;
    this.applyFilter(filter);
  }

  private rowsIn(win: RowWindow): { index: number; row: ResultView }[] {
    const b = this.block;
    if (!b || b.key !== this.key) return [];
    const out: { index: number; row: ResultView }[] = [];
    for (let i = Math.max(win.start, b.offset); i < Math.min(win.end, b.offset + b.rows.length); i++)
      out.push({ index: i, row: b.rows[i - b.offset]! });
    return out;
  }

  /** Replaces every filter control (a link from the summary, or "clear filters"). */
  applyFilter(filter: ResultFilter): void {
    this.filter = fromQuery(filter);
    this.searchText = this.filter.search;
  }

  clearFilters(): void {
    this.applyFilter({});
  }

  setFilter<K extends keyof FilterState>(name: K, value: FilterState[K]): void {
    this.filter = { ...this.filter, [name]: value };
  }

  typeSearch(text: string): void {
    this.searchText = text;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.searchTimer = null;
      this.setFilter('search', this.searchText);
    }, SEARCH_DELAY_MS);
  }

  sortBy(column: SortColumn): void {
    this.sort = nextSort(this.sort, column);
  }

  /**
   * Fetches what the current filter, sort and scroll window need, unless already in hand.
   * Call from an effect: it reads the key and window (tracked) and nothing else.
   */
  sync(): Promise<void> {
    const key = this.key;
    const win = this.window;
    return untrack(() => this.fetch(key, win));
  }

  private async fetch(key: string, win: RowWindow): Promise<void> {
    const b = this.block;
    const sameKey = b?.key === key;
    if (sameKey && covers({ offset: b!.offset, count: b!.rows.length }, win)) return;
    if (!sameKey && b) this.resetToken++;
    const want = sameKey && this.total !== null ? blockFor(win, this.total) : { offset: 0, limit: FIRST_BLOCK };
    if (sameKey && want.limit === 0) return;
    const seq = ++this.seq;
    // A new list: ask where the explained person stands in it, so the panel follows the filter.
    const find = !sameKey && this.selectedRow !== null ? this.selectedRow : undefined;
    this.loading = true;
    try {
      const r = await this.source.query(
        this.rosterId,
        toQuery(this.filter),
        { ...this.sort },
        want.offset,
        want.limit,
        undefined,
        find,
      );
      if (seq !== this.seq) return;
      if (find !== undefined && find === this.selectedRow && r.found !== undefined) this.selectedGone = r.found < 0;
      this.total = r.total;
      this.block = { key, offset: want.offset, rows: r.rows };
      this.options = { townships: r.townships, villages: r.villages, categories: r.categories, flagCodes: r.flagCodes };
      this.error = null;
    } catch (e) {
      if (seq === this.seq) this.error = errorMessage(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  async explain(row: number): Promise<void> {
    const seq = ++this.explainSeq;
    this.selectedRow = row;
    this.selectedPerson = this.block?.rows.find((r) => r.row === row) ?? null;
    this.selectedGone = false;
    this.steps = null;
    this.explainError = null;
    try {
      const steps = await this.source.explain(this.rosterId, row);
      if (seq === this.explainSeq) this.steps = steps;
    } catch (e) {
      if (seq === this.explainSeq) this.explainError = errorMessage(e);
    }
  }

  /**
   * Explains the row `delta` places away from the one explained, in the list as filtered and sorted.
   * Returns its index in the list (to scroll to), or null when there is none in hand.
   */
  explainNext(delta: number): number | null {
    const b = this.block;
    if (!b || b.key !== this.key || this.selectedRow === null) return null;
    const at = b.rows.findIndex((r) => r.row === this.selectedRow);
    const next = at < 0 ? -1 : at + delta;
    if (at < 0 || next < 0 || next >= b.rows.length) return null;
    void this.explain(b.rows[next]!.row);
    return b.offset + next;
  }

  closeExplain(): void {
    this.explainSeq++;
    this.selectedRow = null;
    this.selectedPerson = null;
    this.selectedGone = false;
    this.steps = null;
  }
}
