// Rule attributes (`主体 "…"`): an empty body is an error; an outcome some of whose rules name a body and others
// not is warned at each rule without one, unless that rule gives nothing to pay (0元 or 无) or takes its body from
// the outcome its value names (grammar/reference/attributes-and-collection.md).
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { attributedOutcomes, inheritedOutcome } from '../../compile/attributes.js';

export const checkAttributes: Pass = ({ program: p, report }) => {
  const attributed = attributedOutcomes(p);
  for (const o of p.outcomes.values()) {
    if (!o.rules.some((r) => r.payer)) continue;
    for (const r of o.rules) {
      if (r.payer) {
        if (r.payer.text.trim() === '') report(diag('empty-payer', r.payer.loc));
        continue;
      }
      const nothing = (r.value.kind === 'money' && r.value.fen === 0) || r.value.kind === 'none';
      if (nothing || inheritedOutcome(p, r, attributed) !== null) continue;
      const d = diag('payer-partial', r.loc, { name: o.name.name }, 'warning');
      d.hint = {
        zh: '在此规则后写“，主体 "…"”（如 主体 "区县政府"）',
        en: 'Write “，主体 "…"” after this rule (e.g. 主体 "区县政府")',
      };
      report(d);
    }
  }
};
