// The names an expression refers to, in source order (for the checks that follow references).
import type { Expr } from '../ast.js';

/** Every bare name in `e`, with its location. */
export function namesIn(e: Expr): Extract<Expr, { kind: 'name' }>[] {
  switch (e.kind) {
    case 'name':
      return [e];
    case 'binary':
      return [...namesIn(e.left), ...namesIn(e.right)];
    case 'not':
    case 'neg':
      return namesIn(e.operand);
    case 'call':
      return e.args.flatMap(namesIn);
    case 'if':
      return [...namesIn(e.cond), ...namesIn(e.then), ...namesIn(e.else)];
    case 'index':
      return [...namesIn(e.target), ...namesIn(e.key)];
    case 'table':
      return e.entries.flatMap((x) => [...namesIn(x.key), ...namesIn(x.value)]);
    case 'attribute':
      // 主体(结果) depends on the outcome (for cycles and the order of computation).
      return [{ kind: 'name', name: e.outcome.name, loc: e.outcome.loc }];
    default:
      return [];
  }
}
