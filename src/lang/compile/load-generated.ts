// Turns generated source (generate.ts) into functions where the platform allows it, and says so when it does not.
//   In the roster worker: a classic worker, under the page's CSP, which admits blob: scripts but not eval. The
//   source is loaded as a blob: script with importScripts.
//   In Node (tests, CLI, bench): new Function.
//   On a page (CSP without 'unsafe-eval'): not at all; the caller keeps the closures.
import { addMonths, ageAt, startOfMonth, yearOf } from '../runtime/calendar.js';
import { percentOf } from '../runtime/money.js';
import { addDuration, type Fn } from './compile-expr.js';
import type { Generated } from './generate.js';
import { NOT_SET, UNKNOWN, type Value } from './runtime-values.js';

type Factory = (env: unknown) => Fn[];

const RUNTIME = {
  addMonths, ageAt, startOfMonth, yearOf, percentOf, addDuration,
  includesAll: (a: string[], b: string[]) => b.every((x) => a.includes(x)),
};

let loads = 0;

/** The generated roots as functions, or null where this platform cannot load code. */
export function loadGenerated(g: Generated, noValue: symbol): Fn[] | null {
  const factory = load(g.source);
  return factory ? factory({ U: UNKNOWN, NS: NOT_SET, NV: noValue, k: g.constants as Value[], rt: RUNTIME }) : null;
}

function load(source: string): Factory | null {
  const global = globalThis as unknown as Record<string, unknown>;
  try {
    if (typeof global.importScripts === 'function') {
      const key = `__yibaoRules${++loads}`;
      const url = URL.createObjectURL(new Blob([`self[${JSON.stringify(key)}] = function (env) {\n${source}\n};`], { type: 'text/javascript' }));
      try {
        (global.importScripts as (url: string) => void)(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      const factory = global[key] as Factory | undefined;
      delete global[key];
      return factory ?? null;
    }
    if (typeof global.document === 'undefined') return new Function('env', source) as Factory;
  } catch {
    // Refused by a content security policy: the closures do the same work, more slowly.
  }
  return null;
}
