// Reports a parameter left without a value where no per-person flag can stand in: periods, deadlines, checks, other parameters.
import type { Expr } from '../../ast.js';
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { lookup } from '../program.js';

export const reportParameterWithoutValue: Pass = ({ program: p, report }) => {
  const places: [Expr | null | undefined, string][] = [
    ...[...p.periods.values()].flatMap((x): [Expr, string][] => [[x.start, `缴费期 ${x.name.name}`], [x.end, `缴费期 ${x.name.name}`]]),
    ...[...p.deadlines.values()].map((x): [Expr, string] => [x.date, `期限 ${x.name.name}`]),
    ...p.asserts.map((a): [Expr, string] => [a.expr, '核对 assert']),
    ...[...p.params.values()].map((e): [Expr | null, string] => [e.decl.value, `参数 ${e.decl.name.name}`]),
    [p.cashLimit?.amount, '现金双限'], [p.cashLimit?.days, '现金双限'],
  ];
  for (const [expr, where] of places) {
    if (!expr) continue;
    for (const ref of names(expr)) {
      const s = lookup(p, ref.name);
      if (s?.kind === 'param' && !s.entry.decl.value) report(diag('parameter-without-value', ref.loc, { name: ref.name, where }));
    }
  }
};

function names(e: Expr): Extract<Expr, { kind: 'name' }>[] {
  switch (e.kind) {
    case 'name': return [e];
    case 'binary': return [...names(e.left), ...names(e.right)];
    case 'not': case 'neg': return names(e.operand);
    case 'call': return e.args.flatMap(names);
    case 'if': return [...names(e.cond), ...names(e.then), ...names(e.else)];
    case 'index': return [...names(e.target), ...names(e.key)];
    case 'table': return e.entries.flatMap((x) => [...names(x.key), ...names(x.value)]);
    default: return [];
  }
}

