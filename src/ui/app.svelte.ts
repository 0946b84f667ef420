// Application state: screen, language, the store and the worker bridge, the open roster. No rules here.
import type { Bilingual, PolicyDiff, RosterSummary } from '../lang/index.js';
import type { SlipSize } from './slip/slip.js';
import { BUNDLED_POLICIES, BUNDLED_SAMPLES } from '../bundled.js';
import { Store, type PolicyRecord, type Rejected } from '../store/index.js';
import { headerSignature } from '../roster/columns.js';
import { RosterBridge } from '../worker/bridge.js';
import { errorMessage } from './errors.js';
import { download } from './download.js';
import { ResultsState } from './results/results.svelte.js';
import { RosterImport, type ImportHost } from './rosters/import.svelte.js';
import { PolicyWorkbench } from './policies/workbench.svelte.js';
import { TryPersonForm } from './try/try-person.svelte.js';
import { staleFiles, type StaleFile } from './rosters/stale.js';
import { NO_DETAILS, reportDetails, type ReportDetails } from './settings/report-details.js';
import type { ImportProgress } from './rosters/import.svelte.js';

const FIRST_POLICY = BUNDLED_SAMPLES[0]?.policy ?? Object.keys(BUNDLED_POLICIES).sort()[0] ?? '';
import type {
  PolicyOutline,
  PolicyRef,
  PolicyReview,
  ResultFilter,
  ResultView,
  ExplainStep,
  RosterListItem,
  StorageInfo,
} from '../worker/protocol.js';
import { isLang, other, pick, translate, type Lang, type MessageKey } from './i18n/index.js';

export type View = 'policies' | 'rosters' | 'results' | 'summary' | 'export' | 'settings';
export const VIEWS: readonly View[] = ['policies', 'rosters', 'results', 'summary', 'export', 'settings'];

export class AppState {
  view = $state<View>('rosters');
  lang = $state<Lang>('zh');
  /** The unit name, preparer and checker for the printed report (set in Settings). */
  reportDetails = $state.raw<ReportDetails>(NO_DETAILS);
  store = $state.raw<Store | null>(null);
  userPolicies = $state.raw<PolicyRecord[]>([]);
  rosters = $state.raw<RosterListItem[]>([]);
  /** Storage as the worker's store sees it (usage, quota, memory-only, records rejected on reading). */
  storage = $state.raw<StorageInfo | null>(null);
  /** The roster the Results, Summary and Export screens show. */
  active = $state.raw<RosterListItem | null>(null);
  summary = $state.raw<RosterSummary | null>(null);
  /** Computing the open roster again with the current policy. */
  recomputing = $state.raw<ImportProgress | null>(null);
  /** The policy files that changed since the open roster was computed (empty: its results are current). */
  readonly activeStale: StaleFile[] = $derived.by(() => (this.active ? this.staleOf(this.active) : []));
  /** Loading a stored roster into the worker. */
  opening = $state.raw<{ done: number; total: number } | null>(null);
  /** The Results screen's state for the open roster (kept while switching screens). */
  results = $state.raw<ResultsState | null>(null);
  error = $state.raw<Bilingual | null>(null);
  /** How the last import was computed: the slower closures mean this browser refused to load generated code. */
  evaluator = $state.raw<'generated' | 'closures' | null>(null);
  readonly bridge = new RosterBridge();
  /** The import in progress (kept while switching screens). */
  readonly importer = new RosterImport(this.importHost(), FIRST_POLICY);
  /** The policy editor's state, made once the clerk's saved policies are read. */
  workbench = $state.raw<PolicyWorkbench | null>(null);
  /** The 政策 screen shows the editor, the 试算 form or the 例子表. */
  policyTab = $state<'editor' | 'try' | 'grid'>('editor');
  /** 告知单: the person whose slip is open (from the explanation panel), or null. */
  slip = $state.raw<{ person: ResultView; steps: ExplainStep[]; policyPath: string } | null>(null);
  slipSize = $state<SlipSize>('a4');
  /** 试算: the person typed into the form (kept while switching screens). */
  readonly trial = new TryPersonForm({
    tryPerson: (req, signal) => this.bridge.tryPerson(req, signal),
    fail: (e) => this.fail(e),
  });

  get rosterId(): string | null {
    return this.active?.id ?? null;
  }

  t = (key: MessageKey, vars?: Record<string, string | number>): string => translate(this.lang, key, vars);
  /** A bilingual message in the current language. */
  bi = (m: Bilingual): string => pick(this.lang, m);
  /** The same message in the other language ('' when identical). */
  alt = (m: Bilingual): string => other(this.lang, m);

  async init(): Promise<void> {
    const store = await Store.open();
    void Store.persist();
    const lang = await store.getSetting<unknown>('lang');
    if (isLang(lang)) this.lang = lang;
    this.reportDetails = reportDetails(await store.getSetting<unknown>('report'));
    document.documentElement.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
    this.store = store;
    await this.refresh();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read only, never changed
    this.workbench = new PolicyWorkbench(this, new Set(Object.keys(BUNDLED_POLICIES)), FIRST_POLICY);
  }

  private importHost(): ImportHost {
    return {
      policyRef: (entry) => this.policyRef(entry),
      inspect: (file, policy, overrides, progress, signal) =>
        this.bridge.inspect(file, policy, overrides, signal, progress),
      import: (file, policy, overrides, name, params, progress, signal) =>
        this.bridge.import(file, policy, overrides, name, params, progress, signal),
      getMapping: (policyPath, headers) => this.store!.getMapping(policyPath, headerSignature(headers)),
      saveMapping: (policyPath, headers, overrides) =>
        this.store!.saveMapping(policyPath, headerSignature(headers), overrides),
      imported: async (done) => {
        this.evaluator = done.evaluator ?? null;
        await this.refresh();
        const meta = this.rosters.find((r) => r.id === done.rosterId);
        if (meta) await this.openRoster(meta);
      },
    };
  }

  async refresh(): Promise<void> {
    if (!this.store) return;
    this.userPolicies = await this.store.listPolicies();
    // Rosters live in the worker's store (in a memory-only session the page's store does not see them).
    const [rosters, storage] = await Promise.all([this.bridge.listRosters(), this.bridge.storageInfo()]);
    this.rosters = rosters;
    this.storage = storage;
    if (this.active && !this.rosters.some((r) => r.id === this.active!.id)) this.close();
  }

  async setLang(lang: Lang): Promise<void> {
    this.lang = lang;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    await this.store?.setSetting('lang', lang);
  }

  async setReportDetails(details: ReportDetails): Promise<void> {
    this.reportDetails = reportDetails(details);
    await this.store?.setSetting('report', this.reportDetails);
  }

  /** All policy texts by file name: bundled ones, overridden by the clerk's saved versions. */
  sources(): Record<string, string> {
    return { ...BUNDLED_POLICIES, ...Object.fromEntries(this.userPolicies.map((p) => [p.path, p.text])) };
  }

  policyRef(entry: string): PolicyRef {
    return { entry, sources: this.sources() };
  }

  /** What changed from one policy to another (政策比较), in the worker. */
  diffPolicies(before: PolicyRef, after: PolicyRef): Promise<PolicyDiff> {
    return this.bridge.diffPolicies(before, after);
  }

  /** Checks a policy text as the editor shows it and runs its examples, in the worker. */
  check(entry: string, text: string, signal?: AbortSignal): Promise<PolicyReview> {
    return this.bridge.reviewPolicy({ entry, sources: { ...this.sources(), [entry]: text } }, signal);
  }

  /** The text shipped with the app for a policy file (null: the clerk's own file). */
  bundledText(path: string): string | null {
    return Object.hasOwn(BUNDLED_POLICIES, path) ? BUNDLED_POLICIES[path]! : null;
  }

  /** Saves a policy text as its newest version, with the clerk's note on what changed (may be empty). */
  async savePolicy(path: string, text: string, note = ''): Promise<void> {
    await this.store!.savePolicy(path, text, note);
    await this.refresh();
  }

  /** Sets the note of a saved text of a policy (the current one or an earlier version); empty removes it. */
  async setNote(path: string, at: { savedAt: string; text: string }, note: string): Promise<void> {
    await this.store!.setNote(path, at, note);
    await this.refresh();
  }

  /** A policy's header and operational rules for display, compiled in the worker; null when it does not check. */
  policyOutline(path: string, signal?: AbortSignal): Promise<PolicyOutline | null> {
    return this.bridge.outlinePolicy(this.policyRef(path), signal);
  }

  go(view: View): void {
    this.view = view;
  }

  /** 试算此人: the 试算 form of the roster's policy, filled with the person's cells as the roster held them. */
  async tryRow(row: number): Promise<void> {
    const meta = this.active;
    if (!meta || !this.workbench) return;
    try {
      const cells = await this.bridge.personCells(meta.id, row);
      this.workbench.select(meta.policyPath);
      this.trial.fill(cells);
      this.policyTab = 'try';
      this.go('policies');
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e: unknown): void {
    this.error = errorMessage(e);
  }

  /** Loads a stored roster into the worker and shows its summary. */
  async openRoster(meta: RosterListItem, view: View = 'summary'): Promise<void> {
    this.active = meta;
    this.summary = meta.summary as RosterSummary;
    this.results = new ResultsState(this.bridge, meta.id);
    this.view = view;
    this.opening = { done: 0, total: meta.chunkCount };
    try {
      await this.bridge.open(
        meta.id,
        this.policyRef(meta.policyPath),
        (_phase, done, total) => (this.opening = { done, total }),
      );
    } catch (e) {
      this.fail(e);
    } finally {
      this.opening = null;
    }
  }

  /** The policy files that changed since this roster was computed. */
  staleOf(meta: RosterListItem): StaleFile[] {
    return staleFiles(meta.policyFiles ?? {}, this.sources(), this.userPolicies, BUNDLED_POLICIES);
  }

  /** Computes a stored roster again with the policy as it is now, replaces its results and shows the new ones. */
  async recompute(meta: RosterListItem): Promise<void> {
    this.recomputing = { phase: 'read', done: 0, total: 1 };
    try {
      const progress = (phase: ImportProgress['phase'], d: number, total: number) =>
        (this.recomputing = { phase, done: d, total });
      const done = await this.bridge.recompute(meta.id, this.policyRef(meta.policyPath), progress);
      this.evaluator = done.evaluator ?? null;
      await this.refresh();
      const fresh = this.rosters.find((r) => r.id === done.rosterId);
      if (fresh) await this.openRoster(fresh, this.view);
    } catch (e) {
      this.fail(e);
    } finally {
      this.recomputing = null;
    }
  }

  close(): void {
    this.active = null;
    this.results = null;
    this.summary = null;
  }

  /** Why data is kept for this session only, if it is (the page's store or the worker's). */
  get memoryOnly(): Bilingual | null {
    return this.store?.memoryOnly ?? this.storage?.memoryOnly ?? null;
  }

  async deleteRoster(id: string): Promise<void> {
    await this.bridge.deleteRoster(id);
    if (this.active?.id === id) this.close();
    await this.refresh();
  }

  /** Saves a damaged stored record as a JSON file (for support). */
  async exportDamaged(r: Rejected): Promise<void> {
    const f = await this.bridge.exportDamaged(r.store, r.ref);
    download(f.fileName, f.bytes, f.mime);
  }

  /** Deletes a damaged stored record at the clerk's request. */
  async deleteDamaged(r: Rejected): Promise<void> {
    await this.bridge.deleteDamaged(r.store, r.ref);
    await this.refresh();
  }

  async clearAll(): Promise<void> {
    await this.bridge.clearAll();
    await this.store!.clearAll();
    this.reportDetails = NO_DETAILS;
    this.close();
    await this.refresh();
  }

  /** Shows the Results screen with a filter applied. */
  showResults(filter: ResultFilter): void {
    this.results?.applyFilter(filter);
    this.view = 'results';
  }
}
