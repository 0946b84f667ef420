// Hand-checked tables (test/policies/<policy>.cases.tsv): one person a row, the expected outcomes worked out by hand
// from the notice's sentences (clause and arithmetic in the row), never regenerated from the code. Each row goes
// through evaluatePerson (the closures) and, with the rest of its table, through the roster path (read as a roster
// file, generated code), which adds the roster-level flags of the column 期望花名册标记.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePerson, evaluateRoster, loadPolicy, type PersonResult } from '../../src/lang/index.js';
import { flagCodeFor } from '../../src/lang/evaluate/flags.js';
import { parseIsoDate } from '../../src/lang/runtime/calendar.js';
import { parseYuan } from '../../src/lang/runtime/money.js';
import { readRosterText } from '../../src/roster/index.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { fromDisk } from '../helpers.js';

const TABLES = [
  ['policies/kaijiang-2020.policy', 'test/policies/kaijiang-2020.cases.tsv'],
  ['policies/gaotai-2021.policy', 'test/policies/gaotai-2021.cases.tsv'],
] as const;

/** `—` none, `未知` unknown (both null here; an unknown one must come with a flag, in the row's 期望标记). */
const isNull = (cell: string) => cell === '—' || cell === '未知';
const money = (cell: string) => (isNull(cell) ? null : parseYuan(cell.replace(/元$/, '')));
const date = (cell: string) => (isNull(cell) ? null : parseIsoDate(cell));
const TIMING: Record<string, string | null> = {
  缴费时抵扣: 'upfront',
  先缴后补: 'after-payment',
  无: null,
  未知: null,
};
const list = (cell: string) => cell.split('、').filter((x) => x !== '');
/** `名称=值；名称=值`. */
const pairs = (cell: string) =>
  cell
    .split('；')
    .filter((x) => x !== '')
    .map((p) => p.split('=') as [string, string]);

/** The row's expected outcomes and what the result gave, side by side, as one comparable object. */
function compare(row: Record<string, string>, r: PersonResult, rosterFlags: boolean) {
  const flags = [...list(row['期望标记']!), ...(rosterFlags ? list(row['期望花名册标记']!) : [])];
  const expected: Record<string, unknown> = {
    参保资格: row['期望参保资格'] === '是',
    个人缴费: money(row['期望个人缴费']!),
    政府资助: money(row['期望政府资助']!),
    资助方式: TIMING[row['期望资助方式']!],
    待遇开始: date(row['期望待遇开始']!),
    待遇结束: date(row['期望待遇结束']!),
    标记: flags.map(flagCodeFor).sort(),
  };
  const actual: Record<string, unknown> = {
    参保资格: r.eligible,
    个人缴费: r.personalFee,
    政府资助: r.subsidy,
    资助方式: r.subsidyTiming,
    待遇开始: r.benefitStart,
    待遇结束: r.benefitEnd,
    标记: r.flags.map((f) => f.code).sort(),
  };
  if ('期望补缴金额' in row) {
    expected['补缴金额'] = money(row['期望补缴金额']!);
    actual['补缴金额'] = r.backPayment;
  }
  for (const [name, value] of pairs(row['期望其他'] ?? '')) {
    expected[name] = isNull(value) ? null : value;
    actual[name] = r.extras[name];
  }
  return { expected, actual };
}

/** What the notices say beyond single persons (targets, goals, periods, deadlines), copied from the notice text. */
const ROSTER_LEVEL: Record<
  string,
  { targets: [string, number][] | null; goals: [string | null, number][]; operations: [string, string][] }
> = {
  // 附件 目标任务一览表 (合计 513080); 一 参保率 98% 以上，特殊人员 100%; 三(一) 集中参保缴费期; 六(二)2(4), 3(2) 12月20日前;
  // 六(二)1(3) “双限”：2 万元或 5 天; 三(二) 中途参保的特殊原因.
  'policies/kaijiang-2020.policy': {
    targets: [
      ['新宁镇', 73639],
      ['普安镇', 60396],
      ['甘棠镇', 48352],
      ['宝石镇', 17686],
      ['新太乡', 14036],
      ['任市镇', 41717],
      ['长岭镇', 35176],
      ['讲治镇', 28232],
      ['新街乡', 15164],
      ['八庙镇', 17861],
      ['灵岩镇', 14498],
      ['靖安乡', 21411],
      ['梅家乡', 13192],
      ['沙坝场乡', 12338],
      ['回龙镇', 15971],
      ['长田乡', 10695],
      ['永兴镇', 29296],
      ['骑龙乡', 11197],
      ['广福镇', 19535],
      ['天师镇', 12688],
      ['合计', 513080],
    ],
    goals: [
      [null, 9800],
      ['特殊人员', 10000],
    ],
    operations: [
      ['集中参保期', '2019-09-01 至 2019-12-25'],
      ['乡镇完成核对录入缴费', '2019-12-20'],
      ['县级最终确认', '2019-12-20'],
      ['现金双限', '20,000.00元 或 5日'],
      ['中途参保原因（须凭证明材料）', '解除劳动关系、失业保险待遇期满、复员退伍、刑满释放、休学、退学、毕业'],
    ],
  },
  // 三 在2020年12月31日前完成缴费 (the start, the notice's unrecorded issue date, is read as 2020-01-01); no targets or goals.
  'policies/gaotai-2021.policy': { targets: null, goals: [], operations: [['参保缴费期', '2020-01-01 至 2020-12-31']] },
};

describe.each(TABLES)('%s: hand-checked cases', (policyPath, tablePath) => {
  const policy = loadPolicy(policyPath, fromDisk).policy!;
  const text = readFileSync(tablePath, 'utf8');
  const [header, ...lines] = text
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
  const rows = lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
  const read = readRosterText(text, tablePath, policy.fields);
  const params = (row: Record<string, string>) => Object.fromEntries(pairs(row['参数']!));

  it('states the notice’s targets, goals, periods and deadlines', () => {
    const want = ROSTER_LEVEL[policyPath]!;
    const t = policy.targets;
    expect(t ? [...t.entries.map((e) => [e.name, e.target]), ['合计', t.total]] : null).toEqual(want.targets);
    expect(policy.goals.map((g) => [g.group, g.rate])).toEqual(want.goals);
    expect(policy.operations.map((o) => [o.name, o.value])).toEqual(want.operations);
  });

  it('reads every row of the table', () => {
    expect(read.rows.length).toBe(rows.length);
    expect(read.rows.flatMap((r) => r.problems)).toEqual([]);
  });

  it.each(rows.map((row, i) => [row['编号']!, row['条款']!, i] as const))(
    'case %s (条款 %s), evaluatePerson',
    (_, __, i) => {
      const row = rows[i]!;
      const { expected, actual } = compare(row, evaluatePerson(policy, read.rows[i]!.values, params(row)), false);
      expect(actual, row['说明']).toEqual(expected);
    },
  );

  it('every case through the roster path (generated code, roster-level flags)', () => {
    // Rows with the same parameter values are one roster, so that duplicates and households are seen together.
    const groups = new Map<string, number[]>();
    rows.forEach((row, i) => groups.set(row['参数']!, [...(groups.get(row['参数']!) ?? []), i]));
    for (const [, members] of groups) {
      const { results, evaluator } = evaluateRoster(
        policy,
        members.map((i) => read.rows[i]!),
        {
          params: params(rows[members[0]!]!),
          loadCode: loadAsFile,
        },
      );
      expect(evaluator).toBe('generated');
      members.forEach((i, k) => {
        const { expected, actual } = compare(rows[i]!, results[k]!, true);
        expect(actual, `case ${rows[i]!['编号']}: ${rows[i]!['说明']}`).toEqual(expected);
      });
    }
  });
});
