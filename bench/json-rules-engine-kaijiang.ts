// The same kaijiang-2020 rules in json-rules-engine, the peer a team would otherwise pick (benchmark only).
import { Engine } from 'json-rules-engine';
import type { RosterRow } from '../src/lang/model.js';
import { checkIdNumber } from '../src/lang/runtime/id-number.js';
import { civil, dayNumber } from '../src/lang/runtime/calendar.js';

const START = dayNumber(2019, 9, 1), END = dayNumber(2019, 12, 25);
const JAN1 = dayNumber(2020, 1, 1), FEB1 = dayNumber(2020, 2, 1);

export function kaijiangEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('intersects', (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.includes(x)));
  const rule = (name: string, priority: number, conditions: object) => engine.addRule({ name, priority, conditions: conditions as never, event: { type: name } });
  rule('ineligible', 10, { any: [{ fact: 'other', operator: 'intersects', value: ['城镇职工医保', '大学生医保'] }] });
  rule('full', 9, { all: [{ fact: 'categories', operator: 'intersects', value: ['特困人员', '重点优抚对象', '重度残疾人', '建档立卡贫困人口', '孤儿'] }, { fact: 'local', operator: 'equal', value: true }] });
  rule('dibao', 8, { all: [{ fact: 'categories', operator: 'contains', value: '低保对象' }] });
  rule('newborn-90', 7, { all: [{ fact: 'newborn', operator: 'equal', value: true }, { fact: 'within90', operator: 'equal', value: true }] });
  rule('newborn', 6, { all: [{ fact: 'newborn', operator: 'equal', value: true }] });
  rule('after', 5, { all: [{ fact: 'paid', operator: 'greaterThan', value: END }] });
  rule('in-period', 4, { all: [{ fact: 'paid', operator: 'greaterThanInclusive', value: START }, { fact: 'paid', operator: 'lessThanInclusive', value: END }] });
  rule('previous', 3, { all: [{ fact: 'previous', operator: 'equal', value: true }] });
  return engine;
}

/** Evaluates one person; returns fee, subsidy and benefit start as the DSL does. */
export async function evaluateWithJsonRules(engine: Engine, row: RosterRow): Promise<{ fee: number | null; subsidy: number | null; start: number | null }> {
  const v = row.values;
  const id = typeof v['身份证号码'] === 'string' ? checkIdNumber(v['身份证号码'] as string) : null;
  const birth = id?.ok ? id.birth : null;
  const paid = typeof v['缴费日期'] === 'number' ? (v['缴费日期'] as number) : null;
  const facts = {
    other: v['其他保险'] ?? [], categories: v['人员类别'] ?? [], local: v['是否本县户籍'] === true, previous: v['上年度是否参保'] === true,
    paid: paid ?? undefined, newborn: birth !== null && civil(birth).year === 2020, within90: birth !== null && paid !== null && paid <= birth + 90,
  };
  const { events } = await engine.run(facts);
  const has = (t: string) => events.some((e) => e.type === t);
  const eligible = !has('ineligible');
  const full = has('full');
  const subsidy = full ? 25000 : has('dibao') ? null : 0;
  const fee = !eligible ? 0 : subsidy === null ? null : 25000 - subsidy;
  let start: number | null = null;
  if (eligible) {
    if (has('newborn-90')) start = birth;
    else if (has('newborn')) start = paid !== null ? paid + 31 : null;
    else if (has('after')) start = paid! + 31;
    else if (has('in-period')) start = has('previous') ? JAN1 : FEB1;
    else if (fee === 0 && paid === null) start = has('previous') ? JAN1 : FEB1;
  }
  return { fee, subsidy, start };
}
