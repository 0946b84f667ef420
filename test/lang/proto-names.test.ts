// Names of Object.prototype (`__proto__`, `constructor`, `toString`) are ordinary names everywhere: parser,
// checker, roster reader, engine, examples and summary.
import { describe, expect, it } from 'vitest';
import { codes, loadText, minimal } from '../helpers.js';
import { evaluateRoster, runExamples } from '../../src/lang/index.js';
import { matchColumns, readRosterText } from '../../src/roster/index.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { loadAsFile } from '../../src/cli/load-code.js';

const NAMES = ['__proto__', 'constructor', 'toString', 'valueOf'];

describe('Object.prototype names', () => {
  it('are unknown to the checker unless declared', () => {
    for (const name of NAMES) {
      expect(codes(loadText(minimal(`定义 x = ${name}`)))).toContain('unknown-name');
      expect(codes(loadText(minimal(`定义 x = ${name}(1)`)))).toContain('unknown-function');
    }
  });
  const policy = loadText(
    minimal(
      [
        '输入 __proto__：文本',
        '输入 valueOf：整数',
        '输入 toString：文本',
        '标记 constructor 当 valueOf > 1，消息 "大"',
        '结果 额外：是否 { 当 有值(__proto__) 且 有值(toString)：是  否则：否 }',
        '例子 "无此三项" { 身份证号码："620724198505050013"  期望 { 额外：否 } }',
      ].join('\n'),
    ),
  ).policy!;
  it('are mapped from a roster by their headers, and read as values of their own', () => {
    const id = makeIdNumber('620724', 1985, 5, 5, 1);
    const r = readRosterText(
      `身份证号码,__proto__,valueOf,toString\n${id},甲,2,乙\n${id.slice(0, 17)}X,,1,\n`,
      'a.csv',
      policy.fields,
    );
    expect(r.mapping.filter((m) => ['__proto__', 'valueOf', 'toString'].includes(m.field)).map((m) => m.how)).toEqual([
      'exact',
      'exact',
      'exact',
    ]);
    expect(Object.getOwnPropertyDescriptor(r.rows[0]!.values, '__proto__')?.value).toBe('甲');
    expect(r.rows[0]!.values['valueOf']).toBe(2);
    expect(r.rows[0]!.values['toString']).toBe('乙');
    for (const loadCode of [loadAsFile, undefined]) {
      const { results, summary } = evaluateRoster(policy, r.rows, { loadCode });
      expect(results[0]!.flags.map((f) => f.code)).toContain('constructor');
      expect(summary.flags['constructor']).toBe(1);
    }
  });
  it('match no override that was not given', () => {
    const { mapping } = matchColumns(['valueOf', 'toString'], policy.fields, {});
    expect(mapping.find((m) => m.field === 'valueOf')!.how).toBe('exact');
    expect(mapping.find((m) => m.field === 'toString')!.how).toBe('exact');
  });
  it('count as absent in an example that does not give them', () => {
    expect(runExamples(policy).every((o) => o.passed)).toBe(true);
  });
});
