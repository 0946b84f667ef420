import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parsePolicy } from '../../src/lang/parse/index.js';

describe('parse', () => {
  it('parses both bundled policies', () => {
    for (const f of ['policies/kaijiang-2020.policy', 'policies/gaotai-2021.policy']) {
      const r = parsePolicy(readFileSync(f, 'utf8'), f);
      expect(r.diagnostics).toEqual([]);
      expect(r.file!.items.length).toBeGreaterThan(40);
    }
  });
  it('accepts English keywords and ASCII punctuation as well as Chinese ones', () => {
    const zh = parsePolicy('参数 标准：金额 = 250元，条款 二（三）\n群体 甲 = ｛特困人员，孤儿｝', 'a');
    const en = parsePolicy('param 标准: money = 250 yuan, clause 二(三)\ngroup 甲 = {特困人员, 孤儿}', 'b');
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'loc' ? undefined : v)));
    expect(strip(zh.file!.items)).toEqual(strip(en.file!.items));
  });
  it('reads both date forms and the units', () => {
    const r = parsePolicy('定义 a = 2019年9月1日 + 30日\n定义 b = 2019-09-01 + 3个月\n定义 c = 98%', 'x');
    expect(r.diagnostics).toEqual([]);
    const a = r.file!.items[0] as { expr: { left: { days: number } } };
    const b = r.file!.items[1] as { expr: { left: { days: number }; right: { unit: string } } };
    expect(a.expr.left.days).toBe(b.expr.left.days);
    expect(b.expr.right.unit).toBe('month');
  });
  it('locates a syntax error with line and column, in Chinese and English', () => {
    const r = parsePolicy('参数 标准：金额 = 250元\n结果 a：金额 {\n  当 x：@\n}', 'p.policy');
    expect(r.file).toBeNull();
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('syntax-error');
    expect(d.span!.start.line).toBe(3);
    expect(d.message.zh).toMatch(/此处应为/);
    expect(d.message.en).toMatch(/Expected/);
  });
  it('rejects a date that does not exist, and money with three decimals', () => {
    expect(parsePolicy('定义 a = 2019-02-30', 'x').diagnostics[0]!.code).toBe('bad-literal');
    expect(parsePolicy('定义 a = 1.005元', 'x').diagnostics[0]!.code).toBe('bad-literal');
  });
  it('hints at the missing space after a keyword', () => {
    const r = parsePolicy('结果 a：金额 {\n  当是新生儿：5元\n}', 'x');
    expect(r.diagnostics[0]!.hint?.zh).toMatch(/空格/);
  });
  it('never throws, whatever the input', () => {
    const alphabet = fc.constantFrom(
      ...'政策结果当否则且或非属于{}（）：，"“”「」#\n 0123456789元日%-=<>.参数输入例子期望'.split(''),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')),
        ),
        (text) => {
          const r = parsePolicy(text, 'fuzz');
          expect(r.file !== null || r.diagnostics.length > 0).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
