// Literal ranges: a value out of range is a located error with the range stated, never a wrong number.
import { describe, expect, it } from 'vitest';
import { codes, loadText, minimal } from '../helpers.js';
import { evaluatePerson, evaluateRoster } from '../../src/lang/index.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { loadAsFile } from '../../src/cli/load-code.js';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function literalError(definition: string): { code: string; en: string; line: number; expected: number } {
  const text = minimal(definition);
  const r = loadText(text);
  expect(r.policy).toBeNull();
  const d = r.diagnostics[0]!;
  return { code: d.code, en: d.message.en, line: d.span!.start.line, expected: lineOf(text, definition) };
}

describe('literal ranges', () => {
  it('says a date past 2199 is outside the supported range, not that it does not exist', () => {
    const d = literalError('定义 远 = 9999-12-31');
    expect(d).toMatchObject({ code: 'bad-literal', line: d.expected });
    expect(d.en).toContain('outside the supported range');
    expect(literalError('定义 缺 = 2021-02-30').en).toContain('no such date');
  });
  it('refuses an amount above 100亿元 (and so any above 2^53 fen), in 元 or 万元', () => {
    for (const lit of ['90071992547409930元', '10000000001元', '1000001万元']) {
      const d = literalError(`定义 多 = ${lit}`);
      expect(d).toMatchObject({ code: 'bad-literal', line: d.expected });
    }
    expect(codes(loadText(minimal('定义 多 = 10000000000元')))).not.toContain('bad-literal');
  });
  it('refuses a duration over 300 years and a whole number JavaScript cannot hold exactly', () => {
    for (const lit of ['301年', '3601个月', '110001日'])
      expect(literalError(`定义 久 = ${lit}`).code).toBe('bad-literal');
    expect(literalError('定义 大 = 9007199254740993').code).toBe('bad-literal');
    expect(codes(loadText(minimal('定义 久 = 300年')))).not.toContain('bad-literal');
  });
});

describe('an ID whose birth date lies after the coverage year', () => {
  // The minimal policy's coverage year is 2020: born 2021-01-01 is in the future, 2020-12-31 is not.
  const policy = loadText(minimal('定义 出生 = 出生日期')).policy!;
  const future = makeIdNumber('620724', 2021, 1, 1, 1);
  const lastDay = makeIdNumber('620724', 2020, 12, 31, 1);
  it('is flagged invalid-id (future-birth) by both back ends', () => {
    const person = evaluatePerson(policy, { 身份证号码: future, 人员类别: ['普通居民'], 缴费日期: null });
    expect(person.flags.map((f) => f.code)).toContain('invalid-id');
    const rows = [future, lastDay].map((id, i) => ({
      row: i + 1,
      values: { 身份证号码: id, 人员类别: ['普通居民'], 缴费日期: null },
      problems: [],
    }));
    for (const loadCode of [loadAsFile, undefined]) {
      const { results } = evaluateRoster(policy, rows, { loadCode });
      expect(results[0]!.flags.some((f) => f.code === 'invalid-id')).toBe(true);
      expect(results[1]!.flags.some((f) => f.code === 'invalid-id')).toBe(false);
    }
  });
});

describe('negative amounts and durations', () => {
  it('are located errors as a parameter value or as a fee or subsidy', () => {
    for (const [extra, needle] of [
      ['参数 扣减：金额 = -150元', '参数 扣减'],
      ['参数 宽限：时长 = -(30日)', '参数 宽限'],
    ]) {
      const text = minimal(extra);
      const r = loadText(text);
      expect(codes(r)).toEqual(['negative-literal']);
      expect(r.diagnostics[0]!.span!.start.line).toBe(lineOf(text, needle));
    }
    const subsidy = minimal(
      '',
      '结果 参保资格：是否 { 否则：是 }\n结果 政府资助：金额 { 否则：-100元 }\n结果 个人缴费：金额 { 否则：标准 }\n' +
        '结果 资助方式：时机 { 否则：无 }\n结果 已参保：是否 { 否则：有值(缴费日期) }\n结果 待遇开始：日期 { 否则：年度开始 }\n结果 待遇结束：日期 { 否则：年度结束 }',
    );
    expect(codes(loadText(subsidy))).toContain('negative-literal');
    // A subtraction is not a negative literal.
    expect(codes(loadText(minimal('定义 差 = 标准 - 150元')))).not.toContain('negative-literal');
  });
  it('are refused as a parameter given at evaluation time, which then stays unset', () => {
    const policy = loadText(minimal('参数 补助额：金额')).policy!;
    const row = {
      row: 1,
      values: { 身份证号码: makeIdNumber('620724', 1985, 5, 5, 1), 人员类别: ['普通居民'], 缴费日期: null },
      problems: [],
    };
    expect(evaluateRoster(policy, [row], { params: { 补助额: '-150元' } }).diagnostics.map((d) => d.code)).toEqual([
      'negative-literal',
    ]);
    expect(evaluateRoster(policy, [row], { params: { 补助额: '150元' } }).diagnostics).toEqual([]);
  });
});
