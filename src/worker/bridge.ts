// The one module that owns the roster worker: typed async calls, progress callbacks, cancellation by AbortSignal.
import RosterWorker from './roster.worker.ts?worker&inline';
import type { Bilingual } from '../lang/diagnostic.js';
import type { ExplainStep } from '../lang/api.js';
import type { StoreName } from '../store/index.js';
import type { TryPersonAnswer, TryPersonRequest } from './try-person.js';
import type { ExampleGridAnswer } from './example-grid.js';
import type { PolicyDiff } from '../lang/explain/diff.js';
import type {
  Calls,
  ExportFile,
  ExportFormat,
  ImportDone,
  InspectResult,
  Kind,
  Phase,
  PolicyCheckResult,
  PolicyOutline,
  PolicyRef,
  PolicyReview,
  QueryResult,
  Request,
  Response,
  ResultFilter,
  ProblemRow,
  ToPayVillage,
  Comparison,
  CompareRequest,
  RosterFile,
  RosterListItem,
  SortColumn,
  StorageInfo,
} from './protocol.js';

export type Progress = (phase: Phase, done: number, total: number) => void;

/** Options every call takes. */
export interface CallOptions {
  /** Aborting rejects the call at once with a `WorkerError` whose `cancelled` is true. */
  signal?: AbortSignal;
  progress?: Progress;
}

/** A failed call: the message in both languages; `cancelled` when the caller aborted it. */
export class WorkerError extends Error {
  constructor(
    readonly bilingual: Bilingual,
    readonly cancelled = false,
  ) {
    super(bilingual.en);
  }
}

const CANCELLED: Bilingual = { zh: '已取消，未保存任何数据', en: 'Cancelled; nothing was saved' };
const STOPPED: Bilingual = {
  zh: '后台处理意外停止，请重试',
  en: 'Background processing stopped unexpectedly: please try again',
};

/** Calls whose work is one long synchronous stretch in the worker: aborting them ends the worker (and a new one starts). */
const TERMINATE_ON_ABORT = new Set<Kind>(['inspect', 'import', 'recompute', 'export']);

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  progress?: Progress;
}

/**
 * Owns the roster worker. Every method returns a promise, takes an optional AbortSignal and reports progress where the work is long.
 * Aborting an inspect, import or export terminates the worker, so a county being parsed stops at once; nothing is stored
 * (an import's partial chunks are swept by the next worker), and the roster that was open is reopened in the new worker.
 */
export class RosterBridge {
  private worker!: Worker;
  private next = 1;
  private pending = new Map<number, Pending>();
  /** The roster last opened, reopened if the worker is restarted. */
  private lastOpen: { rosterId: string; policy?: PolicyRef } | null = null;

  constructor(private readonly create: () => Worker = () => new RosterWorker()) {
    this.start();
  }

  private start(): void {
    this.worker = this.create();
    this.worker.onmessage = (e: MessageEvent<Response>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') p.progress?.(m.phase, m.done, m.total);
      else {
        this.pending.delete(m.id);
        if (m.kind === 'ok') p.resolve(m.value);
        else p.reject(new WorkerError(m.message, m.cancelled ?? false));
      }
    };
    // A crash (e.g. out of memory on a huge file) fails every call in flight instead of leaving them waiting.
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.restart(STOPPED);
    };
  }

  /** Ends the worker, fails the calls in flight, starts a fresh worker and reopens the roster that was open. */
  private restart(reason: Bilingual, cancelled = false): void {
    this.worker.terminate();
    const inFlight = [...this.pending.values()];
    this.pending.clear();
    for (const p of inFlight) p.reject(new WorkerError(reason, cancelled));
    this.start();
    if (this.lastOpen)
      void this.call('open', this.lastOpen).catch(() => {
        /* the next query reports it */
      });
  }

  private call<K extends Kind>(
    kind: K,
    req: Calls[K]['req'],
    opts: CallOptions = {},
    transfer: Transferable[] = [],
  ): Promise<Calls[K]['res']> {
    const id = this.next++;
    return new Promise<Calls[K]['res']>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new WorkerError(CANCELLED, true));
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        ...(opts.progress ? { progress: opts.progress } : {}),
      });
      opts.signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(id)) return;
          if (TERMINATE_ON_ABORT.has(kind)) {
            this.pending.delete(id);
            reject(new WorkerError(CANCELLED, true));
            this.restart(CANCELLED, true);
          } else {
            // Short calls: tell the worker (it stops between steps) and settle now.
            this.pending.delete(id);
            reject(new WorkerError(CANCELLED, true));
            this.worker.postMessage({ id: this.next++, kind: 'cancel', target: id } satisfies Request & { id: number });
          }
        },
        { once: true },
      );
      this.worker.postMessage({ id, kind, ...req }, transfer);
    });
  }

  /** Checks a policy (parse, check, compile) off the page's thread. */
  checkPolicy(policy: PolicyRef, opts?: CallOptions): Promise<PolicyCheckResult> {
    return this.call('check', { policy }, opts);
  }

  /** The editor's check of a policy as typed, with its examples run, off the page's thread. */
  reviewPolicy(policy: PolicyRef, signal?: AbortSignal): Promise<PolicyReview> {
    return this.call('review', { policy }, signal ? { signal } : {});
  }

  /** A policy's header and operational rules (null when it does not check), compiled off the page's thread. */
  outlinePolicy(policy: PolicyRef, signal?: AbortSignal): Promise<PolicyOutline | null> {
    return this.call('outline', { policy }, signal ? { signal } : {});
  }

  /** Reads a roster file (pass a File as `{ name, blob }` for large files): headers, column mapping, encoding, sheet names, row count and the first problems. The parse is kept for `import`. */
  inspect(
    file: RosterFile,
    policy: PolicyRef,
    overrides: Record<string, string | null>,
    signal?: AbortSignal,
    progress?: Progress,
  ): Promise<InspectResult> {
    return this.call(
      'inspect',
      { file, policy, overrides },
      { ...(signal ? { signal } : {}), ...(progress ? { progress } : {}) },
    );
  }

  /** Reads, evaluates and stores a roster; resolves with its id and summary. Cancel or failure stores nothing. */
  import(
    file: RosterFile,
    policy: PolicyRef,
    overrides: Record<string, string | null>,
    name: string,
    params: Record<string, string>,
    progress: Progress,
    signal?: AbortSignal,
  ): Promise<ImportDone> {
    return this.call('import', { file, policy, overrides, name, params }, { progress, ...(signal ? { signal } : {}) });
  }

  /** Loads a stored roster's results into the worker (its summary is already in the roster list). The policy argument is ignored: the roster keeps the policy it was evaluated with. */
  open(rosterId: string, _policy?: PolicyRef, progress?: Progress, signal?: AbortSignal): Promise<ImportDone> {
    this.lastOpen = { rosterId };
    return this.call('open', { rosterId }, { ...(progress ? { progress } : {}), ...(signal ? { signal } : {}) });
  }

  /** Computes a stored roster again with the policy as it is now; resolves with the new roster (the old one is deleted). */
  recompute(rosterId: string, policy: PolicyRef, progress: Progress, signal?: AbortSignal): Promise<ImportDone> {
    if (this.lastOpen?.rosterId === rosterId) this.lastOpen = null;
    return this.call('recompute', { rosterId, policy }, { progress, ...(signal ? { signal } : {}) });
  }

  /** A page of results after filtering and sorting the whole roster; `find`: also where that data row stands in it. */
  query(
    rosterId: string,
    filter: ResultFilter,
    sort: { column: SortColumn; descending: boolean },
    offset: number,
    limit: number,
    signal?: AbortSignal,
    find?: number,
  ): Promise<QueryResult> {
    const req = { rosterId, filter, sort, offset, limit, ...(find !== undefined ? { find } : {}) };
    return this.call('query', req, signal ? { signal } : {});
  }

  /** How one person's results follow from the policy, step by step with clauses. `row` is the roster's data row number. */
  explain(rosterId: string, row: number, signal?: AbortSignal): Promise<ExplainStep[]> {
    return this.call('explain', { rosterId, row }, signal ? { signal } : {});
  }

  /** 例子表: a policy text's examples as a grid, with where their blocks sit. */
  exampleGrid(text: string, path: string, signal?: AbortSignal): Promise<ExampleGridAnswer> {
    return this.call('exampleGrid', { text, path }, signal ? { signal } : {});
  }

  /** 试算此人: one person's cells as the roster held them, by policy field name. */
  personCells(rosterId: string, row: number, signal?: AbortSignal): Promise<Record<string, string>> {
    return this.call('personCells', { rosterId, row }, signal ? { signal } : {});
  }

  /** The roster with its results (XLSX, or CSV with BOM), or the township summary; every cell neutralised against formulas. */
  export(
    rosterId: string,
    format: ExportFormat,
    lang: 'zh' | 'en',
    progress?: Progress,
    signal?: AbortSignal,
  ): Promise<ExportFile> {
    return this.call(
      'export',
      { rosterId, format, lang },
      { ...(progress ? { progress } : {}), ...(signal ? { signal } : {}) },
    );
  }

  /** 待缴费名单 for printing: per township and village, the eligible people not yet enrolled. */
  toPay(rosterId: string, signal?: AbortSignal): Promise<ToPayVillage[]> {
    return this.call('toPay', { rosterId }, signal ? { signal } : {});
  }

  /** The roster computed under another policy, against its own results (progress while it is computed). */
  compare(req: CompareRequest, progress: Progress, signal?: AbortSignal): Promise<Comparison> {
    return this.call('compare', req, { progress, ...(signal ? { signal } : {}) });
  }

  exportCompare(req: CompareRequest, format: 'xlsx' | 'csv', lang: 'zh' | 'en'): Promise<ExportFile> {
    return this.call('exportCompare', { ...req, format, lang });
  }

  problemRows(rosterId: string, signal?: AbortSignal): Promise<ProblemRow[]> {
    return this.call('problemRows', { rosterId }, signal ? { signal } : {});
  }

  /** Stored rosters, newest first, with summaries (from the worker's store: right in a memory-only session too). */
  listRosters(signal?: AbortSignal): Promise<RosterListItem[]> {
    return this.call('list', {}, signal ? { signal } : {});
  }

  deleteRoster(rosterId: string, signal?: AbortSignal): Promise<null> {
    if (this.lastOpen?.rosterId === rosterId) this.lastOpen = null;
    return this.call('delete', { rosterId }, signal ? { signal } : {});
  }

  /** Deletes every stored roster, policy edit, mapping and setting. */
  clearAll(signal?: AbortSignal): Promise<null> {
    this.lastOpen = null;
    return this.call('clear', {}, signal ? { signal } : {});
  }

  /** Usage and quota, whether storage is persistent, whether this session is memory-only, records rejected on reading. */
  storageInfo(signal?: AbortSignal): Promise<StorageInfo> {
    return this.call('storage', {}, signal ? { signal } : {});
  }

  /** A damaged stored record (listed in `storageInfo().rejected`) as a JSON file. */
  exportDamaged(store: StoreName, ref: IDBValidKey): Promise<ExportFile> {
    return this.call('damagedExport', { store, ref });
  }

  /** Deletes a damaged stored record (a roster with its chunks). */
  deleteDamaged(store: StoreName, ref: IDBValidKey): Promise<null> {
    return this.call('damagedDelete', { store, ref });
  }

  /** 试算: one person typed into a form, computed in the worker (the policy compiled once per text). */
  tryPerson(req: TryPersonRequest, signal?: AbortSignal): Promise<TryPersonAnswer> {
    return this.call('tryPerson', req, signal ? { signal } : {});
  }

  /** What changed from `before` to `after` (a year and its parent, two saved versions), compared in the worker. */
  diffPolicies(before: PolicyRef, after: PolicyRef, signal?: AbortSignal): Promise<PolicyDiff> {
    return this.call('diffPolicies', { before, after }, signal ? { signal } : {});
  }
}
