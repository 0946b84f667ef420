// Loads the evaluator's generated code in Node (CLI, tests, bench) as a module file: written once per source,
// named by its hash, then required. Node-only; the worker has its own loader (src/worker/load-code.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeFactory, CodeLoader } from '../lang/compile/load-generated.js';

const require = createRequire(import.meta.url);
const DIR = join(tmpdir(), 'yibao-rules-code');

export const loadAsFile: CodeLoader = (source) => {
  try {
    const file = join(DIR, `${createHash('sha256').update(source).digest('hex').slice(0, 32)}.cjs`);
    if (!existsSync(file)) {
      mkdirSync(DIR, { recursive: true });
      const part = `${file}.${process.pid}.part`;
      writeFileSync(part, `'use strict';\nmodule.exports = function (env) {\n${source}\n};\n`);
      renameSync(part, file);
    }
    return require(file) as CodeFactory;
  } catch {
    return null; // no writable temporary folder: the closures do the same work, more slowly
  }
};
