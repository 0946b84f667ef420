// What inspection shows before an import: rows whose ID an earlier row has, and every row problem grouped by kind.
import type { Diagnostic } from '../lang/diagnostic.js';
import type { RosterRow } from '../lang/model.js';
import { forEachSharedKey } from '../lang/evaluate/roster.js';

/** One kind of row problem (short rows, an unreadable category, duplicate IDs …): how many, and the first few. */
export interface ProblemKind {
  code: string;
  count: number;
  /** The first problems of this kind, in row order. */
  first: Diagnostic[];
}

/** Problems listed per kind. */
const SHOWN = 5;

/**
 * A `duplicate-id` problem for every row whose ID number an earlier row has (the person is counted once, at the
 * first row). `column`: the ID number's header.
 */
export function duplicateIds(rows: readonly RosterRow[], column: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  forEachSharedKey(
    rows.length,
    (i) => rows[i]!.id?.value ?? null,
    (id, list) => {
      const first = rows[list[0]!]!.row;
      for (let k = 1; k < list.length; k++) {
        const row = rows[list[k]!]!.row;
        found.push({
          code: 'duplicate-id',
          severity: 'warning',
          row,
          column,
          message: {
            zh: `第 ${row} 行（表格第 ${row + 1} 行）：身份证号码“${id}”与第 ${first} 行重复，汇总中只按第 ${first} 行计一人`,
            en: `Row ${row}: ID number “${id}” repeats row ${first}; the summary counts the person once, at row ${first}`,
          },
        });
      }
    },
  );
  return found.sort((a, b) => a.row! - b.row!);
}

/** Problems grouped by code, kinds in order of first appearance, each with its count and first few. */
export function problemKinds(problems: readonly Diagnostic[]): ProblemKind[] {
  const kinds = new Map<string, ProblemKind>();
  for (const p of problems) {
    let kind = kinds.get(p.code);
    if (!kind) kinds.set(p.code, (kind = { code: p.code, count: 0, first: [] }));
    kind.count++;
    if (kind.first.length < SHOWN) kind.first.push(p);
  }
  return [...kinds.values()];
}
