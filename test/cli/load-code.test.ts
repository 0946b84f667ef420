// The CLI's code loader never runs a file that someone else left in the shared temporary folder.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAsFile } from '../../src/cli/load-code.js';

describe('loadAsFile', () => {
  it('ignores code planted where the old shared cache looked, and loads its own', () => {
    const source = `return [() => 'real ${process.pid}'];`;
    const planted = join(tmpdir(), 'yibao-rules-code');
    mkdirSync(planted, { recursive: true });
    const name = `${createHash('sha256').update(source).digest('hex').slice(0, 32)}.cjs`;
    writeFileSync(join(planted, name), "module.exports = function () { return [() => 'planted']; };\n");
    const factory = loadAsFile(source);
    expect(factory).not.toBeNull();
    expect((factory!(null)[0] as () => string)()).toBe(`real ${process.pid}`);
  });
  it('writes into a folder of its own that only this user can enter', () => {
    loadAsFile('return [];');
    const mine = readdirSync(tmpdir())
      .filter((f) => f.startsWith('yibao-rules-code-'))
      .map((f) => join(tmpdir(), f))
      .filter((f) => readdirSync(f).some((g) => g.startsWith(createHash('sha256').update('return [];').digest('hex'))));
    expect(mine.length).toBeGreaterThan(0);
    for (const f of mine) expect(statSync(f).mode & 0o077).toBe(0);
  });
});
