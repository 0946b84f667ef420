// A long list drawn a slice per task (the first slice at once), so no one main-thread task builds or lays out all of it.

/** Items drawn in the first task, then per following task. */
export const FIRST_SLICE = 50;
export const NEXT_SLICE = 100;

/** How many of a list's items to draw now; grows by a slice per macrotask until the whole list is drawn. */
export class Progressive {
  shown = $state(0);
  /** `shown`, kept apart so that `reset` never reads the state (an effect calling it would then rerun on each slice). */
  private drawn = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly first = FIRST_SLICE,
    private readonly next = NEXT_SLICE,
  ) {}

  /** Starts over for a list of `total` items: the first slice now, the rest in later tasks. */
  reset(total: number): void {
    this.stop();
    this.shown = this.drawn = Math.min(total, this.first);
    this.schedule(total);
  }

  /** Stops growing (the list is gone or replaced). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(total: number): void {
    if (this.drawn >= total) return;
    // A macrotask, not a microtask: the browser may lay out and paint between slices.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.shown = this.drawn = Math.min(total, this.drawn + this.next);
      this.schedule(total);
    }, 0);
  }
}
