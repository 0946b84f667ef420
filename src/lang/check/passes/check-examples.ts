// Types the policy's examples: each input is a declared field with a value of its type; each expectation an outcome.
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { declaredType } from '../typecheck.js';
import { lookup, STANDARD_OUTCOME_ALIASES, type Program } from '../program.js';
import type { Expr } from '../../ast.js';
import { FIRST_YEAR, LAST_YEAR } from '../../runtime/calendar.js';
import { BUILTIN_FLAGS, flagCodeFor } from '../../evaluate/flags.js';
import { COLLECTION_RESULTS } from '../../evaluate/collection.js';
import { T } from '../types.js';

/** Which collection result (柜面应收 …) an expectation names, if any (evaluate/collection.ts). */
export function collectionResult(name: string): keyof typeof COLLECTION_RESULTS | null {
  for (const [key, zh] of Object.entries(COLLECTION_RESULTS))
    if (zh === name) return key as keyof typeof COLLECTION_RESULTS;
  return null;
}

export const EXAMPLE_FLAGS = '标记';
export const EXAMPLE_REASON = '原因';

/** An expectation `未知` (`unknown`): the outcome must come out unknown (unless the policy names something so). */
export function expectsUnknown(p: Program, e: Expr): boolean {
  return e.kind === 'name' && (e.name === '未知' || e.name === 'unknown') && lookup(p, e.name) === null;
}

export const checkExamples: Pass = ({ program: p, checker, report }) => {
  for (const ex of p.examples) {
    if (ex.year && (ex.year.value < FIRST_YEAR || ex.year.value > LAST_YEAR))
      report(diag('bad-header-year', ex.year.loc, { value: ex.year.value }));
    checker.constant = true;
    for (const b of ex.inputs) {
      const input = p.inputs.get(b.name.name);
      if (!input) report(diag('example-unknown-field', b.name.loc, { name: b.name.name }));
      else checker.expect(b.value, declaredType(p, input.type, input.name.name));
    }
    for (const b of ex.params) {
      const param = p.params.get(b.name.name);
      if (!param) checker.unknown(b.name.name, b.name.loc);
      else checker.expect(b.value, declaredType(p, param.decl.type, param.decl.name.name));
    }
    for (const b of ex.expect) {
      if (b.name.name === EXAMPLE_FLAGS) {
        const names = b.value.kind === 'set' ? b.value.items : [];
        for (const n of names) {
          if (
            !p.flags.some((f) => f.name.name === n.name) &&
            flagCodeFor(n.name) === n.name &&
            !Object.hasOwn(BUILTIN_FLAGS, n.name)
          ) {
            report(diag('unknown-flag', n.loc, { name: n.name }));
          }
        }
        continue;
      }
      if (b.name.name === EXAMPLE_REASON) continue;
      const outcome = p.outcomes.get(b.name.name) ?? p.outcomes.get(STANDARD_OUTCOME_ALIASES[b.name.name] ?? '');
      if (!outcome && collectionResult(b.name.name)) {
        if (!expectsUnknown(p, b.value)) checker.expect(b.value, T.money);
        continue;
      }
      if (!outcome) report(diag('example-unknown-outcome', b.name.loc, { name: b.name.name }));
      else if (!expectsUnknown(p, b.value)) checker.expect(b.value, declaredType(p, outcome.type, outcome.name.name));
    }
    checker.constant = false;
  }
};
