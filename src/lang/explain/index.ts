// Explain stage: a person's result as steps in words, each citing the notice's clause and quoting its sentence.
import type * as A from '../ast.js';
import type { ExplainStep } from '../api.js';
import type { FieldValue, UnreadableCell } from '../model.js';
import { declaredType } from '../check/typecheck.js';
import { UNKNOWN } from '../compile/runtime-values.js';
import type { Engine } from '../evaluate/engine.js';
import { formatValue } from '../evaluate/format.js';
import { formatDate } from '../runtime/calendar.js';
import { ValueExplainer, valueEn } from './values.js';
import { attributedOutcomes, payerOf, payerPlan } from '../compile/attributes.js';

export function explainPerson(
  engine: Engine,
  values: Record<string, FieldValue>,
  row: number,
  unreadable?: readonly UnreadableCell[],
): ExplainStep[] {
  const p = engine.compiled.program;
  const c = engine.context(values).reset(values, undefined, unreadable);
  // A reason that inserts values (`原因 "户籍在{参保地}…"`) reads as the person's results do.
  const reason = (text: string) => engine.fill(text, values);
  c.trace = [];
  c.fired = new Map();
  const result = engine.evaluate(values, row, c);
  const cite = (clause: A.ClauseRef | null): Pick<ExplainStep, 'clause' | 'clauseText'> =>
    clause ? { clause: clause.id, ...(p.clauses.has(clause.id) ? { clauseText: p.clauses.get(clause.id)! } : {}) } : {};
  const steps: ExplainStep[] = [];
  const id = c.idCheck();
  steps.push({
    depth: 0,
    kind: 'person',
    text: id.ok
      ? {
          zh: `第 ${row} 行：${result.name ?? ''}，身份证号码 ${result.idNumber}，出生日期 ${formatDate(id.birth)}，性别 ${id.sex}`,
          en: `Row ${row}: ${result.name ?? ''}, ID ${result.idNumber}, born ${formatDate(id.birth)}, sex ${id.sex}`,
        }
      : {
          zh: `第 ${row} 行：${result.name ?? ''}，身份证号码无效（${result.idNumber ?? '空'}）`,
          en: `Row ${row}: ${result.name ?? ''}, invalid ID number (${result.idNumber ?? 'empty'})`,
        },
  });
  const given = [...p.inputs.values()]
    .filter((i) => i.role !== 'name' && i.type.name !== 'id-number')
    .map((i) => [i.name.name, values[i.name.name]] as const)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([name, v]) => `${name} = ${formatValue(v as never, declaredType(p, p.inputs.get(name)!.type, name))}`);
  if (given.length)
    steps.push({
      depth: 0,
      kind: 'roster',
      text: { zh: `花名册登记：${given.join('；')}`, en: `Roster: ${given.join('; ')}` },
    });

  const trialsByOutcome = new Map<string, typeof c.trace>();
  for (const t of c.trace) {
    const list = trialsByOutcome.get(t.outcome) ?? [];
    list.push(t);
    trialsByOutcome.set(t.outcome, list);
  }
  const v = new ValueExplainer(engine.compiled, c, steps, cite);
  const attributed = attributedOutcomes(p);
  const slotOf = (name: string) => engine.compiled.outcomes.find((x) => x.name === name)!.slot;
  for (const o of engine.compiled.outcomes) {
    const type = declaredType(p, o.decl.type, o.name);
    const value = o.get(c);
    // The paying body of the rule that decided it (主体), where the outcome's rules name one.
    const body = attributed.has(o.name) && value !== UNKNOWN ? payerOf(c, payerPlan(p, o.name, slotOf)) : null;
    const fired = c.fired.get(o.name) ?? -1;
    const firedRule = fired >= 0 ? o.decl.rules[fired] : undefined;
    steps.push({
      depth: 0,
      kind: 'outcome',
      text: {
        zh: `结果“${o.name}”：${formatValue(value, type)}${body !== null ? `（主体：${body}）` : ''}`,
        en: `Outcome “${o.name}”: ${valueEn(formatValue(value, type))}${body !== null ? ` (paid by ${body})` : ''}`,
      },
      ...cite(firedRule?.clause ?? o.decl.clause),
    });
    for (const t of (trialsByOutcome.get(o.name) ?? []).sort((a, b) => a.rule - b.rule)) {
      const rule = o.decl.rules[t.rule]!;
      if (!rule.when) {
        const f = v.formula(rule.value);
        steps.push({
          depth: 1,
          kind: 'rule',
          text: {
            zh: `否则（其余规则都不适用）：${f.zh}${rule.reason ? `（${reason(rule.reason)}）` : ''}`,
            en: `Otherwise (no other rule applies): ${f.en}`,
          },
          ...cite(rule.clause),
        });
        v.details(rule.value, 2);
        continue;
      }
      const cond = v.formula(rule.when);
      const verdict =
        t.condition === true
          ? ['成立', 'holds']
          : t.condition === UNKNOWN
            ? ['无法判断', 'cannot be decided']
            : ['不成立', 'does not hold'];
      const val = t.value !== undefined ? v.formula(rule.value) : null;
      steps.push({
        depth: 1,
        kind: 'rule',
        text: {
          zh: `第 ${t.rule + 1} 条规则：当 ${cond.zh} —— ${verdict[0]}${val !== null ? `，得 ${val.zh}` : ''}${rule.reason && t.condition === true ? `（${reason(rule.reason)}）` : ''}`,
          en: `Rule ${t.rule + 1}: when ${cond.en} — ${verdict[1]}${val !== null ? `, giving ${val.en}` : ''}`,
        },
        ...cite(rule.clause),
      });
      v.details(rule.when, 2);
      if (val !== null) v.details(rule.value, 2);
      if (t.condition === UNKNOWN && o.decl.combine === 'first')
        steps.push({
          depth: 2,
          kind: 'unknown',
          text: {
            zh: `此条规则无法判断，按“优先”不再看后面的规则：结果“${o.name}”无法确定`,
            en: `This rule cannot be decided, and under “first” no later rule is looked at: “${o.name}” is unknown`,
          },
        });
    }
    const own = value === UNKNOWN ? v.outcomeCause(o.name) : null;
    if (own)
      steps.push({
        depth: 1,
        kind: 'unknown',
        text: { zh: `无法确定的原因：${own.zh}`, en: `Why it is unknown: ${own.en}` },
      });
  }
  for (const f of result.flags) {
    const decl = p.flags.find((x) => x.name.name === f.code);
    steps.push({
      depth: 0,
      kind: 'flag',
      text: { zh: `标记：${f.message.zh}`, en: `Flag: ${f.message.en}` },
      ...cite(decl?.clause ?? null),
    });
    if (decl) {
      const cond = v.formula(decl.when);
      steps.push({ depth: 1, kind: 'rule', text: { zh: `当 ${cond.zh}`, en: `when ${cond.en}` } });
      v.details(decl.when, 2);
    }
  }
  return steps;
}
