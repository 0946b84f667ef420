// Checks that need the compiled policy: `核对` assertions, a search for a person who breaks a `核对 每人`
// invariant, and a search for people on whom two rules of an
// outcome without precedence both apply (overlap), on whom no rule of an outcome without `否则` applies (gap),
// and for rules that never apply, that an earlier rule always pre-empts (`优先`), or that never decide (`就高/就低`).
// The search tries each example person with one or two fields varied over the values the policy names;
// a problem is reported only with a concrete person as witness, so every report is real.
import type { Diagnostic } from '../diagnostic.js';
import type { FieldValue } from '../model.js';
import type { Compiled, CompiledInvariant, CompiledOutcome } from '../compile/compile-policy.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';
import { Engine, invariantText } from '../evaluate/engine.js';
import { diag } from './merge.js';
import { formatValue } from '../evaluate/format.js';
import { declaredType } from './typecheck.js';
import { candidates, type Candidate } from './candidates.js';
import { namesIn } from './names.js';
import { lookup } from './program.js';

export function analyzeCompiled(compiled: Compiled): Diagnostic[] {
  const out: Diagnostic[] = [];
  const engine = new Engine(compiled);
  const p = compiled.program;
  for (const a of p.asserts) {
    const v = compiled.compile(a.expr)(engine.context({}));
    if (v === false) out.push(diag('assertion-failed', a.loc, { message: a.message ?? '' }));
  }
  const people = candidates(compiled);
  for (const o of compiled.outcomes) out.push(...analyzeOutcome(compiled, o, people));
  for (const x of compiled.invariants) {
    const broken = findBreak(compiled, x, people);
    if (broken) out.push(broken);
  }
  return out;
}

const COMPUTED = new Set(['param', 'define', 'outcome', 'builtin']);

/** The error for the first tried person who breaks a per-person invariant, with the values it states about. */
function findBreak(compiled: Compiled, x: CompiledInvariant, people: Candidate[]): Diagnostic | null {
  const p = compiled.program;
  for (const { values, engine } of people) {
    const c = engine.context(values);
    if (x.holds(c) !== false) continue;
    // The computed values it names (the roster's own are in the witness); each once.
    const named = new Map(
      namesIn(x.decl.expr)
        .filter((n) => COMPUTED.has(lookup(p, n.name)?.kind ?? ''))
        .map((n) => [n.name, n]),
    );
    const stated = [...named.values()].map((n) => `${n.name} = ${formatValue(compiled.compile(n)(c), p.types.get(n))}`);
    const d = diag('invariant-broken', x.decl.loc, { message: invariantText(compiled, x.decl) });
    d.notes = [
      witness(compiled, values),
      ...(stated.length ? [{ zh: `此人：${stated.join('；')}`, en: `for this person: ${stated.join('; ')}` }] : []),
    ];
    return d;
  }
  return null;
}

/** No rule applies and there is no `否则` (the outcome is then unknown). */
const NO_RULE = Symbol('no-rule');

function analyzeOutcome(compiled: Compiled, o: CompiledOutcome, people: Candidate[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const decl = o.decl;
  const rules = decl.rules.map((r, i) => ({
    r,
    i,
    when: r.when ? compiled.compile(r.when) : null,
    value: compiled.compile(r.value),
  }));
  const conditional = rules.filter((x) => x.when);
  const fallback = rules.find((x) => !x.when) ?? null;
  let reportedOverlap = false;
  let reportedGap = false;
  /** Rules whose condition held on someone; rules that gave (or changed) the value on someone. */
  const applied = new Set<number>();
  const decided = new Set<number>();
  /** For a rule that applied without deciding: a witness, and (under `优先`) the earlier rule that pre-empted it. */
  const undecided = new Map<number, { person: Record<string, FieldValue>; by: number }>();
  for (const { values, engine } of people) {
    const c = engine.context(values);
    const conds = conditional.map((x) => x.when!(c));
    const hits = conditional.filter((_, k) => conds[k] === true);
    for (const h of hits) applied.add(h.i);
    // A template leaves parameters open: a rule they keep undecided may well apply once a county gives them.
    if (compiled.program.template && c.causes.includes('missing-parameter'))
      conditional.forEach((x, k) => conds[k] === UNKNOWN && applied.add(x.i));
    if (decl.combine === 'unique' && hits.length > 1 && !reportedOverlap) {
      reportedOverlap = true;
      const d = diag('rules-overlap', decl.name.loc, { name: o.name, a: hits[0]!.i + 1, b: hits[1]!.i + 1 });
      d.notes = [witness(compiled, values)];
      out.push(d);
    }
    if (!fallback && !reportedGap) {
      o.get(c);
      if (c.hasCause('no-rule', o.name)) {
        reportedGap = true;
        const d = diag('outcome-gap', decl.name.loc, { name: o.name }, 'warning');
        d.notes = [witness(compiled, values)];
        d.hint = {
          zh: '补上缺少的情形，或写“否则：无”表示此时没有值',
          en: 'Cover the missing case, or write “否则：无” (otherwise: none)',
        };
        out.push(d);
      }
    }
    const note = (i: number, by: number) => {
      if (!undecided.has(i)) undecided.set(i, { person: values, by });
    };
    if (decl.combine === 'first') {
      const k = conds.findIndex((v) => v === true || v === UNKNOWN);
      if (k >= 0 && conds[k] === true) {
        decided.add(conditional[k]!.i);
        for (const h of hits) if (h.i !== conditional[k]!.i) note(h.i, conditional[k]!.i);
      }
    } else if (decl.combine === 'max' || decl.combine === 'min') {
      const mode = decl.combine;
      const got = hits.map((h) => h.value(c));
      if (got.includes(UNKNOWN)) continue;
      const result = best(mode, got, fallback ? fallback.value(c) : NO_RULE);
      hits.forEach((h, k) => {
        const without = best(
          mode,
          got.filter((_, j) => j !== k),
          fallback ? fallback.value(c) : NO_RULE,
        );
        if (without !== result) decided.add(h.i);
        else note(h.i, -1);
      });
    } else for (const h of hits) decided.add(h.i);
  }
  for (const x of conditional) {
    if (!applied.has(x.i)) {
      // Not a proof, so a warning: no example, nor any variation of one, makes this rule apply.
      const d = diag('rule-never-fires', x.r.loc, {}, 'warning');
      d.hint = {
        zh: '为它加一个例子，或检查条件是否写反',
        en: 'Add an example for it, or check whether the condition is inverted',
      };
      out.push(d);
    } else if (!decided.has(x.i) && undecided.has(x.i)) {
      const u = undecided.get(x.i)!;
      const d =
        decl.combine === 'first'
          ? diag('rule-shadowed', x.r.loc, { by: u.by + 1 }, 'warning')
          : diag('rule-never-wins', x.r.loc, { mode: decl.combine === 'max' ? '就高' : '就低' }, 'warning');
      d.notes = [witness(compiled, u.person)];
      out.push(d);
    }
  }
  return out;
}

/** The value `就高`/`就低` gives from the values of the rules that apply (the `否则` value when none does). */
function best(mode: 'max' | 'min', values: Value[], otherwise: Value | typeof NO_RULE): Value | typeof NO_RULE {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return otherwise;
  if (numbers.length === 0) return null;
  return mode === 'max' ? Math.max(...numbers) : Math.min(...numbers);
}

function witness(compiled: Compiled, person: Record<string, FieldValue>): { zh: string; en: string } {
  const p = compiled.program;
  const parts = Object.entries(person)
    .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
    .map(
      ([k, v]) =>
        `${k} = ${formatValue(v as never, p.inputs.get(k) ? declaredType(p, p.inputs.get(k)!.type, k) : undefined)}`,
    );
  if (parts.length === 0) return { zh: '例如：各字段都为空的人', en: 'for example: a person with every field empty' };
  return { zh: `例如：${parts.join('；')}`, en: `for example: ${parts.join('; ')}` };
}
