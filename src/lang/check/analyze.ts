// Checks that need the compiled policy: `核对` assertions, and a search for people on whom two rules of an
// outcome without precedence both apply (overlap), or on whom no rule of a money outcome applies (gap).
// The search tries each example person with one or two fields varied over the values the policy names;
// a problem is reported only with a concrete person as witness, so every report is real.
import type { Diagnostic } from '../diagnostic.js';
import type { FieldValue } from '../model.js';
import type { Compiled } from '../compile/compile-policy.js';
import { UNKNOWN } from '../compile/runtime-values.js';
import { Engine } from '../evaluate/engine.js';
import { diag } from './merge.js';
import { formatValue } from '../evaluate/format.js';
import { declaredType } from './typecheck.js';
import type * as A from '../ast.js';
import { makeIdNumber } from '../runtime/id-number.js';
import { addMonths, civil } from '../runtime/calendar.js';

export function analyzeCompiled(compiled: Compiled): Diagnostic[] {
  const out: Diagnostic[] = [];
  const engine = new Engine(compiled);
  const p = compiled.program;
  for (const a of p.asserts) {
    const v = compiled.compile(a.expr)(engine.context({}));
    if (v === false) out.push(diag('assertion-failed', a.loc, { message: a.message ?? '' }));
  }
  const people = candidates(compiled);
  for (const o of p.outcomes.values()) {
    const conditional = o.rules.map((r, i) => ({ r, i, when: r.when ? compiled.compile(r.when) : null })).filter((x) => x.when);
    const hasDefault = o.rules.some((r) => r.when === null);
    let reportedOverlap = false;
    let reportedGap = false;
    const everFired = new Set<number>();
    for (const person of people) {
      const c = engine.context(person);
      const hits = conditional.filter((x) => x.when!(c) === true);
      for (const h of hits) everFired.add(h.i);
      if (o.combine === 'unique' && hits.length > 1 && !reportedOverlap) {
        reportedOverlap = true;
        const d = diag('rules-overlap', o.name.loc, { name: o.name.name, a: hits[0]!.i + 1, b: hits[1]!.i + 1 });
        d.notes = [witness(compiled, person)];
        out.push(d);
      }
      if (!hasDefault && o.type.name === 'money' && hits.length === 0 && !reportedGap && engineEligible(engine, person)) {
        reportedGap = true;
        const d = diag('outcome-gap', o.name.loc, { name: o.name.name }, 'warning');
        d.notes = [witness(compiled, person)];
        out.push(d);
      }
    }
    // Not a proof, so a warning: no example, nor any variation of one, makes this rule apply.
    for (const x of conditional) {
      if (!everFired.has(x.i)) {
        const d = diag('rule-never-fires', x.r.loc, {}, 'warning');
        d.hint = { zh: '为它加一个例子，或检查条件是否写反', en: 'Add an example for it, or check whether the condition is inverted' };
        out.push(d);
      }
    }
  }
  return out;
}

function engineEligible(engine: Engine, person: Record<string, FieldValue>): boolean {
  return engine.evaluate(person, 0).eligible !== false;
}

function witness(compiled: Compiled, person: Record<string, FieldValue>): { zh: string; en: string } {
  const p = compiled.program;
  const parts = Object.entries(person)
    .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k} = ${formatValue(v as never, p.inputs.get(k) ? declaredType(p, p.inputs.get(k)!.type, k) : undefined)}`);
  return { zh: `例如：${parts.join('；')}`, en: `for example: ${parts.join('; ')}` };
}

/** Example persons, each varied in one field (and category sets in pairs of values). */
function candidates(compiled: Compiled): Record<string, FieldValue>[] {
  const p = compiled.program;
  const engine = new Engine(compiled);
  const bases: Record<string, FieldValue>[] = p.examples.map((ex) => {
    const values: Record<string, FieldValue> = Object.create(null); // input names are user text
    for (const b of ex.inputs) {
      const input = p.inputs.get(b.name.name);
      if (!input) continue;
      const v = compiled.compile(b.value)(engine.context({}));
      if (v === UNKNOWN) continue;
      values[b.name.name] = input.type.name === 'categories' ? (Array.isArray(v) ? v : [String(v)]) : Array.isArray(v) ? v[0] ?? null : (v as FieldValue);
    }
    return values;
  });
  if (bases.length === 0) bases.push({});
  const dates = new Set<number>();
  const ints = new Set<number>();
  walkLiterals(p, (e) => {
    if (e.kind === 'date') { dates.add(e.days - 1); dates.add(e.days); dates.add(e.days + 1); }
    if (e.kind === 'integer' && e.value <= 120) { ints.add(e.value - 1); ints.add(e.value); ints.add(e.value + 1); }
  });
  const variations = new Map<string, FieldValue[]>();
  for (const input of p.inputs.values()) {
    const name = input.name.name;
    switch (input.type.name) {
      case 'boolean': variations.set(name, [true, false, null]); break;
      case 'date': variations.set(name, [...dates, null]); break;
      case 'category': variations.set(name, [...(input.type.values ?? []).map((v) => v.name.name), null]); break;
      case 'categories': {
        const names = (input.type.values ?? []).map((v) => v.name.name);
        const sets: FieldValue[] = [[], ...names.map((n) => [n])];
        for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) sets.push([names[i]!, names[j]!]);
        variations.set(name, sets);
        break;
      }
      case 'id-number': {
        const ids: FieldValue[] = [];
        for (const d of [...dates].slice(0, 12)) {
          for (const age of [...ints].filter((n) => n >= 0).slice(0, 20)) {
            const birth = civil(addMonths(d, -12 * age));
            if (birth.year >= 1900) ids.push(makeIdNumber('110101', birth.year, birth.month, birth.day, 11));
          }
        }
        variations.set(name, ids);
        break;
      }
    }
  }
  const people: Record<string, FieldValue>[] = [...bases];
  for (const base of bases) {
    for (const [field, values] of variations) for (const v of values) people.push({ ...base, [field]: v });
    if (people.length > 20000) break;
  }
  return people;
}

function walkLiterals(p: import('./program.js').Program, visit: (e: A.Expr) => void): void {
  const walk = (e: A.Expr): void => {
    visit(e);
    switch (e.kind) {
      case 'binary': walk(e.left); walk(e.right); break;
      case 'not': case 'neg': walk(e.operand); break;
      case 'call': e.args.forEach(walk); break;
      case 'if': walk(e.cond); walk(e.then); walk(e.else); break;
      case 'index': walk(e.target); walk(e.key); break;
      case 'table': e.entries.forEach((x) => { walk(x.key); walk(x.value); }); break;
    }
  };
  for (const o of p.outcomes.values()) for (const r of o.rules) { if (r.when) walk(r.when); walk(r.value); }
  for (const d of p.defines.values()) walk(d.expr);
  for (const x of p.periods.values()) { walk(x.start); walk(x.end); }
  for (const x of p.params.values()) if (x.decl.value) walk(x.decl.value);
}
