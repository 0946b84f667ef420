// 与上级比较 / 与此版本比较: asks the worker what changed and holds the answer for the panel (no rules here).
import type { PolicyDiff } from '../../lang/explain/diff.js';
import type { PolicyRef } from '../../worker/protocol.js';
import type { MessageKey } from '../i18n/index.js';
import { headerOf } from './policy-list.js';

/** What the comparison needs from the app (the AppState, or a fake in tests). */
export interface DiffHost {
  sources(): Record<string, string>;
  diffPolicies(before: PolicyRef, after: PolicyRef): Promise<PolicyDiff>;
  fail(e: unknown): void;
}

/** The file open in the editor, as typed. */
export interface OpenFile {
  path: string;
  text: string;
}

export class PolicyDiffState {
  diff = $state.raw<PolicyDiff | null>(null);
  /** The panel's heading: what the editor's text is compared with. */
  title = $state.raw<{ key: MessageKey; vars: Record<string, string> } | null>(null);
  busy = $state(false);
  /** The note of the saved version compared with (null: none, or not a version). */
  versionNote = $state.raw<string | null>(null);
  private seq = 0;

  constructor(private readonly host: DiffHost) {}

  /** The file named by the text's `继承` line (display only: the worker's checker resolves it), or null. */
  parentOf(file: OpenFile): string | null {
    const parent = headerOf(file.text).parent;
    return parent === null ? null : parent.split('/').pop()!;
  }

  /** The editor's text compared with the file it inherits from. */
  withParent(file: OpenFile): Promise<void> {
    const parent = this.parentOf(file);
    if (parent === null) return Promise.resolve();
    const sources = { ...this.host.sources(), [file.path]: file.text };
    return this.run({ entry: parent, sources }, { entry: file.path, sources }, 'diffWithParentTitle', { parent });
  }

  /** The editor's text compared with a saved version of the same file (`when`: its time, for the heading; `note`: its note). */
  withVersion(file: OpenFile, older: string, when: string, note?: string): Promise<void> {
    const sources = { ...this.host.sources(), [file.path]: file.text };
    const before = { entry: file.path, sources: { ...sources, [file.path]: older } };
    const done = this.run(before, { entry: file.path, sources }, 'diffWithVersionTitle', { when });
    this.versionNote = note || null;
    return done;
  }

  close(): void {
    this.seq++;
    this.diff = null;
    this.title = null;
    this.busy = false;
    this.versionNote = null;
  }

  private async run(before: PolicyRef, after: PolicyRef, key: MessageKey, vars: Record<string, string>) {
    const n = ++this.seq;
    this.busy = true;
    this.title = { key, vars };
    this.diff = null;
    this.versionNote = null;
    try {
      const diff = await this.host.diffPolicies(before, after);
      if (n === this.seq) this.diff = diff;
    } catch (e) {
      if (n === this.seq) this.close();
      this.host.fail(e);
    } finally {
      if (n === this.seq) this.busy = false;
    }
  }
}
