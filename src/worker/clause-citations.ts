// For the notice beside the rules: each 条款 a policy records (its text) and where its rules cite it.
import type { ClauseCitation, CitingPlace } from './protocol.js';
import { parsePolicy } from '../lang/parse/index.js';

interface Found {
  clauses: Map<string, { text: string; file: string }>;
  cites: Map<string, CitingPlace[]>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A `条款 X` reference in the tree: `{ id, loc }` under a node's `clause` key. */
function clauseRef(v: unknown): { id: string; place: CitingPlace } | null {
  if (!isRecord(v) || typeof v.id !== 'string' || !isRecord(v.loc)) return null;
  const loc = v.loc as { source?: unknown; start?: { line: number; column: number; offset: number } };
  if (typeof loc.source !== 'string' || !loc.start) return null;
  const { line, column, offset } = loc.start;
  return { id: v.id, place: { file: loc.source, line, column, offset } };
}

function walk(node: unknown, found: Found): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, found);
    return;
  }
  if (!isRecord(node)) return;
  if (node.kind === 'clause' && typeof node.text === 'string') {
    const ref = clauseRef(node.id);
    if (ref && !found.clauses.has(ref.id)) found.clauses.set(ref.id, { text: node.text, file: ref.place.file });
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    const ref = key === 'clause' ? clauseRef(value) : null;
    if (ref) {
      const list = found.cites.get(ref.id) ?? [];
      list.push(ref.place);
      found.cites.set(ref.id, list);
    } else walk(value, found);
  }
}

/**
 * The clauses recorded in the given policy files (entry first, then its `继承` chain; a clause the entry records
 * wins over an inherited one of the same id), in file order, each with every place that cites it, in file order.
 * Files that do not parse add nothing.
 */
export function clauseCitations(files: { path: string; text: string }[]): ClauseCitation[] {
  const found: Found = { clauses: new Map(), cites: new Map() };
  const order = (file: string) => files.findIndex((f) => f.path === file);
  for (const f of files) {
    const { file } = parsePolicy(f.text, f.path);
    if (file) walk(file.items, found);
  }
  return [...found.clauses].map(([id, c]) => ({
    id,
    text: c.text,
    file: c.file,
    cites: (found.cites.get(id) ?? []).sort((a, b) => order(a.file) - order(b.file) || a.offset - b.offset),
  }));
}
