// Progress while a chosen roster file is read (before its mapping shows), and stopping that read.
import { describe, expect, it } from 'vitest';
import { RosterImport, readFraction, showReading, type ImportHost } from '../../src/ui/rosters/import.svelte.js';
import type { InspectResult, Phase } from '../../src/worker/protocol.js';

const INSPECTED: InspectResult = {
  headers: ['姓名'],
  mapping: [{ field: '姓名', header: '姓名', how: 'exact' }],
  encoding: null,
  sheetNames: [],
  rowCount: 100000,
  problems: [],
  problemCount: 0,
  problemKinds: [],
  diagnostics: [],
  unsetParameters: [],
} as unknown as InspectResult;

/** A worker that reads slowly: each inspect waits until the test reports progress and then finishes (or aborts). */
function slowHost() {
  const reads: {
    progress: (phase: Phase, done: number, total: number) => void;
    finish: () => void;
    signal: AbortSignal;
  }[] = [];
  const host: ImportHost & { reads: typeof reads } = {
    reads,
    policyRef: (entry) => ({ entry, sources: {} }),
    inspect: (_f, _p, _o, progress, signal) =>
      new Promise<InspectResult>((resolve, reject) => {
        reads.push({ progress: progress!, finish: () => resolve(INSPECTED), signal: signal! });
        signal!.addEventListener('abort', () => reject({ bilingual: { zh: '已取消', en: 'Cancelled' } }));
      }),
    import: () => Promise.reject(new Error('not used')),
    getMapping: async () => null,
    saveMapping: async () => {},
    imported: async () => {},
  };
  return host;
}

const file = { name: '县.csv', bytes: new Uint8Array([1]) };

describe('reading a chosen file', () => {
  it('shows reading from the moment the file is chosen until its mapping shows, with the worker’s counts', async () => {
    const host = slowHost();
    const imp = new RosterImport(host, 'p.policy');
    const choosing = imp.choose(file);
    // Before the worker has said anything: reading, nothing read yet, the bar shown.
    expect(imp.reading).toEqual({ phase: 'read', done: 0, total: 1 });
    expect(showReading(imp.reading, imp.inspected !== null)).toBe(true);
    host.reads[0]!.progress('read', 25000, 100000);
    expect(imp.reading).toEqual({ phase: 'read', done: 25000, total: 100000 });
    expect(readFraction(imp.reading!)).toBe(0.25);
    host.reads[0]!.finish();
    await choosing;
    expect(imp.reading).toBeNull();
    expect(imp.inspected?.rowCount).toBe(100000);
    expect(imp.busy).toBe(false);
  });

  it('a new file drops the previous file’s mapping at once, and a late answer for the old file is ignored', async () => {
    const host = slowHost();
    const imp = new RosterImport(host, 'p.policy');
    const first = imp.choose(file);
    host.reads[0]!.finish();
    await first;
    expect(imp.inspected).not.toBeNull();
    const second = imp.choose({ name: '另一县.csv', bytes: new Uint8Array([2]) });
    expect(imp.inspected).toBeNull();
    const third = imp.choose({ name: '第三县.csv', bytes: new Uint8Array([3]) });
    host.reads[1]!.progress('read', 10, 100); // the superseded read's progress is not shown
    expect(imp.reading).toEqual({ phase: 'read', done: 0, total: 1 });
    host.reads[1]!.finish();
    await second;
    expect(imp.inspected).toBeNull();
    expect(imp.reading).not.toBeNull();
    host.reads[2]!.finish();
    await third;
    expect(imp.file?.name).toBe('第三县.csv');
    expect(imp.inspected).not.toBeNull();
    expect(imp.reading).toBeNull();
  });

  it('stops the read on cancel, keeping nothing and reporting no error', async () => {
    const host = slowHost();
    const imp = new RosterImport(host, 'p.policy');
    const choosing = imp.choose(file);
    imp.cancelRead();
    await choosing;
    expect(host.reads[0]!.signal.aborted).toBe(true);
    expect(imp.reading).toBeNull();
    expect(imp.file).toBeNull();
    expect(imp.inspected).toBeNull();
    expect(imp.error).toBeNull();
  });

  it('after the mapping shows, a read again shows the bar only once the worker reports reading', () => {
    expect(showReading(null, false)).toBe(false);
    expect(showReading({ phase: 'read', done: 0, total: 1 }, true)).toBe(false);
    expect(showReading({ phase: 'read', done: 5000, total: 100000 }, true)).toBe(true);
    expect(readFraction({ phase: 'read', done: 0, total: 0 })).toBe(0);
    expect(readFraction({ phase: 'read', done: 120, total: 100 })).toBe(1);
  });
});
