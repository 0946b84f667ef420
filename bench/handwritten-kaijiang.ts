// Baseline for the benchmark only (never used by the app): policies/kaijiang-2020.policy written by hand as plain
// TypeScript over the same RosterRow values, doing the same work as evaluateRoster: every standard outcome
// (eligibility, subsidy, personal fee, timing, enrolled, benefit start/end) in the policy's rule order, what came out
// unknown (the missing 低保资助额, an unreadable pay date) with the flags that say why, the policy's flags and its four
// per-person invariants, the reading flags, invalid IDs, duplicate IDs and the whole summary (county, townships with
// targets, villages, the 特殊人员 group, flag counts, unknown counts, rates). Messages are the same strings the DSL
// produces (built-in ones through the engine's policy-independent message table), so run.ts can compare every field
// of every row. Duplicate IDs use the engine's own policy-independent routine (a hand-written copy would only repeat
// it); the summary is by hand. The per-person shaping and the roster-level half are exported for the
// json-rules-engine peer.
import type {
  ParticipationGoal,
  PersonResult,
  ResultFlag,
  RosterRow,
  RosterSummary,
  SummaryRow,
  UnreadableCell,
} from '../src/lang/model.js';
import { checkIdNumber } from '../src/lang/runtime/id-number.js';
import { dayNumber, yearOf } from '../src/lang/runtime/calendar.js';
import { builtinFlag } from '../src/lang/evaluate/flags.js';
import type { IdCheck } from '../src/lang/runtime/id-number.js';
import { flagDuplicates } from '../src/lang/evaluate/roster.js';
import type { Duplicates } from '../src/lang/evaluate/summary.js';

export const SPECIAL = ['特困人员', '重点优抚对象', '重度残疾人', '建档立卡贫困人口', '孤儿'];
export const SPECIAL_PERSONS = [...SPECIAL, '低保对象'];
export const START = dayNumber(2019, 9, 1),
  END = dayNumber(2019, 12, 25);
export const JAN1 = dayNumber(2020, 1, 1),
  FEB1 = dayNumber(2020, 2, 1),
  DEC31 = dayNumber(2020, 12, 31);
export const FEE = 25000; // fen
export const INELIGIBLE_REASON = '已参加职工医保或大学生医保，不得重复参保';
// The engine's shared empty flag list, which flagDuplicates recognises.
export { NO_FLAGS } from '../src/lang/evaluate/engine.js';
import { NO_FLAGS } from '../src/lang/evaluate/engine.js';
export const NO_EXTRAS: Record<string, string | null> = Object.freeze({}) as Record<string, string | null>;

const policyFlag = (code: string, zh: string): ResultFlag => ({ code, message: { zh, en: zh } });
export const FLAG = {
  missingDibao: builtinFlag('missing-parameter', { name: '低保资助额' }),
  notEligible: builtinFlag('not-eligible', { reason: INELIGIBLE_REASON }),
  late: policyFlag('集中期后缴费无中途参保原因', '集中参保期后缴费，须凭证明材料中途参保（请核对中途参保原因）'),
  early: policyFlag('缴费早于集中参保期', '缴费日期早于集中参保期开始日 2019-09-01，请核对'),
  afterYear: policyFlag(
    '待遇开始在年度之后',
    '缴费过晚：缴费30日后才享受待遇，已在2020年度之后，本年度不享受待遇（请核对缴费日期）',
  ),
  beforeBirth: policyFlag('缴费早于出生', '缴费日期早于身份证号码中的出生日期，请核对缴费日期或身份证号码'),
  noPrevious: policyFlag(
    '未填上年度是否参保',
    '未填2019年是否参保：无法确定待遇从2020年1月1日（续保）还是2月1日（新增）起，请补填',
  ),
  sex: policyFlag('性别与身份证不符', '登记的性别与身份证号码不一致'),
  birth: policyFlag('出生日期与身份证不符', '登记的出生日期与身份证号码不一致'),
  nonLocal: policyFlag('非本县户籍特殊困难群体', '特殊困难群体但未登记为本县户籍：不享受全额资助，按标准缴费'),
} satisfies Record<string, ResultFlag>;
/** The policy's four 核对 每人 invariants: the name under which an unknown one is listed, and the flag when broken. */
const INVARIANTS = [
  '不符合参保条件者个人缴费与政府资助均应为0元',
  '政府资助不应超过个人缴费标准',
  '个人缴费与缴费时抵扣的资助之和应等于个人缴费标准',
  '待遇开始应在本保险年度内',
].map((message) => ({ name: `核对 ${message}`, flag: builtinFlag('invariant', { message }) }));
const invalidIdFlags = new Map<string, ResultFlag>();
export const invalidIdFlag = (problem: string): ResultFlag => {
  let f = invalidIdFlags.get(problem);
  if (!f) invalidIdFlags.set(problem, (f = builtinFlag('invalid-id', { problem })));
  return f;
};
const unreadableFlags = new Map<string, ResultFlag>();
function unreadableFlag(cell: UnreadableCell): ResultFlag {
  const key = `${cell.column}\u0000${cell.text}`;
  let f = unreadableFlags.get(key);
  if (!f) {
    const args = { column: cell.column, text: cell.text, ...(cell.suggestion ? { suggestion: cell.suggestion } : {}) };
    unreadableFlags.set(key, (f = builtinFlag('unreadable-value', args)));
  }
  return f;
}
/** What reading the row found, as evaluateRoster flags it before the person's own flags. */
export function readingFlags(row: RosterRow): ResultFlag[] {
  const flags: ResultFlag[] = [];
  const missing = row.unreadable?.filter((u) => u.missing) ?? [];
  if (missing.length) flags.push(builtinFlag('short-row', { columns: missing.map((u) => `“${u.column}”`).join('') }));
  for (const p of row.problems) {
    if (p.code === 'missing-value') flags.push(builtinFlag('missing-value', { column: p.column ?? '' }));
    else if (p.code === 'extra-cells') flags.push(builtinFlag('extra-cells', {}));
  }
  return flags;
}

// Three-valued logic as the policy language has it: U is unknown (an unreadable cell, a parameter without value).
export const U = 'unknown' as const;
export type U3 = boolean | typeof U;
const not3 = (a: U3): U3 => (a === U ? U : !a);
const or3 = (a: U3, b: U3): U3 => (a === true || b === true ? true : a === U || b === U ? U : false);
function and3(a: U3, b: U3, c: U3 = true, d: U3 = true): U3 {
  if (a === false || b === false || c === false || d === false) return false;
  return a === U || b === U || c === U || d === U ? U : true;
}
/** A pay-date test: unknown where the date is, false where there is none. */
const onPaid = (paid: number | null | typeof U, test: (d: number) => boolean): U3 =>
  paid === U ? U : paid !== null && test(paid);

export const TARGETS: [string, number][] = [
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

/** One row as the rules read it: the checked ID, the pay date (U where its cell could not be read) and so on. */
export interface PersonInput {
  row: RosterRow;
  idText: string | null;
  id: IdCheck;
  birth: number | null;
  paid: number | null | typeof U;
  /** The unreadable pay-date cell, if any. */
  paidCell: UnreadableCell | null;
  previous: boolean | null;
}

/**
 * The conditions the policy's rules combine, each as the policy computes it (U: unknown). Computed by hand here
 * (`conditionsByHand`) or by json-rules-engine; `personResult` combines them the same way for both.
 */
export interface Conditions {
  eligible: boolean;
  special: boolean;
  full: boolean;
  dibao: boolean;
  newborn: U3;
  within90: U3;
  inPeriod: U3;
  after: U3;
  beforeBirth: U3;
  hasPaid: U3;
  early: U3;
  late: U3;
  sexMismatch: U3;
  birthMismatch: U3;
  nonLocal: boolean;
}

/** Reads one row; only an unreadable 缴费日期 is supported (the only kind the synthetic roster has), else it throws. */
export function personInput(row: RosterRow): PersonInput {
  const v = row.values;
  const idValue = v['身份证号码'];
  const idText = typeof idValue === 'string' ? idValue : null;
  // The check made when the row was read, as evaluateRoster uses it; a birth after the coverage year is invalid.
  let id: IdCheck =
    idText === null ? { ok: false, problem: 'empty' } : row.id?.value === idText ? row.id.check : checkIdNumber(idText);
  if (id.ok && id.birth > DEC31) id = { ok: false, problem: 'future-birth' };
  let paidCell: UnreadableCell | null = null;
  if (row.unreadable) {
    for (const cell of row.unreadable) {
      if (cell.field !== '缴费日期')
        throw new Error(`hand-written baseline: unreadable ${cell.field} on row ${row.row} not supported`);
      paidCell = cell;
    }
  }
  const paid = paidCell ? U : typeof v['缴费日期'] === 'number' ? v['缴费日期'] : null;
  const previous = typeof v['上年度是否参保'] === 'boolean' ? v['上年度是否参保'] : null;
  return { row, idText, id, birth: id.ok ? id.birth : null, paid, paidCell, previous };
}

/** The policy's conditions for one person, by hand. */
export function conditionsByHand(p: PersonInput): Conditions {
  const v = p.row.values,
    birth = p.birth,
    paid = p.paid;
  const categories = (v['人员类别'] as string[] | null) ?? [];
  const other = (v['其他保险'] as string[] | null) ?? [];
  const local = v['是否本县户籍'] === true;
  const special = intersects(categories, SPECIAL);
  const full = special && local;
  // An invalid ID number: birth date and sex are unknown (not none), and so is all that is read from them.
  const known = p.id.ok;
  const newborn: U3 = !known ? U : birth !== null && yearOf(birth) === 2020;
  const after = onPaid(paid, (d) => d > END);
  const sex = v['登记性别'],
    registeredBirth = v['登记出生日期'];
  const hasSex = typeof sex === 'string' && sex !== '',
    hasBirth = typeof registeredBirth === 'number';
  return {
    eligible: !(other.includes('城镇职工医保') || other.includes('大学生医保')),
    special,
    full,
    dibao: categories.includes('低保对象') && !full,
    newborn,
    within90: !known ? U : onPaid(paid, (d) => birth !== null && d <= birth + 90),
    inPeriod: onPaid(paid, (d) => d >= START && d <= END),
    after,
    beforeBirth: !known ? U : onPaid(paid, (d) => birth !== null && d < birth),
    hasPaid: paid === U ? U : paid !== null,
    early: onPaid(paid, (d) => d < START),
    late: and3(after, not3(newborn), !v['中途参保原因']),
    sexMismatch: !p.id.ok ? (hasSex ? U : false) : hasSex && sex !== p.id.sex,
    birthMismatch: !p.id.ok ? (hasBirth ? U : false) : hasBirth && registeredBirth !== p.id.birth,
    nonLocal: special && !local,
  };
}

/** Shared by every result without unknown outcomes. */
const NO_UNKNOWN: string[] = Object.freeze([]) as unknown as string[];
/** `list` with `x` added: a new list in place of the shared empty one. */
function added<T>(list: T[], empty: T[], x: T): T[] {
  if (list === empty) return [x];
  list.push(x);
  return list;
}
const unknownIf = (list: string[], v: unknown, name: string) => (v === U ? added(list, NO_UNKNOWN, name) : list);
const flagIf = (flags: ResultFlag[], when: U3, flag: ResultFlag) =>
  when === true ? added(flags, NO_FLAGS, flag) : flags;

/** 待遇开始 of an eligible person, in the order of its rules (合并 优先; an unknown condition first: unknown). */
function benefitStart(
  p: PersonInput,
  k: Conditions,
  lateYear: U3,
  byPrevious: U3,
  waitEnd: number | null | typeof U,
): number | null | typeof U {
  if (k.beforeBirth !== false) return k.beforeBirth === U ? U : null;
  const within90 = and3(k.newborn, k.within90);
  if (within90 !== false) return within90 === U ? U : p.birth;
  if (lateYear !== false) return lateYear === U ? U : null;
  if (k.newborn !== false) return k.newborn === U ? U : waitEnd;
  if (k.after !== false) return k.after === U ? U : waitEnd;
  const renewed = and3(byPrevious, p.previous === true);
  if (renewed !== false) return renewed === U ? U : JAN1;
  const added2020 = and3(byPrevious, p.previous === false);
  if (added2020 !== false) return added2020 === U ? U : FEB1;
  return null;
}

/**
 * The PersonResult evaluateRoster gives (before duplicate IDs), from the person's conditions: the outcomes, the
 * policy's flags and invariants, and what came out unknown with the flags that say why. `enrolled` is 已参保.
 */
export function personResult(p: PersonInput, k: Conditions): { result: PersonResult; enrolled: boolean } {
  const { eligible, newborn } = k;
  const paid = p.paid;
  // 政府资助, 个人缴费, 资助方式 (低保资助额 has no value in the notice: unknown, flagged, never invented).
  const subsidy = !eligible ? 0 : k.full ? FEE : k.dibao ? U : 0;
  const fee = subsidy === U ? U : !eligible ? 0 : Math.max(FEE - subsidy, 0);
  const timing = subsidy === U ? U : subsidy > 0 ? ('upfront' as const) : null;
  const feeZero: U3 = fee === U ? U : fee === 0;
  const waitEnd = paid === U ? U : paid === null ? null : paid + 31;
  const lateYear = and3(
    or3(newborn, k.after),
    not3(and3(newborn, k.within90)),
    waitEnd === U ? U : waitEnd !== null && waitEnd > DEC31,
  );
  const byPrevious = or3(k.inPeriod, and3(feeZero, not3(k.hasPaid)));
  const start = eligible ? benefitStart(p, k, lateYear, byPrevious, waitEnd) : null;
  const end = start === U ? U : start !== null ? DEC31 : null;
  const enrolled: U3 = !eligible ? false : feeZero === true ? true : feeZero === U ? U : k.hasPaid;
  // The policy's flags and invariants, in its order.
  const afterYear = and3(eligible, lateYear);
  const noPrevious = and3(eligible, not3(newborn), byPrevious, p.previous === null);
  const upfront = timing === U ? U : timing === 'upfront' ? subsidy : 0;
  const holds1 = or3(eligible, and3(feeZero, subsidy === U ? U : subsidy === 0));
  const holds2: U3 = subsidy === U ? U : subsidy <= FEE;
  const holds3 = or3(!eligible, fee === U || upfront === U ? U : fee + upfront === FEE);
  const holds4: U3 = start === U ? U : start === null || (start >= JAN1 && start <= DEC31);

  let unknown = unknownIf(NO_UNKNOWN, fee, '个人缴费');
  unknown = unknownIf(unknown, subsidy, '政府资助');
  unknown = unknownIf(unknown, timing, '资助方式');
  unknown = unknownIf(unknown, start, '待遇开始');
  unknown = unknownIf(unknown, end, '待遇结束');
  unknown = unknownIf(unknown, enrolled, '已参保');
  unknown = unknownIf(unknown, k.late, FLAG.late.code);
  unknown = unknownIf(unknown, k.early, FLAG.early.code);
  unknown = unknownIf(unknown, afterYear, FLAG.afterYear.code);
  unknown = unknownIf(unknown, k.beforeBirth, FLAG.beforeBirth.code);
  unknown = unknownIf(unknown, noPrevious, FLAG.noPrevious.code);
  unknown = unknownIf(unknown, k.sexMismatch, FLAG.sex.code);
  unknown = unknownIf(unknown, k.birthMismatch, FLAG.birth.code);
  unknown = unknownIf(unknown, holds1, INVARIANTS[0]!.name);
  unknown = unknownIf(unknown, holds2, INVARIANTS[1]!.name);
  unknown = unknownIf(unknown, holds3, INVARIANTS[2]!.name);
  unknown = unknownIf(unknown, holds4, INVARIANTS[3]!.name);

  // Flags in the engine's order: reading, the ID, causes of unknown results, eligibility, the policy's, invariants.
  let flags = p.row.problems.length > 0 ? readingFlags(p.row) : NO_FLAGS;
  if (!p.id.ok) flags = added(flags, NO_FLAGS, invalidIdFlag(p.id.problem));
  if (unknown.length > 0) {
    if (subsidy === U) flags = added(flags, NO_FLAGS, FLAG.missingDibao);
    if (p.paidCell && !p.paidCell.missing) flags = added(flags, NO_FLAGS, unreadableFlag(p.paidCell));
  }
  if (!eligible) flags = added(flags, NO_FLAGS, FLAG.notEligible);
  flags = flagIf(flags, k.late, FLAG.late);
  flags = flagIf(flags, k.early, FLAG.early);
  flags = flagIf(flags, afterYear, FLAG.afterYear);
  flags = flagIf(flags, k.beforeBirth, FLAG.beforeBirth);
  flags = flagIf(flags, noPrevious, FLAG.noPrevious);
  flags = flagIf(flags, k.sexMismatch, FLAG.sex);
  flags = flagIf(flags, k.birthMismatch, FLAG.birth);
  flags = flagIf(flags, k.nonLocal, FLAG.nonLocal);
  flags = flagIf(flags, not3(holds1), INVARIANTS[0]!.flag);
  flags = flagIf(flags, not3(holds2), INVARIANTS[1]!.flag);
  flags = flagIf(flags, not3(holds3), INVARIANTS[2]!.flag);
  flags = flagIf(flags, not3(holds4), INVARIANTS[3]!.flag);
  const name = p.row.values['姓名'];
  return {
    result: {
      row: p.row.row,
      idNumber: p.idText,
      name: typeof name === 'string' ? name : null,
      eligible,
      reason: eligible ? null : INELIGIBLE_REASON,
      personalFee: fee === U ? null : fee,
      subsidy: subsidy === U ? null : subsidy,
      subsidyTiming: timing === U ? null : timing,
      benefitStart: start === U ? null : start,
      benefitEnd: end === U ? null : end,
      backPayment: null,
      // 柜面应收, 事后补助, 个人实际负担: 开江 deducts every subsidy at payment, so the fee is paid and nothing comes back.
      due: fee === U ? null : fee,
      credited: fee === U ? null : 0,
      netCost: fee === U ? null : fee,
      flags,
      extras: NO_EXTRAS,
      unknown,
      enrolled: enrolled === U ? null : enrolled,
    },
    enrolled: enrolled === true,
  };
}

export function evaluateKaijiangByHand(rows: readonly RosterRow[]): HandEvaluation {
  const results: PersonResult[] = new Array(rows.length);
  const enrolledOf = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const p = personInput(rows[i]!);
    const r = personResult(p, conditionsByHand(p));
    results[i] = r.result;
    enrolledOf[i] = r.enrolled ? 1 : 0;
  }
  return { results, summary: summarizeByHand(rows, results, enrolledOf, flagDuplicates(results)) };
}

const emptyRow = (name: string, target: number | null): SummaryRow => ({
  name,
  rows: 0,
  eligible: 0,
  enrolled: 0,
  target,
  rate: null,
  collected: 0,
  subsidyUpfront: 0,
  subsidyAfterPayment: 0,
  backPayment: null,
  subsidyWaived: 0,
  due: 0,
  credited: 0,
  netCost: 0,
  collectionUnknown: 0,
  unknown: 0,
  groups: {},
});

function place(v: unknown): string {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t !== '') return t;
  }
  return '（未填）';
}

/** The summary evaluateRoster gives for kaijiang-2020: county, townships (targets first), villages, 特殊人员, flag counts. */
export function summarizeByHand(
  rows: readonly RosterRow[],
  results: readonly PersonResult[],
  enrolledOf: Uint8Array,
  duplicates: Duplicates,
): RosterSummary {
  const county = emptyRow('开江县', COUNTY_TARGET);
  const townships = new Map<string, SummaryRow>(TARGETS.map(([n, t]) => [n, emptyRow(n, t)]));
  const villagesOf = new Map<string, Map<string, SummaryRow & { township: string }>>();
  const villages: (SummaryRow & { township: string })[] = [];
  const flags: Record<string, number> = Object.create(null);
  // Rows come village by village: look places up only when they change.
  let lastTownship: unknown, lastVillage: unknown;
  let t = county,
    vr = county;
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
    const u = r.unknown ?? [];
    const unknownMoney = u.includes('参保资格') || u.includes('个人缴费') || u.includes('政府资助');
    for (const s of [county, t, vr]) {
      s.rows++;
      if (r.eligible) {
        s.eligible++;
        s.collected += r.personalFee ?? 0;
        s.subsidyUpfront += r.subsidy ?? 0;
        if (r.due == null || r.credited == null || r.netCost == null) s.collectionUnknown!++;
        else {
          s.due! += r.due;
          s.credited! += r.credited;
          s.netCost! += r.netCost;
        }
      }
      if (unknownMoney) s.unknown++;
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
