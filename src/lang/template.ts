// A template (`模板：是`): a rule set that county files inherit; it checks and runs its examples, but evaluates no roster.
import type { CompiledPolicy } from './api.js';
import type { Diagnostic } from './diagnostic.js';
import { message } from './check/messages.js';

/** Why `policy` cannot evaluate a roster (it is a template), or null. */
export function notEvaluable(policy: CompiledPolicy): Diagnostic | null {
  if (!policy.template) return null;
  return {
    code: 'template-not-evaluable',
    severity: 'error',
    message: message('template-not-evaluable', { path: policy.path }),
    hint: {
      zh: '新建县级政策文件，首行写“继承 "…"”指向此模板，并给出模板留空的参数',
      en: 'Write a county policy file that starts with 继承 "…" naming this template and gives the parameters it leaves open',
    },
  };
}
