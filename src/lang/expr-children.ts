// The direct sub-expressions of an expression, for the passes that walk every expression of a policy.
import type * as A from './ast.js';

export function exprChildren(e: A.Expr): A.Expr[] {
  switch (e.kind) {
    case 'binary':
      return [e.left, e.right];
    case 'not':
    case 'neg':
      return [e.operand];
    case 'if':
      return [e.cond, e.then, e.else];
    case 'index':
      return [e.target, e.key];
    case 'call':
      return e.args;
    case 'table':
      return e.entries.flatMap((x) => [x.key, x.value]);
    default:
      return [];
  }
}
