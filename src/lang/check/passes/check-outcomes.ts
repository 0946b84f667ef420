// Types each outcome's rules; reports missing standard outcomes, misplaced defaults and rule-less outcomes.
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { declaredType } from '../typecheck.js';
import { OPTIONAL_STANDARD_OUTCOMES, STANDARD_OUTCOMES } from '../program.js';
import { T, typeName } from '../types.js';

export const checkOutcomes: Pass = ({ program: p, checker, report }) => {
  for (const o of p.outcomes.values()) {
    const want = declaredType(p, o.type, o.name.name);
    if (o.rules.length === 0) report(diag('no-rules', o.name.loc, { name: o.name.name }));
    let defaultSeen = false;
    for (const rule of o.rules) {
      if (defaultSeen) report(diag(rule.when ? 'rule-after-default' : 'several-defaults', rule.loc));
      if (rule.when) checker.expect(rule.when, T.boolean);
      else defaultSeen = true;
      checker.expect(rule.value, want);
    }
  }
  for (const s of STANDARD_OUTCOMES) {
    const o = p.outcomes.get(s.zh);
    if (!o && p.template) continue; // a template leaves outcomes to the files that inherit it
    if (!o) {
      report(diag('missing-standard-outcome', undefined, { name: s.zh, en: s.en }));
      continue;
    }
    if (o.type.name !== s.type) {
      report(diag('standard-outcome-type', o.type.loc, { name: s.zh, expected: typeName(T[s.type], 'zh') }));
    }
  }
  for (const s of OPTIONAL_STANDARD_OUTCOMES) {
    const o = p.outcomes.get(s.zh);
    if (o && o.type.name !== s.type) {
      report(diag('standard-outcome-type', o.type.loc, { name: s.zh, expected: typeName(T[s.type], 'zh') }));
    }
  }
};
