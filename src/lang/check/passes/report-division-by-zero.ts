// Reports a division by the literal 0 (`标准 / 0`): its result would be unknown for every person who reads it
// (flagged `division-by-zero` at run time), so the policy says something it cannot mean. A divisor that is 0 only
// for some people (a roster column, a parameter given at evaluation time) is the run time's to flag.
import type * as A from '../../ast.js';
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { exprChildren } from '../../expr-children.js';

export const reportDivisionByZero: Pass = ({ program: p, report }) => {
  const walk = (e: A.Expr | null | undefined): void => {
    if (!e) return;
    if (e.kind === 'binary' && e.op === '/' && e.right.kind === 'integer' && e.right.value === 0)
      report(diag('division-by-zero', e.loc));
    for (const child of exprChildren(e)) walk(child);
  };
  for (const o of p.outcomes.values())
    for (const r of o.rules) {
      walk(r.when);
      walk(r.value);
    }
  for (const d of p.defines.values()) walk(d.expr);
  for (const { decl } of p.params.values()) walk(decl.value ?? decl.default);
  for (const f of p.flags) walk(f.when);
  for (const x of p.invariants) walk(x.expr);
};
