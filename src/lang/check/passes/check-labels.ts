// Reports a rule label (`标签 "…"`) used twice in one outcome: `扩展 结果` could not tell the rules apart.
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { ruleOrigin } from '../amend.js';

export const checkLabels: Pass = ({ program: p, report }) => {
  for (const o of p.outcomes.values()) {
    const seen = new Map<string, string>();
    for (const r of o.rules) {
      if (r.label == null) continue;
      const other = seen.get(r.label);
      if (other) report(diag('duplicate-label', r.loc, { name: o.name.name, label: r.label, other }));
      else seen.set(r.label, ruleOrigin(r));
    }
  }
};
