// How many people each parameter the policy leaves without a value would leave with unknown results, if left empty.
import { evaluateRoster, type CompiledPolicy, type RosterRow } from '../lang/index.js';
import type { CodeLoader } from '../lang/compile/load-generated.js';
import { builtinFlag } from '../lang/evaluate/flags.js';
import type { UnsetParameter } from './protocol.js';

/** Evaluates the roster with no parameters supplied and counts, per unset parameter, the people it leaves unknown. */
export function unsetParameters(policy: CompiledPolicy, rows: RosterRow[], loadCode?: CodeLoader): UnsetParameter[] {
  const unset = policy.parameters.filter((p) => p.value === null);
  if (unset.length === 0) return [];
  const byMessage = new Map(unset.map((p) => [builtinFlag('missing-parameter', { name: p.name }).message.zh, p.name]));
  const counts = new Map(unset.map((p) => [p.name, 0]));
  const { results } = evaluateRoster(policy, rows, loadCode ? { loadCode } : {});
  for (const r of results) {
    for (const f of r.flags) {
      const name = f.code === 'missing-parameter' ? byMessage.get(f.message.zh) : undefined;
      if (name !== undefined) counts.set(name, counts.get(name)! + 1);
    }
  }
  return unset.map((p) => ({ name: p.name, type: p.type, unknownIfEmpty: counts.get(p.name)! }));
}
