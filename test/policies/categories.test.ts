// Category outcomes, shared category types, names as notices write them and empty groups (grammar/reference/
// categories.md): the fictional 石桥县 policy checks with only its empty-group warning and its hand-computed examples
// pass; a misspelt value is a located error with the value meant; both back ends give a single category as a name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluatePerson,
  evaluateRoster,
  explainRow,
  loadPolicy,
  runExamples,
  type CompiledPolicy,
  type RosterRow,
} from '../../src/lang/index.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { dayNumber } from '../../src/lang/runtime/calendar.js';
import { extraCell } from '../../src/worker/extra-cell.js';
import { loadText, minimal } from '../helpers.js';

const path = 'test/policies/categories-shiqiao-2025.policy';
const text = readFileSync(path, 'utf8');
const load = (t: string) => loadPolicy(path, (p) => (p === path ? t : null));

function policy(): CompiledPolicy {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.policy!;
}

describe('石桥县 2025 (categories)', () => {
  it('checks with one warning, the empty group 计生特殊家庭, and every example passes', () => {
    const r = load(text);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.span?.start.line])).toEqual([
      ['empty-group', 'warning', 52],
    ]);
    const results = runExamples(r.policy!);
    expect(results.length).toBe(8);
    expect(results.filter((x) => !x.passed)).toEqual([]);
  });

  it('an example expecting the wrong category value fails, naming both values', () => {
    const wrong = text.replace('期望 { 资助档次：Ⅲ级  征缴方式：先缴后补', '期望 { 资助档次：Ⅲ级  征缴方式：差额征缴');
    const failed = runExamples(load(wrong).policy!).filter((x) => !x.passed);
    expect(failed.map((x) => x.name)).toEqual(['返贫致贫人口先缴后补']);
    expect(failed[0]!.failures[0]!.zh).toBe('征缴方式：期望 差额征缴，实际 先缴后补');
  });

  it('a misspelt value of a category outcome is an error at its place, with the value meant', () => {
    const typo = text.replace('当 资助档次 = Ⅱ级：差额征缴', '当 资助档次 = Ⅱ级：差额政缴');
    const d = load(typo).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['unknown-name']);
    const line = typo.split('\n').findIndex((l) => l.includes('差额政缴')) + 1;
    expect(d[0]!.span!.start.line).toBe(line);
    expect(d[0]!.span!.start.column).toBe(typo.split('\n')[line - 1]!.indexOf('差额政缴') + 1);
    expect(d[0]!.hint!.zh).toBe('是不是“差额征缴”？');
  });

  it('a value of another category is not one of the outcome', () => {
    const other = text.replace('当 资助档次 = Ⅱ级：差额征缴', '当 资助档次 = Ⅱ级：低保对象');
    const d = load(other).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['unknown-category-value']);
    expect(d[0]!.message.zh).toBe('“低保对象”不是“征缴方式”的类别值');
  });

  it('gives a single category as a name (not a list) in both back ends, and typed extras', () => {
    const p = policy();
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    const values = { 身份证号码: id, 参保地: '本县', 本人类别: ['低保对象'], 缴费日期: 20000 };
    const one = evaluatePerson(p, values);
    expect(one.extras).toEqual({ 资助档次: 'Ⅱ级', 征缴方式: '差额征缴' });
    const rows: RosterRow[] = [
      { row: 1, problems: [], values },
      { row: 2, problems: [], values: { 身份证号码: id, 参保地: '外县(区)', 本人类别: ['返贫致贫人口'] } },
      { row: 3, problems: [], values: { 身份证号码: id, 参保地: '本县', 本人类别: ['“三属”人员'] } },
    ];
    const closures = evaluateRoster(p, rows);
    const generated = evaluateRoster(p, rows, { loadCode: loadAsFile });
    expect(generated.evaluator).toBe('generated');
    expect(generated.results).toEqual(closures.results);
    // Row 2: 外县(区) without 居住证 is not eligible (条款 一): no 征缴方式; 资助档次 still Ⅲ级 by 二(三).
    expect(closures.results.map((r) => r.extras)).toEqual([
      { 资助档次: 'Ⅱ级', 征缴方式: '差额征缴' },
      { 资助档次: 'Ⅲ级', 征缴方式: null },
      { 资助档次: 'Ⅰ级', 征缴方式: '免征代缴' },
    ]);
  });

  it('prints back to text that parses to the same policy (policy fmt)', async () => {
    const { formatPolicy } = await import('../../src/lang/index.js');
    const once = formatPolicy(text, path).text!;
    expect(once).toContain('类型 困难类别 = 类别集 {');
    expect(once).toContain('"“三属”人员"（别名 三属人员）');
    expect(once).toContain('群体 计生特殊家庭 = {}');
    expect(formatPolicy(once, path).text).toBe(once);
    const a = runExamples(load(once).policy!);
    expect(a.filter((x) => !x.passed)).toEqual([]);
  });
});

describe('category types and values', () => {
  it('reads a category list whose value is also a keyword (先缴后补) and checks the outcome’s values', () => {
    const r = loadText(
      minimal(`结果 征缴方式：类别 {免征代缴, 差额征缴, 先缴后补}，合并 优先 {
  当 人员类别 属于 {特困人员}：免征代缴
  当 人员类别 属于 {低保对象}：差额征缴
  否则：先缴后补
}`),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    expect(evaluatePerson(r.policy!, { 身份证号码: id, 人员类别: ['普通居民'] }).extras.征缴方式).toBe('先缴后补');
    expect(evaluatePerson(r.policy!, { 身份证号码: id, 人员类别: ['特困人员'] }).extras.征缴方式).toBe('免征代缴');
  });

  it('one 类型 serves several inputs, whose values compare with each other; other categories do not', () => {
    const types = `类型 困难类别 = 类别 {特困人员, 低保对象}
输入 本人类别：困难类别
输入 配偶类别：困难类别
输入 档次：类别 {一档, 二档}`;
    const same = loadText(minimal(`${types}\n结果 同类：是否 { 否则：本人类别 = 配偶类别 }`));
    expect(same.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    const person = (a: string, b: string) => evaluatePerson(same.policy!, { 身份证号码: id, 本人类别: a, 配偶类别: b });
    expect(person('低保对象', '低保对象').extras.同类).toBe(true);
    expect(person('低保对象', '特困人员').extras.同类).toBe(false);
    const wrong = loadText(minimal(`${types}\n结果 同类：是否 { 否则：本人类别 = 档次 }`));
    expect(wrong.diagnostics.map((d) => d.code)).toContain('bad-operands');
    const fields = same.policy!.fields.filter((f) => f.name.endsWith('类别') && f.name !== '人员类别');
    expect(fields.map((f) => [f.name, f.kind, f.categories!.map((c) => c.name)])).toEqual([
      ['本人类别', 'category', ['特困人员', '低保对象']],
      ['配偶类别', 'category', ['特困人员', '低保对象']],
    ]);
  });

  it('an unknown type is an error at its name with the type meant', () => {
    const r = loadText(minimal('类型 困难类别 = 类别 {特困人员}\n输入 本人类别：困难类型'));
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['unknown-type']);
    expect(d[0]!.span!.start.line).toBe(18); // minimal(): the line after 类型
    expect(d[0]!.hint!.zh).toBe('是不是“困难类别”？');
    const money = loadText(minimal('类型 金额类 = 金额'));
    expect(money.diagnostics.map((x) => x.code)).toEqual(['named-type-kind']);
  });

  it('an empty group checks with a warning, and nobody belongs to it', () => {
    const r = loadText(minimal('群体 暂无 = {}\n结果 属暂无：是否 { 否则：人员类别 属于 暂无 }'));
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['empty-group', 'warning']]);
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    expect(evaluatePerson(r.policy!, { 身份证号码: id, 人员类别: ['特困人员'] }).extras.属暂无).toBe(false);
  });

  it('Roman numerals in names; quoted names with parentheses, in lists and as values', () => {
    const r = loadText(
      minimal(`输入 所在地：类别 {本县, 「区(县)」}
结果 档次：类别 {Ⅰ级, Ⅱ级} {
  当 所在地 = 「区(县)」：Ⅱ级
  否则：Ⅰ级
}
结果 在区县：是否 { 否则：所在地 属于 {「区(县)」} }`),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    expect(evaluatePerson(r.policy!, { 身份证号码: id, 所在地: '区(县)' }).extras).toEqual({
      档次: 'Ⅱ级',
      在区县: true,
    });
    expect(evaluatePerson(r.policy!, { 身份证号码: id, 所在地: '本县' }).extras).toEqual({
      档次: 'Ⅰ级',
      在区县: false,
    });
  });
});

describe('typed extra outcomes', () => {
  it('money in yuan, dates as YYYY-MM-DD, yes/no, numbers and percentages as numbers, categories by name', () => {
    const r = loadText(
      minimal(`结果 差额：金额 { 否则：90.5元 }
结果 截止：日期 { 否则：2020-12-20 }
结果 困难：是否 { 否则：人员类别 属于 {特困人员} }
结果 月数：整数 { 否则：3 }
结果 比例：百分比 { 否则：12.5% }
结果 类别：类别集 {甲, 乙} { 否则：{甲, 乙} }`),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    expect(evaluatePerson(r.policy!, { 身份证号码: id, 人员类别: ['特困人员'] }).extras).toEqual({
      差额: 90.5,
      截止: '2020-12-20',
      困难: true,
      月数: 3,
      比例: 12.5,
      类别: '甲、乙',
    });
  });

  it('export cells keep numbers as numbers and write yes/no in the export language', () => {
    const words = { yes: '是', no: '否' };
    expect([90.5, '2020-12-20', true, false, null].map((v) => extraCell(v, words))).toEqual([
      90.5,
      '2020-12-20',
      '是',
      '否',
      null,
    ]);
  });
});

describe('messages and reasons that insert values', () => {
  const id = makeIdNumber('511723', 1980, 8, 8, 22);
  it('fills a flag message and a reason with the person’s values; {{ and }} are braces', () => {
    const p = policy();
    const spouse = evaluatePerson(p, { 身份证号码: id, 参保地: '本县', 配偶类别: ['特困人员'] });
    expect(spouse.flags.find((f) => f.code === '配偶同享全额资助')!.message.zh).toBe(
      '配偶为特困人员，也享受全额资助（{Ⅰ级}）：请核对家庭成员是否都已登记',
    );
    const outside = evaluatePerson(p, { 身份证号码: id, 参保地: '外县(区)' });
    expect(outside.reason).toBe('户籍在外县(区)且无居住证');
    expect(outside.flags.find((f) => f.code === 'not-eligible')!.message.zh).toContain('户籍在外县(区)且无居住证');
  });

  it('fills a message with money and dates, in both back ends', () => {
    const r = loadText(
      minimal(`缴费期 集中缴费期 = 2019-09-01 至 2019-12-31
标记 早缴 当 缴费日期 < 开始(集中缴费期)，消息 "缴费日期 {缴费日期} 早于 {开始(集中缴费期)}，应缴 {个人缴费}"
核对 每人 个人缴费 <= 标准，消息 "个人缴费 {个人缴费} 超过标准 {标准}"`),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const paid = dayNumber(2019, 8, 30);
    const rows: RosterRow[] = [{ row: 1, problems: [], values: { 身份证号码: id, 人员类别: [], 缴费日期: paid } }];
    const closures = evaluateRoster(r.policy!, rows);
    const generated = evaluateRoster(r.policy!, rows, { loadCode: loadAsFile });
    expect(generated.evaluator).toBe('generated');
    expect(generated.results).toEqual(closures.results);
    // Paid 2019-08-30, before the period; minimal() charges everyone 标准, 250元.
    const messages = closures.results[0]!.flags.map((f) => f.message.zh);
    expect(messages).toContain('缴费日期 2019-08-30 早于 2019-09-01，应缴 250.00元');
  });

  it('reports a misspelt name inside a message where it stands, and unbalanced braces', () => {
    const r = loadText(minimal('标记 早缴 当 缴费日期 < 2019-09-01，消息 "缴费日期 {缴费日其} 太早"'));
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['unknown-name']);
    const line = '标记 早缴 当 缴费日期 < 2019-09-01，消息 "缴费日期 {缴费日其} 太早"';
    expect([d[0]!.span!.start.line, d[0]!.span!.start.column]).toEqual([17, line.indexOf('缴费日其') + 1]);
    expect(d[0]!.hint!.zh).toBe('是不是“缴费日期”？');
    const open = loadText(minimal('标记 早缴 当 缴费日期 < 2019-09-01，消息 "缴费日期 {缴费日期 太早"'));
    expect(open.diagnostics.map((x) => x.code)).toEqual(['message-brace']);
    const bad = loadText(minimal('结果 X：是否 { 否则：是，原因 "差 {标准 +}" }'));
    expect(bad.diagnostics.map((x) => x.code)).toEqual(['message-expression']);
    expect(bad.diagnostics[0]!.message.zh).toContain('“标准 +”');
  });
});

describe('汇总 按: the summary by category outcomes and inputs', () => {
  const line = (
    value: string,
    rows: number,
    eligible: number,
    enrolled: number,
    collected: number,
    subsidy: number,
  ) => ({
    value,
    kind: value === '无' ? 'none' : 'value',
    rows,
    eligible,
    enrolled,
    collected,
    subsidy,
  });
  it('counts people, fees and subsidies per value, a duplicate ID once (worked out by hand)', () => {
    const withInput = text.replace('汇总 按 征缴方式，资助档次', '汇总 按 征缴方式，资助档次，本人类别');
    const p = load(withInput).policy!;
    const id = (n: number) => makeIdNumber('511723', 1980 + n, 8, 8, 22);
    const paid = dayNumber(2024, 10, 10);
    const row = (n: number, values: RosterRow['values']): RosterRow => ({ row: n, problems: [], values });
    const rows: RosterRow[] = [
      row(1, { 身份证号码: id(1), 参保地: '本县', 本人类别: ['低保对象'], 缴费日期: paid }),
      row(2, { 身份证号码: id(2), 参保地: '本县', 本人类别: ['特困人员'] }),
      row(3, { 身份证号码: id(3), 参保地: '外县(区)', 本人类别: ['返贫致贫人口'] }),
      row(4, { 身份证号码: id(4), 参保地: '本县', 本人类别: [], 缴费日期: paid }),
      row(5, { 身份证号码: id(5), 参保地: '本县', 本人类别: ['返贫致贫人口'] }),
      row(6, { 身份证号码: id(1), 参保地: '本县', 本人类别: ['低保对象'], 缴费日期: paid }),
    ];
    const closures = evaluateRoster(p, rows);
    const generated = evaluateRoster(p, rows, { loadCode: loadAsFile });
    expect(generated.summary).toEqual(closures.summary);
    expect(closures.summary.breakdowns).toEqual([
      {
        by: '征缴方式',
        multi: false,
        values: [
          line('免征代缴', 1, 1, 1, 0, 38000),
          line('差额征缴', 1, 1, 1, 23000, 15000),
          line('先缴后补', 1, 1, 0, 38000, 8000),
          line('全额缴费', 1, 1, 1, 38000, 0),
          line('无', 1, 0, 0, 0, 0),
        ],
      },
      {
        by: '资助档次',
        multi: false,
        values: [
          line('Ⅰ级', 1, 1, 1, 0, 38000),
          line('Ⅱ级', 1, 1, 1, 23000, 15000),
          line('Ⅲ级', 2, 1, 0, 38000, 8000),
          line('无', 1, 1, 1, 38000, 0),
        ],
      },
      {
        by: '本人类别',
        multi: true,
        values: [
          line('特困人员', 1, 1, 1, 0, 38000),
          line('“三属”人员', 0, 0, 0, 0, 0),
          line('低保对象', 1, 1, 1, 23000, 15000),
          line('返贫致贫人口', 2, 1, 0, 38000, 8000),
          line('无', 1, 1, 1, 38000, 0),
        ],
      },
    ]);
  });

  it('a dimension that is not a category input or outcome is an error at its name', () => {
    const bad = text.replace('汇总 按 征缴方式，资助档次', '汇总 按 征缴方式，个人缴费');
    const d = load(bad).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['summary-dimension']);
    expect(d[0]!.message.zh).toBe('“汇总 按 个人缴费”：个人缴费 须是类别输入或类别结果（不是金额）');
  });
});

describe('single-category parameters', () => {
  it('hold one name, declared or given at evaluation time, so 属于 and = read them', () => {
    const r = loadText(
      minimal(`参数 本年档次：类别 {一档, 二档} = 一档
结果 高档：是否 { 否则：本年档次 属于 {二档} }
结果 同档：是否 { 否则：本年档次 = 一档 }`),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    const rows: RosterRow[] = [{ row: 1, problems: [], values: { 身份证号码: id, 人员类别: [] } }];
    expect(evaluateRoster(r.policy!, rows).results[0]!.extras).toEqual({ 高档: false, 同档: true });
    const given = evaluateRoster(r.policy!, rows, { params: { 本年档次: '二档' }, loadCode: loadAsFile });
    expect(given.diagnostics).toEqual([]);
    expect(given.results[0]!.extras).toEqual({ 高档: true, 同档: false });
  });
});

describe('reasons that insert values, in explanations', () => {
  it('reads the reason filled in for the person, as the results do, not with its braces', () => {
    const r = loadText(
      minimal(`输入 参保地：类别 {本县, 「外县(区)」}
结果 外地：是否，合并 优先 {
  当 参保地 = 「外县(区)」：是，原因 "户籍在{参保地}"
  否则：否
}`),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const id = makeIdNumber('511723', 1980, 8, 8, 22);
    const steps = explainRow(r.policy!, { row: 1, values: { 身份证号码: id, 参保地: '外县(区)' }, problems: [] });
    const text = steps.map((s) => s.text.zh).join('\n');
    expect(text).toContain('（户籍在外县(区)）');
    expect(text).not.toContain('{参保地}');
  });
});
