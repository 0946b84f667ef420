import { describe, expect, it } from 'vitest';
import { codes, loadText, minimal } from '../helpers.js';

describe('check', () => {
  it('accepts the minimal policy', () => {
    const r = loadText(minimal());
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.policy).not.toBeNull();
  });
  it('reports an unknown name with a suggestion and its position', () => {
    const text = minimal('定义 x = 标注 + 1元');
    const r = loadText(text);
    const d = r.diagnostics.find((x) => x.code === 'unknown-name')!;
    expect(d.hint?.zh).toContain('标准');
    const line = text.split('\n').findIndex((l) => l.includes('标注')) + 1;
    expect(d.span!.start).toMatchObject({ line, column: 8 });
    expect(r.policy).toBeNull();
  });
  it('reports money used as a date', () => {
    expect(codes(loadText(minimal('定义 x = 缴费日期 > 标准')))).toContain('bad-operands');
    expect(codes(loadText(minimal('参数 开始日：日期 = 250元')))).toContain('type-mismatch');
  });
  it('reports a missing standard outcome', () => {
    const r = loadText(minimal('', '结果 参保资格：是否 { 否则：是 }'));
    expect(codes(r).filter((c) => c === 'missing-standard-outcome')).toHaveLength(6);
  });
  it('reports a rule after the default, and a category value the field does not have', () => {
    const r = loadText(minimal('结果 额外：金额，合并 优先 {\n 否则：1元\n 当 人员类别 属于 {孤儿}：2元\n}'));
    expect(codes(r)).toContain('rule-after-default');
    expect(codes(r)).toContain('unknown-name');
  });
  it('reports rules that overlap without precedence, with a witness person', () => {
    const r = loadText(
      minimal(
        '结果 补助：金额 {\n 当 人员类别 属于 {特困人员}：250元\n 当 人员类别 属于 {低保对象}：100元\n}\n例子 "甲" { 身份证号码："110101198001010012" }',
      ),
    );
    const d = r.diagnostics.find((x) => x.code === 'rules-overlap')!;
    expect(d).toBeDefined();
    expect(d.notes![0]!.zh).toMatch(/特困人员/);
  });
  it('accepts the same rules with a stated precedence', () => {
    const r = loadText(
      minimal(
        '结果 补助：金额，合并 就高 {\n 当 人员类别 属于 {特困人员}：250元\n 当 人员类别 属于 {低保对象}：100元\n}',
      ),
    );
    expect(codes(r)).not.toContain('rules-overlap');
  });
  it('warns when age bands leave an age uncovered', () => {
    const r = loadText(
      minimal(
        '定义 周岁 = 年龄(2020-12-31)\n结果 保费：金额 {\n 当 周岁 < 18：300元\n 当 周岁 > 18：400元\n}\n例子 "甲" { 身份证号码："110101198001010012" }',
      ),
    );
    expect(codes(r)).toContain('outcome-gap');
  });
  it('warns about a rule that no example or variation makes apply', () => {
    const r = loadText(
      minimal(
        '结果 补助：金额，合并 优先 {\n 当 标准 > 300元 且 标准 < 200元：1元\n 否则：0元\n}\n例子 "甲" { 身份证号码："110101198001010012" }',
      ),
    );
    expect(r.diagnostics.find((d) => d.code === 'rule-never-fires')?.severity).toBe('warning');
  });
  it('rejects an example expecting a flag the policy does not have', () => {
    expect(
      codes(loadText(minimal('例子 "甲" { 身份证号码："110101198001010012"  期望 { 标记：{不存在的标记} } }'))),
    ).toContain('unknown-flag');
    expect(
      codes(loadText(minimal('例子 "甲" { 身份证号码："110101198001010012"  期望 { 标记：{缺少参数} } }'))),
    ).not.toContain('unknown-flag');
  });
  it('rejects an expected flag named after an inherited property of a plain object', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const text = minimal(`例子 "甲" { 身份证号码："110101198001010012"  期望 { 标记：{${name}} } }`);
      expect(codes(loadText(text)), name).toContain('unknown-flag');
    }
  });
  it('checks that targets add up to their total', () => {
    expect(
      codes(loadText(minimal('输入 乡镇：文本，用作 乡镇\n目标 按 乡镇 {\n 甲镇 10\n 乙镇 20\n 合计 31\n}'))),
    ).toContain('target-sum-mismatch');
    expect(
      codes(loadText(minimal('输入 乡镇：文本，用作 乡镇\n目标 按 乡镇 {\n 甲镇 10\n 乙镇 20\n 合计 30\n}'))),
    ).not.toContain('target-sum-mismatch');
  });
  it('reports a parameter without value used where no flag is possible', () => {
    expect(codes(loadText(minimal('参数 开始日：日期\n缴费期 期 = 开始日 至 2020-12-31')))).toContain(
      'parameter-without-value',
    );
  });
  it('fails a false 核对 assertion', () => {
    expect(codes(loadText(minimal('核对 标准 = 280元，消息 "应为280元"')))).toContain('assertion-failed');
  });
  it('resolves 继承, reports a missing parent and a cycle', () => {
    expect(codes(loadText('继承 "nope.policy"'))).toContain('extends-not-found');
    expect(codes(loadText('继承 "b.policy"', { 'b.policy': '继承 "test.policy"' }))).toContain('extends-cycle');
    const child = loadText('继承 "base.policy"\n参数 标准：金额 = 原值 + 30元', { 'base.policy': minimal() });
    expect(child.policy?.parameters.find((p) => p.name === '标准')?.value).toBeDefined();
  });
  it('never throws, and never lets an error through, on mangled policies', () => {
    const text = minimal('定义 x = 标准 * 2');
    for (let cut = 0; cut < text.length; cut += 7) {
      const r = loadText(text.slice(0, cut) + text.slice(cut + 3));
      expect(r.policy !== null || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  });
});
