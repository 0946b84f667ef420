// Reports a value that depends on itself (parameter, definition, outcome, period, deadline), with the cycle's path.
import type { Diagnostic } from '../../diagnostic.js';
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { dependencyGraph, findCycles, type DependencyNode } from '../dependencies.js';

export const reportCycles: Pass = ({ program: p, report }) => {
  for (const cycle of findCycles(dependencyGraph(p))) report(cycleDiagnostic(cycle));
};

/** The error for one cycle: at its first name, with a note locating each step. */
export function cycleDiagnostic(cycle: DependencyNode[]): Diagnostic {
  const names = [...cycle, cycle[0]!].map((n) => n.name);
  const d = diag('cycle', cycle[0]!.loc, { name: cycle[0]!.name, path: names.join(' → ') });
  d.notes = cycle.map((n, i) => {
    const next = cycle[(i + 1) % cycle.length]!.name;
    const at = `${n.loc.source}:${n.loc.start.line}:${n.loc.start.column}`;
    return { zh: `${at}：“${n.name}”引用“${next}”`, en: `${at}: “${n.name}” refers to “${next}”` };
  });
  return d;
}
