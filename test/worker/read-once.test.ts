// The file is read once: the import after an inspection neither reads the file's bytes nor parses them again.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PolicyRef } from '../../src/worker/protocol.js';

// Counts the roster reader's parses, the reader itself unchanged.
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/roster/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/roster/index.js')>();
  return {
    ...real,
    readRosterBytes: (...args: Parameters<typeof real.readRosterBytes>) => {
      parses.count++;
      return real.readRosterBytes(...args);
    },
  };
});
const { RosterService } = await import('../../src/worker/service.js');

const sources = Object.fromEntries(readdirSync('policies').map((f) => [f, readFileSync(`policies/${f}`, 'utf8')]));
const policy: PolicyRef = { entry: 'gaotai-2021.policy', sources };
const bytes = new Uint8Array(readFileSync('public/samples/gaotai-2021-sample.csv'));

/** A file as the page passes it (a Blob), counting how often its bytes are read. */
function countedFile() {
  const reads = { count: 0 };
  class CountedBlob extends Blob {
    override arrayBuffer(): Promise<ArrayBuffer> {
      reads.count++;
      return super.arrayBuffer();
    }
  }
  return { file: { name: 'gaotai-2021-sample.csv', blob: new CountedBlob([bytes]) }, reads };
}

describe('a roster file is read once from choosing it to its summary', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    parses.count = 0;
  });

  it('inspect reads and parses the file; the import that follows reuses that read', async () => {
    const service = new RosterService();
    const { file, reads } = countedFile();
    const inspected = await service.inspect({ file, policy, overrides: {} });
    expect(inspected.rowCount).toBe(300);
    expect([reads.count, parses.count]).toEqual([1, 1]);
    const phases: string[] = [];
    const done = await service.import(
      { file, policy, overrides: {}, name: '高台', params: {} },
      { progress: (p) => phases.push(p), cancelled: () => false },
    );
    expect(done.rowCount).toBe(300);
    expect([reads.count, parses.count]).toEqual([1, 1]);
    expect(phases).not.toContain('read');
  });

  it('a mapping changed after the inspection is a different read: the file is read again', async () => {
    const service = new RosterService();
    const { file, reads } = countedFile();
    const first = await service.inspect({ file, policy, overrides: {} });
    // The clerk picks, for the first field, the column it already had: another request, so another read.
    const m = first.mapping.find((x) => x.header !== null)!;
    const overrides = { [m.field]: m.header };
    await service.inspect({ file, policy, overrides });
    expect([reads.count, parses.count]).toEqual([2, 2]);
    await service.import({ file, policy, overrides, name: '高台', params: {} });
    expect([reads.count, parses.count]).toEqual([2, 2]);
  });

  it('a second import of the same file (the cached read was used up) reads it again', async () => {
    const service = new RosterService();
    const { file, reads } = countedFile();
    await service.inspect({ file, policy, overrides: {} });
    await service.import({ file, policy, overrides: {}, name: '一', params: {} });
    await service.import({ file, policy, overrides: {}, name: '二', params: {} });
    expect([reads.count, parses.count]).toEqual([2, 2]);
  });
});
