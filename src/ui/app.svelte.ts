// Application state: which screen, which policy and roster, language; the store and the worker bridge. No rules here.
import { loadPolicy, runExamples, type CompiledPolicy, type Diagnostic, type ExampleOutcome, type RosterSummary } from '../lang/index.js';
import { BUNDLED_POLICIES } from '../bundled.js';
import { Store, type PolicyRecord, type RosterMeta } from '../store/index.js';
import { RosterBridge } from '../worker/bridge.js';
import type { PolicyRef } from '../worker/protocol.js';
import { CATALOGS, type Lang, type MessageKey } from './i18n.js';

export type View = 'policies' | 'rosters' | 'results' | 'summary' | 'export' | 'settings';

export class AppState {
  view = $state<View>('rosters');
  lang = $state<Lang>('zh');
  store = $state<Store | null>(null);
  userPolicies = $state<PolicyRecord[]>([]);
  rosters = $state<RosterMeta[]>([]);
  rosterId = $state<string | null>(null);
  summary = $state<RosterSummary | null>(null);
  resultFilter = $state<{ flag?: string }>({});
  error = $state<string | null>(null);
  readonly bridge = new RosterBridge();

  t = (key: MessageKey): string => CATALOGS[this.lang][key];
  /** A bilingual message in the current language. */
  bi = (m: { zh: string; en: string }): string => (this.lang === 'zh' ? m.zh : m.en);

  async init(): Promise<void> {
    const store = await Store.open();
    this.store = store;
    void Store.persist();
    this.lang = (await store.getSetting<Lang>('lang')) ?? 'zh';
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.store) return;
    this.userPolicies = await this.store.listPolicies();
    this.rosters = (await this.store.listRosters()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async setLang(lang: Lang): Promise<void> {
    this.lang = lang;
    await this.store?.setSetting('lang', lang);
  }

  /** All policy texts by file name: bundled ones, overridden by the clerk's saved versions. */
  sources(): Record<string, string> {
    return { ...BUNDLED_POLICIES, ...Object.fromEntries(this.userPolicies.map((p) => [p.path, p.text])) };
  }

  policyRef(entry: string): PolicyRef {
    return { entry, sources: this.sources() };
  }

  /** Checks a policy text as the editor shows it (fast enough for the main thread on every edit). */
  check(entry: string, text: string): { policy: CompiledPolicy | null; diagnostics: Diagnostic[]; examples: ExampleOutcome[] } {
    const sources = { ...this.sources(), [entry]: text };
    const { policy, diagnostics } = loadPolicy(entry, (p) => sources[p.split('/').pop()!] ?? null);
    return { policy, diagnostics, examples: policy ? runExamples(policy) : [] };
  }

  async openRoster(meta: RosterMeta): Promise<void> {
    this.rosterId = meta.id;
    this.summary = meta.summary as RosterSummary;
    this.view = 'summary';
    try {
      await this.bridge.open(meta.id, this.policyRef(meta.policyPath));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }
}
