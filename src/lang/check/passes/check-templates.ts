// Messages (`标记 … 消息`, `核对 每人 … 消息`) and reasons (`原因`) that insert values: each `{…}` is parsed where
// it stands and type-checked; the program keeps the template for the engine to fill in (evaluate/template.ts).
import type * as A from '../../ast.js';
import type { Pass } from './pass.js';
import { isTemplate, locateText, parseTemplate } from '../template.js';

export const checkTemplates: Pass = ({ program: p, checker, report }) => {
  const read = (text: string | null, within: A.Loc) => {
    if (text === null || !isTemplate(text) || p.templates.has(text)) return;
    const at = locateText(p.sources.get(within.source), within, text);
    const found: Parameters<typeof parseTemplate>[3] = [];
    const template = parseTemplate(text, at, within.source, found);
    found.forEach(report);
    if (!template) return;
    for (const part of template) if (typeof part !== 'string') checker.check(part);
    p.templates.set(text, template);
  };
  for (const f of p.flags) read(f.message, f.loc);
  for (const a of p.invariants) read(a.message, a.loc);
  for (const o of p.outcomes.values()) for (const r of o.rules) read(r.reason, r.loc);
};
