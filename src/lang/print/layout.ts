// The author's layout the printer keeps: comments where they were (on their own line before a declaration, rule or
// binding, or at the end of a line), and line breaks inside long expressions.
import type * as A from '../ast.js';

export interface Comment {
  offset: number;
  text: string;
  /** Written after code on its line (`定义 x = 1  # 说明`), not on a line of its own. */
  trailing: boolean;
  used: boolean;
}

/** How the author wrote the gap between two parts of an expression (an operator, 则/否则, or a comma). */
export interface Gap {
  /** The gap holds a line break. */
  broken: boolean;
  /** The break comes before the operator (`\n 且 b`), not after it (`a 且\n b`). */
  opFirst: boolean;
  comments: Comment[];
}

/** What the expression printer asks of the source: the author's gaps, and the indent of continued lines. */
export interface Layout {
  gap(from: number, to: number): Gap;
  indent: string;
}

/** Finds comments outside quoted text, as the grammar reads them. */
export function scanComments(text: string): Comment[] {
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
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      out.push({
        offset: i,
        text: text.slice(i, end < 0 ? text.length : end).trimEnd(),
        trailing: text.slice(lineStart, i).trim() !== '',
        used: false,
      });
      i = end < 0 ? text.length : end;
    }
  }
  return out;
}

export class SourceLayout {
  readonly comments: Comment[];
  constructor(readonly source: string) {
    this.comments = scanComments(source);
  }

  /** Comments not yet printed that start in [from, to), now marked printed. */
  take(from: number, to: number): Comment[] {
    const out: Comment[] = [];
    for (const c of this.comments)
      if (!c.used && c.offset >= from && c.offset < to) {
        c.used = true;
        out.push(c);
      }
    return out;
  }

  /** The end of the line `offset` is on. */
  lineEnd(offset: number): number {
    const nl = this.source.indexOf('\n', offset);
    return nl < 0 ? this.source.length : nl;
  }

  /** Whether the text between `from` and `to` holds an empty line. */
  blankBetween(from: number, to: number): boolean {
    return /\n[ \t\u3000]*\r?\n/.test(this.source.slice(from, to));
  }

  gap(from: number, to: number): Gap {
    if (!(from < to)) return { broken: false, opFirst: false, comments: [] };
    const text = this.source.slice(from, to);
    // Comments blanked out; closing brackets of the left part are not the operator.
    const plain = text.replace(/(#|\/\/)[^\n]*/g, (m) => ' '.repeat(m.length));
    const nl = plain.indexOf('\n');
    if (nl < 0) return { broken: false, opFirst: false, comments: [] };
    const op = plain.search(/[^\s)）\]]/);
    return { broken: true, opFirst: op < 0 || nl < op, comments: this.take(from, to) };
  }

  layout(indent: string): Layout {
    return { gap: (a, b) => this.gap(a, b), indent };
  }
}

/** Where an expression's own text ends (a chain's node spans the whole chain: its right part says where it ends). */
export function endOf(e: A.Expr): number {
  switch (e.kind) {
    case 'binary':
      return endOf(e.right);
    case 'index':
      return endOf(e.key);
    default:
      return e.loc.end.offset;
  }
}

/** Where an expression's own text starts. */
export function startOf(e: A.Expr): number {
  switch (e.kind) {
    case 'binary':
      return startOf(e.left);
    case 'index':
      return startOf(e.target);
    default:
      return e.loc.start.offset;
  }
}

/** `left op right` as the author broke it: the operator before or after the break, comments kept in the gap. */
export function broken(left: string, op: string, right: string, g: Gap, indent: string): string {
  let s = g.opFirst || op === '' ? left : `${left} ${op}`;
  if (op === ',') s = g.opFirst ? left : `${left},`;
  for (const c of g.comments) s += c.trailing ? `  ${c.text}` : `\n${indent}${c.text}`;
  const lead = g.opFirst && op !== '' ? (op === ',' ? ', ' : `${op} `) : '';
  return `${s}\n${indent}${lead}${right}`;
}
