// 试算's state: the form's cells, the debounced computation in the worker, and saving the person as an example.
import type { PolicyRef } from '../../worker/protocol.js';
import type { TryPersonAnswer, TryPersonRequest } from '../../worker/try-person.js';
import { withExample } from './try-form.js';

/** What the form needs from the app (the AppState, or a fake in tests). */
export interface TryHost {
  /** Computes the person in the worker; aborting drops the answer. */
  tryPerson(req: TryPersonRequest, signal: AbortSignal): Promise<TryPersonAnswer>;
  fail(e: unknown): void;
}

/** Where the example goes: the policy workbench (its text as edited, and its save as a new version). */
export interface ExampleTarget {
  readonly text: string;
  edit(text: string): void;
  save(force?: boolean): Promise<void>;
}

export const TRY_DELAY_MS = 250;

export class TryPersonForm {
  /** The form's text by field name, read as roster cells. */
  cells = $state.raw<Record<string, string>>(Object.create(null) as Record<string, string>);
  title = $state('');
  /** The worker's last answer (kept on screen while the next one is computed). */
  answer = $state.raw<TryPersonAnswer | null>(null);
  computing = $state(false);
  /** Typing has not paused yet, or the worker is computing: the answer shown may be about an earlier form. */
  pending = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private inFlight: AbortController | null = null;
  private policy: PolicyRef | null = null;
  private readonly host: TryHost;

  constructor(host: TryHost) {
    this.host = host;
  }

  /** A field typed into: computed again once typing pauses. */
  set(field: string, text: string): void {
    if ((Object.hasOwn(this.cells, field) ? this.cells[field] : '') === text) return;
    const next = Object.assign(Object.create(null) as Record<string, string>, this.cells);
    next[field] = text;
    this.cells = next;
    this.schedule();
  }

  /** Fills the form at once (a person from the results), replacing what was typed. */
  fill(cells: Record<string, string>): void {
    this.cells = Object.assign(Object.create(null) as Record<string, string>, cells);
    this.schedule();
  }

  clear(): void {
    this.fill({});
  }

  /** The policy to compute with (its text as edited): computed again at once when it changes. */
  usePolicy(policy: PolicyRef): void {
    this.policy = policy;
    void this.compute();
  }

  private schedule(): void {
    this.cancelTimer();
    this.pending = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.compute();
    }, TRY_DELAY_MS);
  }

  /** Asks the worker; an answer to any but the last request is dropped. */
  async compute(): Promise<void> {
    this.cancelTimer();
    if (!this.policy) return;
    const n = ++this.seq;
    this.inFlight?.abort();
    const ctl = (this.inFlight = new AbortController());
    this.computing = true;
    this.pending = true;
    try {
      const answer = await this.host.tryPerson(
        { policy: this.policy, cells: { ...this.cells }, title: this.title.trim() || '试算' },
        ctl.signal,
      );
      if (n === this.seq) this.answer = answer;
    } catch (e) {
      if (n !== this.seq) return;
      if ((e as { cancelled?: unknown }).cancelled !== true) this.host.fail(e);
    } finally {
      if (n === this.seq) {
        this.computing = false;
        this.inFlight = null;
        this.pending = this.timer !== null;
      }
    }
  }

  /**
   * Appends the person's `例子` block (with the title typed) to the policy's text and saves it as a new version.
   * Computed once more first (the form and title as they stand); nothing is saved when the person cannot be written
   * as an example (a field that cannot be read, a text no quote can hold).
   */
  async saveExample(target: ExampleTarget): Promise<boolean> {
    await this.compute();
    const block = this.answer?.example;
    if (!block) return false;
    target.edit(withExample(target.text, block));
    await target.save();
    return true;
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
