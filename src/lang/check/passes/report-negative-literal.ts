// Reports a negative amount or duration written as a parameter's value (also one given at evaluation time) or
// as a fee or subsidy: notices state neither, so `-150元` there is a slip of the keyboard, not a reading.
import type * as A from '../../ast.js';
import type { Pass } from './pass.js';
import { diag } from '../merge.js';

/** Outcomes whose amounts are never negative. */
const AMOUNTS = ['个人缴费', '政府资助'];

/** Whether an expression is `-` before an amount or a duration (brackets leave no node of their own). */
export function isNegativeLiteral(e: A.Expr): boolean {
  return e.kind === 'neg' && (e.operand.kind === 'money' || e.operand.kind === 'duration');
}

export const reportNegativeLiteral: Pass = ({ program: p, report }) => {
  const values: A.Expr[] = [];
  for (const { decl } of p.params.values()) if (decl.value ?? decl.default) values.push((decl.value ?? decl.default)!);
  for (const name of AMOUNTS) for (const rule of p.outcomes.get(name)?.rules ?? []) values.push(rule.value);
  for (const e of values) if (isNegativeLiteral(e)) report(diag('negative-literal', e.loc));
};
