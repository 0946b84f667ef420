// Generated source (generate.ts) becomes functions through a CodeLoader the platform supplies: nothing here
// evaluates text as code. The worker loads it as a blob: script (src/worker/load-code.ts, admitted by the page's
// CSP, which forbids eval); Node writes it to a file and requires it (src/cli/load-code.ts). Without a loader, or
// where loading is refused, the engine keeps the closures.
import { addMonths, ageAt, formatDate, startOfMonth, yearOf } from '../runtime/calendar.js';
import { compareDateMoment } from '../runtime/moment.js';
import { fromNextMonth, fromThisMonth, heldOn, monthsFull } from '../runtime/months.js';
import { divideMoney, percentOf } from '../runtime/money.js';
import { addDuration, durationDiff, plusDuration, timesDuration } from '../runtime/duration.js';
import { includesAll, invalidId, safeDuration, safeNumber, type Fn } from './compile-expr.js';
import type { Generated } from './generate.js';
import { oneCategory } from '../runtime/category.js';
import { payerOf } from './attributes.js';
import { NOT_SET, UNKNOWN, type Value } from './runtime-values.js';

/** The body `function (env) { … }` of generated source, loaded as a script; null where the platform refuses. */
export type CodeFactory = (env: unknown) => Fn[];
export type CodeLoader = (source: string) => CodeFactory | null;

const RUNTIME = {
  addMonths,
  ageAt,
  startOfMonth,
  yearOf,
  percentOf,
  divideMoney,
  safeNumber,
  safeDuration,
  invalidId,
  addDuration,
  plusDuration,
  timesDuration,
  durationDiff,
  includesAll,
  fromThisMonth,
  fromNextMonth,
  monthsFull,
  heldOn,
  compareDateMoment,
  formatDate,
  oneCategory,
  payerOf,
};

/** The generated roots as functions, or null where `load` cannot load code. */
export function loadGenerated(g: Generated, load: CodeLoader, noValue: symbol): Fn[] | null {
  const factory = load(g.source);
  return factory ? factory({ U: UNKNOWN, NS: NOT_SET, NV: noValue, k: g.constants as Value[], rt: RUNTIME }) : null;
}
