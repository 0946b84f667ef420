// Applies `扩展 结果 名 { 替换 … 删除 … 增加 … }` to the outcome a file inherits: a new outcome, rule by rule.
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { diag } from './merge.js';
import { closest } from './suggest.js';

/** Where a rule of a merged outcome was written: the file and line its text stands on. */
export function ruleOrigin(rule: A.Rule): string {
  return `${rule.loc.source}:${rule.loc.start.line}`;
}

/**
 * The outcome `parent` amended by `ext`, or null where an amendment cannot apply (reported). Amendments apply in
 * text order, each to the result of the ones before it; a replacement keeps the replaced rule's place (and its
 * label, when the new rule states none).
 */
export function amendOutcome(
  parent: A.OutcomeDecl,
  ext: A.ExtendOutcomeDecl,
  report: (d: Diagnostic) => void,
): A.OutcomeDecl {
  let rules = [...parent.rules];
  let front = 0; // where the next `增加 在前` goes: several stand at the front in text order
  for (const a of ext.amendments) {
    if (a.op === 'add') {
      if (a.rule.when === null) {
        const at = rules.findIndex((r) => r.when === null);
        if (at >= 0) {
          report(
            hinted(
              diag('amend-second-default', a.rule.loc, { name: parent.name.name, line: rules[at]!.loc.start.line }),
              {
                zh: '改写为“替换 否则：…”',
                en: 'Write “替换 否则：…” (replace otherwise) instead',
              },
            ),
          );
          continue;
        }
        rules.push(a.rule);
        continue;
      }
      const fallback = rules.findIndex((r) => r.when === null);
      if (a.front) rules.splice(front++, 0, a.rule);
      else if (fallback >= 0) rules.splice(fallback, 0, a.rule);
      else rules.push(a.rule);
      continue;
    }
    const at = find(rules, parent, a.target, report);
    if (at === null) continue;
    if (a.op === 'remove') {
      rules = rules.filter((_, i) => i !== at);
      if (at < front) front--;
      continue;
    }
    const old = rules[at]!;
    if ((old.when === null) !== (a.rule.when === null)) {
      report(
        hinted(diag('amend-default-mismatch', a.rule.loc, { name: parent.name.name }), {
          zh: '“否则”规则只能换成“否则：…”，条件规则只能换成“当 …：…”',
          en: 'Replace an otherwise rule by “否则：…” and a conditional rule by “当 …：…”',
        }),
      );
      continue;
    }
    const label = a.rule.label ?? old.label ?? null;
    rules[at] = { ...a.rule, label };
  }
  return { ...parent, rules };
}

/** The index of the one rule `target` means, or null (reported: no such rule, or several). */
function find(
  rules: A.Rule[],
  parent: A.OutcomeDecl,
  target: A.RuleTarget,
  report: (d: Diagnostic) => void,
): number | null {
  const name = parent.name.name;
  const hits: number[] = [];
  rules.forEach((r, i) => {
    const match =
      target.kind === 'otherwise'
        ? r.when === null
        : target.kind === 'label'
          ? r.label === target.id
          : r.clause?.id === target.id;
    if (match) hits.push(i);
  });
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    const lines = hits.map((i) => ruleOrigin(rules[i]!)).join('、');
    report(
      hinted(diag('amend-ambiguous', target.loc, { name, id: target.id, count: hits.length, lines }), {
        zh: '在上级文件中给要修改的规则加上“标签 "…"”，再写“替换 标签 "…"”；或整体重写此结果',
        en: 'Give the rule a label (标签 "…") in the parent file and write “替换 标签 "…"”, or restate the whole outcome',
      }),
    );
    return null;
  }
  const known =
    target.kind === 'label'
      ? rules.flatMap((r) => (r.label ? [r.label] : []))
      : rules.flatMap((r) => (r.clause ? [r.clause.id] : []));
  const what =
    target.kind === 'label' ? ['标签', 'label'] : target.kind === 'clause' ? ['条款', 'clause'] : ['否则', 'otherwise'];
  const d = diag('amend-no-rule', target.loc, { name, whatZh: what[0]!, whatEn: what[1]!, id: target.id });
  const guess = target.kind === 'otherwise' ? null : closest(target.id, known);
  if (guess) hinted(d, { zh: `是不是“${guess}”？`, en: `Did you mean “${guess}”?` });
  else if (known.length)
    hinted(d, { zh: `此结果的${what[0]}有：${known.join('、')}`, en: `Its ${what[1]}s are: ${known.join(', ')}` });
  else if (target.kind === 'otherwise')
    hinted(d, { zh: '用“增加 否则：…”添加一条', en: 'Add one with “增加 否则：…”' });
  report(d);
  return null;
}

function hinted(d: Diagnostic, hint: Diagnostic['hint']): Diagnostic {
  if (hint) d.hint = hint;
  return d;
}
