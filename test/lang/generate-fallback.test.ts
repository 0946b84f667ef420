// Where generated code cannot be loaded, or fails where the closures would not, a roster is still evaluated
// (by the closures) and the evaluation says how: never a crash, never a different result.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateRoster, loadPolicy, type RosterRow } from '../../src/lang/index.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { fromDisk } from '../helpers.js';

const mode = vi.hoisted(() => ({ current: 'normal' as 'normal' | 'refused' | 'faulty' }));
vi.mock('../../src/lang/compile/load-generated.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/lang/compile/load-generated.js')>();
  return {
    loadGenerated: (...args: Parameters<typeof actual.loadGenerated>) => {
      if (mode.current === 'refused') return null;
      const fns = actual.loadGenerated(...args);
      return mode.current === 'faulty' ? fns?.map(() => () => { throw new TypeError('generated code fault'); }) ?? null : fns;
    },
  };
});

const rows: RosterRow[] = [1, 2, 3].map((k) => ({
  row: k, problems: [],
  values: { 身份证号码: makeIdNumber('511723', 1980 + k, 1, 1, k), 人员类别: [k === 2 ? '特困人员' : '普通居民'], 是否本县户籍: true, 缴费日期: 18200, 其他保险: [] },
}));
// A fresh load each time: generated code is cached per compiled policy.
const evaluate = () => evaluateRoster(loadPolicy('policies/kaijiang-2020.policy', fromDisk).policy!, rows);

describe('when generated code is not available', () => {
  afterEach(() => { mode.current = 'normal'; });
  it('evaluates with the closures where the platform refuses to load code, with the same results', () => {
    const normal = evaluate();
    mode.current = 'refused';
    const refused = evaluate();
    expect([normal.evaluator, refused.evaluator]).toEqual(['generated', 'closures']);
    expect(refused.results).toEqual(normal.results);
    expect(refused.summary).toEqual(normal.summary);
  });
  it('evaluates again with the closures when generated code fails', () => {
    const normal = evaluate();
    mode.current = 'faulty';
    const faulty = evaluate();
    expect(faulty.evaluator).toBe('closures');
    expect(faulty.results).toEqual(normal.results);
  });
});
