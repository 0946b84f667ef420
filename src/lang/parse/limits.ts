// Bounds every later stage relies on: a policy's length, its bracket nesting (checked before parsing) and the
// depth of its syntax tree (checked right after), so no recursive stage runs out of stack on a hostile text.
import type { Diagnostic, SourcePoint } from '../diagnostic.js';
import { pointAt } from '../diagnostic.js';
import { message } from '../check/messages.js';

/** Longest policy text read (the longest real policy is ~20,000 characters). */
export const MAX_POLICY_CHARS = 1_000_000;
/** Deepest nesting of brackets, and of syntax-tree nodes (a chain `a + b + …` nests one level per term). */
export const MAX_DEPTH = 200;

const OPEN = new Set(['(', '（', '[', '{', '【']);
const CLOSE = new Set([')', '）', ']', '}', '】']);

function tooComplex(path: string, start: SourcePoint, end: SourcePoint): Diagnostic {
  return {
    code: 'too-complex',
    severity: 'error',
    message: message('too-complex', { limit: MAX_DEPTH }),
    span: { file: path, start, end },
  };
}

/** The policy text's length and bracket nesting (comments and quoted text skipped), before the parser runs. */
export function checkText(text: string, path: string): Diagnostic | null {
  if (text.length > MAX_POLICY_CHARS) {
    const start = pointAt(text, 0);
    return {
      code: 'policy-too-large',
      severity: 'error',
      message: message('policy-too-large', { size: text.length, limit: MAX_POLICY_CHARS }),
      span: { file: path, start, end: start },
    };
  }
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === '“' || c === '「') {
      const close = c === '"' ? '"' : c === '“' ? '”' : '」';
      const end = text.indexOf(close, i + 1);
      if (end < 0) return null; // the parser reports it
      i = end;
    } else if (OPEN.has(c)) {
      if (++depth > MAX_DEPTH) return tooComplex(path, pointAt(text, i), pointAt(text, i + 1));
    } else if (CLOSE.has(c)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

interface Node {
  kind?: unknown;
  loc?: { start: SourcePoint; end: SourcePoint };
}

/** The syntax tree's depth, walked with a stack of its own; an error at the first node past MAX_DEPTH. */
export function checkTree(tree: object, path: string): Diagnostic | null {
  const stack: [unknown, number][] = [[tree, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    const node = value as Node;
    const level = typeof node.kind === 'string' && node.loc ? depth + 1 : depth;
    if (level > MAX_DEPTH && node.loc) return tooComplex(path, node.loc.start, node.loc.end);
    for (const [key, child] of Object.entries(value)) if (key !== 'loc') stack.push([child, level]);
  }
  return null;
}
