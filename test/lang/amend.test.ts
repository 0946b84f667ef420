// `扩展 结果` (amending single rules of an inherited outcome), rule labels, `模板：是` and examples of another year:
// each amendment's effect on the merged rules, each located error with its fix, and fmt round-trips.
import { describe, expect, it } from 'vitest';
import { formatPolicy, loadPolicy, runExamples, type LoadResult } from '../../src/lang/index.js';
import { checkPolicy } from '../../src/lang/check/index.js';
import { analyzeCompiled } from '../../src/lang/check/analyze.js';
import { compilePolicy } from '../../src/lang/compile/compile-policy.js';
import { parsePolicy } from '../../src/lang/parse/index.js';
import { rule } from '../../src/lang/print/index.js';

// A template (so it need not define every standard outcome) whose 待遇开始 has a labelled rule, two rules citing
// clause 一 and one rule citing 二.
const PARENT = `政策 { 年度：2025  模板：是 }
条款 一：甲
条款 二：乙
输入 缴费日期：日期
结果 待遇开始：日期，合并 优先 {
  当 缴费日期 < 2025-01-01：年度开始，条款 一，标签 "集中期"
  当 缴费日期 >= 2025-01-01：缴费日期 + 3个月，条款 一
  当 缴费日期 > 2025-06-30：缴费日期，条款 二
  否则：无
}
`;
const child = (body: string) => `继承 "parent.policy"
政策 { 年度：2025  模板：是 }
${body}
`;

function load(childText: string, parent = PARENT): LoadResult {
  const files: Record<string, string> = { 'parent.policy': parent, 'child.policy': childText };
  return loadPolicy('child.policy', (p) => files[p] ?? null);
}

/** The merged rules of 待遇开始, printed as policy text. */
function merged(childText: string): string[] {
  const files: Record<string, string> = { 'parent.policy': PARENT, 'child.policy': childText };
  const { program, diagnostics } = checkPolicy('child.policy', (p) => files[p] ?? null);
  expect(diagnostics).toEqual([]);
  return program!.outcomes.get('待遇开始')!.rules.map(rule);
}

const PARENT_RULES = [
  '当 缴费日期 < 2025-01-01：年度开始，条款 一，标签 "集中期"',
  '当 缴费日期 >= 2025-01-01：缴费日期 + 3个月，条款 一',
  '当 缴费日期 > 2025-06-30：缴费日期，条款 二',
  '否则：无',
];

describe('扩展 结果: the merged rules', () => {
  it('replaces a rule by label in place, keeping its label when the new rule states none', () => {
    expect(merged(child('扩展 结果 待遇开始 {\n  替换 标签 "集中期"：当 缴费日期 < 2024-12-01：年度开始\n}'))).toEqual([
      '当 缴费日期 < 2024-12-01：年度开始，标签 "集中期"',
      ...PARENT_RULES.slice(1),
    ]);
  });

  it('replaces by clause, removes, adds before 否则 in text order, and 增加 在前 puts a rule first', () => {
    const text = child(`扩展 结果 待遇开始 {
  删除 条款 二
  增加 当 缴费日期 > 2025-10-01：年度结束
  增加 当 缴费日期 > 2025-11-01：年度结束，标签 "年末"
  增加 在前 当 缴费日期 = 2025-05-01：缴费日期，标签 "劳动节"
  增加 在前 当 缴费日期 = 2025-10-01：缴费日期，标签 "国庆节"
}`);
    expect(merged(text)).toEqual([
      '当 缴费日期 = 2025-05-01：缴费日期，标签 "劳动节"',
      '当 缴费日期 = 2025-10-01：缴费日期，标签 "国庆节"',
      PARENT_RULES[0],
      PARENT_RULES[1],
      '当 缴费日期 > 2025-10-01：年度结束',
      '当 缴费日期 > 2025-11-01：年度结束，标签 "年末"',
      '否则：无',
    ]);
  });

  it('replaces and removes the 否则 rule; adds one where there is none', () => {
    expect(merged(child('扩展 结果 待遇开始 { 替换 否则：年度结束 }')).at(-1)).toBe('否则：年度结束');
    expect(merged(child('扩展 结果 待遇开始 { 删除 否则 }'))).toEqual(PARENT_RULES.slice(0, 3));
    expect(merged(child('扩展 结果 待遇开始 { 删除 否则  增加 否则：年度开始 }')).at(-1)).toBe('否则：年度开始');
  });

  it('a grandchild amends the amended outcome, by a label the child gave', () => {
    const files: Record<string, string> = {
      'parent.policy': PARENT,
      'child.policy': child('扩展 结果 待遇开始 { 增加 当 缴费日期 = 2025-02-02：缴费日期，标签 "甲" }'),
      'grand.policy': child(
        '扩展 结果 待遇开始 { 删除 标签 "甲"  替换 条款 二：当 缴费日期 > 2025-07-31：缴费日期 }',
      ).replace('parent.policy', 'child.policy'),
    };
    const { program, diagnostics } = checkPolicy('grand.policy', (p) => files[p] ?? null);
    expect(diagnostics).toEqual([]);
    expect(program!.outcomes.get('待遇开始')!.rules.map(rule)).toEqual([
      PARENT_RULES[0],
      PARENT_RULES[1],
      '当 缴费日期 > 2025-07-31：缴费日期',
      '否则：无',
    ]);
    expect(program!.amended!.get('待遇开始')!.map((l) => l.source)).toEqual(['child.policy', 'grand.policy']);
  });
});

describe('扩展 结果: errors, located, with the fix', () => {
  const only = (r: LoadResult, code: string) => {
    const d = r.diagnostics.filter((x) => x.code === code);
    expect(d.length).toBe(1);
    expect(r.diagnostics.filter((x) => x.severity === 'error').length).toBe(1);
    return d[0]!;
  };

  it('a label the parent outcome does not have: did you mean', () => {
    const d = only(
      load(child('扩展 结果 待遇开始 {\n  替换 标签 "集中"：当 缴费日期 < 2024-12-01：年度开始\n}')),
      'amend-no-rule',
    );
    expect(d.span).toMatchObject({ file: 'child.policy', start: { line: 4, column: 6 } });
    expect(d.message.zh).toContain('“集中”');
    expect(d.hint!.zh).toContain('“集中期”');
  });

  it('a clause no rule cites: the clauses it has are listed', () => {
    const d = only(load(child('扩展 结果 待遇开始 { 删除 条款 三(五) }')), 'amend-no-rule');
    expect(d.span!.start.line).toBe(3);
    expect(d.hint!.zh).toBe('此结果的条款有：一、一、二');
  });

  it('a clause several rules cite is ambiguous: asks for a label, naming the rules', () => {
    const d = only(
      load(child('扩展 结果 待遇开始 { 替换 条款 一：当 缴费日期 > 2025-01-01：缴费日期 }')),
      'amend-ambiguous',
    );
    expect(d.message.zh).toContain('2 条规则');
    expect(d.message.zh).toContain('parent.policy:6、parent.policy:7');
    expect(d.hint!.zh).toContain('标签');
  });

  it('an outcome the parent does not have: did you mean', () => {
    const d = only(load(child('扩展 结果 待遇开使 { 删除 否则 }')), 'amend-unknown-outcome');
    expect(d.span!.start).toMatchObject({ line: 3, column: 7 });
    expect(d.hint!.zh).toContain('待遇开始');
  });

  it('amending an outcome of the same file', () => {
    const r = load(child('结果 甲：日期 { 否则：无 }\n扩展 结果 甲 { 删除 否则 }'));
    expect(only(r, 'amend-own-outcome').span!.start.line).toBe(4);
  });

  it('a second 否则, and 否则 and conditional rules replacing each other', () => {
    expect(only(load(child('扩展 结果 待遇开始 { 增加 否则：年度开始 }')), 'amend-second-default').hint!.zh).toContain(
      '替换 否则',
    );
    only(load(child('扩展 结果 待遇开始 { 替换 否则：当 缴费日期 > 2025-01-01：年度开始 }')), 'amend-default-mismatch');
    only(load(child('扩展 结果 待遇开始 { 替换 标签 "集中期"：否则：年度开始 }')), 'amend-default-mismatch');
  });

  it('a label used twice in one outcome', () => {
    const r = load(child('扩展 结果 待遇开始 { 增加 当 缴费日期 = 2025-03-03：缴费日期，标签 "集中期" }'));
    expect(only(r, 'duplicate-label').message.zh).toContain('parent.policy:6');
  });
});

describe('模板：是 and examples of another year', () => {
  it('a template is checked without its unset parameters or missing standard outcomes; not so a policy', () => {
    const template = `政策 { 年度：2025  模板：是 }
参数 开始日：日期
缴费期 集中期 = 开始日 至 2025-12-31
`;
    expect(load(template).diagnostics).toEqual([]);
    expect(load(template).policy!.template).toBe(true);
    const plain = load(template.replace('  模板：是', ''));
    expect(plain.diagnostics.map((d) => d.code)).toContain('parameter-without-value');
    expect(plain.diagnostics.map((d) => d.code)).toContain('missing-standard-outcome');
    expect(load(template.replace('模板：是', '模板：也许')).diagnostics.map((d) => d.code)).toContain(
      'bad-header-template',
    );
  });

  it('a template without examples: a rule its open parameters keep undecided is not said never to apply', () => {
    const template = (flag: string) => `政策 { 年度：2025  ${flag} }
输入 缴费日期：日期
参数 开始日：日期
结果 集中期内：是否 {
  当 缴费日期 >= 开始日：是
  否则：否
}
`;
    expect(load(template('模板：是')).diagnostics).toEqual([]);
    // The same program, not a template: the witness search does warn.
    const files: Record<string, string> = { 't.policy': template('模板：是') };
    const { program } = checkPolicy('t.policy', (p) => files[p] ?? null);
    program!.template = false;
    expect(analyzeCompiled(compilePolicy(program!)).map((d) => d.code)).toEqual(['rule-never-fires']);
  });

  it('`参数 名 = 值` gives an inherited parameter its value, keeping its type; a new one needs a type', () => {
    const parent = `政策 { 年度：2025  模板：是 }
参数 开始日：日期，条款 一
条款 一：甲
缴费期 集中期 = 开始日 至 2025-12-31
`;
    const r = load(child('参数 开始日 = 2024-09-01'), parent);
    expect(r.diagnostics).toEqual([]);
    expect(r.policy!.parameters).toEqual([{ name: '开始日', type: 'date', value: '2024-09-01', clause: '一' }]);
    expect(r.policy!.operations[0]!.value).toBe('2024-09-01 至 2025-12-31');
    // A value of another type is the ordinary type error, at the value.
    const wrong = load(child('参数 开始日 = 100元'), parent);
    expect(wrong.diagnostics.map((d) => [d.code, d.span?.file, d.span?.start.line])).toEqual([
      ['type-mismatch', 'child.policy', 3],
    ]);
    const unknown = load(child('参数 开始 = 2024-09-01'), parent).diagnostics;
    expect(unknown.map((d) => d.code)).toEqual(['param-value-not-inherited']);
    expect(unknown[0]!.hint!.zh).toContain('开始日');
    const retyped = load(child('参数 开始日：金额 = 100元'), parent).diagnostics;
    expect(retyped.map((d) => d.code)).toContain('param-type-changed');
    expect(retyped.find((d) => d.code === 'param-type-changed')!.message.zh).toContain('parent.policy 第 2 行');
  });

  const YEARS = `政策 { 年度：2025  模板：是 }
输入 缴费日期：日期
结果 待遇结束：日期 { 否则：年度结束 }
结果 满期：是否 { 否则：年度 = 2026 且 年度开始 = 2026-01-01 }
`;

  it('`年度` in an example sets 年度, 年度开始 and 年度结束 for it', () => {
    const r = load(`${YEARS}例子 "次年" {\n  年度：2026\n  期望 { 待遇结束：2026-12-31  满期：是 }\n}\n`);
    expect(r.diagnostics).toEqual([]);
    expect(runExamples(r.policy!).map((x) => x.passed)).toEqual([true]);
    // Without it the example runs in the policy's year and fails.
    const same = load(`${YEARS}例子 "本年" {\n  期望 { 待遇结束：2026-12-31  满期：是 }\n}\n`);
    expect(runExamples(same.policy!)[0]!.failures.map((f) => f.zh)).toEqual([
      '待遇结束：期望 2026-12-31，实际 2025-12-31',
      '满期：期望 是，实际 否',
    ]);
  });

  it('an example year outside 1900–2199 is an error at its line', () => {
    const r = load(`${YEARS}例子 "远古" {\n  年度：1800\n}\n`);
    const d = r.diagnostics.find((x) => x.code === 'bad-header-year')!;
    expect(d.span!.start.line).toBe(6);
  });
});

describe('fmt of amendments, labels, templates and example years', () => {
  const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'loc' ? undefined : v)));
  it('round-trips every form', () => {
    const text = `继承 "parent.policy"
政策 { 年度：2025  模板：是 }
# 省规则的待遇开始只改三处
扩展 结果 待遇开始 {
  # 按标签
  替换 标签 "集中期"：当 缴费日期 < 2024-12-01：年度开始，原因 "集中"，条款 一，标签 "新"
  替换 条款 二：当 缴费日期 > 2025-07-31：缴费日期
  替换 否则：年度结束
  替换 否则：当 缴费日期 > 2025-01-01：年度开始
  删除 标签 "甲"
  删除 条款 三(一)
  删除 否则
  增加 当 缴费日期 = 2025-02-02：缴费日期，标签 "甲"
  增加 在前 当 缴费日期 = 2025-02-03：缴费日期
  增加 否则：无
}
参数 开始日 = 2024-09-01，条款 一
结果 乙：日期 {
  当 缴费日期 > 2025-02-02：缴费日期，标签 "乙一"
  否则：无，标签 "默认"
}
例子 "次年" {
  年度：2026
  缴费日期：2026-01-01
  期望 { 乙：2026-01-01 }
}
`;
    const once = formatPolicy(text, 'child.policy').text!;
    expect(formatPolicy(once, 'child.policy').text).toBe(once);
    expect(strip(parsePolicy(once, 'child.policy').file)).toEqual(strip(parsePolicy(text, 'child.policy').file));
    expect(once).toContain('  增加 在前 当 缴费日期 = 2025-02-03：缴费日期\n');
    expect(once).toContain('  替换 否则：当 缴费日期 > 2025-01-01：年度开始\n');
    expect(once).toContain('  模板：是\n');
    expect(once).toContain('  年度：2026\n');
    expect(once.match(/#/g)?.length).toBe(2);
  });
});
