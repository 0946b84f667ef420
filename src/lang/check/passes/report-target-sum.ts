// Reports a target table whose entries do not add up to its stated total, or that names a township twice.
import type { Pass } from './pass.js';
import { diag } from '../merge.js';

export const reportTargetSum: Pass = ({ program: p, checker, report }) => {
  const t = p.targets;
  if (!t) return;
  if (!p.inputs.has(t.field.name)) checker.unknown(t.field.name, t.field.loc);
  const seen = new Set<string>();
  for (const e of t.entries) {
    if (seen.has(e.name)) report(diag('duplicate-target', e.loc, { name: e.name }));
    seen.add(e.name);
  }
  const sum = t.entries.reduce((s, e) => s + e.value, 0);
  if (t.total !== null && sum !== t.total) report(diag('target-sum-mismatch', t.loc, { sum, total: t.total }));
};
