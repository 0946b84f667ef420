// The optional standard outcome 补缴金额 (back payment of earlier years): typed money, carried per person, summed in
// the summary apart from the year's fees, through both back ends; gaotai-2021 reads it from a clerk's column.
import { describe, expect, it } from 'vitest';
import {
  evaluateRoster,
  loadPolicy,
  type CompiledPolicy,
  type FieldValue,
  type RosterRow,
} from '../../src/lang/index.js';
import { readRosterText } from '../../src/roster/index.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { codes, fromDisk, loadText, minimal } from '../helpers.js';

const WITH_BACK_PAYMENT = minimal(
  `输入 补缴：金额
输入 其他保险：类别集 {职工医保}
结果 补缴金额：金额 { 当 有值(补缴)：补缴 }`,
  `结果 参保资格：是否 { 当 其他保险 属于 {职工医保}：否 否则：是 }
结果 政府资助：金额 { 否则：0元 }
结果 个人缴费：金额，合并 优先 { 当 非 参保资格：0元 否则：标准 }
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`,
);

// Three different people (the summary counts a repeated ID once).
const IDS = ['511723198505050012', '511723198001010113', '511723199001010015'];

describe('补缴金额 (back payment)', () => {
  it('must be money', () => {
    const r = loadText(minimal('结果 补缴金额：日期 { 否则：年度开始 }'));
    expect(codes(r)).toContain('standard-outcome-type');
  });

  for (const [backend, loadCode] of [
    ['generated', loadAsFile],
    ['closures', undefined],
  ] as const) {
    it(`is carried per person and summed apart from the fees, for the not eligible too (${backend})`, () => {
      const policy = loadText(WITH_BACK_PAYMENT).policy!;
      const rows: RosterRow[] = (
        [
          { 身份证号码: IDS[0]!, 补缴: 56000, 缴费日期: 18200 },
          { 身份证号码: IDS[1]!, 补缴: null, 缴费日期: 18200 },
          { 身份证号码: IDS[2]!, 补缴: 12345, 其他保险: ['职工医保'] },
        ] as Record<string, FieldValue>[]
      ).map((values, i) => ({ row: i + 1, values, problems: [] }));
      const { results, summary, evaluator } = evaluateRoster(policy, rows, { loadCode });
      expect(evaluator).toBe(backend);
      expect(results.map((r) => r.backPayment)).toEqual([56000, null, 12345]);
      expect(results[0]!.extras['补缴金额']).toBe(560);
      // 250 元 each for the two eligible; the back payments 560 + 123.45 元 are a total of their own.
      expect(summary.county.collected).toBe(50000);
      expect(summary.county.backPayment).toBe(68345);
      expect(summary.townships.reduce((s, t) => s + (t.backPayment ?? 0), 0)).toBe(68345);
    });
  }

  it('is null in the summary of a policy without it', () => {
    const policy = loadText(minimal()).policy!;
    const { summary } = evaluateRoster(policy, [{ row: 1, values: { 身份证号码: IDS[0]! }, problems: [] }]);
    expect(summary.county.backPayment).toBeNull();
  });

  it('gaotai-2021 reads it from the column a clerk writes (核定补缴金额) and keeps the year’s fee apart', () => {
    const policy: CompiledPolicy = loadPolicy('policies/gaotai-2021.policy', fromDisk).policy!;
    const csv =
      '身份证号码,人员类别,户籍,缴费时间,核定补缴金额\n' +
      '620724198505050013,普通居民,是,2020-10-08,560\n' +
      '62072419440303003X,特困人员,是,,\n';
    const read = readRosterText(csv, 'r.csv', policy.fields);
    const { results, summary } = evaluateRoster(policy, read.rows, { loadCode: loadAsFile });
    // 二: 280 元 for the ordinary resident, nothing for the 特困 person; 四(三): the verified 560 元 collected apart.
    expect(results.map((r) => [r.personalFee, r.backPayment])).toEqual([
      [28000, 56000],
      [0, null],
    ]);
    expect(summary.county.collected).toBe(28000);
    expect(summary.county.backPayment).toBe(56000);
  });
});
