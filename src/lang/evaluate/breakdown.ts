// `汇总 按 征缴方式`: the county's people counted per value of a category input or outcome, with their fees and
// subsidies — the same people and amounts as the summary rows (duplicate IDs counted once, amounts of the eligible).
import type { Breakdown, BreakdownRow, PersonResult, RosterRow } from '../model.js';
import type { Program } from '../check/program.js';

interface Dimension {
  by: string;
  multi: boolean;
  /** The person's value(s): names, [] for none, null for unknown. */
  of: (row: RosterRow, r: PersonResult) => readonly string[] | null;
  lines: Map<string, BreakdownRow>;
  none: BreakdownRow;
  unknown: BreakdownRow;
}

const line = (value: string, kind: BreakdownRow['kind']): BreakdownRow => ({
  value,
  kind,
  rows: 0,
  eligible: 0,
  enrolled: 0,
  collected: 0,
  subsidy: 0,
});

function names(v: unknown): readonly string[] {
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (Array.isArray(v)) return v as string[];
  return [];
}

/** The dimensions `汇总 按` names (the checker has made sure each is a category input or outcome). */
export function dimensionsOf(p: Program): Dimension[] {
  const out: Dimension[] = [];
  for (const { name } of p.summaryBy) {
    const input = p.inputs.get(name);
    const outcome = p.outcomes.get(name);
    const decl = input ?? outcome;
    const domain = p.domains.get(name);
    if (!decl || !domain) continue;
    const multi = decl.type.name === 'categories';
    const of = input
      ? (row: RosterRow): readonly string[] | null =>
          row.unreadable?.some((u) => u.field === name) ? null : names(row.values[name])
      : (_: RosterRow, r: PersonResult): readonly string[] | null => {
          if (r.unknown?.includes(name)) return null;
          const v = r.extras[name];
          // A set of categories comes back joined by 、 (evaluate/typed-value.ts).
          return typeof v === 'string' ? (multi ? v.split('、') : [v]) : [];
        };
    const lines = new Map(domain.values.map((v) => [v.name, line(v.name, 'value')]));
    out.push({ by: name, multi, of, lines, none: line('无', 'none'), unknown: line('未知', 'unknown') });
  }
  return out;
}

/** Counts one person (not a later copy of a duplicated ID) into every dimension. */
export function countPerson(dims: Dimension[], row: RosterRow, r: PersonResult, enrolled: boolean): void {
  for (const d of dims) {
    const held = d.of(row, r);
    const targets = held === null ? [d.unknown] : held.length === 0 ? [d.none] : held.map((n) => d.lines.get(n));
    for (const t of targets) {
      if (!t) continue;
      t.rows++;
      if (enrolled) t.enrolled++;
      if (r.eligible) {
        t.eligible++;
        t.collected += r.personalFee ?? 0;
        t.subsidy += r.subsidy ?? 0;
      }
    }
  }
}

export function breakdownsOf(dims: Dimension[]): Breakdown[] {
  return dims.map((d) => ({
    by: d.by,
    multi: d.multi,
    values: [...d.lines.values(), ...[d.none, d.unknown].filter((x) => x.rows > 0)],
  }));
}
