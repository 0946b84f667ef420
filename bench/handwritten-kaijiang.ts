// Baseline for the benchmark only (not used by the app): policies/kaijiang-2020.policy written by hand as plain
// TypeScript over the same RosterRow values, doing the same work as evaluateRoster (outcomes, flags, duplicates, summary).
import type { PersonResult, ResultFlag, RosterRow } from '../src/lang/model.js';
import { checkIdNumber } from '../src/lang/runtime/id-number.js';
import { civil, dayNumber } from '../src/lang/runtime/calendar.js';

const SPECIAL = ['特困人员', '重点优抚对象', '重度残疾人', '建档立卡贫困人口', '孤儿'];
const START = dayNumber(2019, 9, 1), END = dayNumber(2019, 12, 25);
const JAN1 = dayNumber(2020, 1, 1), FEB1 = dayNumber(2020, 2, 1), DEC31 = dayNumber(2020, 12, 31);
const FEE = 25000;
const flag = (code: string, zh: string): ResultFlag => ({ code, message: { zh, en: zh } });

export function evaluateKaijiangByHand(rows: readonly RosterRow[]): { results: PersonResult[]; townships: Map<string, { rows: number; eligible: number; enrolled: number; collected: number; subsidy: number }> } {
  const results: PersonResult[] = new Array(rows.length);
  const townships = new Map<string, { rows: number; eligible: number; enrolled: number; collected: number; subsidy: number }>();
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]!.values;
    const idText = typeof v['身份证号码'] === 'string' ? (v['身份证号码'] as string) : null;
    const id = idText ? checkIdNumber(idText) : ({ ok: false, problem: 'empty' } as const);
    const birth = id.ok ? id.birth : null;
    const categories = (v['人员类别'] as string[] | null) ?? [];
    const other = (v['其他保险'] as string[] | null) ?? [];
    const local = v['是否本县户籍'] === true;
    const paid = typeof v['缴费日期'] === 'number' ? (v['缴费日期'] as number) : null;
    const previous = v['上年度是否参保'] === true;
    const eligible = !(other.includes('城镇职工医保') || other.includes('大学生医保'));
    const special = categories.some((c) => SPECIAL.includes(c));
    const full = special && local;
    const dibao = categories.includes('低保对象') && !full;
    // 低保资助额 has no value in the notice: unknown, flagged, never invented.
    const subsidy = full ? FEE : dibao ? null : 0;
    const fee = !eligible ? 0 : subsidy === null ? null : Math.max(FEE - subsidy, 0);
    const timing = subsidy === null ? null : subsidy > 0 ? 'upfront' as const : null;
    const newborn = birth !== null && civil(birth).year === 2020;
    const after = paid !== null && paid > END;
    const inPeriod = paid !== null && paid >= START && paid <= END;
    let start: number | null = null;
    if (eligible) {
      if (newborn) start = paid !== null && paid <= birth! + 90 ? birth : paid !== null ? paid + 31 : null;
      else if (after) start = paid + 31;
      else if (inPeriod) start = previous ? JAN1 : FEB1;
      else if (fee === 0 && paid === null) start = previous ? JAN1 : FEB1;
    }
    const enrolled = !eligible ? false : fee === null ? false : fee === 0 ? true : paid !== null;
    const flags: ResultFlag[] = [];
    if (rows[i]!.problems.length) flags.push(flag('bad-row', `本行有 ${rows[i]!.problems.length} 处数据无法读取`));
    if (!id.ok) flags.push(flag('invalid-id', '身份证号码无效'));
    if (dibao) flags.push(flag('missing-parameter', '缺少参数“低保资助额”'));
    if (!eligible) flags.push(flag('not-eligible', '不符合参保条件：已参加职工医保或大学生医保，不得重复参保'));
    if (after && !newborn && !v['中途参保原因']) flags.push(flag('集中期后缴费无中途参保原因', '集中参保期后缴费，须凭证明材料中途参保'));
    if (paid !== null && paid < START) flags.push(flag('缴费早于集中参保期', '缴费日期早于集中参保期开始日'));
    if (id.ok && typeof v['登记性别'] === 'string' && v['登记性别'] !== id.sex) flags.push(flag('性别与身份证不符', '登记的性别与身份证号码不一致'));
    if (id.ok && typeof v['登记出生日期'] === 'number' && v['登记出生日期'] !== id.birth) flags.push(flag('出生日期与身份证不符', '登记的出生日期与身份证号码不一致'));
    if (special && !local) flags.push(flag('非本县户籍特殊困难群体', '特殊困难群体但未登记为本县户籍'));
    results[i] = {
      row: rows[i]!.row, idNumber: idText, name: (v['姓名'] as string | null) ?? null, eligible,
      reason: eligible ? null : '已参加职工医保或大学生医保，不得重复参保', personalFee: fee, subsidy, subsidyTiming: timing,
      benefitStart: start, benefitEnd: start === null ? null : DEC31, flags, extras: {},
    };
    const name = typeof v['乡镇'] === 'string' ? (v['乡镇'] as string) : '（未填）';
    let t = townships.get(name);
    if (!t) townships.set(name, (t = { rows: 0, eligible: 0, enrolled: 0, collected: 0, subsidy: 0 }));
    t.rows++;
    if (eligible) { t.eligible++; t.collected += fee ?? 0; t.subsidy += subsidy ?? 0; }
    if (enrolled) t.enrolled++;
  }
  const first = new Map<string, number>();
  const shared = new Map<string, number[]>();
  for (let i = 0; i < results.length; i++) {
    const idn = results[i]!.idNumber;
    if (!idn) continue;
    const j = first.get(idn);
    if (j === undefined) first.set(idn, i);
    else (shared.get(idn) ?? shared.set(idn, [j]).get(idn)!).push(i);
  }
  for (const list of shared.values()) {
    for (const i of list) results[i]!.flags.push(flag('duplicate-id', `身份证号码与第 ${list.filter((j) => j !== i).map((j) => results[j]!.row).join('、')} 行重复`));
  }
  return { results, townships };
}
