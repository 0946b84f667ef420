import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { formatPolicy } from '../../src/lang/index.js';
import { parsePolicy } from '../../src/lang/parse/index.js';

const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'loc' ? undefined : v)));
const FILES = [
  'policies/kaijiang-2020.policy',
  'policies/gaotai-2021.policy',
  'test/policies/general-2024.policy',
  'test/policies/gaotai-2022.policy',
  'test/policies/inherit-template-2025.policy',
  'test/policies/inherit-county-2025.policy',
  'test/policies/operations.policy',
  'test/policies/dates-and-history-2025.policy',
  'test/policies/categories-shiqiao-2025.policy',
];

describe('fmt', () => {
  for (const f of FILES) {
    it(`is idempotent and meaning-preserving on ${f}`, () => {
      const text = readFileSync(f, 'utf8');
      const once = formatPolicy(text, f).text!;
      expect(formatPolicy(once, f).text).toBe(once);
      expect(strip(parsePolicy(once, f).file)).toEqual(strip(parsePolicy(text, f).file));
      // Comments survive.
      expect(once.match(/#/g)?.length).toBe(text.match(/#/g)?.length);
    });
  }
  it('is idempotent and meaning-preserving on generated expressions', () => {
    const leaf = fc.oneof(
      fc.constantFrom(
        '标准',
        '缴费日期',
        '是',
        '否',
        '无',
        '30日',
        '3个月',
        '98%',
        '250元',
        '12.5元',
        '2019-09-01',
        '"文本"',
        '{甲, 乙}',
      ),
      fc.integer({ min: 0, max: 999 }).map(String),
    );
    const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
      e: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc
          .tuple(tie('e'), fc.constantFrom('+', '-', '*', '且', '或', '<', '>=', '=', '属于'), tie('e'))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('e').map((a) => `非 (${a})`),
        tie('e').map((a) => `较大(${a}, 1)`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, (e) => {
        const text = `定义 x = ${e}\n`;
        const parsed = parsePolicy(text, 'p');
        if (!parsed.file) return;
        const once = formatPolicy(text, 'p').text!;
        expect(strip(parsePolicy(once, 'p').file)).toEqual(strip(parsed.file));
        expect(formatPolicy(once, 'p').text).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
