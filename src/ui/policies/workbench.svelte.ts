// The policy screen's state: which file, its text as edited, the debounced check in the worker, save/restore/new year/import.
import type { Diagnostic } from '../../lang/diagnostic.js';
import { NOTE_MAX, type PolicyRecord } from '../../store/index.js';
import type { PolicyReview } from '../../worker/protocol.js';
import type { MessageKey } from '../i18n/index.js';
import { groupPolicies, newYearFile, type PolicyGroup } from './policy-list.js';

/** What the workbench needs from the app (the AppState, or a fake in tests). */
export interface PolicyHost {
  readonly userPolicies: PolicyRecord[];
  sources(): Record<string, string>;
  /** Checks the text as typed and runs its examples (in the worker); aborting drops the answer. */
  check(entry: string, text: string, signal: AbortSignal): Promise<PolicyReview>;
  /** Shows a failure (a check that could not run). */
  fail(e: unknown): void;
  /** Stores the text as the newest version, with the note the clerk typed (这次改了什么; may be empty). */
  savePolicy(path: string, text: string, note: string): Promise<void>;
  /** Adds, changes or (empty) removes the note of a saved text: the current one or an earlier version. */
  setNote(path: string, at: SavedText, note: string): Promise<void>;
  /** The text shipped with the app for this file, or null for the clerk's own files. */
  bundledText(path: string): string | null;
}

/** A saved text as the version list names it: its time and text (a time alone could be shared). */
export interface SavedText {
  savedAt: string;
  text: string;
}

/** The note of a saved text being written in the version list. */
export interface NoteEdit extends SavedText {
  draft: string;
}

export { NOTE_MAX };

/** What is wrong with the text about to be saved: the clerk confirms before it is stored as the newest version. */
export interface SaveProblems {
  errors: number;
  failedExamples: number;
}

export const CHECK_DELAY_MS = 300;

/** What is shown before the first answer of the worker. */
const UNCHECKED: PolicyReview = { diagnostics: [], outline: null, examples: [] };

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0),
  );
}

export class PolicyWorkbench {
  path = $state('');
  text = $state('');
  /** The text as of the last pause in typing: what the check and examples see. */
  settled = $state('');
  /** The worker's last answer, kept on screen while the next check runs. */
  checked = $state.raw<PolicyReview>(UNCHECKED);
  /** The text `checked` is about (null before the first answer). */
  checkedText = $state.raw<string | null>(null);
  /** A check of `settled` is running in the worker. */
  checking = $state(false);
  /** Text last loaded or saved, to tell unsaved changes. */
  baseline = $state('');
  note = $state.raw<MessageKey | null>(null);
  /** Set when 保存 was clicked on a text with errors or failing examples: the UI asks before saving. */
  confirmSave = $state.raw<SaveProblems | null>(null);
  /** Offset the editor should move to (a diagnostic's position was clicked). */
  jump = $state.raw<{ offset: number } | null>(null);
  /** Unsaved edits of files not on screen, kept while the clerk looks at another policy. */
  drafts = $state.raw<Record<string, { text: string; baseline: string; changeNote: string }>>({});
  /** What changed, as the clerk types it before saving (这次改了什么): stored with the next save. */
  changeNote = $state('');
  /** The note of a saved version being added or edited in the version list, or null. */
  noteEdit = $state.raw<NoteEdit | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Numbers the checks: an answer to any but the last is dropped. */
  private seq = 0;
  private inFlight: AbortController | null = null;
  private readonly host: PolicyHost;
  private readonly bundled: ReadonlySet<string>;

  /** Errors first, then warnings, each in file order. */
  readonly diagnostics = $derived(sortDiagnostics(this.checked.diagnostics));
  readonly dirty = $derived(this.text !== this.baseline);
  /** Typing has not paused yet, or the check of the text is still running: the results shown may be old. */
  readonly pending = $derived(this.text !== this.settled || this.checking);
  readonly record = $derived.by(() => this.host.userPolicies.find((p) => p.path === this.path) ?? null);
  readonly errorCount = $derived(this.checked.diagnostics.filter((d) => d.severity === 'error').length);
  readonly warningCount = $derived(this.checked.diagnostics.length - this.errorCount);
  /** Failing examples first, each group in the policy's order. */
  readonly examples = $derived([...this.checked.examples].sort((a, b) => Number(a.passed) - Number(b.passed)));
  readonly passedCount = $derived(this.checked.examples.filter((x) => x.passed).length);
  /** The bundled text of the file shown (null for the clerk's own files). */
  readonly bundledVersion = $derived.by(() => this.host.bundledText(this.path));

  constructor(host: PolicyHost, bundled: ReadonlySet<string>, initial: string) {
    this.host = host;
    this.bundled = bundled;
    this.load(initial, host.sources()[initial] ?? '');
  }

  groups(): PolicyGroup[] {
    const drafts = Object.fromEntries(Object.entries(this.drafts).map(([p, d]) => [p, d.text]));
    const sources = { ...this.host.sources(), ...drafts, ...(this.path ? { [this.path]: this.text } : {}) };
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value for a pure function, not state
    const unsaved = new Set([...Object.keys(this.drafts), ...(this.dirty ? [this.path] : [])]);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value for a pure function, not state
    return groupPolicies(sources, this.bundled, new Set(this.host.userPolicies.map((p) => p.path)), unsaved);
  }

  /** Keeps the file on screen as a draft if it has unsaved edits (or forgets its draft if not). */
  private stash(): void {
    if (!this.path) return;
    const { [this.path]: _old, ...rest } = this.drafts;
    this.drafts = this.dirty
      ? { ...rest, [this.path]: { text: this.text, baseline: this.baseline, changeNote: this.changeNote } }
      : rest;
  }

  private load(path: string, text: string, baseline = text, changeNote = ''): void {
    this.cancelTimer();
    this.changeNote = changeNote;
    this.noteEdit = null;
    this.path = path;
    this.text = text;
    this.settled = text;
    this.baseline = baseline;
    this.jump = null;
    this.confirmSave = null;
    this.checked = UNCHECKED;
    this.checkedText = null;
    void this.requestCheck();
  }

  select(path: string): void {
    if (path === this.path) return;
    this.stash();
    const draft = this.drafts[path];
    if (draft) this.load(path, draft.text, draft.baseline, draft.changeNote);
    else this.load(path, this.host.sources()[path] ?? '');
    this.note = null;
  }

  /** Typing: the check runs once typing pauses for CHECK_DELAY_MS. */
  edit(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.note = null;
    this.confirmSave = null;
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.settled = this.text;
      void this.requestCheck();
    }, CHECK_DELAY_MS);
  }

  /**
   * Saves the text as the newest version. A text with errors or failing examples is saved only once the clerk confirms
   * (`force`): otherwise `confirmSave` says what is wrong and nothing is stored.
   */
  async save(force = false): Promise<void> {
    const text = this.text;
    const path = this.path;
    // Check exactly what is saved, not the text as of the last pause.
    const review = this.checkedText === text && !this.checking ? this.checked : await this.checkNow(text);
    if (review === null || this.path !== path || this.text !== text) return; // the clerk moved on meanwhile
    const failed = review.examples.filter((x) => !x.passed).length;
    const problems = {
      errors: review.diagnostics.filter((d) => d.severity === 'error').length,
      failedExamples: failed,
    };
    if (!force && (problems.errors > 0 || problems.failedExamples > 0)) {
      this.confirmSave = problems;
      return;
    }
    this.confirmSave = null;
    await this.host.savePolicy(this.path, text, this.changeNote);
    this.changeNote = '';
    const { [this.path]: _saved, ...rest } = this.drafts;
    this.drafts = rest;
    this.baseline = text;
    this.note = problems.errors > 0 || problems.failedExamples > 0 ? 'savedWithProblems' : 'saved';
  }

  /** Opens the note of a saved text (the current one or an earlier version) for writing. */
  editNote(v: SavedText & { note?: string }): void {
    this.noteEdit = { savedAt: v.savedAt, text: v.text, draft: v.note ?? '' };
  }

  /** True when the note being written is the one of this saved text. */
  editingNote(v: SavedText): boolean {
    return this.noteEdit?.savedAt === v.savedAt && this.noteEdit.text === v.text;
  }

  /** The note being written, as typed. */
  draftNote(draft: string): void {
    if (this.noteEdit) this.noteEdit = { ...this.noteEdit, draft };
  }

  /** Stores the note being written (an empty one removes the note); a failure keeps it open. */
  async saveNote(): Promise<void> {
    const edit = this.noteEdit;
    if (!edit) return;
    await this.host.setNote(this.path, edit, edit.draft);
    if (this.noteEdit === edit) this.noteEdit = null;
  }

  cancelNote(): void {
    this.noteEdit = null;
  }

  cancelSave(): void {
    this.confirmSave = null;
  }

  restore(text: string): void {
    this.cancelTimer();
    this.text = text;
    this.settled = text;
    this.confirmSave = null;
    void this.requestCheck();
    this.note = 'restored';
  }

  /** Puts the bundled text back in the editor (saving it makes it the newest version again). */
  restoreBundled(): void {
    if (this.bundledVersion === null) return;
    this.restore(this.bundledVersion);
    this.note = 'restoredBundled';
  }

  /** Next year's file from the one shown: inherits it, header for year + 1; unsaved until the clerk saves. */
  newYear(): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local value, not state
    const taken = new Set([...Object.keys(this.host.sources()), ...Object.keys(this.drafts)]);
    const next = newYearFile(this.path, this.text, taken);
    this.stash();
    this.load(next.path, next.text, '');
    this.note = 'newYearConfirm';
  }

  importText(fileName: string, text: string): void {
    const name = fileName.split(/[\\/]/).pop()!;
    this.stash();
    this.load(
      /\.policy$/.test(name) ? name : `${name.replace(/\.[^.]*$/, '')}.policy`,
      text.replace(/^\uFEFF/, ''),
      '',
    );
    this.note = null;
  }

  goTo(offset: number): void {
    this.jump = { offset };
  }

  /** Checks `settled` in the worker; the answer is shown unless a newer check was asked for meanwhile. */
  private requestCheck(): Promise<PolicyReview | null> {
    return this.checkNow(this.settled);
  }

  /** Checks `text` (making it the settled text); resolves with the answer, or null when it went stale or failed. */
  private async checkNow(text: string, retry = true): Promise<PolicyReview | null> {
    this.cancelTimer();
    this.settled = text;
    const n = ++this.seq;
    this.inFlight?.abort();
    const ctl = (this.inFlight = new AbortController());
    this.checking = true;
    try {
      const review = await this.host.check(this.path, text, ctl.signal);
      if (n !== this.seq) return null;
      this.checked = review;
      this.checkedText = text;
      return review;
    } catch (e) {
      if (n !== this.seq) return null;
      // Cancelled by someone else (an import aborted restarts the worker): ask the new worker again.
      if (retry && (e as { cancelled?: unknown }).cancelled === true) return this.checkNow(text, false);
      this.host.fail(e);
      return null;
    } finally {
      if (n === this.seq) {
        this.checking = false;
        this.inFlight = null;
      }
    }
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
