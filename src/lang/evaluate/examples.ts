// Runs a policy's own examples: a person's fields → expected outcomes, flags and reason.
import type { ExampleDecl, Expr } from '../ast.js';
import type { Bilingual } from '../diagnostic.js';
import type { ExampleOutcome, FieldValue } from '../model.js';
import { compilePolicy, type Compiled } from '../compile/compile-policy.js';
import { STANDARD_OUTCOME_ALIASES } from '../check/program.js';
import { declaredType } from '../check/typecheck.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';
import { Engine } from './engine.js';
import { formatValue } from './format.js';
import { flagCodeFor } from './flags.js';
import { EXAMPLE_FLAGS, EXAMPLE_REASON, collectionResult, expectsUnknown } from '../check/passes/check-examples.js';
import { T } from '../check/types.js';

/** The policy compiled for another coverage year (`年度：2026` in an example): 年度, 年度开始, 年度结束 follow it. */
const otherYears = new WeakMap<Compiled, Map<number, Compiled>>();
function inYear(compiled: Compiled, year: number): Compiled {
  if (year === compiled.program.header.year) return compiled;
  let byYear = otherYears.get(compiled);
  if (!byYear) otherYears.set(compiled, (byYear = new Map()));
  let c = byYear.get(year);
  if (!c) byYear.set(year, (c = compilePolicy({ ...compiled.program, header: { ...compiled.program.header, year } })));
  return c;
}

export function runExample(policy: Compiled, ex: ExampleDecl): ExampleOutcome {
  const compiled = ex.year ? inYear(policy, ex.year.value) : policy;
  const p = compiled.program;
  const engine = new Engine(compiled, new Map<string, Expr>(ex.params.map((b) => [b.name.name, b.value])));
  const constant = (e: Expr): Value => compiled.compile(e)(engine.context({}));
  const values: Record<string, FieldValue> = Object.create(null); // input names are user text
  for (const b of ex.inputs) {
    const input = p.inputs.get(b.name.name);
    if (!input) continue;
    const v = constant(b.value);
    if (input.type.name === 'categories')
      values[input.name.name] = Array.isArray(v) ? v : v === null ? [] : [String(v)];
    else if (input.type.name === 'category')
      values[input.name.name] = Array.isArray(v) ? (v[0] ?? null) : (v as FieldValue);
    else values[input.name.name] = v === UNKNOWN ? null : (v as FieldValue);
  }
  const c = engine.context(values);
  const result = engine.evaluate(values, 0, c);
  const failures: Bilingual[] = [...engine.diagnostics.map((d) => d.message)];
  for (const b of ex.expect) {
    if (b.name.name === EXAMPLE_FLAGS) {
      // Flag names are written as a set of names; they are not category values, so read them from the syntax.
      const names =
        b.value.kind === 'set' ? b.value.items.map((i) => i.name) : b.value.kind === 'name' ? [b.value.name] : [];
      const expected = new Set(names.map(flagCodeFor));
      const actual = new Set(result.flags.map((f) => f.code));
      const missing = [...expected].filter((x) => !actual.has(x));
      const extra = [...actual].filter((x) => !expected.has(x));
      if (missing.length || extra.length) {
        failures.push({
          zh: `标记：期望 {${[...expected].join('、')}}，实际 {${[...actual].join('、')}}`,
          en: `flags: expected {${[...expected].join(', ')}}, got {${[...actual].join(', ')}}`,
        });
      }
      continue;
    }
    if (b.name.name === EXAMPLE_REASON) {
      const want = constant(b.value);
      if (want !== result.reason)
        failures.push({
          zh: `原因：期望“${String(want)}”，实际“${result.reason ?? '无'}”`,
          en: `reason: expected “${String(want)}”, got “${result.reason ?? 'none'}”`,
        });
      continue;
    }
    const name = p.outcomes.has(b.name.name) ? b.name.name : (STANDARD_OUTCOME_ALIASES[b.name.name] ?? b.name.name);
    const outcome = compiled.outcomes.find((o) => o.name === name);
    const collection = outcome ? null : collectionResult(name);
    if (!outcome && !collection) continue;
    const type = outcome ? declaredType(p, outcome.decl.type, name) : T.money;
    // A collection result (柜面应收 …) is null only where unknown (evaluate/collection.ts).
    const actualRaw = outcome ? outcome.get(c) : (result[collection!] ?? UNKNOWN);
    if (expectsUnknown(p, b.value)) {
      if (actualRaw !== UNKNOWN) {
        const actual = formatValue(actualRaw, type);
        failures.push({ zh: `${name}：期望 未知，实际 ${actual}`, en: `${name}: expected unknown, got ${actual}` });
      }
      continue;
    }
    const expected = formatValue(constant(b.value), type);
    // Unknown never matches an expectation, not even 无: the example shows what the policy could not decide.
    if (actualRaw === UNKNOWN) {
      const why = result.flags.map((f) => f.code).join('、') || '—';
      failures.push({
        zh: `${name}：期望 ${expected}，实际 未知（${why}）`,
        en: `${name}: expected ${expected}, got unknown (${why})`,
      });
      continue;
    }
    const actual = formatValue(actualRaw, type);
    if (actual !== expected)
      failures.push({
        zh: `${name}：期望 ${expected}，实际 ${actual}`,
        en: `${name}: expected ${expected}, got ${actual}`,
      });
  }
  return { name: ex.name, passed: failures.length === 0, failures, diagnostics: [] };
}
