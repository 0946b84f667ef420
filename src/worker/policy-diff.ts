// The worker's `diffPolicies`: loads both policies (a year and its parent, two saved versions) and lists the changes.
import { diffPolicies as diffLoaded, loadPolicy, type PolicyDiff } from '../lang/index.js';
import { UserError } from './errors.js';
import type { PolicyRef } from './protocol.js';
import { policyReader } from './review.js';

export interface DiffRequest {
  before: PolicyRef;
  after: PolicyRef;
}

/** The changes from `before` to `after`. A side that does not check cannot be compared: a message naming it. */
export function diffPolicies({ before, after }: DiffRequest): PolicyDiff {
  const load = (ref: PolicyRef) => {
    const { policy, diagnostics } = loadPolicy(ref.entry, policyReader(ref));
    if (policy) return policy;
    const first = diagnostics.find((d) => d.severity === 'error');
    throw new UserError({
      zh: `政策“${ref.entry}”有错误，无法比较：${first?.message.zh ?? ''}`,
      en: `The policy “${ref.entry}” has errors and cannot be compared: ${first?.message.en ?? ''}`,
    });
  };
  return diffLoaded(load(before), load(after));
}
