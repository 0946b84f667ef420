// The same kaijiang-2020 rules in json-rules-engine, the peer a team would otherwise pick (benchmark only).
// Every condition of the policy (eligibility, full and 低保 subsidy, each benefit-start rule, each policy flag)
// is a json-rules-engine rule over per-person facts; the events are then shaped into the same PersonResult
// the DSL gives, and the roster-level work (duplicate IDs, summary) is the same as the hand-written baseline's, so the peer does
// the same work as evaluateRoster.
import { Engine } from 'json-rules-engine';
import type { PersonResult, ResultFlag, RosterRow } from '../src/lang/model.js';
import { checkIdNumber } from '../src/lang/runtime/id-number.js';
import { flagDuplicates } from '../src/lang/evaluate/roster.js';
import { yearOf } from '../src/lang/runtime/calendar.js';
import {
  DEC31, END, FEB1, FEE, FLAG, INELIGIBLE_REASON, JAN1, NO_EXTRAS, NO_FLAGS, SPECIAL, START,
  badRowFlag, invalidIdFlag, summarizeByHand, type HandEvaluation,
} from './handwritten-kaijiang.js';

export function kaijiangEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('intersects', (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.includes(x)));
  const rule = (name: string, conditions: object) => engine.addRule({ name, conditions: conditions as never, event: { type: name } });
  const is = (fact: string, value: unknown = true) => ({ fact, operator: 'equal', value });
  // Outcomes.
  rule('ineligible', { any: [{ fact: 'other', operator: 'intersects', value: ['城镇职工医保', '大学生医保'] }] });
  rule('special', { all: [{ fact: 'categories', operator: 'intersects', value: SPECIAL }] });
  rule('full', { all: [{ fact: 'categories', operator: 'intersects', value: SPECIAL }, is('local')] });
  rule('dibao', { all: [{ fact: 'categories', operator: 'contains', value: '低保对象' }] });
  rule('newborn-90', { all: [is('newborn'), is('within90')] });
  rule('newborn', { all: [is('newborn')] });
  rule('after', { all: [{ fact: 'paid', operator: 'greaterThan', value: END }] });
  rule('in-period', { all: [{ fact: 'paid', operator: 'greaterThanInclusive', value: START }, { fact: 'paid', operator: 'lessThanInclusive', value: END }] });
  rule('previous', { all: [is('previous')] });
  rule('unpaid', { all: [is('hasPaid', false)] });
  // Policy flags.
  rule('late-without-reason', { all: [{ fact: 'paid', operator: 'greaterThan', value: END }, is('newborn', false), is('hasReason', false)] });
  rule('early', { all: [{ fact: 'paid', operator: 'lessThan', value: START }] });
  rule('sex-mismatch', { all: [is('idOk'), { fact: 'registeredSex', operator: 'notEqual', value: null }, { fact: 'registeredSex', operator: 'notEqual', value: { fact: 'idSex' } }] });
  rule('birth-mismatch', { all: [is('idOk'), { fact: 'registeredBirth', operator: 'notEqual', value: null }, { fact: 'registeredBirth', operator: 'notEqual', value: { fact: 'idBirth' } }] });
  rule('non-local-special', { all: [{ fact: 'categories', operator: 'intersects', value: SPECIAL }, is('local', false)] });
  return engine;
}

/** Evaluates one person into the PersonResult the DSL gives (before roster-level flags); `enrolled` is 已参保. */
export async function evaluateWithJsonRules(engine: Engine, row: RosterRow): Promise<{ result: PersonResult; enrolled: boolean }> {
  const v = row.values;
  const idText = typeof v['身份证号码'] === 'string' ? v['身份证号码'] : null;
  const id = idText === null ? ({ ok: false, problem: 'empty' } as const) : row.id?.value === idText ? row.id.check : checkIdNumber(idText);
  const birth = id.ok ? id.birth : null;
  const paid = typeof v['缴费日期'] === 'number' ? v['缴费日期'] : null;
  const registeredSex = typeof v['登记性别'] === 'string' && v['登记性别'] !== '' ? v['登记性别'] : null;
  const registeredBirth = typeof v['登记出生日期'] === 'number' ? v['登记出生日期'] : null;
  const facts = {
    other: v['其他保险'] ?? [], categories: v['人员类别'] ?? [], local: v['是否本县户籍'] === true, previous: v['上年度是否参保'] === true,
    paid: paid ?? undefined, hasPaid: paid !== null, hasReason: !!v['中途参保原因'],
    newborn: birth !== null && yearOf(birth) === 2020, within90: birth !== null && paid !== null && paid <= birth + 90,
    idOk: id.ok, idSex: id.ok ? id.sex : null, idBirth: birth, registeredSex, registeredBirth,
  };
  const { events } = await engine.run(facts);
  const fired = new Set(events.map((e) => e.type));
  const eligible = !fired.has('ineligible');
  const full = fired.has('full');
  const dibao = fired.has('dibao') && !full;
  const subsidy = full ? FEE : dibao ? null : 0;
  const fee = !eligible ? 0 : subsidy === null ? null : Math.max(FEE - subsidy, 0);
  let start: number | null = null;
  if (eligible) {
    if (fired.has('newborn-90')) start = birth;
    else if (fired.has('newborn')) start = paid !== null ? paid + 31 : null;
    else if (fired.has('after')) start = paid! + 31;
    else if (fired.has('in-period')) start = fired.has('previous') ? JAN1 : FEB1;
    else if (fee === 0 && fired.has('unpaid')) start = fired.has('previous') ? JAN1 : FEB1;
  }
  let flags = NO_FLAGS;
  const add = (f: ResultFlag) => { if (flags === NO_FLAGS) flags = [f]; else flags.push(f); };
  if (row.problems.length) add(badRowFlag(row.problems.length));
  if (!id.ok) add(invalidIdFlag(id.problem));
  if (dibao) add(FLAG.missingDibao);
  if (!eligible) add(FLAG.notEligible);
  if (fired.has('late-without-reason')) add(FLAG.late);
  if (fired.has('early')) add(FLAG.early);
  if (fired.has('sex-mismatch')) add(FLAG.sex);
  if (fired.has('birth-mismatch')) add(FLAG.birth);
  if (fired.has('non-local-special')) add(FLAG.nonLocal);
  const name = v['姓名'];
  return {
    result: {
      row: row.row, idNumber: idText, name: typeof name === 'string' ? name : null, eligible,
      reason: eligible ? null : INELIGIBLE_REASON, personalFee: fee, subsidy, subsidyTiming: subsidy !== null && subsidy > 0 ? 'upfront' : null,
      benefitStart: start, benefitEnd: start === null ? null : DEC31, flags, extras: NO_EXTRAS,
    },
    enrolled: eligible && fee !== null && (fee === 0 || paid !== null),
  };
}

/** The whole roster through json-rules-engine, then the same duplicate check and summary as the hand-written baseline. */
export async function evaluateRosterWithJsonRules(engine: Engine, rows: readonly RosterRow[]): Promise<HandEvaluation> {
  const results: PersonResult[] = new Array(rows.length);
  const enrolled = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = await evaluateWithJsonRules(engine, rows[i]!);
    results[i] = r.result;
    enrolled[i] = r.enrolled ? 1 : 0;
  }
  return { results, summary: summarizeByHand(rows, results, enrolled, flagDuplicates(results)) };
}
