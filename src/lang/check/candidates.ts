// The people the witness search tries: each example person (under the example's own `参数 { … }`) with one
// field varied over the values the policy names.
import type { FieldValue } from '../model.js';
import type { Compiled } from '../compile/compile-policy.js';
import { UNKNOWN } from '../compile/runtime-values.js';
import { Engine } from '../evaluate/engine.js';
import type * as A from '../ast.js';
import type { Program } from './program.js';
import { makeIdNumber } from '../runtime/id-number.js';
import { addMonths, civil } from '../runtime/calendar.js';

/** A person to try, with the engine of the parameters it is tried under. */
export interface Candidate {
  values: Record<string, FieldValue>;
  engine: Engine;
}

/** Example persons, each varied in one field (and category sets in pairs of values). */
export function candidates(compiled: Compiled): Candidate[] {
  const p = compiled.program;
  const engine = new Engine(compiled);
  // Examples of another coverage year (`年度：2026`) run in that year; the search tries people in the policy's own.
  const ofYear = p.examples.filter((ex) => !ex.year || ex.year.value === p.header.year);
  const bases: Candidate[] = ofYear.map((ex) => {
    const values: Record<string, FieldValue> = Object.create(null); // input names are user text
    for (const b of ex.inputs) {
      const input = p.inputs.get(b.name.name);
      if (!input) continue;
      const v = compiled.compile(b.value)(engine.context({}));
      if (v === UNKNOWN) continue;
      values[b.name.name] =
        input.type.name === 'categories'
          ? Array.isArray(v)
            ? v
            : [String(v)]
          : Array.isArray(v)
            ? (v[0] ?? null)
            : (v as FieldValue);
    }
    const params = new Map(ex.params.map((b) => [b.name.name, b.value]));
    return { values, engine: params.size > 0 ? new Engine(compiled, params) : engine };
  });
  if (bases.length === 0) bases.push({ values: {}, engine });
  const variations = variationsOf(p);
  const people: Candidate[] = [...bases];
  for (const base of bases) {
    for (const [field, values] of variations)
      for (const v of values) people.push({ values: { ...base.values, [field]: v }, engine: base.engine });
    if (people.length > 20000) break;
  }
  return people;
}

/** For each input field, the values worth trying: those the policy names, one day or year either side. */
function variationsOf(p: Program): Map<string, FieldValue[]> {
  const dates = new Set<number>();
  const ints = new Set<number>();
  walkLiterals(p, (e) => {
    if (e.kind === 'date') {
      dates.add(e.days - 1);
      dates.add(e.days);
      dates.add(e.days + 1);
    }
    if (e.kind === 'integer' && e.value <= 120) {
      ints.add(e.value - 1);
      ints.add(e.value);
      ints.add(e.value + 1);
    }
  });
  const variations = new Map<string, FieldValue[]>();
  for (const input of p.inputs.values()) {
    const name = input.name.name;
    switch (input.type.name) {
      case 'boolean':
        variations.set(name, [true, false, null]);
        break;
      case 'date':
        variations.set(name, [...dates, null]);
        break;
      case 'category':
        variations.set(name, [...(input.type.values ?? []).map((v) => v.name.name), null]);
        break;
      case 'categories': {
        const names = (input.type.values ?? []).map((v) => v.name.name);
        const sets: FieldValue[] = [[], ...names.map((n) => [n])];
        for (let i = 0; i < names.length; i++)
          for (let j = i + 1; j < names.length; j++) sets.push([names[i]!, names[j]!]);
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
  return variations;
}

function walkLiterals(p: Program, visit: (e: A.Expr) => void): void {
  const walk = (e: A.Expr): void => {
    visit(e);
    switch (e.kind) {
      case 'binary':
        walk(e.left);
        walk(e.right);
        break;
      case 'not':
      case 'neg':
        walk(e.operand);
        break;
      case 'call':
        e.args.forEach(walk);
        break;
      case 'if':
        walk(e.cond);
        walk(e.then);
        walk(e.else);
        break;
      case 'index':
        walk(e.target);
        walk(e.key);
        break;
      case 'table':
        e.entries.forEach((x) => {
          walk(x.key);
          walk(x.value);
        });
        break;
    }
  };
  for (const o of p.outcomes.values())
    for (const r of o.rules) {
      if (r.when) walk(r.when);
      walk(r.value);
    }
  for (const d of p.defines.values()) walk(d.expr);
  for (const x of p.periods.values()) {
    walk(x.start);
    walk(x.end);
  }
  for (const x of p.params.values()) if (x.decl.value ?? x.decl.default) walk((x.decl.value ?? x.decl.default)!);
  for (const x of p.inputs.values()) if (x.default) walk(x.default);
  for (const ex of p.examples) for (const b of ex.params) walk(b.value);
}
