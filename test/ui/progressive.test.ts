// A long list is drawn a slice per task: the first slice at once, a slice per timer task after, and no more than the list.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_SLICE, NEXT_SLICE, Progressive } from '../../src/ui/progressive.svelte.js';

describe('Progressive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('500 problem rows: 50 drawn at once, then 100 per task, all 500 after five more tasks', () => {
    const p = new Progressive();
    p.reset(500);
    expect(p.shown).toBe(FIRST_SLICE);
    expect(FIRST_SLICE).toBe(50);
    expect(NEXT_SLICE).toBe(100);
    const seen = [p.shown];
    while (vi.getTimerCount() > 0) {
      vi.advanceTimersToNextTimer();
      seen.push(p.shown);
    }
    expect(seen).toEqual([50, 150, 250, 350, 450, 500]);
  });

  it('a short list is drawn whole at once, with no task left waiting', () => {
    const p = new Progressive();
    p.reset(7);
    expect(p.shown).toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a new list starts over; stopping leaves no task behind', () => {
    const p = new Progressive(2, 3);
    p.reset(10);
    vi.advanceTimersToNextTimer();
    expect(p.shown).toBe(5);
    p.reset(4);
    expect(p.shown).toBe(2);
    vi.advanceTimersToNextTimer();
    expect(p.shown).toBe(4);
    p.reset(100);
    p.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(p.shown).toBe(2);
  });
});
