// Progress from a long call, thinned before it crosses to the page: a county must not flood the page's thread with messages.
import type { Phase } from './protocol.js';

/** At most one progress message per this many milliseconds within a phase (≤ 10 a second). */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Wraps `post` so that, within a phase, a report is passed on only `interval` ms after the last one passed; the first
 * report of each phase and the last (done = total) always pass, so the page sees every phase start and end.
 */
export function throttledProgress(
  post: (phase: Phase, done: number, total: number) => void,
  now: () => number = () => performance.now(),
  interval = PROGRESS_INTERVAL_MS,
): (phase: Phase, done: number, total: number) => void {
  let last = 0;
  let lastPhase: Phase | null = null;
  return (phase, done, total) => {
    const t = now();
    if (phase === lastPhase && done < total && t - last < interval) return;
    last = t;
    lastPhase = phase;
    post(phase, done, total);
  };
}
