// 试算's form: its controls, its debounced computation with a fake worker, and saving the person as an example.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { TryPersonForm, TRY_DELAY_MS, type ExampleTarget, type TryHost } from '../../src/ui/try/try-person.svelte.js';
import {
  checkedNames,
  controlOf,
  freshTitle,
  problemsByField,
  toggleName,
  withExample,
} from '../../src/ui/try/try-form.js';
import { tryPerson, type TryPersonRequest } from '../../src/worker/try-person.js';
import { reviewPolicy } from '../../src/worker/review.js';
import type { FieldSpec } from '../../src/lang/index.js';

const sources = Object.fromEntries(readdirSync('policies').map((f) => [f, readFileSync(`policies/${f}`, 'utf8')]));
const ENTRY = 'kaijiang-2020.policy';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function host(): TryHost & { asked: TryPersonRequest[]; failures: unknown[] } {
  const h = {
    asked: [] as TryPersonRequest[],
    failures: [] as unknown[],
    tryPerson(req: TryPersonRequest) {
      h.asked.push(req);
      return Promise.resolve().then(() => tryPerson(req));
    },
    fail(e: unknown) {
      h.failures.push(e);
    },
  };
  return h;
}

const field = (kind: FieldSpec['kind'], categories: string[] = []): FieldSpec => ({
  name: 'x',
  kind,
  columns: ['x'],
  required: false,
  categories: categories.map((name) => ({ name, aliases: [] })),
});

describe('try-form', () => {
  it('gives categories a select, 类别集 checkboxes, yes/no a select, money a 元 text box', () => {
    expect(controlOf(field('category', ['甲', '乙']))).toEqual({ kind: 'select', options: ['甲', '乙'] });
    expect(controlOf(field('category-set', ['甲', '乙']))).toEqual({ kind: 'checkboxes', options: ['甲', '乙'] });
    expect(controlOf(field('boolean'))).toEqual({ kind: 'select', options: ['是', '否'] });
    expect(controlOf(field('money'))).toMatchObject({ kind: 'text', unit: '元' });
    expect(controlOf(field('date'))).toMatchObject({ kind: 'text', placeholder: 'YYYY-MM-DD' });
  });

  it('ticks and unticks names of a 类别集 in the order of the options', () => {
    const opts = ['特困人员', '低保对象', '残疾人'];
    expect(toggleName('', '残疾人', true, opts)).toBe('残疾人');
    expect(toggleName('残疾人', '特困人员', true, opts)).toBe('特困人员、残疾人');
    expect(toggleName('特困人员、残疾人', '特困人员', false, opts)).toBe('残疾人');
    expect(checkedNames('特困人员、残疾人')).toEqual(['特困人员', '残疾人']);
  });

  it('puts a reader problem beside its field', () => {
    const p = { code: 'bad-date', severity: 'error' as const, message: { zh: 'a', en: 'a' }, column: '缴费日期' };
    expect(problemsByField([p]).get('缴费日期')).toEqual([p]);
  });

  it('appends the block on its own lines and finds a free title', () => {
    expect(withExample('a', '例子 "x" {\n}\n')).toBe('a\n\n例子 "x" {\n}\n');
    expect(withExample('a\n', '例子 "x" {\n}')).toBe('a\n\n例子 "x" {\n}\n');
    expect(freshTitle(['试算1', '试算3'])).toBe('试算2');
  });
});

describe('TryPersonForm', () => {
  it('computes once typing pauses, and shows a renewing resident paying 250元 (开江 2020 notice)', async () => {
    const h = host();
    const form = new TryPersonForm(h);
    form.usePolicy({ entry: ENTRY, sources });
    await vi.runAllTimersAsync();
    expect(h.asked).toHaveLength(1);
    expect(form.answer!.fields.map((f) => f.name)).toContain('缴费日期');
    form.set('身份证号码', '511723198505050012');
    form.set('人员类别', '普通居民');
    form.set('是否本县户籍', '是');
    form.set('上年度是否参保', '是');
    form.set('缴费日期', '2019-09-01');
    expect(h.asked).toHaveLength(1); // not on every key
    await vi.advanceTimersByTimeAsync(TRY_DELAY_MS);
    await vi.runAllTimersAsync();
    expect(h.asked).toHaveLength(2);
    const fee = form.answer!.outcomes.find((o) => o.name === '个人缴费');
    expect(fee?.text).toBe('250.00元');
  });

  it('a bad date is a problem of its field, and nothing is computed', async () => {
    const form = new TryPersonForm(host());
    form.usePolicy({ entry: ENTRY, sources });
    form.set('缴费日期', '2019-13-05');
    await vi.runAllTimersAsync();
    expect(
      problemsByField(form.answer!.problems)
        .get('缴费日期')
        ?.map((p) => p.code),
    ).toEqual(['bad-date']);
    expect(form.answer!.outcomes).toEqual([]);
  });

  it('saves the person as an example of the policy, which then passes', async () => {
    const form = new TryPersonForm(host());
    form.usePolicy({ entry: ENTRY, sources });
    form.fill({ 身份证号码: '511723194403030039', 人员类别: '特困人员', 是否本县户籍: '是', 上年度是否参保: '是' });
    form.title = '特困（试算）';
    const saved: string[] = [];
    const target: ExampleTarget & { text: string } = {
      text: sources[ENTRY]!,
      edit(t) {
        this.text = t;
      },
      save() {
        saved.push(this.text);
        return Promise.resolve();
      },
    };
    const done = form.saveExample(target);
    await vi.runAllTimersAsync();
    expect(await done).toBe(true);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.startsWith(sources[ENTRY]!)).toBe(true);
    expect(saved[0]).toContain('例子 "特困（试算）" {');
    const review = reviewPolicy({ entry: ENTRY, sources: { ...sources, [ENTRY]: saved[0]! } });
    const ex = review.examples.find((x) => x.name === '特困（试算）');
    expect(ex?.passed).toBe(true);
    expect(review.examples.every((x) => x.passed)).toBe(true);
  });

  it('saves nothing while a field cannot be read', async () => {
    const form = new TryPersonForm(host());
    form.usePolicy({ entry: ENTRY, sources });
    form.fill({ 缴费日期: '2019-02-30' });
    const target = { text: 'x', edit: vi.fn(), save: vi.fn(() => Promise.resolve()) };
    const done = form.saveExample(target);
    await vi.runAllTimersAsync();
    expect(await done).toBe(false);
    expect(target.save).not.toHaveBeenCalled();
  });
});
