// The lines eval --csv holds until the roster is read through: deflated pages, a line's 标记 cell rewritten late.
import { describe, expect, it } from 'vitest';
import { HeldLines } from '../../src/cli/held-lines.js';

function written(lines: HeldLines, late: Map<number, string[]>): string {
  const parts: Buffer[] = [];
  lines.writeTo(
    (b) => parts.push(Buffer.from(b)),
    (i) => late.get(i),
  );
  return Buffer.concat(parts).toString('utf8');
}

describe('HeldLines', () => {
  it('writes every line in order across pages, a line longer than a page too, with late codes added', () => {
    const lines = new HeldLines(64);
    const heads = ['1,张三,', '2,李四,', `3,${'王'.repeat(100)},`, '4,赵六,', '5,钱七,'];
    const own = ['', 'invalid-id', '', 'not-eligible invalid-id', ''];
    heads.forEach((h, i) => lines.add(h, own[i]!));
    expect(lines.count).toBe(5);
    const late = new Map([
      [0, ['duplicate-id']],
      [3, ['duplicate-id', 'household-incomplete']],
      [4, ['duplicate-id']],
    ]);
    expect(written(lines, late)).toBe(
      '1,张三,duplicate-id\r\n' +
        '2,李四,invalid-id\r\n' +
        `3,${'王'.repeat(100)},\r\n` +
        '4,赵六,not-eligible invalid-id duplicate-id household-incomplete\r\n' +
        '5,钱七,duplicate-id\r\n',
    );
  });

  it('writes the 标记 cell as a CSV cell, quoted or guarded where it must be', () => {
    const lines = new HeldLines(16);
    lines.add('1,', '=危险');
    lines.add('2,', 'a,b');
    expect(written(lines, new Map([[1, ['c']]]))).toBe(`1,'=危险\r\n2,"a,b c"\r\n`);
  });
});
