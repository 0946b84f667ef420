// What changed between two policies: a year and its parent (gaotai 2022 inherits 2021), and hand-made pairs.
import { describe, expect, it } from 'vitest';
import { diffPolicies, loadPolicy, type CompiledPolicy, type PolicyChange } from '../../src/lang/index.js';
import { fromDisk, loadText, minimal } from '../helpers.js';

const fromFile = (path: string): CompiledPolicy => {
  const { policy, diagnostics } = loadPolicy(path, fromDisk);
  if (!policy) throw new Error(diagnostics.map((d) => d.message.zh).join('; '));
  return policy;
};
const fromText = (text: string): CompiledPolicy => {
  const { policy, diagnostics } = loadText(text);
  if (!policy) throw new Error(diagnostics.map((d) => d.message.zh).join('; '));
  return policy;
};
const find = (changes: PolicyChange[], kind: string, name: string) =>
  changes.filter((c) => c.kind === kind && c.name === name);

describe('diffPolicies: gaotai 2021 → 2022 (a year and its parent)', () => {
  const parent = fromFile('policies/gaotai-2021.policy');
  const child = fromFile('test/policies/gaotai-2022.policy');
  const { changes, before, after } = diffPolicies(parent, child);

  it('gives the years of both sides', () => {
    expect(before.year).toBe(2021);
    expect(after.year).toBe(2022);
  });

  it('个人缴费标准 280元 → 320元 (原值 + 40元 computed), with clause 二 and its sentence', () => {
    const [c, ...rest] = find(changes, 'parameter', '个人缴费标准');
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ op: 'changed', before: '280元', after: '320元', clause: '二' });
    expect(c!.clauseText).toContain('按人均280 元收取');
  });

  it('上年度个人缴费标准 250元 → 280元', () => {
    expect(find(changes, 'parameter', '上年度个人缴费标准')).toMatchObject([
      { op: 'changed', before: '250元', after: '280元', clause: '二' },
    ]);
  });

  it('参保缴费期 moves one year, with clause 三', () => {
    expect(find(changes, 'period', '参保缴费期')).toMatchObject([
      { op: 'changed', before: '2020-01-01 至 2020-12-31', after: '2021-01-01 至 2021-12-31', clause: '三' },
    ]);
  });

  it('年度 2021 → 2022', () => {
    expect(find(changes, 'header', '年度')).toMatchObject([{ op: 'changed', before: '2021', after: '2022' }]);
  });

  it('lists nothing the child did not change: no rule, group or input; its own 核对 replaces the parent’s', () => {
    const kinds = new Set(changes.filter((c) => c.kind !== 'header').map((c) => `${c.op} ${c.kind} ${c.name}`));
    expect(kinds).toEqual(
      new Set([
        'changed parameter 个人缴费标准',
        'changed parameter 上年度个人缴费标准',
        'changed period 参保缴费期',
        'removed check 个人缴费标准 = 上年度个人缴费标准 + 30元',
        'added check 个人缴费标准 = 320元',
      ]),
    );
  });

  it('the same policy on both sides has no changes', () => {
    expect(diffPolicies(child, child).changes).toEqual([]);
  });
});

describe('diffPolicies: hand-made pairs', () => {
  const outcomes = (fee: string) => `结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额 { 否则：0元 }
结果 个人缴费：金额，合并 优先 {
${fee}
}
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`;
  const clauses = `条款 一：特困人员个人不缴费。\n条款 二：低保对象个人缴费减半。\n条款 三：其余居民按标准缴费。`;
  const base = fromText(
    minimal(
      `${clauses}\n群体 免缴对象 = {特困人员}，条款 一`,
      outcomes(`  当 人员类别 属于 {特困人员}：0元，条款 一\n  否则：标准，条款 三`),
    ),
  );

  it('a rule added, with its outcome, text and clause', () => {
    const next = fromText(
      minimal(
        `${clauses}\n群体 免缴对象 = {特困人员}，条款 一`,
        outcomes(
          `  当 人员类别 属于 {特困人员}：0元，条款 一\n  当 人员类别 属于 {低保对象}：125元，条款 二\n  否则：标准，条款 三`,
        ),
      ),
    );
    expect(diffPolicies(base, next).changes).toEqual([
      {
        kind: 'rule',
        label: { zh: '规则', en: 'Rule' },
        op: 'added',
        name: '个人缴费',
        before: null,
        after: '当 人员类别 属于 {低保对象}：125元，条款 二',
        clause: '二',
        clauseText: '低保对象个人缴费减半。',
      },
    ]);
  });

  it('a rule removed (clause from the old file), and the same pair the other way round', () => {
    const next = fromText(
      minimal(`${clauses}\n群体 免缴对象 = {特困人员}，条款 一`, outcomes(`  否则：标准，条款 三`)),
    );
    const removed = {
      kind: 'rule',
      label: { zh: '规则', en: 'Rule' },
      op: 'removed',
      name: '个人缴费',
      before: '当 人员类别 属于 {特困人员}：0元，条款 一',
      after: null,
      clause: '一',
      clauseText: '特困人员个人不缴费。',
    };
    expect(diffPolicies(base, next).changes).toEqual([removed]);
    expect(diffPolicies(next, base).changes).toEqual([
      { ...removed, op: 'added', before: null, after: removed.before },
    ]);
  });

  it('a rule whose condition stays and value changes is one change; a group gains a member; a parameter changes', () => {
    const next = fromText(
      minimal(
        `${clauses}\n群体 免缴对象 = {特困人员, 低保对象}，条款 一`,
        outcomes(`  当 人员类别 属于 {特困人员}：10元，条款 一\n  否则：标准，条款 三`),
      ).replace('参数 标准：金额 = 250元', '参数 标准：金额 = 280元'),
    );
    const changes = diffPolicies(base, next).changes;
    expect(find(changes, 'rule', '个人缴费')).toMatchObject([
      {
        op: 'changed',
        before: '当 人员类别 属于 {特困人员}：0元，条款 一',
        after: '当 人员类别 属于 {特困人员}：10元，条款 一',
        clause: '一',
      },
    ]);
    expect(find(changes, 'group', '免缴对象')).toMatchObject([
      { op: 'changed', before: '特困人员', after: '特困人员、低保对象' },
    ]);
    expect(find(changes, 'parameter', '标准')).toMatchObject([{ op: 'changed', before: '250元', after: '280元' }]);
    expect(changes).toHaveLength(3);
  });

  it('rules kept but put in another order are a change of the outcome (under 优先 the first decides)', () => {
    const a = fromText(
      minimal(
        clauses,
        outcomes(`  当 人员类别 属于 {特困人员}：0元\n  当 人员类别 属于 {低保对象}：125元\n  否则：标准`),
      ),
    );
    const b = fromText(
      minimal(
        clauses,
        outcomes(`  当 人员类别 属于 {低保对象}：125元\n  当 人员类别 属于 {特困人员}：0元\n  否则：标准`),
      ),
    );
    expect(diffPolicies(a, b).changes).toMatchObject([{ kind: 'outcome', op: 'changed', name: '个人缴费' }]);
  });

  it('an unset parameter given a value, and a flag added', () => {
    const a = fromText(minimal('参数 等待期：时长'));
    const b = fromText(minimal('参数 等待期：时长 = 3个月\n标记 未缴费 当 非 有值(缴费日期)，消息 "未缴费"'));
    const changes = diffPolicies(a, b).changes;
    expect(find(changes, 'parameter', '等待期')).toMatchObject([{ op: 'changed', before: '（未给值）' }]);
    expect(find(changes, 'parameter', '等待期')[0]!.after).toContain('3');
    expect(find(changes, 'flag', '未缴费')).toMatchObject([{ op: 'added', before: null }]);
    expect(changes).toHaveLength(2);
  });

  it('a clause sentence changed, and the whole-household rule gains an exception', () => {
    const a = fromText(minimal('条款 一：以家庭为单位参保。\n输入 户号：文本，用作 户号\n整户参保 按 户号，条款 一'));
    const b = fromText(
      minimal(
        '条款 一：以家庭为单位整户参保。\n输入 户号：文本，用作 户号\n整户参保 按 户号，除外 人员类别 属于 {特困人员}，条款 一',
      ),
    );
    expect(diffPolicies(a, b).changes).toMatchObject([
      { kind: 'clause', op: 'changed', name: '一', before: '以家庭为单位参保。', after: '以家庭为单位整户参保。' },
      {
        kind: 'household',
        op: 'changed',
        before: '按 户号',
        after: '按 户号，除外 人员类别 属于 {特困人员}',
        clause: '一',
        clauseText: '以家庭为单位整户参保。',
      },
    ]);
  });
});
