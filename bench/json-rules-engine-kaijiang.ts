// The same kaijiang-2020 rules in json-rules-engine, the peer a team would otherwise pick (benchmark only).
// Every condition of the policy (eligibility, full and 低保 subsidy, each benefit-start rule, each policy flag)
// is a json-rules-engine rule over per-person facts; the events are then shaped into the same PersonResult
// the DSL gives, and the roster-level work (duplicate IDs, summary) is the same as the hand-written baseline's, so the peer does
// the same work as evaluateRoster.
import { Engine } from 'json-rules-engine';
import type { PersonResult, RosterRow } from '../src/lang/model.js';
import { flagDuplicates } from '../src/lang/evaluate/roster.js';
import { yearOf } from '../src/lang/runtime/calendar.js';
import {
  END,
  SPECIAL,
  START,
  U,
  conditionsByHand,
  personInput,
  personResult,
  summarizeByHand,
  type HandEvaluation,
} from './handwritten-kaijiang.js';

export function kaijiangEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator(
    'intersects',
    (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.includes(x)),
  );
  const rule = (name: string, conditions: object) =>
    engine.addRule({ name, conditions: conditions as never, event: { type: name } });
  const is = (fact: string, value: unknown = true) => ({ fact, operator: 'equal', value });
  // Outcomes.
  rule('ineligible', { any: [{ fact: 'other', operator: 'intersects', value: ['城镇职工医保', '大学生医保'] }] });
  rule('special', { all: [{ fact: 'categories', operator: 'intersects', value: SPECIAL }] });
  rule('full', { all: [{ fact: 'categories', operator: 'intersects', value: SPECIAL }, is('local')] });
  rule('dibao', { all: [{ fact: 'categories', operator: 'contains', value: '低保对象' }] });
  rule('within-90', { all: [{ fact: 'paid', operator: 'lessThanInclusive', value: { fact: 'birth90' } }] });
  rule('newborn', { all: [is('newborn')] });
  rule('after', { all: [{ fact: 'paid', operator: 'greaterThan', value: END }] });
  rule('in-period', {
    all: [
      { fact: 'paid', operator: 'greaterThanInclusive', value: START },
      { fact: 'paid', operator: 'lessThanInclusive', value: END },
    ],
  });
  rule('before-birth', { all: [{ fact: 'paid', operator: 'lessThan', value: { fact: 'birth' } }] });
  rule('unpaid', { all: [is('hasPaid', false)] });
  // Policy flags.
  rule('late-without-reason', {
    all: [{ fact: 'paid', operator: 'greaterThan', value: END }, is('newborn', false), is('hasReason', false)],
  });
  rule('early', { all: [{ fact: 'paid', operator: 'lessThan', value: START }] });
  rule('sex-mismatch', {
    all: [
      is('idOk'),
      { fact: 'registeredSex', operator: 'notEqual', value: null },
      { fact: 'registeredSex', operator: 'notEqual', value: { fact: 'idSex' } },
    ],
  });
  rule('birth-mismatch', {
    all: [
      is('idOk'),
      { fact: 'registeredBirth', operator: 'notEqual', value: null },
      { fact: 'registeredBirth', operator: 'notEqual', value: { fact: 'idBirth' } },
    ],
  });
  rule('non-local-special', {
    all: [{ fact: 'categories', operator: 'intersects', value: SPECIAL }, is('local', false)],
  });
  return engine;
}

/**
 * Evaluates one person into the PersonResult the DSL gives (before roster-level flags); `enrolled` is 已参保.
 * json-rules-engine has no unknown value: a row whose pay date could not be read (0.02% of the synthetic roster)
 * gets its conditions from the hand-written baseline; every other row's conditions come from the engine's rules.
 */
export async function evaluateWithJsonRules(
  engine: Engine,
  row: RosterRow,
): Promise<{ result: PersonResult; enrolled: boolean }> {
  const p = personInput(row);
  // json-rules-engine has no unknown value: an unreadable pay date or an invalid ID number (whose birth date and
  // sex are unknown) takes its conditions from the hand-written baseline.
  if (p.paid === U || !p.id.ok) return personResult(p, conditionsByHand(p));
  const v = row.values;
  const { id, birth, paid } = p;
  const registeredSex = typeof v['登记性别'] === 'string' && v['登记性别'] !== '' ? v['登记性别'] : null;
  const registeredBirth = typeof v['登记出生日期'] === 'number' ? v['登记出生日期'] : null;
  const facts = {
    other: v['其他保险'] ?? [],
    categories: v['人员类别'] ?? [],
    local: v['是否本县户籍'] === true,
    paid: paid ?? undefined,
    birth: birth ?? undefined,
    birth90: birth === null ? undefined : birth + 90,
    hasPaid: paid !== null,
    hasReason: !!v['中途参保原因'],
    newborn: birth !== null && yearOf(birth) === 2020,
    idOk: id.ok,
    idSex: id.ok ? id.sex : null,
    idBirth: birth,
    registeredSex,
    registeredBirth,
  };
  const { events } = await engine.run(facts);
  const fired = new Set(events.map((e) => e.type));
  const full = fired.has('full');
  return personResult(p, {
    eligible: !fired.has('ineligible'),
    special: fired.has('special'),
    full,
    dibao: fired.has('dibao') && !full,
    newborn: fired.has('newborn'),
    within90: fired.has('within-90'),
    inPeriod: fired.has('in-period'),
    after: fired.has('after'),
    beforeBirth: fired.has('before-birth'),
    hasPaid: !fired.has('unpaid'),
    early: fired.has('early'),
    late: fired.has('late-without-reason'),
    sexMismatch: fired.has('sex-mismatch'),
    birthMismatch: fired.has('birth-mismatch'),
    nonLocal: fired.has('non-local-special'),
  });
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
