// Printer: the canonical text of a policy (what `policy fmt` prints). Printing its own output changes nothing,
// and the printed text parses to the same tree. The author's parentheses, the line breaks inside expressions and
// the comments stay where they were: on their own line before a declaration, rule or binding, or at a line's end.
import { formatMoment } from '../runtime/moment.js';
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { parsePolicy } from '../parse/index.js';
import { formatYuan } from '../runtime/money.js';
import { formatDate } from '../runtime/calendar.js';
import { broken, endOf, SourceLayout, startOf, type Comment, type Layout } from './layout.js';

export function formatPolicy(text: string, path: string): { text: string | null; diagnostics: Diagnostic[] } {
  const { file, diagnostics } = parsePolicy(text, path);
  if (!file) return { text: null, diagnostics };
  return { text: new Printer(text).file(file), diagnostics };
}

const PREC: Record<string, number> = {
  or: 1,
  and: 2,
  not: 3,
  compare: 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  neg: 7,
  postfix: 8,
};
const OP_TEXT: Record<string, string> = { and: '且', or: '或', in: '属于', 'not-in': '不属于' };
export const COMBINE: Record<A.Combine, string> = {
  unique: '唯一',
  first: '优先',
  max: '就高',
  min: '就低',
  sum: '合计',
};
const ROLE: Record<A.Role, string> = {
  'id-number': '身份证号',
  name: '姓名',
  township: '乡镇',
  village: '村',
  household: '户号',
  'payment-date': '缴费日期',
  'continuous-years': '连续参保年数',
  'broken-years': '断保年数',
  'back-paid-years': '补缴年数',
  'benefit-last-year': '上年享受待遇',
};
export const TYPE: Record<string, string> = {
  money: '金额',
  date: '日期',
  moment: '时刻',
  duration: '时长',
  percent: '百分比',
  integer: '整数',
  boolean: '是否',
  text: '文本',
  period: '期间',
  timing: '时机',
  'id-number': '身份证',
  category: '类别',
  categories: '类别集',
  table: '表',
};
const HEADER: Record<A.HeaderKey, string> = {
  title: '标题',
  province: '省',
  city: '市',
  county: '县',
  year: '年度',
  documentNumber: '文号',
  issued: '发文日期',
  template: '模板',
};

class Printer {
  private readonly src: SourceLayout;
  constructor(source: string) {
    this.src = new SourceLayout(source);
  }

  /** Own-line comments before `offset` not printed yet, indented. */
  private before(offset: number, indent: string): string[] {
    return this.src.take(0, offset).map((c) => indent + c.text);
  }

  /**
   * Lines printed for a node at [start, end), with the comments the author wrote inside it or after it on its last
   * line: those at a line's end stay there, the others go on their own line before it.
   */
  private placed(lines: string[], start: number, end: number, indent: string): string[] {
    const rest = this.src.take(start, this.src.lineEnd(end));
    const own = rest.filter((c: Comment) => !c.trailing).map((c) => indent + c.text);
    const trailing = rest.filter((c: Comment) => c.trailing).map((c) => c.text);
    if (trailing.length) lines[lines.length - 1] += `  ${trailing.join('  ')}`;
    return [...own, ...lines];
  }

  /** An expression as the author laid it out; continued lines four spaces in from `indent`. */
  private x(e: A.Expr, indent = ''): string {
    return expr(e, undefined, this.src.layout(`${indent}    `));
  }

  file(f: A.PolicyFile): string {
    const lines: string[] = [];
    let prevKind: string | null = null;
    let prevEnd = 0;
    for (const item of f.items) {
      const comments = this.before(item.loc.start.offset, '');
      const kept = prevKind !== null && this.src.blankBetween(prevEnd, item.loc.start.offset);
      const blank = prevKind !== null && (kept || BLOCK.has(item.kind) || BLOCK.has(prevKind));
      if (blank) lines.push('');
      lines.push(...comments, ...this.placed(this.item(item), item.loc.start.offset, item.loc.end.offset, ''));
      prevKind = item.kind;
      prevEnd = item.loc.end.offset;
    }
    const first = this.src.comments.find((c) => !c.used);
    const tail = this.before(Infinity, '');
    if (tail.length && lines.length > 0 && this.src.blankBetween(prevEnd, first!.offset)) lines.push('');
    lines.push(...tail);
    return lines.join('\n') + '\n';
  }

  private item(i: A.Item): string[] {
    const clause = (c: A.ClauseRef | null) => (c ? `，条款 ${c.id}` : '');
    switch (i.kind) {
      case 'header':
        return [
          '政策 {',
          ...i.fields.flatMap((f) => [
            ...this.before(f.loc.start.offset, '  '),
            ...this.placed([`  ${HEADER[f.key]}：${lineText(f.value)}`], f.loc.start.offset, f.loc.end.offset, '  '),
          ]),
          ...this.before(i.loc.end.offset, '  '),
          '}',
        ];
      case 'extends':
        return [`继承 ${quote(i.path)}`];
      case 'clause':
        return [`条款 ${i.id.id}：${lineText(i.text)}`];
      case 'input': {
        const attrs = [
          i.required ? '必填' : '',
          i.role ? `用作 ${ROLE[i.role]}` : '',
          i.columns.length ? `列 ${i.columns.map(quote).join(', ')}` : '',
          i.clause ? `条款 ${i.clause.id}` : '',
          i.default ? `缺省 ${this.x(i.default)}` : '',
        ].filter(Boolean);
        const type = this.type(i.type, '');
        const [first, ...rest] = type;
        const head = `输入 ${i.name.name}：${first}`;
        if (rest.length === 0) return [[head, ...attrs].join('，')];
        rest[rest.length - 1] = [rest[rest.length - 1]!, ...attrs].join('，');
        return [head, ...rest];
      }
      case 'param':
        return this.typed(
          `参数 ${i.name.name}：`,
          i.type,
          `${i.value ? ` = ${this.x(i.value)}` : ''}${i.default ? `，缺省 ${this.x(i.default)}` : ''}${clause(i.clause)}`,
        );
      case 'group':
        return [`群体 ${i.name.name} = {${i.members.map((m) => categoryName(m.name)).join(', ')}}${clause(i.clause)}`];
      case 'define':
        return [`定义 ${i.name.name} = ${this.x(i.expr)}${clause(i.clause)}`];
      case 'outcome': {
        // 合并 唯一 is the default: kept where the author wrote it.
        const head = this.src.source.slice(i.loc.start.offset, i.rules[0]?.loc.start.offset ?? i.loc.end.offset);
        const unique = /(合并|combine)\s*(唯一|unique)/.test(head.replace(/(#|\/\/)[^\n]*/g, ''));
        const attrs = [
          i.combine !== 'unique' || unique ? `合并 ${COMBINE[i.combine]}` : '',
          i.clause ? `条款 ${i.clause.id}` : '',
        ].filter(Boolean);
        const lines = this.typed(`结果 ${i.name.name}：`, i.type, `${attrs.map((a) => `，${a}`).join('')} {`);
        for (const r of i.rules) {
          lines.push(...this.before(r.loc.start.offset, '  '));
          const label = r.label != null ? `，标签 ${quote(r.label)}` : '';
          const payer = r.payer ? `，主体 ${quote(r.payer.text)}` : '';
          const tail = `${r.reason !== null ? `，原因 ${quote(r.reason)}` : ''}${payer}${clause(r.clause)}${label}`;
          const head = r.when ? `当 ${this.x(r.when, '  ')}` : '否则';
          const line = [`  ${head}：${this.x(r.value, '  ')}${tail}`];
          lines.push(...this.placed(line, r.loc.start.offset, r.loc.end.offset, '  '));
        }
        lines.push(...this.before(i.loc.end.offset, '  '), '}');
        return lines;
      }
      case 'flag':
        return [`标记 ${i.name.name} 当 ${this.x(i.when)}，消息 ${quote(i.message)}${clause(i.clause)}`];
      case 'assert':
        return [
          `核对 ${i.each ? '每人 ' : ''}${this.x(i.expr)}${i.message !== null ? `，消息 ${quote(i.message)}` : ''}${clause(i.clause)}`,
        ];
      case 'household':
        return [`整户参保 按 ${i.field.name}${i.except ? `，除外 ${this.x(i.except)}` : ''}${clause(i.clause)}`];
      case 'targets':
        return [
          `目标 按 ${i.field.name}${clause(i.clause)} {`,
          ...i.entries.map((e) => `  ${e.name} ${e.value}`),
          ...(i.total !== null ? [`  合计 ${i.total}`] : []),
          '}',
        ];
      case 'goal':
        return [`参保率目标 ${i.group ? i.group.name + ' ' : ''}${i.rate / 100}%${clause(i.clause)}`];
      case 'period':
        return [`缴费期 ${i.name.name} = ${this.x(i.start)} 至 ${this.x(i.end)}${clause(i.clause)}`];
      case 'deadline':
        return [`期限 ${i.name.name} = ${this.x(i.date)}${clause(i.clause)}`];
      case 'cash-limit':
        return [`现金双限 ${this.x(i.amount)} 或 ${this.x(i.days)}${clause(i.clause)}`];
      case 'param-value':
        return [`参数 ${i.name.name} = ${this.x(i.value)}${clause(i.clause)}`];
      case 'extend-outcome':
        return amendmentLines(i, (offset) => this.before(offset, '  '));
      case 'example': {
        const lines = [`例子 ${quote(i.name)} {`];
        if (i.year) lines.push(...this.before(i.year.loc.start.offset, '  '), `  年度：${i.year.value}`);
        const binding = (b: A.Binding) => `${b.name.name}：${this.x(b.value, '  ')}`;
        for (const b of i.inputs) {
          lines.push(...this.before(b.loc.start.offset, '  '));
          lines.push(...this.placed([`  ${binding(b)}`], b.loc.start.offset, b.loc.end.offset, '  '));
        }
        if (i.params.length) lines.push(`  参数 { ${i.params.map(binding).join('  ')} }`);
        if (i.expect.length) lines.push(`  期望 { ${i.expect.map(binding).join('  ')} }`);
        lines.push(...this.before(i.loc.end.offset, '  '), '}');
        return lines;
      }
      case 'type-decl':
        return this.typed(`类型 ${i.name.name} = `, i.type, clause(i.clause));
      case 'summary':
        return [`汇总 按 ${i.by.map((b) => b.name).join('，')}${clause(i.clause)}`];
    }
  }

  /** `head` and a type (over several lines where the author wrote a category list so), then `tail`. */
  private typed(head: string, t: A.TypeExpr, tail: string): string[] {
    const [first, ...rest] = this.type(t, '');
    if (rest.length === 0) return [`${head}${first}${tail}`];
    rest[rest.length - 1] += tail;
    return [`${head}${first}`, ...rest];
  }

  /** A type; a category list on one line where the author wrote it so, else one value a line with its comments. */
  private type(t: A.TypeExpr, indent: string): string[] {
    if (t.name === 'named') return [t.ref!.name];
    if (t.name === 'table') return [`表 ${TYPE[t.key!.name]} -> ${TYPE[t.value!.name]}`];
    if (!t.values) return [TYPE[t.name]!];
    const value = (v: A.CategoryValueDecl) =>
      v.aliases.length
        ? `${categoryName(v.name.name)}（别名 ${v.aliases.map(alias).join('、')}）`
        : categoryName(v.name.name);
    const { start, end } = t.loc;
    if (!this.src.source.slice(start.offset, end.offset).includes('\n'))
      return [`${TYPE[t.name]} { ${t.values.map(value).join('，')} }`];
    const inner = `${indent}  `;
    return [
      `${TYPE[t.name]} {`,
      ...t.values.flatMap((v, k) => [
        ...this.before(v.loc.start.offset, inner),
        ...this.placed(
          [`${inner}${value(v)}${k < t.values!.length - 1 ? '，' : ''}`],
          v.loc.start.offset,
          v.loc.end.offset,
          inner,
        ),
      ]),
      ...this.before(end.offset, inner),
      `${indent}}`,
    ];
  }
}

const BLOCK = new Set(['header', 'outcome', 'targets', 'example', 'extend-outcome']);

/** One rule as written in an outcome: `当 条件：值，原因 "…"，条款 X，标签 "…"`. */
export function rule(r: A.Rule): string {
  const tail = `${r.reason !== null ? `，原因 ${quote(r.reason)}` : ''}${r.clause ? `，条款 ${r.clause.id}` : ''}`;
  const label = r.label != null ? `，标签 ${quote(r.label)}` : '';
  return `${r.when ? `当 ${expr(r.when)}` : '否则'}：${expr(r.value)}${tail}${label}`;
}

function target(t: A.RuleTarget): string {
  return t.kind === 'clause' ? `条款 ${t.id}` : t.kind === 'label' ? `标签 ${quote(t.id)}` : '否则';
}

/** `扩展 结果 名 { … }`, one amendment a line, comments kept before the amendment they preceded. */
function amendmentLines(i: A.ExtendOutcomeDecl, before: (offset: number) => string[]): string[] {
  const lines = [`扩展 结果 ${i.name.name} {`];
  for (const a of i.amendments) {
    lines.push(...before(a.loc.start.offset));
    if (a.op === 'remove') lines.push(`  删除 ${target(a.target)}`);
    else if (a.op === 'add') lines.push(`  增加 ${a.front ? '在前 ' : ''}${rule(a.rule)}`);
    else if (a.target.kind === 'otherwise' && a.rule.when === null) lines.push(`  替换 ${rule(a.rule)}`);
    else lines.push(`  替换 ${target(a.target)}：${rule(a.rule)}`);
  }
  lines.push(...before(i.loc.end.offset), '}');
  return lines;
}

/** A category value as written in a list: a word, or quoted when it holds other characters (「区(县)」). */
function categoryName(name: string): string {
  return /^[A-Za-z_\u2160-\u217F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF][A-Za-z0-9_\u2160-\u217F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]*$/.test(
    name,
  )
    ? name
    : quote(name);
}

function alias(a: string): string {
  return /^[A-Za-z0-9_\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$/.test(a) ? a : quote(a);
}

/** Text the grammar reads to the end of the line, or quoted when it could not be. */
function lineText(s: string): string {
  return s !== '' && !/[#}｝\r\n]/.test(s) && s === s.trim() && !/^["“「]/.test(s) ? s : quote(s);
}

function quote(s: string): string {
  if (!/["\r\n]/.test(s)) return `"${s}"`;
  if (!/[”\r\n]/.test(s)) return `“${s}”`;
  return `「${s}」`;
}

function precedence(e: A.Expr): number {
  switch (e.kind) {
    case 'binary':
      return e.op === 'and' || e.op === 'or'
        ? PREC[e.op]!
        : ['+', '-', '*', '/'].includes(e.op)
          ? PREC[e.op]!
          : PREC.compare!;
    case 'not':
      return PREC.not!;
    case 'neg':
      return PREC.neg!;
    case 'if':
      return 0;
    default:
      return PREC.postfix!;
  }
}

function money(fen: number): string {
  const y = formatYuan(fen);
  return (y.endsWith('.00') ? y.slice(0, -3) : y) + '元';
}

/** A node written its own way (the explanation writes names as their values); null keeps the usual text. */
export type Leaf = (e: A.Expr) => string | null | undefined;

/**
 * An expression's text, with the author's parentheses. `leaf`, where given, may write a node its own way
 * (`较大(250.00元 - 0.00元, 0元)`); `layout`, where given, keeps the author's line breaks and the comments in them.
 */
export function expr(e: A.Expr, leaf?: Leaf, layout?: Layout): string {
  const own = leaf?.(e);
  if (own != null) return e.paren ? `(${own})` : own;
  // Lines continued inside the author's parentheses go one step further in.
  const text = bare(e, leaf, e.paren ? deeper(layout) : layout);
  return e.paren ? `(${text})` : text;
}

function deeper(layout: Layout | undefined): Layout | undefined {
  return layout && { ...layout, indent: `${layout.indent}    ` };
}

function bare(e: A.Expr, leaf?: Leaf, layout?: Layout): string {
  const sub = (x: A.Expr) => expr(x, leaf, layout);
  // Brackets the printer adds indent continued lines as the author's do, so the printed text prints the same again.
  const wrap = (x: A.Expr, min: number) =>
    precedence(x) < min && !x.paren ? `(${expr(x, leaf, deeper(layout))})` : sub(x);
  // 如果 … 否则 … last in an operation reads to its end unbracketed, as the author wrote it.
  const last = (x: A.Expr, min: number) => (x.kind === 'if' ? sub(x) : wrap(x, min));
  /** `a op b`, broken as the author broke it. */
  const join = (a: A.Expr, aText: string, op: string, b: A.Expr, bText: string) => {
    const g = layout?.gap(endOf(a), startOf(b));
    return g?.broken ? broken(aText, op, bText, g, layout!.indent) : `${aText} ${op} ${bText}`;
  };
  switch (e.kind) {
    case 'money':
      return e.fen < 0 ? `-${money(-e.fen)}` : money(e.fen);
    case 'date':
      return formatDate(e.days);
    case 'moment':
      return formatMoment(e.minutes);
    case 'duration':
      return `${e.amount}${e.unit === 'day' ? '日' : e.unit === 'month' ? '个月' : '年'}`;
    case 'percent':
      return `${e.hundredths / 100}%`;
    case 'integer':
      return String(e.value);
    case 'boolean':
      return e.value ? '是' : '否';
    case 'text':
      return quote(e.value);
    case 'none':
      return '无';
    case 'timing':
      return e.word ?? (e.value === 'upfront' ? '缴费时抵扣' : e.value === 'waived' ? '免征代缴' : '先缴后补');
    case 'base':
      return '原值';
    case 'name':
      return e.name;
    case 'set':
      return `{${e.items.map((i) => categoryName(i.name)).join(', ')}}`;
    case 'table':
      return `{${e.entries.map((x) => `${sub(x.key)}: ${sub(x.value)}`).join(', ')}}`;
    case 'not':
      return `非 ${last(e.operand, PREC.not!)}`;
    case 'neg':
      return `-${last(e.operand, PREC.neg!)}`;
    case 'call': {
      let args = '';
      const inner = deeper(layout);
      e.args.forEach((a, k) => {
        const text = expr(a, leaf, inner);
        if (k === 0) args = text;
        else {
          const g = layout?.gap(endOf(e.args[k - 1]!), startOf(a));
          args = g?.broken ? broken(args, ',', text, g, inner!.indent) : `${args}, ${text}`;
        }
      });
      return `${e.fn.name}(${args})`;
    }
    case 'index':
      return `${wrap(e.target, PREC.postfix!)}[${sub(e.key)}]`;
    case 'attribute':
      return `主体(${e.outcome.name})`;
    case 'if': {
      const head = join(e.cond, `如果 ${sub(e.cond)}`, '则', e.then, sub(e.then));
      return join(e.then, head, '否则', e.else, sub(e.else));
    }
    case 'binary': {
      const p = precedence(e);
      const compare = p === PREC.compare;
      // Left-associative: the right operand of a same-precedence operator needs parentheses; comparisons do not chain.
      const left = wrap(e.left, compare ? p + 1 : p);
      const right = last(e.right, p + 1);
      return join(e.left, left, OP_TEXT[e.op] ?? e.op, e.right, right);
    }
  }
}
