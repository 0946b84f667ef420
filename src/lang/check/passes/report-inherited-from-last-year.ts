// Reports each dated value, period and amount a `继承` file takes over unchanged from last year's file, for the clerk to confirm.
import type * as A from '../../ast.js';
import type { Diagnostic } from '../../diagnostic.js';
import type { Pass } from './pass.js';
import type { Program } from '../program.js';
import { diag } from '../merge.js';

/** What kind of value it is, for the message. */
const WHAT = {
  param: ['参数', 'Parameter'],
  period: ['缴费期', 'Period'],
  deadline: ['期限', 'Deadline'],
  cash: ['现金双限', 'Cash limit'],
  targets: ['目标任务', 'Targets'],
  goal: ['参保率目标', 'Participation goal'],
  define: ['定义', 'Definition'],
  outcome: ['结果', 'Outcome'],
  year: ['政策年度', 'Policy year'],
} as const;

interface Inherited {
  what: keyof typeof WHAT;
  name: string;
  /** The declaration in the parent file. */
  at: A.Loc;
  /** Its value as written there. */
  value: string;
}

export const reportInheritedFromLastYear: Pass = ({ program: p, report }) => {
  const at = p.extendsAt;
  if (!at) return;
  const own = (loc: A.Loc) => loc.source === p.path;
  const text = (...locs: A.Loc[]) => locs.map((loc) => sourceText(p, loc)).join('、');
  const found: Inherited[] = [];
  // A template's values are not last year's: the inheriting file is the first to state the year's values.
  const fromTemplate = (loc: A.Loc) => p.templateFiles?.has(loc.source) ?? false;
  const add = (what: Inherited['what'], name: string, decl: A.Loc, value: string) => {
    if (!own(decl) && !fromTemplate(decl)) found.push({ what, name, at: decl, value });
  };
  for (const { decl } of p.params.values())
    if (decl.value) add('param', decl.name.name, decl.loc, text(decl.value.loc));
  for (const x of p.periods.values()) add('period', x.name.name, x.loc, text(x.start.loc, x.end.loc));
  for (const x of p.deadlines.values()) add('deadline', x.name.name, x.loc, text(x.date.loc));
  const cash = p.cashLimit;
  if (cash) add('cash', '现金双限', cash.loc, text(cash.amount.loc, cash.days.loc));
  const t = p.targets;
  if (t)
    add(
      'targets',
      t.field.name,
      t.loc,
      `${t.entries.length} × ${t.field.name}${t.total !== null ? `, ∑ ${t.total}` : ''}`,
    );
  for (const g of p.goals) add('goal', g.group?.name ?? '全县', g.loc, `${g.rate / 100}%`);
  // Definitions and outcomes matter when they write a date or an amount themselves (`2020-12-31`, `100元`).
  for (const d of p.defines.values()) {
    const literals = datesAndAmounts(d.expr);
    if (literals.length) add('define', d.name.name, d.loc, text(...literals));
  }
  for (const o of p.outcomes.values()) {
    const literals = datesAndAmounts(o.rules).filter((l) => !own(l)); // an amended outcome: the inherited rules'
    if (literals.length) add('outcome', o.name.name, literals[0]!, text(...literals));
  }
  if (p.yearAt) add('year', '年度', p.yearAt, String(p.header.year));
  found.sort((a, b) => a.at.source.localeCompare(b.at.source) || a.at.start.offset - b.at.start.offset);
  for (const x of found) report(warning(at, x));
};

const sourceText = (p: Program, loc: A.Loc) =>
  (p.sources.get(loc.source) ?? '').slice(loc.start.offset, loc.end.offset).replace(/\s+/g, ' ').trim();

/** Locations of every date and non-zero amount literal under an AST node (`0元` says “nothing”, not a yearly amount). */
function datesAndAmounts(node: unknown, out: A.Loc[] = []): A.Loc[] {
  if (Array.isArray(node)) for (const n of node) datesAndAmounts(n, out);
  else if (node && typeof node === 'object') {
    const n = node as { kind?: unknown; loc?: A.Loc; fen?: unknown };
    if ((n.kind === 'date' || (n.kind === 'money' && n.fen !== 0)) && n.loc) out.push(n.loc);
    else for (const [k, v] of Object.entries(node)) if (k !== 'loc') datesAndAmounts(v, out);
  }
  return out;
}

const HINT = {
  zh: '在本文件中重写此项（数值不变也写一遍）即表示已确认',
  en: 'Restate it in this file (even with the same value) to confirm it',
};

function warning(at: A.Loc, x: Inherited): Diagnostic {
  const value = x.value;
  const [what, whatEn] = WHAT[x.what];
  const file = x.at.source.split('/').pop()!;
  const d = diag(
    'inherited-from-last-year',
    at,
    {
      what,
      whatEn,
      name: x.name,
      file,
      line: x.at.start.line,
      value: value.length > 60 ? `${value.slice(0, 59)}…` : value,
    },
    'warning',
  );
  d.hint = HINT;
  return d;
}
