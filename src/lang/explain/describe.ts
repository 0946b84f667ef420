// `policy describe`: a policy as it stands after `继承` — each outcome's merged rules in policy syntax, with the
// file and line each rule was written on, and the periods with the dates their parameters give.
import type * as A from '../ast.js';
import type { Compiled } from '../compile/compile-policy.js';
import { UNKNOWN } from '../compile/runtime-values.js';
import { Engine } from '../evaluate/engine.js';
import { formatDate } from '../runtime/calendar.js';
import { COMBINE as COMBINE_TEXT, TYPE as TYPE_TEXT, expr, rule } from '../print/index.js';

/** Evaluates constant expressions (dates of periods and deadlines, from literals or parameters): undefined if unknown. */
export function constantDate(compiled: Compiled): (e: A.Expr) => number | undefined {
  let engine: Engine | null = null;
  return (e) => {
    if (e.kind === 'date') return e.days;
    engine ??= new Engine(compiled);
    const v = compiled.compile(e)(engine.context({}));
    return typeof v === 'number' && v !== (UNKNOWN as unknown) ? v : undefined;
  };
}

/** `2025-09-01 至 2025-12-31`; where a date is not known (a template's open parameter), its expression and 未定. */
export function periodText(x: A.PeriodDecl, date: (e: A.Expr) => number | undefined): string {
  const one = (e: A.Expr) => {
    const d = date(e);
    return d !== undefined ? formatDate(d) : `${expr(e)}（未定 not set）`;
  };
  return `${one(x.start)} 至 ${one(x.end)}`;
}

const origin = (loc: A.Loc) => `${loc.source}:${loc.start.line}`;

/** Pads `text` to a column (counting a CJK character as two) and adds `# origin`. */
function withOrigin(text: string, loc: A.Loc): string {
  const width = [...text].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
  return `${text}${' '.repeat(Math.max(2, 72 - width))}# ${origin(loc)}`;
}

/** The merged policy as text: header, parameters, periods and deadlines, outcomes rule by rule with their origin. */
export function describeCompiled(compiled: Compiled): string {
  const p = compiled.program;
  const date = constantDate(compiled);
  const lines: string[] = [];
  const h = p.header;
  lines.push(`# ${p.path}${p.template ? '（模板 template）' : ''}`);
  lines.push(`# ${[h.title, h.province, h.city, h.county].filter(Boolean).join(' ')} 年度 ${h.year}`);
  if (p.params.size) lines.push('', '# 参数 parameters');
  for (const { decl } of p.params.values()) {
    const value = decl.value ? ` = ${expr(decl.value)}` : '（未定 not set）';
    lines.push(withOrigin(`参数 ${decl.name.name}：${TYPE_TEXT[decl.type.name]}${value}`, decl.loc));
  }
  if (p.periods.size || p.deadlines.size) lines.push('', '# 缴费期与期限 periods and deadlines');
  for (const x of p.periods.values()) lines.push(withOrigin(`缴费期 ${x.name.name} = ${periodText(x, date)}`, x.loc));
  for (const x of p.deadlines.values()) {
    const d = date(x.date);
    lines.push(
      withOrigin(`期限 ${x.name.name} = ${d !== undefined ? formatDate(d) : `${expr(x.date)}（未定 not set）`}`, x.loc),
    );
  }
  lines.push('', '# 结果 outcomes（每条规则注明出处 each rule with the file and line it comes from）');
  for (const o of p.outcomes.values()) {
    const combine = o.combine !== 'unique' ? `，合并 ${COMBINE_TEXT[o.combine]}` : '';
    for (const at of p.amended?.get(o.name.name) ?? []) lines.push(`# 扩展 amended at ${origin(at)}`);
    lines.push(withOrigin(`结果 ${o.name.name}：${TYPE_TEXT[o.type.name]}${combine} {`, o.loc));
    for (const r of o.rules) lines.push(withOrigin(`  ${rule(r)}`, r.loc));
    lines.push('}');
  }
  return lines.join('\n') + '\n';
}
