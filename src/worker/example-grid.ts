// 例子表: a policy file's examples read as a grid (one row per example; inputs, parameters and expectations as
// columns, each cell the value's policy text as written), for the table view and its CSV. Parsing is done here.
import { parsePolicy } from '../lang/parse/index.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import type { ExampleDecl } from '../lang/ast.js';

export type GridSection = 'input' | 'param' | 'expect';

export interface GridColumn {
  section: GridSection;
  name: string;
}

export interface GridRow {
  name: string;
  /** One cell per column, the value's policy text ('' : not given in this example). */
  cells: string[];
}

export interface ExampleGrid {
  columns: GridColumn[];
  rows: GridRow[];
}

export interface ExampleGridAnswer {
  /** Syntax problems of the file (then `grid` is null). */
  diagnostics: Diagnostic[];
  grid: ExampleGrid | null;
  /** Where each example block sits in the text (offsets), in file order: a grid saved back replaces them. */
  spans: { start: number; end: number }[];
}

/** The examples of one policy text (the entry file only: inherited files keep theirs). */
export function exampleGrid(text: string, path: string): ExampleGridAnswer {
  const { file, diagnostics } = parsePolicy(text, path);
  if (!file) return { diagnostics, grid: null, spans: [] };
  const examples = file.items.filter((i): i is ExampleDecl => i.kind === 'example');
  const columns: GridColumn[] = [];
  const index = new Map<string, number>();
  const column = (section: GridSection, name: string) => {
    const key = `${section}\n${name}`;
    let i = index.get(key);
    if (i === undefined) {
      i = columns.push({ section, name }) - 1;
      index.set(key, i);
    }
    return i;
  };
  const source = (loc: { start: { offset: number }; end: { offset: number } }) =>
    text.slice(loc.start.offset, loc.end.offset).replace(/\s*\n\s*/g, ' ');
  const cellsByRow = examples.map((ex) => {
    const cells = new Map<number, string>();
    for (const [section, list] of [
      ['input', ex.inputs],
      ['param', ex.params],
      ['expect', ex.expect],
    ] as const)
      for (const b of list) cells.set(column(section, b.name.name), source(b.value.loc));
    return cells;
  });
  // Inputs first, then parameters, then expectations, each in order of first use.
  const order = [...columns.keys()].sort(
    (a, b) => SECTION_RANK[columns[a]!.section] - SECTION_RANK[columns[b]!.section] || a - b,
  );
  return {
    diagnostics: [],
    grid: {
      columns: order.map((i) => columns[i]!),
      rows: examples.map((ex, r) => ({ name: ex.name, cells: order.map((i) => cellsByRow[r]!.get(i) ?? '') })),
    },
    spans: examples.map((ex) => ({ start: ex.loc.start.offset, end: ex.loc.end.offset })),
  };
}

const SECTION_RANK: Record<GridSection, number> = { input: 0, param: 1, expect: 2 };
