// Where an arithmetic operation sits in the policy (file:line:column, and the rule or declaration around it): the
// argument of the `division-by-zero` and `arithmetic-overflow` causes, and what their flags say to the clerk.
import type * as A from '../ast.js';
import type { Bilingual } from '../diagnostic.js';
import type { Program } from '../check/program.js';
import { exprChildren } from '../expr-children.js';

/** `file:line:column` of an expression or rule: the key both back ends note a cause under. */
export function siteKey(loc: A.Loc): string {
  return `${loc.source}:${loc.start.line}:${loc.start.column}`;
}

/** The declaration (and rule) around each expression and rule of `p`, by site key; built once per program. */
const OWNERS = new WeakMap<Program, Map<string, Bilingual>>();

/** What holds the operation at `key`: `结果“个人缴费”第 2 条规则`, `定义“人均额”` …; null where none is found. */
export function siteOwner(p: Program, key: string): Bilingual | null {
  let owners = OWNERS.get(p);
  if (!owners) OWNERS.set(p, (owners = ownersOf(p)));
  return owners.get(key) ?? null;
}

function ownersOf(p: Program): Map<string, Bilingual> {
  const out = new Map<string, Bilingual>();
  const walk = (e: A.Expr | null | undefined, owner: Bilingual) => {
    if (!e) return;
    const key = siteKey(e.loc);
    if (!out.has(key)) out.set(key, owner);
    for (const child of exprChildren(e)) walk(child, owner);
  };
  for (const o of p.outcomes.values())
    o.rules.forEach((r, i) => {
      const owner =
        r.when === null
          ? { zh: `结果“${o.name.name}”的“否则”规则`, en: `the “otherwise” rule of outcome “${o.name.name}”` }
          : { zh: `结果“${o.name.name}”第 ${i + 1} 条规则`, en: `rule ${i + 1} of outcome “${o.name.name}”` };
      if (!out.has(siteKey(r.loc))) out.set(siteKey(r.loc), owner);
      walk(r.when, owner);
      walk(r.value, owner);
    });
  for (const d of p.defines.values()) walk(d.expr, { zh: `定义“${d.name.name}”`, en: `definition “${d.name.name}”` });
  for (const [name, entry] of p.params)
    walk(entry.decl.value ?? entry.decl.default, { zh: `参数“${name}”`, en: `parameter “${name}”` });
  for (const f of p.flags) walk(f.when, { zh: `标记“${f.name.name}”`, en: `flag “${f.name.name}”` });
  for (const x of p.invariants) walk(x.expr, { zh: '核对 每人', en: 'a per-person check (核对 每人)' });
  if (p.household) walk(p.household.except, { zh: '整户参保的除外条件', en: 'the household rule’s exception' });
  return out;
}
