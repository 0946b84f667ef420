// Loads the evaluator's generated code in the roster worker as a blob: script. The page's CSP forbids eval but
// admits blob: scripts (the worker itself is one); a classic worker's importScripts loads them synchronously.
import type { CodeFactory, CodeLoader } from '../lang/compile/load-generated.js';

let loads = 0;

export const loadAsBlobScript: CodeLoader = (source) => {
  const global = globalThis as unknown as Record<string, unknown>;
  if (typeof global.importScripts !== 'function') return null;
  const key = `__yibaoRules${++loads}`;
  const url = URL.createObjectURL(
    new Blob([`self[${JSON.stringify(key)}] = function (env) {\n${source}\n};`], { type: 'text/javascript' }),
  );
  try {
    (global.importScripts as (url: string) => void)(url);
    return (global[key] as CodeFactory | undefined) ?? null;
  } catch {
    return null; // refused (a stricter policy than ours): the closures do the same work, more slowly
  } finally {
    URL.revokeObjectURL(url);
    delete global[key];
  }
};
