// The one module that owns the roster worker: typed calls, progress callbacks, cancellation by AbortSignal.
import RosterWorker from './roster.worker.ts?worker&inline';
import type { Bilingual } from '../lang/diagnostic.js';
import type { ExplainStep } from '../lang/api.js';
import type { ExportFile, ImportDone, InspectResult, PolicyRef, QueryResult, Request, Response, ResultFilter, SortColumn } from './protocol.js';

export type Progress = (phase: string, done: number, total: number) => void;

export class WorkerError extends Error {
  constructor(readonly bilingual: Bilingual) {
    super(bilingual.en);
  }
}

export class RosterBridge {
  private worker = new RosterWorker();
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: Progress }>();

  constructor() {
    this.worker.onmessage = (e: MessageEvent<Response>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') p.progress?.(m.phase, m.done, m.total);
      else {
        this.pending.delete(m.id);
        if (m.kind === 'ok') p.resolve(m.value);
        else p.reject(new WorkerError(m.message));
      }
    };
  }

  private call<T>(req: Request, opts: { signal?: AbortSignal; progress?: Progress; transfer?: Transferable[] } = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new WorkerError({ zh: '已取消', en: 'Cancelled' }));
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(opts.progress ? { progress: opts.progress } : {}) });
      opts.signal?.addEventListener('abort', () => {
        this.worker.postMessage({ id: this.next++, kind: 'cancel', target: id } satisfies Request & { id: number });
      }, { once: true });
      this.worker.postMessage({ id, ...req }, opts.transfer ?? []);
    });
  }

  inspect(file: { name: string; bytes: Uint8Array }, policy: PolicyRef, overrides: Record<string, string | null>, signal?: AbortSignal): Promise<InspectResult> {
    return this.call({ kind: 'inspect', file, policy, overrides }, signal ? { signal } : {});
  }

  import(file: { name: string; bytes: Uint8Array }, policy: PolicyRef, overrides: Record<string, string | null>, name: string, params: Record<string, string>, progress: Progress, signal?: AbortSignal): Promise<ImportDone> {
    return this.call({ kind: 'import', file, policy, overrides, name, params }, { progress, ...(signal ? { signal } : {}) });
  }

  open(rosterId: string, policy: PolicyRef, progress?: Progress): Promise<ImportDone> {
    return this.call({ kind: 'open', rosterId, policy }, progress ? { progress } : {});
  }

  query(rosterId: string, filter: ResultFilter, sort: { column: SortColumn; descending: boolean }, offset: number, limit: number): Promise<QueryResult> {
    return this.call({ kind: 'query', rosterId, filter, sort, offset, limit });
  }

  explain(rosterId: string, row: number): Promise<ExplainStep[]> {
    return this.call({ kind: 'explain', rosterId, row });
  }

  export(rosterId: string, format: 'xlsx' | 'csv' | 'summary-xlsx' | 'summary-csv'): Promise<ExportFile> {
    return this.call({ kind: 'export', rosterId, format });
  }
}
