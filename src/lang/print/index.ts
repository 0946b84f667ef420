// Printer: the canonical text of a policy (what `policy fmt` prints). Printing its own output changes nothing,
// and the printed text parses to the same tree. Comments are kept, each before the declaration or rule it preceded.
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { parsePolicy } from '../parse/index.js';
import { formatYuan } from '../runtime/money.js';
import { formatDate } from '../runtime/calendar.js';

export function formatPolicy(text: string, path: string): { text: string | null; diagnostics: Diagnostic[] } {
  const { file, diagnostics } = parsePolicy(text, path);
  if (!file) return { text: null, diagnostics };
  return { text: new Printer(text).file(file), diagnostics };
}

interface Comment {
  offset: number;
  text: string;
}

/** Finds comments outside quoted text, as the grammar reads them. */
function scanComments(text: string): Comment[] {
  const out: Comment[] = [];
  const closers: Record<string, string> = { '"': '"', '“': '”', '「': '」' };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const close = closers[ch];
    if (close) {
      const j = text.indexOf(close, i + 1);
      const nl = ch === '「' ? -1 : text.indexOf('\n', i + 1);
      if (j > 0 && (nl < 0 || j < nl)) {
        i = j;
        continue;
      }
    }
    if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      out.push({ offset: i, text: text.slice(i, end < 0 ? text.length : end).trimEnd() });
      i = end < 0 ? text.length : end;
    }
  }
  return out;
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
const COMBINE: Record<A.Combine, string> = { unique: '唯一', first: '优先', max: '就高', min: '就低', sum: '合计' };
const ROLE: Record<A.Role, string> = {
  'id-number': '身份证号',
  name: '姓名',
  township: '乡镇',
  village: '村',
  household: '户号',
  'payment-date': '缴费日期',
};
const TYPE: Record<string, string> = {
  money: '金额',
  date: '日期',
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
};

class Printer {
  private comments: Comment[];
  private next = 0;
  constructor(source: string) {
    this.comments = scanComments(source);
  }

  /** Comments that start before `offset` and have not been printed. */
  private before(offset: number, indent: string): string[] {
    const out: string[] = [];
    while (this.next < this.comments.length && this.comments[this.next]!.offset < offset)
      out.push(indent + this.comments[this.next++]!.text);
    return out;
  }

  file(f: A.PolicyFile): string {
    const lines: string[] = [];
    let prevKind: string | null = null;
    for (const item of f.items) {
      const comments = this.before(item.loc.start.offset, '');
      const blank = prevKind !== null && (prevKind !== item.kind || comments.length > 0 || BLOCK.has(item.kind));
      if (blank) lines.push('');
      lines.push(...comments, ...this.item(item));
      prevKind = item.kind;
    }
    const tail = this.before(Infinity, '');
    if (tail.length) lines.push('', ...tail);
    return lines.join('\n') + '\n';
  }

  private item(i: A.Item): string[] {
    const clause = (c: A.ClauseRef | null) => (c ? `，条款 ${c.id}` : '');
    switch (i.kind) {
      case 'header':
        return ['政策 {', ...i.fields.map((f) => `  ${HEADER[f.key]}：${lineText(f.value)}`), '}'];
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
        ].filter(Boolean);
        const type = this.type(i.type);
        const [first, ...rest] = type;
        const head = `输入 ${i.name.name}：${first}`;
        if (rest.length === 0) return [[head, ...attrs].join('，')];
        rest[rest.length - 1] = [rest[rest.length - 1]!, ...attrs].join('，');
        return [head, ...rest];
      }
      case 'param':
        return [
          `参数 ${i.name.name}：${this.type(i.type).join(' ')}${i.value ? ` = ${expr(i.value)}` : ''}${clause(i.clause)}`,
        ];
      case 'group':
        return [`群体 ${i.name.name} = {${i.members.map((m) => m.name).join(', ')}}${clause(i.clause)}`];
      case 'define':
        return [`定义 ${i.name.name} = ${expr(i.expr)}${clause(i.clause)}`];
      case 'outcome': {
        const attrs = [
          i.combine !== 'unique' ? `合并 ${COMBINE[i.combine]}` : '',
          i.clause ? `条款 ${i.clause.id}` : '',
        ].filter(Boolean);
        const lines = [`结果 ${[`${i.name.name}：${this.type(i.type).join(' ')}`, ...attrs].join('，')} {`];
        for (const r of i.rules) {
          lines.push(...this.before(r.loc.start.offset, '  '));
          const payer = r.payer ? `，主体 ${quote(r.payer.text)}` : '';
          const tail = `${r.reason !== null ? `，原因 ${quote(r.reason)}` : ''}${payer}${clause(r.clause)}`;
          lines.push(`  ${r.when ? `当 ${expr(r.when)}` : '否则'}：${expr(r.value)}${tail}`);
        }
        lines.push(...this.before(i.loc.end.offset, '  '), '}');
        return lines;
      }
      case 'flag':
        return [`标记 ${i.name.name} 当 ${expr(i.when)}，消息 ${quote(i.message)}${clause(i.clause)}`];
      case 'assert':
        return [
          `核对 ${i.each ? '每人 ' : ''}${expr(i.expr)}${i.message !== null ? `，消息 ${quote(i.message)}` : ''}${clause(i.clause)}`,
        ];
      case 'household':
        return [`整户参保 按 ${i.field.name}${i.except ? `，除外 ${expr(i.except)}` : ''}${clause(i.clause)}`];
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
        return [`缴费期 ${i.name.name} = ${expr(i.start)} 至 ${expr(i.end)}${clause(i.clause)}`];
      case 'deadline':
        return [`期限 ${i.name.name} = ${expr(i.date)}${clause(i.clause)}`];
      case 'cash-limit':
        return [`现金双限 ${expr(i.amount)} 或 ${expr(i.days)}${clause(i.clause)}`];
      case 'example': {
        const lines = [`例子 ${quote(i.name)} {`];
        const binding = (b: A.Binding) => `${b.name.name}：${expr(b.value)}`;
        for (const b of i.inputs) lines.push(...this.before(b.loc.start.offset, '  '), `  ${binding(b)}`);
        if (i.params.length) lines.push(`  参数 { ${i.params.map(binding).join('  ')} }`);
        if (i.expect.length) lines.push(`  期望 { ${i.expect.map(binding).join('  ')} }`);
        lines.push(...this.before(i.loc.end.offset, '  '), '}');
        return lines;
      }
    }
  }

  private type(t: A.TypeExpr): string[] {
    if (t.name === 'table') return [`表 ${TYPE[t.key!.name]} -> ${TYPE[t.value!.name]}`];
    if (!t.values) return [TYPE[t.name]!];
    const value = (v: A.CategoryValueDecl) =>
      v.aliases.length ? `${v.name.name}（别名 ${v.aliases.map(alias).join('、')}）` : v.name.name;
    return [
      `${TYPE[t.name]} {`,
      ...t.values.map((v, k) => `  ${value(v)}${k < t.values!.length - 1 ? '，' : ''}`),
      '}',
    ];
  }
}

const BLOCK = new Set(['header', 'outcome', 'targets', 'example']);

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

export function expr(e: A.Expr): string {
  const wrap = (x: A.Expr, min: number) => (precedence(x) < min ? `(${expr(x)})` : expr(x));
  switch (e.kind) {
    case 'money':
      return e.fen < 0 ? `-${money(-e.fen)}` : money(e.fen);
    case 'date':
      return formatDate(e.days);
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
      return e.value === 'upfront' ? '缴费时抵扣' : e.value === 'waived' ? '免征代缴' : '先缴后补';
    case 'base':
      return '原值';
    case 'name':
      return e.name;
    case 'set':
      return `{${e.items.map((i) => i.name).join(', ')}}`;
    case 'table':
      return `{${e.entries.map((x) => `${expr(x.key)}: ${expr(x.value)}`).join(', ')}}`;
    case 'not':
      return `非 ${wrap(e.operand, PREC.not!)}`;
    case 'neg':
      return `-${wrap(e.operand, PREC.neg!)}`;
    case 'call':
      return `${e.fn.name}(${e.args.map(expr).join(', ')})`;
    case 'index':
      return `${wrap(e.target, PREC.postfix!)}[${expr(e.key)}]`;
    case 'attribute':
      return `主体(${e.outcome.name})`;
    case 'if':
      return `如果 ${expr(e.cond)} 则 ${expr(e.then)} 否则 ${expr(e.else)}`;
    case 'binary': {
      const p = precedence(e);
      const compare = p === PREC.compare;
      // Left-associative: the right operand of a same-precedence operator needs parentheses; comparisons do not chain.
      const left = wrap(e.left, compare ? p + 1 : p);
      const right = wrap(e.right, p + 1);
      return `${left} ${OP_TEXT[e.op] ?? e.op} ${right}`;
    }
  }
}
