// The dependency graph of a policy's named values (parameters, definitions, outcomes, periods, deadlines) and
// its cycles, found iteratively (no recursion, so no depth limit): a value that depends on itself has none.
import type * as A from '../ast.js';
import { lookup, type Program, type Symbol } from './program.js';
import { namesIn } from './names.js';

/** A named value: `kind` and name, e.g. `param:个人缴费标准`. */
export type NodeKey = string;

/** One named value: where it is declared, and the names its expressions refer to. */
export interface DependencyNode {
  key: NodeKey;
  name: string;
  loc: A.Loc;
  refs: NodeKey[];
}

function keyOf(s: Symbol): NodeKey | null {
  switch (s.kind) {
    case 'param':
      return `param:${s.entry.decl.name.name}`;
    case 'define':
    case 'outcome':
    case 'period':
    case 'deadline':
      return `${s.kind}:${s.decl.name.name}`;
    default:
      return null;
  }
}

/** The graph, with `overrides` (evaluation-time parameter values) in place of the declared values. */
export function dependencyGraph(
  p: Program,
  overrides: ReadonlyMap<string, A.Expr> = new Map(),
): Map<NodeKey, DependencyNode> {
  const graph = new Map<NodeKey, DependencyNode>();
  const refs = (exprs: (A.Expr | null)[]): NodeKey[] => {
    const out: NodeKey[] = [];
    for (const e of exprs) {
      if (!e) continue;
      for (const ref of namesIn(e)) {
        const s = lookup(p, ref.name);
        const key = s ? keyOf(s) : null;
        if (key !== null && !out.includes(key)) out.push(key);
      }
    }
    return out;
  };
  const add = (kind: string, name: A.Ident, exprs: (A.Expr | null)[]) => {
    const key = `${kind}:${name.name}`;
    graph.set(key, { key, name: name.name, loc: name.loc, refs: refs(exprs) });
  };
  for (const { decl } of p.params.values())
    add('param', decl.name, [overrides.get(decl.name.name) ?? decl.value ?? decl.default ?? null]);
  for (const d of p.defines.values()) add('define', d.name, [d.expr]);
  for (const o of p.outcomes.values())
    add(
      'outcome',
      o.name,
      o.rules.flatMap((r) => [r.when, r.value]),
    );
  for (const x of p.periods.values()) add('period', x.name, [x.start, x.end]);
  for (const x of p.deadlines.values()) add('deadline', x.name, [x.date]);
  return graph;
}

/**
 * The graph's cycles, each once, as the path of nodes from the first one met back to it (the last node refers to
 * the first). Depth-first with an explicit stack.
 */
export function findCycles(graph: ReadonlyMap<NodeKey, DependencyNode>): DependencyNode[][] {
  const state = new Map<NodeKey, 'open' | 'done'>();
  const cycles: DependencyNode[][] = [];
  const seen = new Set<string>();
  for (const root of graph.keys()) {
    if (state.has(root)) continue;
    const path: NodeKey[] = [root];
    const next: number[] = [0];
    state.set(root, 'open');
    while (path.length > 0) {
      const key = path[path.length - 1]!;
      const node = graph.get(key)!;
      const i = next[next.length - 1]!;
      if (i >= node.refs.length) {
        state.set(key, 'done');
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = i + 1;
      const ref = node.refs[i]!;
      if (!graph.has(ref)) continue;
      const s = state.get(ref);
      if (s === 'open') {
        const cycle = path.slice(path.indexOf(ref));
        const id = [...cycle].sort().join('\u0000');
        if (!seen.has(id)) {
          seen.add(id);
          cycles.push(cycle.map((k) => graph.get(k)!));
        }
      } else if (s === undefined) {
        state.set(ref, 'open');
        path.push(ref);
        next.push(0);
      }
    }
  }
  return cycles;
}

/** Parameter names in an order where each comes after those it refers to (the graph must have no cycle). */
export function parameterOrder(graph: ReadonlyMap<NodeKey, DependencyNode>): string[] {
  const order: string[] = [];
  const done = new Set<NodeKey>();
  for (const root of graph.keys()) {
    if (!root.startsWith('param:') || done.has(root)) continue;
    const stack: [NodeKey, number][] = [[root, 0]];
    done.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const refs = graph.get(top[0])!.refs.filter((r) => r.startsWith('param:'));
      if (top[1] >= refs.length) {
        order.push(graph.get(top[0])!.name);
        stack.pop();
        continue;
      }
      const ref = refs[top[1]++]!;
      if (!done.has(ref) && graph.has(ref)) {
        done.add(ref);
        stack.push([ref, 0]);
      }
    }
  }
  return order;
}
