// Progress is thinned to ≤ 10 messages a second per phase, each phase's first and last report always passing.
import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, throttledProgress } from '../../src/worker/progress.js';
import type { Phase } from '../../src/worker/protocol.js';

/** A throttle on a clock the test moves, recording what it passes on. */
function harness() {
  let clock = 0;
  const posted: [Phase, number, number][] = [];
  const progress = throttledProgress(
    (...m) => posted.push(m),
    () => clock,
  );
  return { posted, progress, at: (ms: number) => (clock = ms) };
}

describe('throttledProgress', () => {
  it('passes at most one report per 100 ms: a report every millisecond for 2 s is 20 messages and the last', () => {
    const { posted, progress, at } = harness();
    for (let ms = 0; ms < 2000; ms++) {
      at(ms);
      progress('evaluate', ms, 2000);
    }
    at(2000);
    progress('evaluate', 2000, 2000);
    // Passed at 0, 100, …, 1900 (20 reports), then done = total.
    expect(posted.length).toBe(21);
    expect(posted.slice(0, 3)).toEqual([
      ['evaluate', 0, 2000],
      ['evaluate', 100, 2000],
      ['evaluate', 200, 2000],
    ]);
    expect(posted.at(-1)).toEqual(['evaluate', 2000, 2000]);
    expect(PROGRESS_INTERVAL_MS).toBeGreaterThanOrEqual(100);
  });

  it('a new phase shows at once; each phase ends with its last report', () => {
    const { posted, progress, at } = harness();
    at(10);
    progress('read', 1, 10);
    at(20);
    progress('read', 5, 10); // dropped: 10 ms after the last
    progress('read', 10, 10); // the end of reading passes
    at(30);
    progress('evaluate', 1, 10); // a new phase passes
    progress('evaluate', 2, 10); // dropped
    expect(posted).toEqual([
      ['read', 1, 10],
      ['read', 10, 10],
      ['evaluate', 1, 10],
    ]);
  });
});
