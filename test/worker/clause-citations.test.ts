// The clauses a policy records and where its rules cite them (for the notice beside the rules).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reviewPolicy } from '../../src/worker/review.js';

const kaijiang = readFileSync('policies/kaijiang-2020.policy', 'utf8');
const review = (entry: string, sources: Record<string, string>) => reviewPolicy({ entry, sources }).clauses!;
const lines = (c: { cites: { line: number }[] } | undefined) => c?.cites.map((x) => x.line);

describe('clause citations in the review', () => {
  it('lists the 15 clauses of the 开江 policy in file order, with their text and citing lines', () => {
    const clauses = review('kaijiang-2020.policy', { 'kaijiang-2020.policy': kaijiang });
    // policies/kaijiang-2020.policy lines 15–29
    expect(clauses.map((c) => c.id)).toEqual([
      '一',
      '二(一)',
      '二(二)',
      '二(三)',
      '三(一)',
      '三(二)',
      '三(三)',
      '三(四)',
      '三(五)',
      '五(五)',
      '六(二)1(3)',
      '六(二)2(4)',
      '六(二)3(2)',
      '七(三)',
      '附件',
    ]);
    const byId = new Map(clauses.map((c) => [c.id, c]));
    expect(byId.get('二(三)')!.text).toBe('其他正常参保人员(含未成年人、新生儿)个人缴费标准为每人 250 元。');
    expect(byId.get('二(三)')!.file).toBe('kaijiang-2020.policy');
    // 参数 个人缴费标准 (line 70), the outcome rules at lines 125 and 131
    expect(lines(byId.get('二(三)'))).toEqual([70, 125, 131]);
    // the input's category list closes at line 60; the flag at line 165
    expect(lines(byId.get('三(二)'))).toEqual([60, 165]);
    expect(lines(byId.get('一'))).toEqual([84, 199, 200]);
    expect(lines(byId.get('七(三)'))).toEqual([116]);
    expect(byId.get('六(二)1(3)')!.cites[0]).toMatchObject({ file: 'kaijiang-2020.policy', line: 81 });
  });

  it('a recorded clause no rule cites has no citing places', () => {
    const text = `${kaijiang}\n条款 四：城乡居民凭居民身份证或户口簿办理参保缴费。\n`;
    const four = review('kaijiang-2020.policy', { 'kaijiang-2020.policy': text }).find((c) => c.id === '四');
    expect(four).toEqual({
      id: '四',
      text: '城乡居民凭居民身份证或户口簿办理参保缴费。',
      file: 'kaijiang-2020.policy',
      cites: [],
    });
  });

  it('an inherited clause: recorded in the parent, cited first in the entry file, then in the parent', () => {
    const entry = readFileSync('test/policies/gaotai-2022.policy', 'utf8');
    const parent = readFileSync('policies/gaotai-2021.policy', 'utf8');
    const clauses = review('gaotai-2022.policy', { 'gaotai-2022.policy': entry, 'gaotai-2021.policy': parent });
    const two = clauses.find((c) => c.id === '二')!;
    expect(two.file).toBe('gaotai-2021.policy');
    // gaotai-2022.policy lines 10 and 11 cite 条款 二
    expect(two.cites.slice(0, 2)).toMatchObject([
      { file: 'gaotai-2022.policy', line: 10 },
      { file: 'gaotai-2022.policy', line: 11 },
    ]);
    expect(two.cites.length).toBeGreaterThan(2);
    expect(two.cites.slice(2).every((c) => c.file === 'gaotai-2021.policy')).toBe(true);
  });

  it('a policy that does not parse records no clauses (and the review still answers)', () => {
    expect(review('bad.policy', { 'bad.policy': '条款 一：甲。\n参数 ：：：' })).toEqual([]);
  });
});
