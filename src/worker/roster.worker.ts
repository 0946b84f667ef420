// The roster worker: routes each request to the RosterService and posts progress, the value or a bilingual error.
/// <reference lib="webworker" />
import type { Request, Response } from './protocol.js';
import { failureMessage, RosterService } from './service.js';
import { tryPerson } from './try-person.js';
import { exampleGrid } from './example-grid.js';
import { diffPolicies } from './policy-diff.js';
import { throttledProgress } from './progress.js';

const service = new RosterService();
// Open the store at once: it sweeps what an interrupted import (or a terminated worker) left behind.
void service.store();
const cancelled = new Set<number>();
const post = (m: Response) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

/** A call's context: its progress thinned to ≤ 10 messages a second per phase, and whether it was cancelled. */
function context(id: number) {
  return {
    progress: throttledProgress((phase, done, total) => post({ id, kind: 'progress', phase, done, total })),
    cancelled: () => cancelled.has(id),
  };
}

self.onmessage = async (e: MessageEvent<Request & { id: number }>) => {
  const req = e.data;
  if (req.kind === 'cancel') {
    cancelled.add(req.target);
    return;
  }
  const ctx = context(req.id);
  try {
    let value: unknown;
    switch (req.kind) {
      case 'check':
        value = service.check(req);
        break;
      case 'review':
        value = service.review(req);
        break;
      case 'outline':
        value = service.outline(req);
        break;
      case 'inspect':
        value = await service.inspect(req, ctx);
        break;
      case 'import':
        value = await service.import(req, ctx);
        break;
      case 'open':
        value = await service.open(req, ctx);
        break;
      case 'recompute':
        value = await service.recompute(req, ctx);
        break;
      case 'query':
        value = await service.query(req);
        break;
      case 'explain':
        value = await service.explain(req);
        break;
      case 'exampleGrid':
        value = exampleGrid(req.text, req.path);
        break;
      case 'personCells':
        value = await service.personCells(req);
        break;
      case 'toPay':
        value = await service.toPay(req);
        break;
      case 'problemRows':
        value = await service.problemRows(req);
        break;
      case 'compare':
        value = await service.compare(req, ctx);
        break;
      case 'export':
      case 'exportCompare': {
        // The file's bytes move to the page instead of being copied.
        const file = req.kind === 'export' ? await service.export(req, ctx) : await service.exportCompare(req, ctx);
        (self as unknown as DedicatedWorkerGlobalScope).postMessage(
          { id: req.id, kind: 'ok', value: file } satisfies Response,
          [file.bytes.buffer],
        );
        return;
      }
      case 'list':
        value = await service.list();
        break;
      case 'delete':
        value = await service.delete(req);
        break;
      case 'clear':
        value = await service.clear();
        break;
      case 'storage':
        value = await service.storage();
        break;
      case 'damagedExport':
        value = await service.damagedExport(req);
        break;
      case 'damagedDelete':
        value = await service.damagedDelete(req);
        break;
      case 'tryPerson':
        value = tryPerson(req);
        break;
      case 'diffPolicies':
        value = diffPolicies(req);
        break;
    }
    post({ id: req.id, kind: 'ok', value });
  } catch (err) {
    post({ id: req.id, kind: 'error', ...failureMessage(err) });
  } finally {
    cancelled.delete(req.id);
  }
};
