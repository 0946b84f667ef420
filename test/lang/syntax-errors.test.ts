// Syntax errors in the author's words: each common slip gets its own located, bilingual message (and a fix where the
// mend is certain), not the parser's list of expected tokens.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/lang/parse/index.js';
import type { Diagnostic } from '../../src/lang/diagnostic.js';
import { loadText, minimal } from '../helpers.js';
import { toEditorDiagnostics } from '../../src/ui/policies/editor/marks.js';

function only(text: string): Diagnostic {
  const r = parsePolicy(text, 'p.policy');
  expect(r.file).toBeNull();
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
}

/** Applies the diagnostic's fix to the text. */
function mended(text: string, d: Diagnostic): string {
  const f = d.fix!;
  return text.slice(0, f.span.start.offset) + f.insert + text.slice(f.span.end.offset);
}

describe('syntax errors', () => {
  it('a letter O in an amount: 金额应为数字, pointing at the amount, fixed to 250元', () => {
    const text = '参数 标准：金额 = 25O元\n';
    const d = only(text);
    expect(d.code).toBe('syntax-error');
    expect(d.message.zh).toContain('金额应为数字（25O元）');
    expect(d.message.en).toContain('Amount must be a number');
    expect(d.span!.start).toMatchObject({ line: 1, column: 12 });
    expect(d.span!.end.column).toBe(16);
    expect(mended(text, d)).toBe('参数 标准：金额 = 250元\n');
    expect(parsePolicy(mended(text, d), 'p').diagnostics).toEqual([]);
  });
  it('a letter l in a percentage and in a duration', () => {
    expect(only('参数 比例：百分比 = l00%\n').message.zh).not.toContain('百分比应为数字'); // starts with a letter: a name
    expect(only('参数 比例：百分比 = 1l0%\n').message.zh).toContain('百分比应为数字（1l0%）');
    expect(only('参数 等待：时长 = 3O日\n').message.en).toContain('Duration must be a number (3O日)');
  });
  it('full-width digits: asks for half-width ones and offers them', () => {
    const text = '参数 标准：金额 = ２５０元\n';
    const d = only(text);
    expect(d.message.zh).toBe('数字请用半角：２５０ 应写作 250');
    expect(d.message.en).toContain('half-width');
    expect(d.span!.start.column).toBe(12);
    expect(mended(text, d)).toBe('参数 标准：金额 = 250元\n');
  });
  it('a date with dots: 日期应写作 2025-09-01', () => {
    const text = '期限 截止 = 2025.9.1\n';
    const d = only(text);
    expect(d.message.zh).toContain('日期应写作 2025-09-01');
    expect(d.message.en).toContain('Write the date as 2025-09-01');
    expect(d.span!.start).toMatchObject({ line: 1, column: 9 });
    expect(mended(text, d)).toBe('期限 截止 = 2025-09-01\n');
  });
  it('a month 13 or a day the month lacks says which', () => {
    const m = only('期限 截止 = 2025-13-01\n');
    expect(m.code).toBe('bad-literal');
    expect(m.message.zh).toContain('月份应为 1–12');
    expect(m.message.en).toContain('the month must be 1–12');
    const d = only('期限 截止 = 2025-02-30\n');
    expect(d.message.zh).toContain('2025年2月没有30日');
    expect(d.message.en).toContain('no day 30');
  });
  it('a missing ： after a rule condition, fixed right after the condition', () => {
    const text = '结果 a：金额 {\n  当 年龄 < 18 250元\n  否则：0元\n}\n';
    const d = only(text);
    expect(d.message.zh).toContain('规则的条件后缺少“：”');
    expect(d.message.en).toContain('Missing “：”');
    expect(d.span!.start).toMatchObject({ line: 2, column: 13 });
    expect(mended(text, d)).toContain('当 年龄 < 18： 250元');
    expect(parsePolicy(mended(text, d), 'p').diagnostics).toEqual([]);
  });
  it('an unclosed { points where it opened: at the end of the file', () => {
    const text = '结果 a：金额 {\n  当 x：250元\n  否则：0元\n';
    const d = only(text);
    expect(d.message.zh).toBe('此处的 { 没有对应的 }');
    expect(d.message.en).toBe('The { opened here is never closed');
    expect(d.span!.start).toMatchObject({ line: 1, column: 9 });
    expect(d.notes![0]!.zh).toContain('文件结尾');
    expect(parsePolicy(mended(text, d), 'p').diagnostics).toEqual([]);
  });
  it('an unclosed { points where it opened: a new declaration begins inside it', () => {
    const text = '例子 "甲" {\n  年龄：3\n\n定义 y = 1\n';
    const d = only(text);
    expect(d.span!.start).toMatchObject({ line: 1, column: 8 });
    expect(d.notes![0]!.zh).toContain('第 4 行第 1 列');
    expect(parsePolicy(mended(text, d), 'p').diagnostics).toEqual([]);
  });
  it('an unclosed quote points at the opening quote', () => {
    const text = '标记 a 当 x，消息 "没有结束\n定义 y = 1\n';
    const d = only(text);
    expect(d.message.zh).toContain('引号没有结束');
    expect(d.message.en).toContain('Unclosed quote');
    expect(d.span!.start).toMatchObject({ line: 1, column: 13 });
    expect(mended(text, d)).toBe('标记 a 当 x，消息 "没有结束"\n定义 y = 1\n');
    expect(parsePolicy(mended(text, d), 'p').diagnostics).toEqual([]);
  });
  it('other slips keep the list of what was expected', () => {
    const d = only('定义 y = 1 +\n');
    expect(d.message.zh).toMatch(/此处应为/);
    expect(d.fix).toBeUndefined();
  });
  it('a misspelt name carries the fix the hint names, which the editor offers as a button', () => {
    const text = minimal('定义 x = 标注 + 1元');
    const d = loadText(text).diagnostics.find((x) => x.code === 'unknown-name')!;
    expect(d.fix!.insert).toBe('标准');
    expect(text.slice(d.fix!.span.start.offset, d.fix!.span.end.offset)).toBe('标注');
    expect(d.fix!.label).toEqual({ zh: '改为“标准”', en: 'Change to “标准”' });
    const [mark] = toEditorDiagnostics([d], d.span!.file, 'en', text.length);
    expect(mark!.actions!.map((a) => a.name)).toEqual(['Change to “标准”']);
  });
  it('the editor button applies the fix where the mark now is', () => {
    const text = '参数 标准：金额 = 25O元\n';
    const d = only(text);
    const [mark] = toEditorDiagnostics([d], 'p.policy', 'zh', text.length);
    let doc = '# 注\n' + text; // 4 characters typed before the mark since it was made
    const view = {
      state: {
        doc: {
          get length() {
            return doc.length;
          },
        },
      },
      dispatch: ({ changes: c }: { changes: { from: number; to: number; insert: string } }) => {
        doc = doc.slice(0, c.from) + c.insert + doc.slice(c.to);
      },
    };
    mark!.actions![0]!.apply(view as never, mark!.from + 4, mark!.to + 4);
    expect(doc).toBe('# 注\n参数 标准：金额 = 250元\n');
  });
});
