// Loads the evaluator's generated code in Node (CLI, tests, bench) as a module file, written to a folder that
// only this process knows and only this user can enter (mkdtemp, 0700, owner checked), then required. Nothing
// already on disk is ever run: a shared, predictable cache would run code that whoever made it first planted.
// Node-only; the worker has its own loader (src/worker/load-code.ts).
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeFactory, CodeLoader } from '../lang/compile/load-generated.js';

const require = createRequire(import.meta.url);
/** Factories loaded in this process, by the hash of their source. */
const loaded = new Map<string, CodeFactory>();
let folder: string | null = null;

/** This process's private folder, made on first use and removed at exit; throws where it cannot be private. */
function privateFolder(): string {
  if (folder !== null) return folder;
  const made = mkdtempSync(join(tmpdir(), 'yibao-rules-code-'));
  const stat = lstatSync(made);
  if (
    !stat.isDirectory() ||
    (stat.mode & 0o077) !== 0 ||
    (process.getuid !== undefined && stat.uid !== process.getuid())
  ) {
    throw new Error(`${made} is not private`);
  }
  process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  return (folder = made);
}

export const loadAsFile: CodeLoader = (source) => {
  try {
    const hash = createHash('sha256').update(source).digest('hex');
    const known = loaded.get(hash);
    if (known) return known;
    const file = join(privateFolder(), `${hash}.cjs`);
    // 'wx': the file must be new, so what is required is what was just written.
    writeFileSync(file, `'use strict';\nmodule.exports = function (env) {\n${source}\n};\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    const factory = require(file) as CodeFactory;
    loaded.set(hash, factory);
    return factory;
  } catch {
    return null; // no writable private folder: the closures do the same work, more slowly
  }
};
