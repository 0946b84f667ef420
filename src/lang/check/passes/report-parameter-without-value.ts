// Reports a parameter left without a value where no per-person flag can stand in: periods, deadlines, checks, other parameters.
import type { Expr } from '../../ast.js';
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { lookup } from '../program.js';
import { namesIn } from '../names.js';

export const reportParameterWithoutValue: Pass = ({ program: p, report }) => {
  if (p.template) return; // a template leaves values open for the files that inherit it
  const places: [Expr | null | undefined, string][] = [
    ...[...p.periods.values()].flatMap((x): [Expr, string][] => [
      [x.start, `缴费期 ${x.name.name}`],
      [x.end, `缴费期 ${x.name.name}`],
    ]),
    ...[...p.deadlines.values()].map((x): [Expr, string] => [x.date, `期限 ${x.name.name}`]),
    ...p.asserts.map((a): [Expr, string] => [a.expr, '核对 assert']),
    ...[...p.params.values()].map((e): [Expr | null, string] => [
      e.decl.value ?? e.decl.default ?? null,
      `参数 ${e.decl.name.name}`,
    ]),
    [p.cashLimit?.amount, '现金双限'],
    [p.cashLimit?.days, '现金双限'],
  ];
  for (const [expr, where] of places) {
    if (!expr) continue;
    for (const ref of namesIn(expr)) {
      const s = lookup(p, ref.name);
      if (s?.kind === 'param' && !s.entry.decl.value && !s.entry.decl.default)
        report(diag('parameter-without-value', ref.loc, { name: ref.name, where }));
    }
  }
};
