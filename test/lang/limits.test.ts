// Policies of hostile size or depth: a located too-complex error before any recursive stage, never a crash.
import { describe, expect, it } from 'vitest';
import { codes, loadText, minimal } from '../helpers.js';
import { formatPolicy } from '../../src/lang/index.js';
import { MAX_DEPTH } from '../../src/lang/parse/limits.js';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('policy limits', () => {
  it('accepts a chain of terms within the depth limit', () => {
    const r = loadText(minimal(`定义 很长 = ${Array.from({ length: MAX_DEPTH - 20 }, () => '1元').join(' + ')}`));
    expect(codes(r).filter((c) => c === 'too-complex')).toEqual([]);
  });
  it('reports 3,000 terms of + or 且 as too complex, at the expression, instead of overflowing the stack', () => {
    for (const expr of [
      Array.from({ length: 3000 }, () => '1元').join(' + '),
      Array.from({ length: 3000 }, () => '1元 > 0元').join(' 且 '),
    ]) {
      const text = minimal(`定义 很长 = ${expr}`);
      const r = loadText(text);
      expect(codes(r)).toEqual(['too-complex']);
      expect(r.diagnostics[0]!.span!.start.line).toBe(lineOf(text, '定义 很长'));
      expect(formatPolicy(text, 'test.policy').diagnostics.map((d) => d.code)).toEqual(['too-complex']);
    }
  });
  it('reports deep brackets at the first bracket past the limit, before the parser runs', () => {
    for (const depth of [1000, 100_000]) {
      const text = minimal(`定义 深 = ${'('.repeat(depth)}1元${')'.repeat(depth)}`);
      const r = loadText(text);
      expect(codes(r)).toEqual(['too-complex']);
      const at = r.diagnostics[0]!.span!.start;
      expect(at.line).toBe(lineOf(text, '定义 深'));
      expect(at.column).toBe('定义 深 = '.length + MAX_DEPTH + 1);
    }
  });
  it('reports deep nesting without brackets (如果 within 如果, 非 非 …) as too complex', () => {
    const ifs = `${'如果 是 则 1元 否则 '.repeat(3000)}2元`;
    expect(codes(loadText(minimal(`定义 深 = ${ifs}`)))).toEqual(['too-complex']);
    expect(codes(loadText(minimal(`定义 深 = ${'非 '.repeat(5000)}是`)))).toEqual(['too-complex']);
  });
  it('refuses a policy text over a megabyte', () => {
    expect(codes(loadText(`${minimal()}\n${'# 注释\n'.repeat(300_000)}`))).toEqual(['policy-too-large']);
  });
});
