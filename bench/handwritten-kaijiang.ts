// Baseline for the benchmark only (never used by the app): policies/kaijiang-2020.policy written by hand as plain
// TypeScript over the same RosterRow values, doing the same work as evaluateRoster: every standard outcome
// (eligibility, subsidy, personal fee, timing, enrolled, benefit start/end), the policy's flags, invalid IDs,
// the missing 低保资助额, duplicate IDs and the whole summary (county, townships with targets, villages, the
// 特殊人员 group, flag counts, rates). Messages are the same strings the DSL produces, so run.ts can compare
// every field of every row. Duplicate IDs use the engine's own policy-independent routine (a hand-written copy would only repeat it);
// the summary is by hand. The roster-level half is exported for the json-rules-engine peer.
import type { ParticipationGoal, PersonResult, ResultFlag, RosterRow, RosterSummary, SummaryRow } from '../src/lang/model.js';
import { checkIdNumber } from '../src/lang/runtime/id-number.js';
import { dayNumber, yearOf } from '../src/lang/runtime/calendar.js';
import { idProblemText } from '../src/lang/evaluate/flags.js';
import { flagDuplicates } from '../src/lang/evaluate/roster.js';
import type { Duplicates } from '../src/lang/evaluate/summary.js';

export const SPECIAL = ['特困人员', '重点优抚对象', '重度残疾人', '建档立卡贫困人口', '孤儿'];
export const SPECIAL_PERSONS = [...SPECIAL, '低保对象'];
export const START = dayNumber(2019, 9, 1), END = dayNumber(2019, 12, 25);
export const JAN1 = dayNumber(2020, 1, 1), FEB1 = dayNumber(2020, 2, 1), DEC31 = dayNumber(2020, 12, 31);
export const FEE = 25000; // fen
export const INELIGIBLE_REASON = '已参加职工医保或大学生医保，不得重复参保';
// The engine's shared empty flag list, which flagDuplicates recognises.
export { NO_FLAGS } from '../src/lang/evaluate/engine.js';
import { NO_FLAGS } from '../src/lang/evaluate/engine.js';
export const NO_EXTRAS: Record<string, string | null> = Object.freeze({}) as Record<string, string | null>;

const policyFlag = (code: string, zh: string): ResultFlag => ({ code, message: { zh, en: zh } });
export const FLAG = {
  missingDibao: { code: 'missing-parameter', message: { zh: '缺少参数“低保资助额”：通知未给出，无法计算（可在评估时提供）', en: 'Missing parameter “低保资助额”: not given in the notice; supply it at evaluation time' } },
  notEligible: { code: 'not-eligible', message: { zh: `不符合参保条件：${INELIGIBLE_REASON}`, en: `Not eligible: ${INELIGIBLE_REASON}` } },
  late: policyFlag('集中期后缴费无中途参保原因', '集中参保期后缴费，须凭证明材料中途参保（请核对中途参保原因）'),
  early: policyFlag('缴费早于集中参保期', '缴费日期早于集中参保期开始日 2019-09-01，请核对'),
  sex: policyFlag('性别与身份证不符', '登记的性别与身份证号码不一致'),
  birth: policyFlag('出生日期与身份证不符', '登记的出生日期与身份证号码不一致'),
  nonLocal: policyFlag('非本县户籍特殊困难群体', '特殊困难群体但未登记为本县户籍：不享受全额资助，按标准缴费'),
} satisfies Record<string, ResultFlag>;
export const badRowFlag = (count: number): ResultFlag => ({ code: 'bad-row', message: { zh: `本行有 ${count} 处数据无法读取`, en: `${count} value(s) in this row could not be read` } });
export const invalidIdFlag = (problem: string): ResultFlag => ({ code: 'invalid-id', message: idProblemText(problem) });

export const TARGETS: [string, number][] = [
  ['新宁镇', 73639], ['普安镇', 60396], ['甘棠镇', 48352], ['宝石镇', 17686], ['新太乡', 14036], ['任市镇', 41717], ['长岭镇', 35176],
  ['讲治镇', 28232], ['新街乡', 15164], ['八庙镇', 17861], ['灵岩镇', 14498], ['靖安乡', 21411], ['梅家乡', 13192], ['沙坝场乡', 12338],
  ['回龙镇', 15971], ['长田乡', 10695], ['永兴镇', 29296], ['骑龙乡', 11197], ['广福镇', 19535], ['天师镇', 12688],
];
export const COUNTY_TARGET = 513080;
export const GOALS: ParticipationGoal[] = [
  { group: null, members: [], rate: 9800, clause: '一' },
  { group: '特殊人员', members: SPECIAL_PERSONS, rate: 10000, clause: '一' },
];

const intersects = (a: string[], b: readonly string[]) => {
  for (let i = 0; i < a.length; i++) if (b.includes(a[i]!)) return true;
  return false;
};

export interface HandEvaluation {
  results: PersonResult[];
  summary: RosterSummary;
}

export function evaluateKaijiangByHand(rows: readonly RosterRow[]): HandEvaluation {
  const results: PersonResult[] = new Array(rows.length);
  const enrolledOf = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const v = row.values;
    const idValue = v['身份证号码'];
    const idText = typeof idValue === 'string' ? idValue : null;
    // The check made when the row was read, as evaluateRoster uses it.
    const id = idText === null ? ({ ok: false, problem: 'empty' } as const) : row.id?.value === idText ? row.id.check : checkIdNumber(idText);
    const birth = id.ok ? id.birth : null;
    const categories = (v['人员类别'] as string[] | null) ?? [];
    const other = (v['其他保险'] as string[] | null) ?? [];
    const local = v['是否本县户籍'] === true;
    const paid = typeof v['缴费日期'] === 'number' ? v['缴费日期'] : null;
    const previous = v['上年度是否参保'] === true;

    const eligible = !(other.includes('城镇职工医保') || other.includes('大学生医保'));
    const special = intersects(categories, SPECIAL);
    const full = special && local;
    const dibao = categories.includes('低保对象') && !full;
    // 低保资助额 has no value in the notice: unknown, flagged, never invented.
    const subsidy = full ? FEE : dibao ? null : 0;
    const fee = !eligible ? 0 : subsidy === null ? null : Math.max(FEE - subsidy, 0);
    const timing = subsidy !== null && subsidy > 0 ? 'upfront' as const : null;
    const newborn = birth !== null && yearOf(birth) === 2020;
    const after = paid !== null && paid > END;
    const inPeriod = paid !== null && paid >= START && paid <= END;
    let start: number | null = null;
    if (eligible) {
      if (newborn) start = paid !== null && paid <= birth! + 90 ? birth : paid !== null ? paid + 31 : null;
      else if (after) start = paid + 31;
      else if (inPeriod) start = previous ? JAN1 : FEB1;
      else if (fee === 0 && paid === null) start = previous ? JAN1 : FEB1;
    }
    const enrolled = eligible && fee !== null && (fee === 0 || paid !== null);
    enrolledOf[i] = enrolled ? 1 : 0;

    const found: ResultFlag[] = [];
    if (row.problems.length) found.push(badRowFlag(row.problems.length));
    if (!id.ok) found.push(invalidIdFlag(id.problem));
    if (dibao) found.push(FLAG.missingDibao);
    if (!eligible) found.push(FLAG.notEligible);
    if (after && !newborn && !v['中途参保原因']) found.push(FLAG.late);
    if (paid !== null && paid < START) found.push(FLAG.early);
    if (id.ok && typeof v['登记性别'] === 'string' && v['登记性别'] !== '' && v['登记性别'] !== id.sex) found.push(FLAG.sex);
    if (id.ok && typeof v['登记出生日期'] === 'number' && v['登记出生日期'] !== id.birth) found.push(FLAG.birth);
    if (special && !local) found.push(FLAG.nonLocal);
    const flags = found.length > 0 ? found : NO_FLAGS;
    const name = v['姓名'];
    results[i] = {
      row: row.row, idNumber: idText, name: typeof name === 'string' ? name : null, eligible,
      reason: eligible ? null : INELIGIBLE_REASON, personalFee: fee, subsidy, subsidyTiming: timing,
      benefitStart: start, benefitEnd: start === null ? null : DEC31, flags, extras: NO_EXTRAS,
    };
  }
  return { results, summary: summarizeByHand(rows, results, enrolledOf, flagDuplicates(results)) };
}

const emptyRow = (name: string, target: number | null): SummaryRow =>
  ({ name, rows: 0, eligible: 0, enrolled: 0, target, rate: null, collected: 0, subsidyUpfront: 0, subsidyAfterPayment: 0, unknown: 0, groups: {} });

function place(v: unknown): string {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t !== '') return t;
  }
  return '（未填）';
}

/** The summary evaluateRoster gives for kaijiang-2020: county, townships (targets first), villages, 特殊人员, flag counts. */
export function summarizeByHand(rows: readonly RosterRow[], results: readonly PersonResult[], enrolledOf: Uint8Array, duplicates: Duplicates): RosterSummary {
  const county = emptyRow('开江县', COUNTY_TARGET);
  const townships = new Map<string, SummaryRow>(TARGETS.map(([n, t]) => [n, emptyRow(n, t)]));
  const villagesOf = new Map<string, Map<string, SummaryRow & { township: string }>>();
  const villages: (SummaryRow & { township: string })[] = [];
  const flags: Record<string, number> = {};
  // Rows come village by village: look places up only when they change.
  let lastTownship: unknown, lastVillage: unknown;
  let t = county, vr = county;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    for (const f of r.flags) flags[f.code] = (flags[f.code] ?? 0) + 1;
    if (duplicates.copy[i] === 1) continue; // a person is counted once, at the first row with the ID
    const v = rows[i]!.values;
    if (i === 0 || v['乡镇'] !== lastTownship || v['村'] !== lastVillage) {
      lastTownship = v['乡镇'];
      lastVillage = v['村'];
      const townshipName = place(v['乡镇']);
      const villageName = place(v['村']);
      let tr = townships.get(townshipName);
      if (!tr) townships.set(townshipName, (tr = emptyRow(townshipName, null)));
      let inTownship = villagesOf.get(townshipName);
      if (!inTownship) villagesOf.set(townshipName, (inTownship = new Map()));
      let found = inTownship.get(villageName);
      if (!found) {
        inTownship.set(villageName, (found = { ...emptyRow(villageName, null), township: townshipName }));
        villages.push(found);
      }
      t = tr;
      vr = found;
    }
    const enrolled = enrolledOf[i] === 1;
    const special = intersects((v['人员类别'] as string[] | null) ?? [], SPECIAL_PERSONS);
    for (const s of [county, t, vr]) {
      s.rows++;
      if (r.eligible) {
        s.eligible++;
        s.collected += r.personalFee ?? 0;
        s.subsidyUpfront += r.subsidy ?? 0;
        if (r.personalFee === null || r.subsidy === null) s.unknown++;
      } else if (r.eligible === null) s.unknown++;
      if (enrolled) s.enrolled++;
      if (special) {
        const g = (s.groups['特殊人员'] ??= { rows: 0, enrolled: 0 });
        g.rows++;
        if (enrolled) g.enrolled++;
      }
    }
  }
  const withRate = <T extends SummaryRow>(s: T): T => {
    const base = s.target ?? s.eligible;
    s.rate = base > 0 ? s.enrolled / base : null;
    return s;
  };
  return {
    county: withRate(county),
    townships: [...townships.values()].map(withRate),
    villages: villages.map(withRate),
    flags,
    goals: GOALS.map((g) => ({ ...g, members: [...g.members] })),
    duplicates: { count: duplicates.count, rows: duplicates.rows },
  };
}
