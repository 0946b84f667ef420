// Where generated code cannot be loaded, or fails where the closures would not, a roster is still evaluated
// (by the closures) and the evaluation says how: never a crash, never a different result.
import { describe, expect, it } from 'vitest';
import { loadAsFile } from '../../src/cli/load-code.js';
import { evaluateRoster, loadPolicy, type CodeLoader, type RosterRow } from '../../src/lang/index.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { loadAsBlobScript } from '../../src/worker/load-code.js';
import { fromDisk } from '../helpers.js';

const rows: RosterRow[] = [1, 2, 3].map((k) => ({
  row: k,
  problems: [],
  values: {
    身份证号码: makeIdNumber('511723', 1980 + k, 1, 1, k),
    人员类别: [k === 2 ? '特困人员' : '普通居民'],
    是否本县户籍: true,
    缴费日期: 18200,
    其他保险: [],
  },
}));
const policy = loadPolicy('policies/kaijiang-2020.policy', fromDisk).policy!;
const evaluate = (loadCode?: CodeLoader) => evaluateRoster(policy, rows, { loadCode });

describe('when generated code is not available', () => {
  const normal = evaluate(loadAsFile);
  it('evaluates with the closures where loading is refused, or there is no loader, with the same results', () => {
    const refused = evaluate(() => null);
    expect([normal.evaluator, refused.evaluator, evaluate().evaluator]).toEqual(['generated', 'closures', 'closures']);
    expect(refused.results).toEqual(normal.results);
    expect(refused.summary).toEqual(normal.summary);
  });
  it('outside a worker, the blob-script loader declines rather than fail', () => {
    expect(loadAsBlobScript('return [];')).toBeNull();
  });
  it('evaluates again with the closures when generated code fails', () => {
    const faulty: CodeLoader = (source) => {
      const factory = loadAsFile(source)!;
      return (env) =>
        factory(env).map(() => () => {
          throw new TypeError('generated code fault');
        });
    };
    const r = evaluate(faulty);
    expect(r.evaluator).toBe('closures');
    expect(r.results).toEqual(normal.results);
  });
});
