// The UI's state classes with fake hosts: the policy workbench, the roster import, the results window.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { readFileSync } from 'node:fs';
import { PolicyWorkbench, CHECK_DELAY_MS, type PolicyHost } from '../../src/ui/policies/workbench.svelte.js';
import { RosterImport, overallProgress, type ImportHost } from '../../src/ui/rosters/import.svelte.js';
import { ResultsState, ROW_HEIGHT, SEARCH_DELAY_MS, type ResultSource } from '../../src/ui/results/results.svelte.js';
import { reviewPolicy } from '../../src/worker/review.js';
import type { PolicyRecord } from '../../src/store/index.js';
import type { InspectResult, PolicyReview, QueryResult, ResultView } from '../../src/worker/protocol.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fake of the app for the workbench: checks as the worker does (its review), answering after a microtask. */
type FakePolicyHost = PolicyHost & {
  userPolicies: PolicyRecord[];
  checks: string[];
  saved: [string, string][];
  /** setNote calls: the text named and the note. */
  notes: [string, string][];
  failures: unknown[];
  answers: Promise<PolicyReview>[];
};

function policyHost(): FakePolicyHost {
  const bundled: Record<string, string> = { 'gaotai-2021.policy': readFileSync('policies/gaotai-2021.policy', 'utf8') };
  const host: FakePolicyHost = {
    userPolicies: [] as PolicyRecord[],
    checks: [] as string[],
    saved: [] as [string, string][],
    notes: [] as [string, string][],
    failures: [] as unknown[],
    answers: [] as Promise<PolicyReview>[],
    sources: () => ({ ...bundled, ...Object.fromEntries(host.userPolicies.map((p) => [p.path, p.text])) }),
    check(entry, text) {
      host.checks.push(text);
      const answer = Promise.resolve().then(() =>
        reviewPolicy({ entry, sources: { ...host.sources(), [entry]: text } }),
      );
      host.answers.push(answer);
      return answer;
    },
    fail(e: unknown) {
      host.failures.push(e);
    },
    bundledText: (path: string) => bundled[path] ?? null,
    async savePolicy(path: string, text: string, note = '') {
      host.saved.push([path, text]);
      const old = host.userPolicies.find((p) => p.path === path);
      const at = `2026-11-23T00:00:${String(host.saved.length).padStart(2, '0')}Z`;
      host.userPolicies = [
        ...host.userPolicies.filter((p) => p.path !== path),
        {
          path,
          text,
          savedAt: at,
          ...(note ? { note } : {}),
          versions: old ? [...old.versions, { text: old.text, savedAt: old.savedAt, note: old.note }] : [],
        },
      ];
    },
    async setNote(path, at, note) {
      host.notes.push([at.text, note]);
      const set = <T extends { text: string; savedAt: string }>(v: T): T =>
        v.text === at.text && v.savedAt === at.savedAt ? { ...v, note: note || undefined } : v;
      host.userPolicies = host.userPolicies.map((p) =>
        p.path === path ? { ...set(p), versions: p.versions.map(set) } : p,
      );
    },
  };
  return host;
}

/** Waits for every check asked for so far to be answered and shown. */
async function answered(host: { answers: Promise<unknown>[] }): Promise<void> {
  await Promise.allSettled(host.answers);
  await Promise.resolve();
}

/** A workbench on the Gaotai policy, its first check answered. */
async function gaotai(host = policyHost()) {
  const b = new PolicyWorkbench(host, new Set(['gaotai-2021.policy']), 'gaotai-2021.policy');
  await answered(host);
  return b;
}

describe('PolicyWorkbench', () => {
  it('asks the worker for a check once typing pauses, not on every key, and shows its answer', async () => {
    const host = policyHost();
    const b = new PolicyWorkbench(host, new Set(['gaotai-2021.policy']), 'gaotai-2021.policy');
    expect(b.pending).toBe(true); // the first check is on its way
    expect(b.checkedText).toBeNull();
    await answered(host);
    expect(b.pending).toBe(false);
    expect(b.checked.outline!.header.county).toBe('高台县');
    expect(b.checked.examples.length).toBeGreaterThan(0);
    expect(b.passedCount).toBe(b.checked.examples.length);
    const before = host.checks.length;
    const text = b.text;
    const typed = text.replace('当 享受全额资助：个人缴费标准', '当 享受全额资助：个人缴费标注');
    b.edit(typed);
    b.edit(b.text + '\n');
    expect(b.pending).toBe(true);
    expect(b.dirty).toBe(true);
    vi.advanceTimersByTime(CHECK_DELAY_MS - 1);
    expect(host.checks.length).toBe(before); // nothing asked while typing
    vi.advanceTimersByTime(1);
    // One check, of the text as of the pause; meanwhile the old answer stays on screen, marked as checking.
    expect(host.checks.slice(before)).toEqual([typed + '\n']);
    expect(b.pending).toBe(true);
    expect(b.errorCount).toBe(0);
    expect(b.checked.examples.length).toBeGreaterThan(0);
    await answered(host);
    expect(b.pending).toBe(false);
    expect(b.errorCount).toBeGreaterThan(0);
    expect(b.diagnostics[0]!.code).toBe('unknown-name');
    expect(b.checked.outline).toBeNull();
    expect(b.checked.examples).toEqual([]);
  });

  it('drops an answer that arrives after a newer check was asked for, and aborts the old request', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const replies: { text: string; signal: AbortSignal; reply: (r: PolicyReview) => void }[] = [];
    host.check = (_entry, text, signal) =>
      new Promise<PolicyReview>((resolve) => replies.push({ text, signal, reply: resolve }));
    const broken = b.text.replace('当 享受全额资助：个人缴费标准', '当 享受全额资助：个人缴费标注');
    b.edit(broken);
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    b.edit(broken + '\n# 改');
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    expect(replies.map((r) => r.text)).toEqual([broken, broken + '\n# 改']);
    expect(replies[0]!.signal.aborted).toBe(true);
    expect(replies[1]!.signal.aborted).toBe(false);
    const clean = reviewPolicy({ entry: b.path, sources: host.sources() });
    replies[1]!.reply(clean);
    await Promise.resolve();
    await Promise.resolve();
    expect(b.pending).toBe(false);
    expect(b.checkedText).toBe(broken + '\n# 改');
    // The stale answer (errors) comes last but is not shown.
    replies[0]!.reply(reviewPolicy({ entry: b.path, sources: { ...host.sources(), [b.path]: broken } }));
    await Promise.resolve();
    await Promise.resolve();
    expect(b.checked).toBe(clean);
    expect(b.errorCount).toBe(0);
    expect(b.pending).toBe(false);
  });

  it('a check cancelled by a worker restart (an import aborted) is asked again, not reported as a failure', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const real = host.check;
    let refused = 0;
    host.check = (entry, text, signal) =>
      refused++ === 0
        ? Promise.reject(Object.assign(new Error('Cancelled'), { cancelled: true }))
        : real(entry, text, signal);
    const broken = b.text.replace('当 享受全额资助：个人缴费标准', '当 享受全额资助：个人缴费标注');
    b.edit(broken);
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    await Promise.resolve();
    await Promise.resolve();
    await answered(host);
    expect(refused).toBe(2);
    expect(host.failures).toEqual([]);
    expect(b.checkedText).toBe(broken);
    expect(b.diagnostics[0]!.code).toBe('unknown-name');
  });

  it('a check that fails in the worker is reported, not shown as a clean text', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    host.check = () => Promise.reject(new Error('worker stopped'));
    b.edit(b.text + '\n# 改');
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    await Promise.resolve();
    await Promise.resolve();
    expect(host.failures.length).toBe(1);
    expect(b.pending).toBe(false);
    expect(b.checkedText).not.toBe(b.text); // the answer on screen is still about the older text
  });

  it('saves versions and restores one', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const original = b.text;
    b.edit(original + '\n# 一');
    await b.save();
    b.edit(original + '\n# 二');
    await b.save();
    expect(b.dirty).toBe(false);
    expect(b.record!.versions.map((v) => v.text)).toEqual([original + '\n# 一']);
    b.restore(b.record!.versions[0]!.text);
    expect(b.text).toBe(original + '\n# 一');
    expect(b.dirty).toBe(true);
    expect(b.note).toBe('restored');
  });

  it('stores the note typed before saving with that text, then clears it; a note is edited on an earlier version', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const original = b.text;
    b.edit(original + '\n# 一');
    b.changeNote = '个人缴费标准按新通知';
    await b.save();
    expect(b.record!.note).toBe('个人缴费标准按新通知');
    expect(b.changeNote).toBe('');
    b.edit(original + '\n# 二');
    await b.save();
    // The first save is now a version, its note with it; the current text has none.
    const [first] = b.record!.versions;
    expect([first!.text, first!.note, b.record!.note]).toEqual([
      original + '\n# 一',
      '个人缴费标准按新通知',
      undefined,
    ]);
    b.editNote(first!);
    expect(b.editingNote(first!)).toBe(true);
    expect(b.editingNote(b.record!)).toBe(false);
    expect(b.noteEdit!.draft).toBe('个人缴费标准按新通知');
    b.draftNote('个人缴费标准 280 元改为 320 元');
    await b.saveNote();
    expect(host.notes).toEqual([[original + '\n# 一', '个人缴费标准 280 元改为 320 元']]);
    expect(b.record!.versions[0]!.note).toBe('个人缴费标准 280 元改为 320 元');
    expect(b.noteEdit).toBeNull();
    // Cancelled: nothing stored.
    b.editNote(b.record!);
    b.draftNote('不要');
    b.cancelNote();
    expect(host.notes).toHaveLength(1);
    expect(b.record!.note).toBeUndefined();
  });

  it('a note refused by the store stays typed, and the note of a file left unsaved goes with its draft', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    host.savePolicy = () => Promise.reject(new Error('refused'));
    b.edit(b.text + '\n# 一');
    b.changeNote = '太长的备注';
    await expect(b.save()).rejects.toThrow('refused');
    expect([b.changeNote, b.dirty]).toEqual(['太长的备注', true]);
    b.newYear();
    expect(b.changeNote).toBe('');
    b.select('gaotai-2021.policy');
    expect(b.changeNote).toBe('太长的备注');
  });

  it('asks before saving a text with errors, and saves it only when confirmed', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const broken = b.text.replace('当 享受全额资助：个人缴费标准', '当 享受全额资助：个人缴费标注');
    b.edit(broken);
    await b.save(); // straight after typing: the check must see this very text
    expect(host.saved).toEqual([]);
    expect(b.confirmSave!.errors).toBeGreaterThan(0);
    expect(b.dirty).toBe(true);
    b.cancelSave();
    expect(b.confirmSave).toBeNull();
    await b.save(true);
    expect(host.saved).toEqual([['gaotai-2021.policy', broken]]);
    expect(b.note).toBe('savedWithProblems');
  });

  it('asks before saving a text whose examples fail', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const first = /期望 \{ 个人缴费：(\d+)元/.exec(b.text)!;
    b.edit(b.text.replace(first[0], `期望 { 个人缴费：${Number(first[1]) + 1}元`));
    await b.save();
    expect(host.saved).toEqual([]);
    expect(b.confirmSave).toEqual({ errors: 0, failedExamples: 1 });
  });

  it('saves a clean text at once, and puts the bundled text back in one step', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const original = b.text;
    b.edit(original + '\n# 改');
    await b.save();
    expect(b.confirmSave).toBeNull();
    expect(b.note).toBe('saved');
    expect(host.saved.length).toBe(1);
    expect(b.bundledVersion).toBe(original);
    b.restoreBundled();
    expect(b.text).toBe(original);
    expect(b.dirty).toBe(true);
    expect(b.note).toBe('restoredBundled');
  });

  it('starts next year from the policy shown, listed before it is saved', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    b.newYear();
    expect(b.path).toBe('gaotai-2022.policy');
    expect(b.text.startsWith('继承 "gaotai-2021.policy"')).toBe(true);
    expect(b.dirty).toBe(true);
    await answered(host);
    expect(b.checkedText).toBe(b.text);
    expect(b.checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.groups()[0]!.entries.map((e) => e.path)).toEqual(['gaotai-2022.policy', 'gaotai-2021.policy']);
    // Last year's 缴费期 (2020-01-01 至 2020-12-31, notice 三) and amounts still hold: each is listed to confirm.
    const kept = b.checked.diagnostics.filter((d) => d.code === 'inherited-from-last-year');
    expect(kept.some((d) => d.message.zh.includes('参保缴费期') && d.message.zh.includes('2020-01-01'))).toBe(true);
    expect(kept.some((d) => d.message.zh.includes('个人缴费标准') && d.message.zh.includes('280元'))).toBe(true);
    expect(b.note).toBe('newYearConfirm');
  });

  it('imports a file under a .policy name without its byte-order mark', () => {
    const b = new PolicyWorkbench(policyHost(), new Set(), 'gaotai-2021.policy');
    b.importText('C:\\fakepath\\新县2025.txt', '\uFEFF# x\n');
    expect(b.path).toBe('新县2025.policy');
    expect(b.text).toBe('# x\n');
  });
});

function inspection(headers: string[], how: 'exact' | 'manual' = 'exact'): InspectResult {
  return {
    headers,
    mapping: [{ field: '姓名', index: 0, header: headers[0]!, how }],
    encoding: 'utf-8',
    sheetNames: [],
    rowCount: 3,
    problems: [],
    problemCount: 0,
    problemKinds: [],
    diagnostics: [],
    unsetParameters: [{ name: '低保资助额', type: 'money', unknownIfEmpty: 3 }],
  };
}

function importHost() {
  const settings = new Map<string, unknown>();
  const calls: { overrides: Record<string, string | null>; params?: Record<string, string> }[] = [];
  let finish: (() => void) | null = null;
  const host: ImportHost & { settings: typeof settings; calls: typeof calls; done: string[]; finish: () => void } = {
    settings,
    calls,
    done: [],
    finish: () => finish?.(),
    policyRef: (entry) => ({ entry, sources: {} }),
    inspect: async (_f, _p, overrides) => {
      calls.push({ overrides });
      return inspection(['姓名', '身份证号'], '姓名' in overrides ? 'manual' : 'exact');
    },
    import: (_f, _p, overrides, _n, params, progress, signal) =>
      new Promise((resolve, reject) => {
        calls.push({ overrides, params });
        progress('evaluate', 1, 3);
        signal.addEventListener('abort', () => reject({ bilingual: { zh: '已取消', en: 'Cancelled' } }));
        finish = () => resolve({ rosterId: 'r1', summary: {} as never, rowCount: 3, memoryOnly: null });
      }),
    getMapping: async (policy, headers) =>
      (settings.get(`${policy}|${headers.join(',')}`) as Record<string, string | null> | undefined) ?? null,
    saveMapping: async (policy, headers, overrides) => {
      settings.set(`${policy}|${headers.join(',')}`, overrides);
    },
    imported: async (d) => {
      host.done.push(d.rosterId);
    },
  };
  return host;
}

describe('RosterImport', () => {
  const file = { name: 'a.csv', bytes: new Uint8Array([1]) };

  it('remembers a fixed column for the same header set', async () => {
    const host = importHost();
    const imp = new RosterImport(host, 'p.policy');
    await imp.choose(file);
    expect(imp.name).toBe('a');
    await imp.setMapping('姓名', '身份证号');
    expect(host.settings.get('p.policy|姓名,身份证号')).toEqual({ 姓名: '身份证号' });
    const again = new RosterImport(host, 'p.policy');
    await again.choose(file);
    expect(again.overrides).toEqual({ 姓名: '身份证号' });
    expect(again.inspected!.mapping[0]!.how).toBe('manual');
  });

  it('commits with parameters and progress, then hands the roster over', async () => {
    const host = importHost();
    const imp = new RosterImport(host, 'p.policy');
    await imp.choose(file);
    imp.setParam('低保资助额', ' 150元 ');
    imp.setParam('空', '  ');
    const committing = imp.commit();
    expect(imp.progress).toEqual({ phase: 'evaluate', done: 1, total: 3 });
    expect(imp.canCommit).toBe(false);
    host.finish();
    await committing;
    expect(host.calls.at(-1)!.params).toEqual({ 低保资助额: '150元' });
    expect(host.done).toEqual(['r1']);
    expect(imp.progress).toBeNull();
    expect(imp.inspected).toBeNull();
  });

  it('cancels, keeping the inspection and saying so', async () => {
    const imp = new RosterImport(importHost(), 'p.policy');
    await imp.choose(file);
    const committing = imp.commit();
    imp.cancel();
    await committing;
    expect(imp.error).toEqual({ zh: '已取消', en: 'Cancelled' });
    expect(imp.progress).toBeNull();
    expect(imp.inspected).not.toBeNull();
  });

  it('reports overall progress across the phases', () => {
    expect(overallProgress({ phase: 'read', done: 0, total: 10 })).toBe(0);
    expect(overallProgress({ phase: 'evaluate', done: 5, total: 10 })).toBeCloseTo(0.5);
    expect(overallProgress({ phase: 'store', done: 1, total: 1 })).toBe(1);
  });
});

function person(row: number): ResultView {
  return {
    row,
    name: `人${row}`,
    idNumber: '',
    township: '',
    village: '',
    category: '',
    eligible: true,
    reason: null,
    personalFee: 25000,
    subsidy: 0,
    subsidyTiming: null,
    benefitStart: null,
    benefitEnd: null,
    enrolled: null,
    flags: [],
  };
}

function source(total: number) {
  const queries: { filter: object; offset: number; limit: number; sort: object }[] = [];
  const s: ResultSource & { queries: typeof queries } = {
    queries,
    query: async (_id, filter, sort, offset, limit): Promise<QueryResult> => {
      queries.push({ filter, offset, limit, sort });
      const n = 'flag' in filter ? 7 : total;
      const rows = Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, k) => person(offset + k + 1));
      return { total: n, rows, townships: ['甲镇'], villages: [], categories: [], flagCodes: ['duplicate-id'] };
    },
    explain: async (_id, row) => [{ depth: 0, text: { zh: `第${row}行`, en: `Row ${row}` } }],
  };
  return s;
}

async function settle(rs: ResultsState) {
  for (let i = 0; i < 5; i++) {
    await rs.sync();
    flushSync();
    await Promise.resolve();
  }
}

describe('ResultsState', () => {
  it('fetches a first block, then only what a deep scroll needs', async () => {
    const src = source(513080);
    const rs = new ResultsState(src, 'r1');
    rs.viewport = 700;
    await settle(rs);
    expect(rs.total).toBe(513080);
    expect(src.queries).toHaveLength(1);
    expect(rs.visible.length).toBeLessThan(60);
    rs.scrollTop = 300000 * ROW_HEIGHT;
    await settle(rs);
    const last = src.queries.at(-1)!;
    expect(last.offset).toBeLessThanOrEqual(300000);
    expect(last.offset + last.limit).toBeGreaterThan(300000 + 700 / ROW_HEIGHT);
    expect(rs.visible[0]!.index).toBe(300000 - 10);
    expect(rs.visible[0]!.row.row).toBe(300000 - 10 + 1);
    const count = src.queries.length;
    rs.scrollTop += ROW_HEIGHT * 5;
    await settle(rs);
    expect(src.queries.length).toBe(count);
  });

  it('sends the filter without empty controls, debounces search, and starts again from the top', async () => {
    const src = source(400);
    const rs = new ResultsState(src, 'r1', { flag: 'duplicate-id' });
    await settle(rs);
    expect(src.queries[0]!.filter).toEqual({ flag: 'duplicate-id' });
    expect(rs.total).toBe(7);
    const token = rs.resetToken;
    rs.clearFilters();
    rs.typeSearch(' 人1 ');
    await settle(rs);
    expect(src.queries.at(-1)!.filter).toEqual({});
    vi.advanceTimersByTime(SEARCH_DELAY_MS);
    await settle(rs);
    expect(src.queries.at(-1)!.filter).toEqual({ search: '人1' });
    expect(rs.resetToken).toBeGreaterThan(token);
    rs.sortBy('personalFee');
    rs.sortBy('personalFee');
    await settle(rs);
    expect(src.queries.at(-1)!.sort).toEqual({ column: 'personalFee', descending: true });
  });

  it('explains the last row clicked', async () => {
    const rs = new ResultsState(source(10), 'r1');
    const first = rs.explain(3);
    const second = rs.explain(5);
    await Promise.all([first, second]);
    expect(rs.selectedRow).toBe(5);
    expect(rs.steps![0]!.text.zh).toBe('第5行');
    rs.closeExplain();
    expect(rs.steps).toBeNull();
  });
});

describe('ResultsState keyboard stepping', () => {
  it('explains the next and previous rows in list order, stopping at the ends of what is in hand', async () => {
    const rs = new ResultsState(source(5), 'r1');
    await settle(rs);
    await rs.explain(1);
    expect(rs.explainNext(-1)).toBeNull();
    expect(rs.explainNext(1)).toBe(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(rs.selectedRow).toBe(2);
    rs.selectedRow = 5;
    expect(rs.explainNext(1)).toBeNull();
  });
});

describe('PolicyWorkbench drafts', () => {
  it('keeps unsaved edits while another policy is shown, and lists them as unsaved', async () => {
    const host = policyHost();
    const b = await gaotai(host);
    const original = b.text;
    b.newYear();
    expect(b.path).toBe('gaotai-2022.policy');
    b.select('gaotai-2021.policy');
    expect(b.text).toBe(original);
    expect(b.dirty).toBe(false);
    b.edit(original + '\n# 草稿');
    b.select('gaotai-2022.policy');
    expect(b.text.startsWith('继承')).toBe(true);
    expect(b.dirty).toBe(true);
    const entries = b.groups()[0]!.entries;
    expect(entries.map((e) => [e.path, e.unsaved])).toEqual([
      ['gaotai-2022.policy', true],
      ['gaotai-2021.policy', true],
    ]);
    b.select('gaotai-2021.policy');
    expect(b.text).toBe(original + '\n# 草稿');
    await b.save();
    expect(Object.keys(b.drafts)).toEqual(['gaotai-2022.policy']);
    expect(b.groups()[0]!.entries.find((e) => e.path === 'gaotai-2021.policy')!.unsaved).toBe(false);
  });
});
