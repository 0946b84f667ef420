// The witness search honours examples' parameters and rule order: no false `rule-never-fires`, and rules that an
// earlier one always pre-empts (`优先`) or that never decide (`就高`) are reported.
import { describe, expect, it } from 'vitest';
import { codes, loadText, minimal } from '../helpers.js';

const ID = '身份证号码："110101198001010012"';
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('witness search', () => {
  it('honours an example’s parameter override before calling a rule never-firing', () => {
    const rule = '结果 补助：金额，合并 优先 {\n 当 标准 > 300元：1元\n 否则：0元\n}';
    expect(codes(loadText(minimal(`${rule}\n例子 "高标准" { ${ID}  参数 { 标准：400元 } }`)))).not.toContain(
      'rule-never-fires',
    );
    expect(codes(loadText(minimal(`${rule}\n例子 "甲" { ${ID} }`)))).toContain('rule-never-fires');
  });
  it('reports a rule that an earlier rule always pre-empts under 合并 优先, naming it', () => {
    const text = minimal(`结果 补助：金额，合并 优先 {
 当 人员类别 属于 {特困人员, 低保对象}：100元
 当 人员类别 属于 {特困人员}：250元
 否则：0元
}
例子 "甲" { ${ID}  人员类别：特困人员 }`);
    const r = loadText(text);
    const d = r.diagnostics.find((x) => x.code === 'rule-shadowed');
    expect(d?.severity).toBe('warning');
    expect(d?.span?.start.line).toBe(lineOf(text, '{特困人员}：250元'));
    expect(d?.message.en).toContain('Rule 1');
    expect(codes(r)).not.toContain('rule-never-fires');
  });
  it('does not report a rule that takes effect when the earlier one does not apply', () => {
    const r = loadText(
      minimal(`结果 补助：金额，合并 优先 {
 当 人员类别 属于 {特困人员}：250元
 当 人员类别 属于 {特困人员, 低保对象}：100元
 否则：0元
}
例子 "甲" { ${ID}  人员类别：特困人员 }`),
    );
    expect(codes(r)).not.toContain('rule-shadowed');
  });
  it('reports a rule inside 合并 就高 that can never win', () => {
    // Fictional notice: 特困人员 get 250 yuan, others none; people outside the county are not eligible.
    const text = minimal(
      '',
      `输入 本县户籍：是否
结果 参保资格：是否 { 当 本县户籍 = 否：否\n 否则：是 }
结果 政府资助：金额，合并 就高 {
 当 人员类别 属于 {特困人员}：250元
 当 非 参保资格：0元
 否则：0元
}
结果 个人缴费：金额 { 否则：标准 }
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }
例子 "甲" { ${ID}  人员类别：特困人员  本县户籍：是 }`,
    );
    const r = loadText(text);
    const d = r.diagnostics.find((x) => x.code === 'rule-never-wins');
    expect(d?.span?.start.line).toBe(lineOf(text, '非 参保资格：0元'));
    expect(r.diagnostics.filter((x) => x.code === 'rule-never-wins')).toHaveLength(1);
  });
});
