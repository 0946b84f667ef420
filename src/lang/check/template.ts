// Messages and reasons that insert values: `消息 "缴费日期 {缴费日期} 早于 {开始(集中缴费期)}"`. Each `{…}` is an
// expression, parsed and located where it stands in the policy file; `{{` and `}}` are literal braces.
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { parseValue } from '../parse/index.js';
import { diag } from './merge.js';
import { message } from './messages.js';

/** A message's pieces: literal text and the expressions whose values go between them. */
export type Template = (string | A.Expr)[];

/** Whether `text` needs reading as a template (it has a brace). */
export const isTemplate = (text: string): boolean => /[{}]/.test(text);

/** Where `text` starts inside the declaration at `loc` (the first place it is written there), else the declaration. */
export function locateText(source: string | undefined, loc: A.Loc, text: string): A.Point {
  const span = source?.slice(loc.start.offset, loc.end.offset) ?? '';
  const at = span.indexOf(text);
  if (at < 0) return loc.start;
  let { line, column } = loc.start;
  for (let i = 0; i < at; i++) {
    if (span[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { offset: loc.start.offset + at, line, column };
}

/** Moves a location found in a piece of text starting at `base` (on one line) to where it is in the file. */
function shift(p: A.Point, base: A.Point): A.Point {
  return {
    offset: base.offset + p.offset,
    line: base.line + p.line - 1,
    column: p.line === 1 ? base.column + p.column - 1 : p.column,
  };
}

function relocate(node: unknown, base: A.Point, file: string): void {
  if (Array.isArray(node)) for (const x of node) relocate(x, base, file);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'loc') {
        const l = v as A.Loc;
        (node as { loc: A.Loc }).loc = { source: file, start: shift(l.start, base), end: shift(l.end, base) };
      } else relocate(v, base, file);
    }
  }
}

/** Reads `text` (written at `at` in `file`) into a template, reporting unbalanced braces and bad expressions. */
export function parseTemplate(text: string, at: A.Point, file: string, diagnostics: Diagnostic[]): Template | null {
  const parts: Template = [];
  let literal = '';
  let ok = true;
  const pointAt = (i: number): A.Point => shift({ offset: i, line: 1, column: i + 1 }, at);
  const locAt = (i: number, j: number): A.Loc => ({ source: file, start: pointAt(i), end: pointAt(j) });
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      literal += ch;
      i++;
      continue;
    }
    if (ch === '}') {
      diagnostics.push(diag('message-brace', locAt(i, i + 1)));
      ok = false;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      continue;
    }
    const close = text.indexOf('}', i + 1);
    const open = text.indexOf('{', i + 1);
    if (close < 0 || (open >= 0 && open < close)) {
      diagnostics.push(diag('message-brace', locAt(i, i + 1)));
      ok = false;
      continue;
    }
    const inner = text.slice(i + 1, close);
    const lead = inner.length - inner.trimStart().length;
    const { expr, diagnostics: found } = parseValue(inner, file);
    if (!expr) {
      const why = found[0]?.message ?? { zh: '', en: '' };
      const d = diag('message-expression', locAt(i + 1 + lead, close), { text: inner.trim(), why: why.zh });
      d.message.en = message('message-expression', { text: inner.trim(), why: why.en }).en;
      diagnostics.push(d);
      ok = false;
    } else {
      relocate(expr, pointAt(i + 1 + lead), file);
      if (literal) parts.push(literal);
      literal = '';
      parts.push(expr);
    }
    i = close;
  }
  if (literal) parts.push(literal);
  return ok ? parts : null;
}
