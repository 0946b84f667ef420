// Lays out an explanation: which steps quote the notice's sentence (first time a clause is cited, or every time).
import type { ExplainStep } from '../../lang/api.js';

export interface ExplainLine extends ExplainStep {
  /** Show the clause's sentence under this step. */
  quote: boolean;
  /** The clause was quoted by an earlier step. */
  quotedAbove: boolean;
}

export function layoutExplanation(steps: readonly ExplainStep[], quoteEvery = false): ExplainLine[] {
  const seen = new Set<string>();
  return steps.map((s) => {
    const has = Boolean(s.clause && s.clauseText);
    const first = has && !seen.has(s.clause!);
    if (has) seen.add(s.clause!);
    return { ...s, quote: has && (quoteEvery || first), quotedAbove: has && !first && !quoteEvery };
  });
}
