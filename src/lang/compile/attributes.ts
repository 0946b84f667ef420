// Attributes of the rule that decided an outcome (`主体 "…"` on a rule, read as `主体(结果)`), shared by both back
// ends: an outcome with attributes records in the context which rule decided it (Context.win) and, under 合计, which
// rules applied with what amount (Context.parts); `payerOf` and `payerSplit` read them. Semantics:
// grammar/reference/attributes-and-collection.md.
import type * as A from '../ast.js';
import type { Program } from '../check/program.js';
import type { Context } from './context.js';

/**
 * How an outcome's paying body is found: per rule, its own 主体 text, the plan of the outcome its value names
 * (a rule without 主体 whose value is just another attributed outcome's name takes that outcome's), or null.
 */
export interface PayerPlan {
  outcome: string;
  slot: number;
  sum: boolean;
  rules: (string | PayerPlan | null)[];
}

const attributedCache = new WeakMap<Program, Set<string>>();

/** The outcomes whose deciding rule carries (or inherits) a paying body: they record which rule decided them. */
export function attributedOutcomes(p: Program): Set<string> {
  let set = attributedCache.get(p);
  if (set) return set;
  set = new Set();
  for (const o of p.outcomes.values()) if (o.rules.some((r) => r.payer)) set.add(o.name.name);
  // Inheritance through rules whose value is just another outcome's name, to a fixed point.
  for (let changed = true; changed;) {
    changed = false;
    for (const o of p.outcomes.values()) {
      if (set.has(o.name.name)) continue;
      if (o.rules.some((r) => inheritedOutcome(p, r, set) !== null)) {
        set.add(o.name.name);
        changed = true;
      }
    }
  }
  attributedCache.set(p, set);
  return set;
}

/** The attributed outcome a rule without its own 主体 takes its body from: its value is that outcome's bare name. */
export function inheritedOutcome(p: Program, r: A.Rule, attributed: Set<string>): string | null {
  if (r.payer || r.value.kind !== 'name') return null;
  const name = r.value.name;
  return p.outcomes.has(name) && attributed.has(name) ? name : null;
}

/** The plan of outcome `name` (built once per program and slot numbering). */
export function payerPlan(p: Program, name: string, slotOf: (outcome: string) => number): PayerPlan {
  const plans = new Map<string, PayerPlan>();
  const attributed = attributedOutcomes(p);
  const build = (n: string): PayerPlan => {
    const known = plans.get(n);
    if (known) return known;
    const o = p.outcomes.get(n)!;
    const plan: PayerPlan = { outcome: n, slot: slotOf(n), sum: o.combine === 'sum', rules: [] };
    plans.set(n, plan);
    for (const r of o.rules) {
      const from = inheritedOutcome(p, r, attributed);
      plan.rules.push(r.payer ? r.payer.text : from !== null ? build(from) : null);
    }
    return plan;
  };
  return build(name);
}

/** The paying body of the known value of `plan`'s outcome: none, one text, or under 合计 the bodies joined by 、. */
export function payerOf(c: Context, plan: PayerPlan): string | null {
  const parts = plan.sum ? c.parts[plan.slot] : null;
  if (!parts || parts.length === 0) return ruleBody(c, plan.rules[c.win[plan.slot]!] ?? null);
  const bodies: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const b = ruleBody(c, plan.rules[parts[i]!] ?? null);
    if (b !== null && !bodies.includes(b)) bodies.push(b);
  }
  return bodies.length === 0 ? null : bodies.join('、');
}

function ruleBody(c: Context, r: string | PayerPlan | null): string | null {
  return r === null || typeof r === 'string' ? r : payerOf(c, r);
}

/**
 * Adds to `into` the known amount `fen` of `plan`'s outcome, split by paying body ('' for the part no rule names a
 * body of): the deciding rule's body gets it all; under 合计 each applying rule's body gets that rule's amount.
 */
export function payerSplit(c: Context, plan: PayerPlan, fen: number, into: Record<string, number>): void {
  const parts = plan.sum ? c.parts[plan.slot] : null;
  if (!parts || parts.length === 0) {
    splitRule(c, plan.rules[c.win[plan.slot]!] ?? null, fen, into);
    return;
  }
  for (let i = 0; i < parts.length; i += 2) splitRule(c, plan.rules[parts[i]!] ?? null, parts[i + 1]!, into);
}

function splitRule(c: Context, r: string | PayerPlan | null, fen: number, into: Record<string, number>): void {
  if (r !== null && typeof r !== 'string') return payerSplit(c, r, fen, into);
  const key = r ?? '';
  into[key] = (into[key] ?? 0) + fen;
}
