// What changed between two policies (a year and its parent, two saved versions): a list of changes, each with its
// clause. Values are compared as the clerk reads them (formatted parameter values, dates, printed rules).
import type * as A from '../ast.js';
import type { Compiled } from '../compile/compile-policy.js';
import type { Program } from '../check/program.js';
import type { Bilingual } from '../diagnostic.js';
import type { PolicyHeader } from '../model.js';
import { NO_VALUE } from '../compile/compile-policy.js';
import { Engine } from '../evaluate/engine.js';
import { formatValue } from '../evaluate/format.js';
import { declaredType } from '../check/typecheck.js';
import { COMBINE, TYPE, expr, rule } from '../print/index.js';
import { constantDate, periodText } from './describe.js';
import { formatDate } from '../runtime/calendar.js';
import { formatYuan } from '../runtime/money.js';

export type ChangeKind =
  | 'header'
  | 'clause'
  | 'parameter'
  | 'group'
  | 'period'
  | 'deadline'
  | 'outcome'
  | 'rule'
  | 'define'
  | 'flag'
  | 'check'
  | 'household'
  | 'cash-limit'
  | 'input';
export type ChangeOp = 'added' | 'removed' | 'changed';

export interface PolicyChange {
  kind: ChangeKind;
  op: ChangeOp;
  /** What changed: a parameter, group, period … by name; a rule by its outcome's name. */
  name: string;
  /** What kind of declaration changed, for the clerk (参数 Parameter, 规则 Rule …). */
  label: Bilingual;
  /** The old display form, null when added. */
  before: string | null;
  /** The new display form, null when removed. */
  after: string | null;
  /** The clause of the new declaration (of the old one when removed), and the notice's sentence for it. */
  clause?: string;
  clauseText?: string;
}

export interface PolicyDiff {
  before: { path: string; year: number | null };
  after: { path: string; year: number | null };
  changes: PolicyChange[];
}

/** The kinds of change, as the clerk reads them. */
export const CHANGE_KIND: Record<ChangeKind, Bilingual> = {
  header: { zh: '政策信息', en: 'Header' },
  parameter: { zh: '参数', en: 'Parameter' },
  group: { zh: '群体', en: 'Group' },
  period: { zh: '缴费期', en: 'Period' },
  deadline: { zh: '截止日期', en: 'Deadline' },
  outcome: { zh: '结果', en: 'Outcome' },
  rule: { zh: '规则', en: 'Rule' },
  define: { zh: '定义', en: 'Definition' },
  flag: { zh: '标记', en: 'Flag' },
  clause: { zh: '条款原文', en: 'Clause text' },
  check: { zh: '核对', en: 'Check' },
  household: { zh: '整户参保', en: 'Whole household' },
  'cash-limit': { zh: '现金双限', en: 'Cash limits' },
  input: { zh: '输入', en: 'Input' },
};

const HEADER_NAMES: Record<keyof PolicyHeader, string> = {
  title: '标题',
  province: '省',
  city: '市',
  county: '县',
  year: '年度',
  documentNumber: '文号',
  issued: '发文日期',
};

interface Item {
  text: string;
  clause: string | null;
}

/** The changes from `before` to `after`, in the order: header, inputs, parameters, groups, periods, rules. */
export function diffCompiled(before: Compiled, after: Compiled): PolicyDiff {
  const a = before.program,
    b = after.program;
  const changes: PolicyChange[] = [];
  const clauseOf = (id: string | null, p: Program) =>
    id === null ? {} : { clause: id, ...(p.clauses.has(id) ? { clauseText: p.clauses.get(id)! } : {}) };
  /** Compares two maps of display items by name. */
  const compare = (kind: ChangeKind, x: Map<string, Item>, y: Map<string, Item>) => {
    for (const [name, old] of x) {
      const now = y.get(name);
      if (!now)
        changes.push({
          kind,
          label: CHANGE_KIND[kind],
          op: 'removed',
          name,
          before: old.text,
          after: null,
          ...clauseOf(old.clause, a),
        });
      else if (now.text !== old.text)
        changes.push({
          kind,
          label: CHANGE_KIND[kind],
          op: 'changed',
          name,
          before: old.text,
          after: now.text,
          ...clauseOf(now.clause, b),
        });
    }
    for (const [name, now] of y)
      if (!x.has(name))
        changes.push({
          kind,
          label: CHANGE_KIND[kind],
          op: 'added',
          name,
          before: null,
          after: now.text,
          ...clauseOf(now.clause, b),
        });
  };
  compare('header', headerItems(a.header), headerItems(b.header));
  compare('clause', clauseItems(a), clauseItems(b));
  compare('input', inputItems(a), inputItems(b));
  compare('parameter', paramItems(before), paramItems(after));
  compare(
    'group',
    named(a.groups, (g) => g.members.map((m) => m.name).join('、')),
    named(b.groups, (g) => g.members.map((m) => m.name).join('、')),
  );
  compare('period', periodItems(before), periodItems(after));
  compare('deadline', deadlineItems(before), deadlineItems(after));
  compare(
    'define',
    named(a.defines, (d) => expr(d.expr)),
    named(b.defines, (d) => expr(d.expr)),
  );
  compare('flag', flagItems(a.flags), flagItems(b.flags));
  compare('check', checkItems(a), checkItems(b));
  compare('household', householdItems(a), householdItems(b));
  compare('cash-limit', cashLimitItems(a), cashLimitItems(b));
  for (const [name, old] of a.outcomes) {
    const now = b.outcomes.get(name);
    if (!now)
      changes.push({
        kind: 'outcome',
        label: CHANGE_KIND.outcome,
        op: 'removed',
        name,
        before: outcomeText(old),
        after: null,
        ...clauseOf(old.clause?.id ?? null, a),
      });
    else changes.push(...ruleChanges(old, now, a, b));
  }
  for (const [name, now] of b.outcomes)
    if (!a.outcomes.has(name))
      changes.push({
        kind: 'outcome',
        label: CHANGE_KIND.outcome,
        op: 'added',
        name,
        before: null,
        after: outcomeText(now),
        ...clauseOf(now.clause?.id ?? null, b),
      });
  return {
    before: { path: a.path, year: a.header.year ?? null },
    after: { path: b.path, year: b.header.year ?? null },
    changes,
  };

  /** Rules of one outcome, matched by condition: same condition, other text → changed; else added or removed. */
  function ruleChanges(old: A.OutcomeDecl, now: A.OutcomeDecl, pa: Program, pb: Program): PolicyChange[] {
    const out: PolicyChange[] = [];
    const name = old.name.name;
    if (old.combine !== now.combine)
      out.push({
        kind: 'outcome',
        label: CHANGE_KIND.outcome,
        op: 'changed',
        name,
        before: COMBINE[old.combine],
        after: COMBINE[now.combine],
        ...clauseOf(now.clause?.id ?? null, pb),
      });
    const cond = (r: A.Rule) => (r.when ? expr(r.when) : '否则');
    const left = old.rules.map((r) => ({ r, text: rule(r), cond: cond(r), used: false }));
    const right = now.rules.map((r) => ({ r, text: rule(r), cond: cond(r), used: false }));
    // Identical rules first, then rules whose condition stayed and whose value, reason or clause changed.
    for (const y of right) {
      const x = left.find((l) => !l.used && l.text === y.text);
      if (x) x.used = y.used = true;
    }
    const order = (side: typeof left) => side.filter((s) => s.used).map((s) => s.text);
    const reordered = order(left).join('\n') !== order(right).join('\n');
    for (const y of right.filter((s) => !s.used)) {
      const x = left.find((l) => !l.used && l.cond === y.cond);
      if (x) {
        x.used = y.used = true;
        out.push({
          kind: 'rule',
          label: CHANGE_KIND.rule,
          op: 'changed',
          name,
          before: x.text,
          after: y.text,
          ...clauseOf(y.r.clause?.id ?? null, pb),
        });
      } else
        out.push({
          kind: 'rule',
          label: CHANGE_KIND.rule,
          op: 'added',
          name,
          before: null,
          after: y.text,
          ...clauseOf(y.r.clause?.id ?? null, pb),
        });
    }
    for (const x of left.filter((s) => !s.used))
      out.push({
        kind: 'rule',
        label: CHANGE_KIND.rule,
        op: 'removed',
        name,
        before: x.text,
        after: null,
        ...clauseOf(x.r.clause?.id ?? null, pa),
      });
    // Under 优先 the first rule that applies decides: rules in another order are a change even when each is kept.
    if (reordered)
      out.push({
        kind: 'outcome',
        label: CHANGE_KIND.outcome,
        op: 'changed',
        name,
        before: order(left).join('\n'),
        after: order(right).join('\n'),
        ...clauseOf(now.clause?.id ?? null, pb),
      });
    return out;
  }
}

function headerItems(h: PolicyHeader): Map<string, Item> {
  const m = new Map<string, Item>();
  for (const [key, zh] of Object.entries(HEADER_NAMES)) {
    const v = h[key as keyof PolicyHeader];
    if (v !== undefined && v !== null && v !== '') m.set(zh, { text: String(v), clause: null });
  }
  return m;
}

function named<T extends { name: A.Ident; clause: A.ClauseRef | null }>(
  m: Map<string, T>,
  text: (x: T) => string,
): Map<string, Item> {
  return new Map([...m].map(([n, x]) => [n, { text: text(x), clause: x.clause?.id ?? null }]));
}

function inputItems(p: Program): Map<string, Item> {
  return named(p.inputs, (i) => {
    const values = i.type.values ? ` {${i.type.values.map((v) => v.name.name).join('、')}}` : '';
    return `${TYPE[i.type.name] ?? i.type.name}${values}${i.required ? '，必填' : ''}`;
  });
}

/** Each parameter's value as computed (a child's `原值 + 40元` shows as the amount it gives), 无 when unset. */
function paramItems(c: Compiled): Map<string, Item> {
  const p = c.program;
  const engine = new Engine(c);
  const m = new Map<string, Item>();
  c.paramNames.forEach((name, i) => {
    const { decl } = p.params.get(name)!;
    const v = engine.params[i];
    const type = declaredType(p, decl.type, name);
    const text =
      v === (NO_VALUE as unknown) || !decl.value
        ? '（未给值）'
        : type.k === 'money' && typeof v === 'number'
          ? moneyText(v)
          : formatValue(v!, type);
    m.set(name, { text, clause: decl.clause?.id ?? null });
  });
  return m;
}

/** An amount as a policy file writes it: 280元, 12.50元 (exact to the fen). */
const moneyText = (fen: number) => `${formatYuan(fen).replace(/\.00$/, '')}元`;

function periodItems(c: Compiled): Map<string, Item> {
  const date = constantDate(c);
  return named(c.program.periods, (x) => periodText(x, date));
}

function deadlineItems(c: Compiled): Map<string, Item> {
  const date = constantDate(c);
  return named(c.program.deadlines, (x) => {
    const d = date(x.date);
    return d !== undefined ? formatDate(d) : expr(x.date);
  });
}

function flagItems(flags: A.FlagDecl[]): Map<string, Item> {
  return new Map(
    flags.map((f) => [f.name.name, { text: `当 ${expr(f.when)}，消息 “${f.message}”`, clause: f.clause?.id ?? null }]),
  );
}

function outcomeText(o: A.OutcomeDecl): string {
  return o.rules.map(rule).join('\n');
}

/** The notice's sentences by clause id (the change's clause is the id itself). */
function clauseItems(p: Program): Map<string, Item> {
  return new Map([...p.clauses].map(([id, text]) => [id, { text, clause: null }]));
}

/** 核对 (constant and per person), by what they check; a changed message is a change. */
function checkItems(p: Program): Map<string, Item> {
  const m = new Map<string, Item>();
  for (const x of [...p.asserts, ...p.invariants])
    m.set(`${x.each ? '每人 ' : ''}${expr(x.expr)}`, { text: x.message ?? '', clause: x.clause?.id ?? null });
  return m;
}

function householdItems(p: Program): Map<string, Item> {
  const h = p.household;
  if (!h) return new Map();
  const text = `按 ${h.field.name}${h.except ? `，除外 ${expr(h.except)}` : ''}`;
  return new Map([['整户参保', { text, clause: h.clause?.id ?? null }]]);
}

function cashLimitItems(p: Program): Map<string, Item> {
  const c = p.cashLimit;
  if (!c) return new Map();
  return new Map([['现金双限', { text: `${expr(c.amount)} 或 ${expr(c.days)}`, clause: c.clause?.id ?? null }]]);
}
