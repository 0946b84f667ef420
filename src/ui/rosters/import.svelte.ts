// The roster import's state: file → inspection (mapping, unreadable rows, unset parameters) → commit with progress and cancel.
import type { Bilingual } from '../../lang/diagnostic.js';
import type { ImportDone, InspectResult, Phase, PolicyRef, RosterFile } from '../../worker/protocol.js';
import { errorMessage } from '../errors.js';

export type Overrides = Record<string, string | null>;

/** What an import needs from the app (the AppState and its bridge and store, or fakes in tests). */
export interface ImportHost {
  policyRef(entry: string): PolicyRef;
  /** `progress`: the worker's 'read' progress while it parses the file; `signal` stops the read. */
  inspect(
    file: RosterFile,
    policy: PolicyRef,
    overrides: Overrides,
    progress?: (phase: Phase, done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<InspectResult>;
  import(
    file: RosterFile,
    policy: PolicyRef,
    overrides: Overrides,
    name: string,
    params: Record<string, string>,
    progress: (phase: Phase, done: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<ImportDone>;
  /** A clerk's earlier column choices for this policy and this set of headers. */
  getMapping(policyPath: string, headers: string[]): Promise<Overrides | null>;
  saveMapping(policyPath: string, headers: string[], overrides: Overrides): Promise<void>;
  imported(done: ImportDone): Promise<void>;
}

export interface ImportProgress {
  phase: Phase;
  done: number;
  total: number;
}

export const PHASES: readonly Phase[] = ['read', 'evaluate', 'store'];

/** Overall fraction done across the phases (read, evaluate, store), for one progress bar. */
export function overallProgress(p: ImportProgress): number {
  const i = Math.max(0, PHASES.indexOf(p.phase));
  const within = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  return (i + within) / PHASES.length;
}

/** Fraction of the file read (0 until the worker first reports), for the bar shown while a file is inspected. */
export function readFraction(p: ImportProgress): number {
  return p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
}

/**
 * Whether to show the reading bar: always until a file's mapping first shows; afterwards (a new mapping read again)
 * only once the worker reports reading, so a read answered from the worker's cache does not flash a bar.
 */
export function showReading(reading: ImportProgress | null, inspected: boolean): boolean {
  return reading !== null && (!inspected || reading.done > 0);
}

export class RosterImport {
  policyPath = $state('');
  file = $state.raw<RosterFile | null>(null);
  inspected = $state.raw<InspectResult | null>(null);
  overrides = $state.raw<Overrides>({});
  params = $state.raw<Record<string, string>>({});
  name = $state('');
  busy = $state(false);
  progress = $state.raw<ImportProgress | null>(null);
  /** The file being read (inspected) by the worker, from the moment it is chosen until its mapping shows. */
  reading = $state.raw<ImportProgress | null>(null);
  private readController: AbortController | null = null;
  private readSeq = 0;
  error = $state.raw<Bilingual | null>(null);
  private controller: AbortController | null = null;
  private readonly host: ImportHost;

  readonly missingRequired = $derived(this.inspected?.diagnostics.some((d) => d.severity === 'error') ?? false);
  readonly canCommit = $derived(
    this.inspected !== null && !this.missingRequired && this.progress === null && !this.busy,
  );

  constructor(host: ImportHost, policyPath: string) {
    this.host = host;
    this.policyPath = policyPath;
  }

  /** A file was picked, dropped, or a sample chosen: inspect it, then reapply a remembered mapping for its headers. */
  async choose(file: RosterFile): Promise<void> {
    this.file = file;
    this.inspected = null; // the previous file's mapping is not this file's
    this.name = file.name.replace(/\.[^.]+$/, '');
    this.overrides = {};
    this.params = {};
    this.error = null;
    await this.inspect();
    const inspected = this.inspected as InspectResult | null; // read again after the wait
    if (!inspected || this.file !== file) return; // unreadable, or another file chosen meanwhile
    const remembered = await this.host.getMapping(this.policyPath, inspected.headers);
    if (remembered && typeof remembered === 'object' && Object.keys(remembered).length) {
      this.overrides = remembered;
      await this.inspect();
    }
  }

  async setPolicy(path: string): Promise<void> {
    this.policyPath = path;
    if (this.file) await this.choose(this.file);
  }

  /** The clerk maps a field to a header ('' = to none); remembered for this header set. */
  async setMapping(field: string, header: string): Promise<void> {
    this.overrides = { ...this.overrides, [field]: header === '' ? null : header };
    if (this.inspected) await this.host.saveMapping(this.policyPath, this.inspected.headers, this.overrides);
    await this.inspect();
  }

  setParam(name: string, value: string): void {
    const next = { ...this.params };
    const v = value.trim();
    if (v) next[name] = v;
    else delete next[name];
    this.params = next;
  }

  private async inspect(): Promise<void> {
    if (!this.file) return;
    const seq = ++this.readSeq;
    const controller = new AbortController();
    this.readController = controller;
    this.busy = true;
    this.reading = { phase: 'read', done: 0, total: 1 };
    try {
      const inspected = await this.host.inspect(
        this.file,
        this.host.policyRef(this.policyPath),
        this.overrides,
        (phase, done, total) => {
          if (seq === this.readSeq) this.reading = { phase, done, total };
        },
        controller.signal,
      );
      if (seq !== this.readSeq) return; // another file or mapping was asked for meanwhile
      this.inspected = inspected;
      this.error = null;
    } catch (e) {
      if (seq !== this.readSeq) return;
      this.inspected = null;
      if (controller.signal.aborted) this.reset();
      this.error = controller.signal.aborted ? null : errorMessage(e);
    } finally {
      if (seq === this.readSeq) {
        this.busy = false;
        this.reading = null;
        this.readController = null;
      }
    }
  }

  /** Stops reading the chosen file (the clerk picked the wrong one): nothing is kept. */
  cancelRead(): void {
    this.readController?.abort();
  }

  async commit(): Promise<void> {
    if (!this.file || !this.canCommit) return;
    this.controller = new AbortController();
    this.progress = { phase: 'read', done: 0, total: 1 };
    this.error = null;
    try {
      const done = await this.host.import(
        this.file,
        this.host.policyRef(this.policyPath),
        this.overrides,
        this.name.trim() || this.file.name,
        this.params,
        (phase, d, total) => (this.progress = { phase, done: d, total }),
        this.controller.signal,
      );
      this.reset();
      await this.host.imported(done);
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.progress = null;
      this.controller = null;
    }
  }

  cancel(): void {
    this.controller?.abort();
  }

  reset(): void {
    this.file = null;
    this.inspected = null;
    this.overrides = {};
    this.params = {};
    this.name = '';
  }
}
