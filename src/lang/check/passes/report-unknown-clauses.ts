// Warns when a rule cites a clause whose text the policy does not record (the explanation could not quote it).
import type { ClauseRef } from '../../ast.js';
import type { Pass } from './pass.js';
import { diag } from '../merge.js';

export const reportUnknownClauses: Pass = ({ program: p, report }) => {
  const refs: (ClauseRef | null)[] = [
    ...[...p.inputs.values()].map((i) => i.clause),
    ...[...p.params.values()].map((e) => e.decl.clause),
    ...[...p.groups.values()].map((g) => g.clause),
    ...[...p.defines.values()].map((d) => d.clause),
    ...[...p.outcomes.values()].flatMap((o) => [o.clause, ...o.rules.map((r) => r.clause)]),
    ...p.flags.map((f) => f.clause),
    ...p.asserts.map((a) => a.clause),
    ...p.invariants.map((a) => a.clause),
    ...p.goals.map((g) => g.clause),
    ...[...p.periods.values()].map((x) => x.clause),
    ...[...p.deadlines.values()].map((x) => x.clause),
    p.household?.clause ?? null,
    p.targets?.clause ?? null,
    p.cashLimit?.clause ?? null,
  ];
  const reported = new Set<string>();
  for (const ref of refs) {
    if (ref && !p.clauses.has(ref.id) && !reported.has(ref.id)) {
      reported.add(ref.id);
      report(diag('unknown-clause', ref.loc, { id: ref.id }, 'warning'));
    }
  }
};
