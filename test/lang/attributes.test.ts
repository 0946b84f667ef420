// Rule attributes (主体 "…" on a rule, 主体(结果) reading the deciding rule's body) and the collection mechanics'
// results (柜面应收, 事后补助, 个人实际负担), through both back ends. Expected values are worked out by hand from the
// rules written here (grammar/reference/attributes-and-collection.md states the semantics).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluateRoster,
  formatPolicy,
  loadPolicy,
  runExamples,
  explainRow,
  type CompiledPolicy,
  type FieldValue,
  type PersonResult,
  type RosterEvaluation,
} from '../../src/lang/index.js';
import { parsePolicy } from '../../src/lang/parse/index.js';
import { dayNumber } from '../../src/lang/runtime/calendar.js';
import { formatValue } from '../../src/lang/evaluate/format.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { codes, fromDisk, loadChecked, loadText, minimal } from '../helpers.js';

const ID = '511723198505050012';

/** A policy with the standard outcomes and the attribute outcomes under test. */
const ATTRIBUTES = minimal(
  `参数 缺值：金额
输入 标志：是否
结果 就高资助：金额，合并 就高 {
  当 人员类别 属于 {特困人员}：标准，主体 "医疗救助资金"
  当 人员类别 属于 {低保对象}：标准，主体 "区县政府"
  当 人员类别 属于 {普通居民}：100元，主体 "财政"
  否则：0元
}
结果 就低资助：金额，合并 就低 {
  当 人员类别 属于 {特困人员}：100元，主体 "甲"
  当 人员类别 属于 {低保对象}：50元，主体 "乙"
  否则：0元
}
结果 优先资助：金额，合并 优先 {
  当 标志 且 缺值 > 0元：1元，主体 "甲"
  当 人员类别 属于 {特困人员}：2元，主体 "乙"
  否则：3元
}
输入 档：类别 {一档, 二档}
结果 唯一资助：金额 {
  当 档 = 一档：1元，主体 "甲"
  当 档 = 二档：缺值，主体 "乙"
  否则：0元
}
结果 合计资助：金额，合并 合计 {
  当 人员类别 属于 {特困人员}：10元，主体 "甲"
  当 人员类别 属于 {低保对象}：20元，主体 "乙"
  当 标志：就高资助
  否则：0元
}
结果 就高主体：文本 { 否则：主体(就高资助) }
结果 就低主体：文本 { 否则：主体(就低资助) }
结果 优先主体：文本 { 否则：主体(优先资助) }
结果 唯一主体：文本 { 否则：主体(唯一资助) }
结果 合计主体：文本 { 否则：主体(合计资助) }`,
  `结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额，合并 优先 { 否则：合计资助 }
结果 个人缴费：金额 { 否则：较大(标准 - 政府资助, 0元) }
结果 资助方式：时机 { 否则：缴费时抵扣 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`,
);

const BACKENDS = [
  ['generated', loadAsFile],
  ['closures', undefined],
] as const;

function run(policy: CompiledPolicy, people: Record<string, FieldValue>[], loadCode?: typeof loadAsFile) {
  const rows = people.map((values, i) => ({ row: i + 1, values: { 身份证号码: ID, ...values }, problems: [] }));
  // Distinct IDs: the summary counts each person.
  rows.forEach(
    (r, i) => (r.values.身份证号码 = ['511723198505050012', '511723198001010113', '511723199001010015'][i]!),
  );
  const out: RosterEvaluation = evaluateRoster(policy, rows, { loadCode });
  expect(out.evaluator).toBe(loadCode ? 'generated' : 'closures');
  return out;
}
const one = (policy: CompiledPolicy, values: Record<string, FieldValue>, loadCode?: typeof loadAsFile): PersonResult =>
  run(policy, [values], loadCode).results[0]!;

describe('主体 (the paying body of the rule that decided an outcome)', () => {
  const policy = loadChecked(ATTRIBUTES);

  for (const [backend, loadCode] of BACKENDS) {
    describe(backend, () => {
      it('就高: the chosen rule; a tie goes to the first in text order; 否则 without 主体 gives none', () => {
        expect(one(policy, { 人员类别: ['低保对象'] }, loadCode).extras.就高主体).toBe('区县政府');
        expect(one(policy, { 人员类别: ['低保对象', '特困人员'] }, loadCode).extras.就高主体).toBe('医疗救助资金');
        // 普通居民 100元 against 低保对象 250元: the higher one decides.
        expect(one(policy, { 人员类别: ['普通居民', '低保对象'] }, loadCode).extras.就高主体).toBe('区县政府');
        expect(one(policy, { 人员类别: [] }, loadCode).extras.就高主体).toBeNull();
      });

      it('就低: the lower amount’s rule', () => {
        expect(one(policy, { 人员类别: ['特困人员', '低保对象'] }, loadCode).extras.就低主体).toBe('乙');
        expect(one(policy, { 人员类别: ['特困人员'] }, loadCode).extras.就低主体).toBe('甲');
      });

      it('优先: the first rule that holds; an undecidable condition before it makes the body unknown', () => {
        const r = one(policy, { 人员类别: ['特困人员'], 标志: false }, loadCode);
        expect(r.extras.优先主体).toBe('乙');
        const unknown = one(policy, { 人员类别: ['特困人员'], 标志: true }, loadCode);
        expect(unknown.unknown).toContain('优先主体');
        expect(unknown.flags.map((f) => f.code)).toContain('missing-parameter');
        // 否则：3元 has no 主体: none.
        expect(one(policy, { 人员类别: ['普通居民'], 标志: false }, loadCode).extras.优先主体).toBeNull();
      });

      it('唯一: the one rule that applies; an unknown amount makes the body unknown too', () => {
        expect(one(policy, { 档: '一档' }, loadCode).extras.唯一主体).toBe('甲');
        const unknown = one(policy, { 档: '二档' }, loadCode);
        expect(unknown.unknown).toEqual(expect.arrayContaining(['唯一资助', '唯一主体']));
        expect(unknown.flags.map((f) => f.code)).toContain('missing-parameter');
        expect(one(policy, {}, loadCode).extras.唯一主体).toBeNull();
      });

      it('合计: the bodies of the applying rules, distinct, in text order, joined by 、; inherited through a name', () => {
        // 特困人员 10元 (甲) + 就高资助 250元 (医疗救助资金, by 就高资助's rule).
        const r = one(policy, { 人员类别: ['特困人员'], 标志: true }, loadCode);
        expect(r.extras.合计主体).toBe('甲、医疗救助资金');
        expect(r.subsidy).toBe(26000);
        expect(r.subsidyByPayer).toEqual({ 甲: 1000, 医疗救助资金: 25000 });
        // 低保 20元 (乙), no 就高 part without 标志.
        expect(one(policy, { 人员类别: ['低保对象'], 标志: false }, loadCode).extras.合计主体).toBe('乙');
        // No rule applies: 否则：0元 without 主体.
        const none = one(policy, { 人员类别: ['普通居民'], 标志: false }, loadCode);
        expect(none.extras.合计主体).toBeNull();
        expect(none.subsidyByPayer).toEqual({ '': 0 });
      });

      it('the summary splits 政府资助 by body over the eligible people', () => {
        const { summary } = run(
          policy,
          [
            { 人员类别: ['特困人员'], 标志: true }, // 甲 10元 + 医疗救助资金 250元
            { 人员类别: ['低保对象', '特困人员'], 标志: false }, // 甲 10元 + 乙 20元
            { 人员类别: ['普通居民'], 标志: true }, // 就高资助 100元 by 财政
          ],
          loadCode,
        );
        expect({ ...summary.county.subsidyByPayer }).toEqual({ 甲: 2000, 医疗救助资金: 25000, 乙: 2000, 财政: 10000 });
        expect(summary.county.subsidyUpfront).toBe(2000 + 25000 + 2000 + 10000);
      });
    });
  }

  it('主体(…) of a name that is not an outcome is an error that suggests an outcome', () => {
    const r = loadText(minimal('结果 甲：文本 { 否则：主体(标准) }'));
    expect(codes(r)).toContain('attribute-not-outcome');
    const r2 = loadText(minimal('结果 甲：文本 { 否则：主体(政府资金) }'));
    expect(r2.diagnostics.find((d) => d.code === 'attribute-not-outcome')?.hint?.zh).toContain('政府资助');
  });

  it('an empty body is an error; a rule without one among rules with one is warned, unless it gives 0元 or 无', () => {
    expect(codes(loadText(minimal('结果 甲：金额 { 否则：1元，主体 "" }')))).toContain('empty-payer');
    const partial = loadText(
      minimal(`结果 甲：金额，合并 优先 {
  当 人员类别 属于 {特困人员}：1元，主体 "乙"
  当 人员类别 属于 {低保对象}：2元
  否则：0元
}`),
    );
    const warned = partial.diagnostics.filter((d) => d.code === 'payer-partial');
    expect(warned.map((d) => [d.severity, d.span?.start.line])).toEqual([['warning', 19]]);
  });

  it('主体 stays usable as a plain name', () => {
    const r = loadText(minimal('定义 主体 = 1\n结果 甲：整数 { 否则：主体 }'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('policy fmt prints attributes, the reader and the new mechanics, and reads them back the same', () => {
    const text = minimal(`结果 甲：金额 { 否则：1元，原因 "理由"，主体 "区县政府"，条款 一 }
结果 乙：文本 { 否则：主体(甲) }
结果 丙：时机 { 当 非 参保资格：免征代缴 否则：差额征缴 }`);
    const printed = formatPolicy(text, 'a.policy').text!;
    expect(printed).toContain('否则：1元，原因 "理由"，主体 "区县政府"，条款 一');
    expect(printed).toContain('否则：主体(甲)');
    expect(printed).toContain('当 非 参保资格：免征代缴');
    expect(printed).toContain('否则：差额征缴'); // another name of 缴费时抵扣, printed as the author wrote it
    expect(formatPolicy(printed, 'a.policy').text).toBe(printed);
    const strip = (x: unknown): unknown =>
      JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'loc' || k === 'source' ? undefined : v)));
    expect(strip(parsePolicy(printed, 'a.policy').file)).toEqual(
      strip(parsePolicy(formatPolicy(printed, 'a.policy').text!, 'a.policy').file),
    );
  });
});

/** Standard outcomes over the inputs 方式 (the mechanic), 资助 and 缴费 (amounts). */
const MECHANICS = minimal(
  `输入 方式：类别 {抵扣, 后补, 免征, 未定}
输入 资助：金额
输入 缴费：金额
输入 职工：是否`,
  `结果 参保资格：是否 { 当 职工：否 否则：是 }
结果 政府资助：金额，合并 优先 { 当 非 参保资格：0元 否则：资助 }
结果 个人缴费：金额，合并 优先 { 当 非 参保资格：0元 否则：缴费 }
结果 资助方式：时机，合并 优先 {
  当 方式 = 抵扣：缴费时抵扣
  当 方式 = 后补：先缴后补
  当 方式 = 免征：免征代缴
  否则：无
}
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`,
);

describe('collection mechanics: 柜面应收, 事后补助, 个人实际负担', () => {
  const policy = loadChecked(MECHANICS);
  const amounts = (r: PersonResult) => [r.due, r.credited, r.netCost];

  for (const [backend, loadCode] of BACKENDS) {
    it(`per mechanic (${backend})`, () => {
      const run1 = (values: Record<string, FieldValue>) => one(policy, values, loadCode);
      // 差额征缴: 250 − 100 = 150 paid at the counter, nothing back.
      expect(amounts(run1({ 方式: '抵扣', 资助: 10000, 缴费: 15000 }))).toEqual([15000, 0, 15000]);
      // 先缴后补: 250 paid, 100 credited afterwards, 150 borne.
      expect(amounts(run1({ 方式: '后补', 资助: 10000, 缴费: 25000 }))).toEqual([25000, 10000, 15000]);
      // 免征代缴: nothing collected.
      const waived = run1({ 方式: '免征', 资助: 25000, 缴费: 0 });
      expect(waived.subsidyTiming).toBe('waived');
      expect(amounts(waived)).toEqual([0, 0, 0]);
      // No mechanic and no subsidy: the fee is what is due.
      expect(amounts(run1({ 方式: '未定', 资助: 0, 缴费: 25000 }))).toEqual([25000, 0, 25000]);
      // Not eligible: nothing due, credited or borne.
      expect(amounts(run1({ 方式: '后补', 资助: 0, 缴费: 0, 职工: true }))).toEqual([0, 0, 0]);
    });

    it(`examples tell 免征代缴 from 先缴后补 (${backend})`, () => {
      expect(formatValue('waived', { k: 'timing' })).toBe('免征代缴');
      expect(formatValue('after-payment', { k: 'timing' })).toBe('先缴后补');
      const wrong = loadText(
        MECHANICS +
          `例子 "免征代缴不是先缴后补" {
  身份证号码："${ID}"
  方式：免征
  资助：250元
  缴费：0元
  期望 { 资助方式：先缴后补 }
}
`,
      );
      const results = runExamples(wrong.policy!);
      expect(results.map((r) => r.passed)).toEqual([false]);
    });

    it(`is unknown with a flag where the mechanic does not fit the amounts (${backend})`, () => {
      const waivedWithFee = one(policy, { 方式: '免征', 资助: 10000, 缴费: 15000 }, loadCode);
      expect(amounts(waivedWithFee)).toEqual([null, null, null]);
      expect(waivedWithFee.flags.map((f) => f.code)).toContain('collection-mismatch');
      expect(waivedWithFee.unknown).toEqual(expect.arrayContaining(['柜面应收', '事后补助', '个人实际负担']));
      const noMechanic = one(policy, { 方式: '未定', 资助: 10000, 缴费: 15000 }, loadCode);
      expect(amounts(noMechanic)).toEqual([null, null, null]);
      expect(noMechanic.flags.find((f) => f.code === 'collection-mismatch')?.message.zh).toContain('没有资助方式');
      // An unknown fee (empty amount cells stay none here, so use an unreadable mechanic cell): unknown, flagged.
      const unreadable = evaluateRoster(
        policy,
        [
          {
            row: 1,
            values: { 身份证号码: ID, 方式: null, 资助: 10000, 缴费: 15000 },
            problems: [],
            unreadable: [{ field: '方式', column: '方式', text: '抵扣？' }],
          },
        ],
        { loadCode },
      ).results[0]!;
      expect(amounts(unreadable)).toEqual([null, null, null]);
      expect(unreadable.flags.map((f) => f.code)).toContain('unreadable-value');
    });
  }
});

describe('云溪县 (test/policies/yunxi-2025.policy): three mechanics, two paying bodies', () => {
  const loaded = loadPolicy('test/policies/yunxi-2025.policy', fromDisk);

  it('the explanation names the paying body beside the outcome', () => {
    const steps = explainRow(loaded.policy!, {
      row: 1,
      values: { 身份证号码: ID, 人员类别: ['低保对象', '重度残疾人'], 缴费日期: dayNumber(2024, 10, 8) },
      problems: [],
    });
    const texts = steps.map((s) => s.text.zh);
    expect(texts).toContain('结果“政府资助”：250.00元（主体：医疗救助资金、区县政府）');
    expect(texts).toContain('结果“残疾补助”：50.00元（主体：区县政府）');
  });

  it('policy fmt round-trips it: the printed text parses to the same tree, and prints the same again', () => {
    const text = readFileSync('test/policies/yunxi-2025.policy', 'utf8');
    const printed = formatPolicy(text, 'y.policy').text!;
    const strip = (x: unknown): unknown =>
      JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'loc' || k === 'source' ? undefined : v)));
    expect(strip(parsePolicy(printed, 'y.policy').file)).toEqual(strip(parsePolicy(text, 'y.policy').file));
    expect(formatPolicy(printed, 'y.policy').text).toBe(printed);
  });

  it('checks clean and its examples pass', () => {
    expect(loaded.diagnostics).toEqual([]);
    const results = runExamples(loaded.policy!);
    expect(results.length).toBe(13);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  for (const [backend, loadCode] of BACKENDS) {
    it(`its summary splits money by mechanic and by body (${backend})`, () => {
      const people: Record<string, FieldValue>[] = [
        { 人员类别: ['特困人员'] }, // 400 医疗救助资金, 免征代缴: nothing due
        { 人员类别: ['低保对象', '重度残疾人'], 缴费日期: dayNumber(2024, 10, 8) }, // 200 医疗救助资金 + 50 区县政府, upfront, due 150
        { 人员类别: ['返贫致贫人口'], 缴费日期: dayNumber(2024, 12, 1) }, // 150 区县政府 after payment: due 400, credited 150
      ];
      const { summary, results } = run(loaded.policy!, people, loadCode);
      expect(results.map((r) => r.subsidyTiming)).toEqual(['waived', 'upfront', 'after-payment']);
      const c = summary.county;
      expect({ ...c.subsidyByPayer }).toEqual({ 医疗救助资金: 60000, 区县政府: 20000 });
      expect([c.subsidyWaived, c.subsidyUpfront, c.subsidyAfterPayment]).toEqual([40000, 25000, 15000]);
      // Due 0 + 150 + 400; credited 150; borne 0 + 150 + 250.
      expect([c.due, c.credited, c.netCost, c.collectionUnknown]).toEqual([55000, 15000, 40000, 0]);
      expect(c.collected).toBe(55000);
    });
  }
});
