// Summary per township, village and county against the policy's targets and participation goals.
import type { PersonResult, RosterRow, RosterSummary, SummaryRow, ParticipationGoal } from '../model.js';
import type { Program } from '../check/program.js';
import { TypeChecker } from '../check/typecheck.js';
import { BACK_PAYMENT } from '../check/program.js';
import { breakdownsOf, countPerson, dimensionsOf } from './breakdown.js';
import { attributedOutcomes } from '../compile/attributes.js';

export interface PersonFacts {
  rows: readonly RosterRow[];
  results: PersonResult[];
  enrolled: Uint8Array;
  /** Rows whose ID number an earlier row has: not counted again. */
  duplicates?: Duplicates;
}

/** The later copies of duplicated ID numbers: `copy[i]` is 1 for such a row; `rows` lists the first of them. */
export interface Duplicates {
  copy: Uint8Array;
  count: number;
  rows: { row: number; first: number }[];
}

const UNNAMED = '（未填）';

export function goalsOf(p: Program): ParticipationGoal[] {
  const checker = new TypeChecker(p, []);
  return p.goals.map((g) => {
    const decl = g.group ? p.groups.get(g.group.name) : undefined;
    return {
      group: g.group?.name ?? null,
      members: decl ? checker.groupMembers(decl) : [],
      rate: g.rate,
      ...(g.clause ? { clause: g.clause.id } : {}),
    };
  });
}

/** An empty summary row; `backPayment` is 0 where the policy defines 补缴金额, else null. */
function emptyRow(name: string, target: number | null, backPayment: 0 | null, payers: boolean): SummaryRow {
  return {
    name,
    rows: 0,
    eligible: 0,
    enrolled: 0,
    target,
    rate: null,
    collected: 0,
    subsidyUpfront: 0,
    subsidyAfterPayment: 0,
    backPayment,
    subsidyWaived: 0,
    due: 0,
    credited: 0,
    netCost: 0,
    collectionUnknown: 0,
    ...(payers ? { subsidyByPayer: Object.create(null) as Record<string, number> } : {}),
    unknown: 0,
    groups: {},
  };
}

// The number columns of one village in `counts`.
const ROWS = 0,
  ELIGIBLE = 1,
  ENROLLED = 2,
  COLLECTED = 3,
  SUBSIDY_UPFRONT = 4,
  SUBSIDY_AFTER = 5,
  UNKNOWN = 6;
const BACK_PAYMENTS = 7,
  SUBSIDY_WAIVED = 8,
  DUE = 9,
  CREDITED = 10,
  NET_COST = 11,
  COLLECTION_UNKNOWN = 12,
  WIDTH = 13;

export function summarize(p: Program, facts: PersonFacts): RosterSummary {
  const inputs = [...p.inputs.values()];
  const townshipField = inputs.find((i) => i.role === 'township')?.name.name;
  const villageField = inputs.find((i) => i.role === 'village')?.name.name;
  const targets = new Map((p.targets?.entries ?? []).map((e) => [e.name, e.value]));
  const goals = goalsOf(p).filter((g) => g.group !== null);
  // Which category field holds each goal group's members.
  const groupField = new Map(
    goals.map((g) => [g.group!, [...p.domains.values()].find((d) => g.members.some((m) => d.names.has(m)))?.field]),
  );
  const groups = goals.map((g) => ({ name: g.group!, field: groupField.get(g.group!), members: new Set(g.members) }));
  const back = p.outcomes.has(BACK_PAYMENT) ? 0 : null;
  const payers = attributedOutcomes(p).has('政府资助');
  const newRow = (name: string, target: number | null) => emptyRow(name, target, back, payers);
  // 政府资助 by paying body, per village: bodies are numbered in the order met.
  const payerIndex = new Map<string, number>();
  const payerNames: string[] = [];
  const payerCounts: number[][] = [];
  const county = newRow(
    p.header.county || '全县',
    p.targets ? (p.targets.total ?? [...targets.values()].reduce((a, b) => a + b, 0)) : null,
  );
  const townships = new Map<string, SummaryRow>();
  for (const name of targets.keys()) townships.set(name, newRow(name, targets.get(name)!));

  // People are counted per village in number columns; townships and the county add up their villages.
  const villageIndex = new Map<string, number>();
  const villageNames: { township: string; village: string }[] = [];
  let capacity = 64;
  let counts = new Float64Array(capacity * WIDTH);
  let groupCounts = new Float64Array(capacity * 2 * groups.length);
  const flags: Record<string, number> = Object.create(null); // flag codes are user text
  // Rosters list a village's people together: the last township and village are remembered, not looked up.
  let lastTownship: unknown = undefined,
    lastVillage: unknown = undefined;
  let v = -1;
  const copies = facts.duplicates?.copy;
  const dims = dimensionsOf(p);
  for (let i = 0; i < facts.results.length; i++) {
    const r = facts.results[i]!;
    const rowFlags = r.flags;
    for (let k = 0; k < rowFlags.length; k++) {
      const code = rowFlags[k]!.code;
      flags[code] = (flags[code] ?? 0) + 1;
    }
    if (copies && copies[i] === 1) continue; // the person is counted at the ID's first row
    const values = facts.rows[i]!.values;
    const townshipValue = townshipField ? values[townshipField] : null;
    const villageValue = villageField ? values[villageField] : null;
    if (v < 0 || townshipValue !== lastTownship || villageValue !== lastVillage) {
      lastTownship = townshipValue;
      lastVillage = villageValue;
      const township = text(townshipValue),
        village = text(villageValue);
      const key = township + '\u0000' + village;
      const known = villageIndex.get(key);
      if (known !== undefined) v = known;
      else {
        v = villageNames.length;
        villageIndex.set(key, v);
        villageNames.push({ township, village });
        if (!townships.has(township)) townships.set(township, newRow(township, null));
        if (v === capacity) {
          capacity *= 2;
          counts = grown(counts, capacity * WIDTH);
          groupCounts = grown(groupCounts, capacity * 2 * groups.length);
        }
      }
    }
    const enrolled = facts.enrolled[i] === 1;
    if (dims.length > 0) countPerson(dims, facts.rows[i]!, r, enrolled);
    const at = v * WIDTH;
    counts[at + ROWS]!++;
    if (r.unknown !== undefined && r.unknown.length > 0 && hasUnknownMoney(r.unknown)) counts[at + UNKNOWN]!++;
    if (r.eligible) {
      counts[at + ELIGIBLE]!++;
      counts[at + COLLECTED]! += r.personalFee ?? 0;
      const timing = r.subsidyTiming;
      counts[
        at + (timing === 'after-payment' ? SUBSIDY_AFTER : timing === 'waived' ? SUBSIDY_WAIVED : SUBSIDY_UPFRONT)
      ]! += r.subsidy ?? 0;
      if (r.due == null || r.credited == null || r.netCost == null) counts[at + COLLECTION_UNKNOWN]!++;
      else {
        counts[at + DUE]! += r.due;
        counts[at + CREDITED]! += r.credited;
        counts[at + NET_COST]! += r.netCost;
      }
      const split = r.subsidyByPayer;
      if (split)
        for (const body in split) {
          let b = payerIndex.get(body);
          if (b === undefined) {
            payerIndex.set(body, (b = payerNames.length));
            payerNames.push(body);
            payerCounts.push([]);
          }
          const perVillage = payerCounts[b]!;
          perVillage[v] = (perVillage[v] ?? 0) + split[body]!;
        }
    }
    if (enrolled) counts[at + ENROLLED]!++;
    // Back payments of earlier years are collected as verified, whatever this year's eligibility.
    counts[at + BACK_PAYMENTS]! += r.backPayment ?? 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      if (!isMember(group.field ? values[group.field] : null, group.members)) continue;
      const gAt = (v * groups.length + g) * 2;
      groupCounts[gAt]!++;
      if (enrolled) groupCounts[gAt + 1]!++;
    }
  }

  const villages = villageNames.map(({ township, village }, v) => {
    const row = { ...newRow(village, null), township };
    for (const into of [row, townships.get(township)!, county]) {
      addVillage(into, v, counts, groupCounts, groups);
      if (into.subsidyByPayer)
        for (let b = 0; b < payerNames.length; b++) {
          const fen = payerCounts[b]![v];
          if (fen !== undefined) into.subsidyByPayer[payerNames[b]!] = (into.subsidyByPayer[payerNames[b]!] ?? 0) + fen;
        }
    }
    return row;
  });
  const withRate = <T extends SummaryRow>(row: T): T => {
    const base = row.target ?? row.eligible;
    row.rate = base > 0 ? row.enrolled / base : null;
    return row;
  };
  return {
    county: withRate(county),
    townships: [...townships.values()].map(withRate),
    villages: villages.map(withRate),
    flags,
    goals: goalsOf(p),
    duplicates: { count: facts.duplicates?.count ?? 0, rows: facts.duplicates?.rows ?? [] },
    ...(dims.length > 0 ? { breakdowns: breakdownsOf(dims) } : {}),
  };
}

function grown(a: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(length);
  b.set(a);
  return b;
}

/** Adds village `v`'s counts into `row`; a group is listed only where it has members. */
function addVillage(
  row: SummaryRow,
  v: number,
  counts: Float64Array,
  groupCounts: Float64Array,
  groups: { name: string }[],
): void {
  const at = v * WIDTH;
  row.rows += counts[at + ROWS]!;
  row.eligible += counts[at + ELIGIBLE]!;
  row.enrolled += counts[at + ENROLLED]!;
  row.collected += counts[at + COLLECTED]!;
  row.subsidyUpfront += counts[at + SUBSIDY_UPFRONT]!;
  row.subsidyAfterPayment += counts[at + SUBSIDY_AFTER]!;
  row.subsidyWaived = (row.subsidyWaived ?? 0) + counts[at + SUBSIDY_WAIVED]!;
  row.due = (row.due ?? 0) + counts[at + DUE]!;
  row.credited = (row.credited ?? 0) + counts[at + CREDITED]!;
  row.netCost = (row.netCost ?? 0) + counts[at + NET_COST]!;
  row.collectionUnknown = (row.collectionUnknown ?? 0) + counts[at + COLLECTION_UNKNOWN]!;
  row.unknown += counts[at + UNKNOWN]!;
  if (row.backPayment != null) row.backPayment += counts[at + BACK_PAYMENTS]!;
  for (let g = 0; g < groups.length; g++) {
    const gAt = (v * groups.length + g) * 2;
    if (groupCounts[gAt] === 0) continue;
    const s = ownEntry(row.groups, groups[g]!.name);
    s.rows += groupCounts[gAt]!;
    s.enrolled += groupCounts[gAt + 1]!;
  }
}

/**
 * The counts of group `name` in `groups`, added when missing. Group names are user text: `__proto__` or
 * `constructor` must be own entries, never the prototype's (so no `??=`, whose `=` would set the prototype).
 */
function ownEntry(groups: SummaryRow['groups'], name: string): { rows: number; enrolled: number } {
  if (Object.hasOwn(groups, name)) return groups[name]!;
  const s = { rows: 0, enrolled: 0 };
  Object.defineProperty(groups, name, { value: s, enumerable: true, writable: true, configurable: true });
  return s;
}

/** Whether an eligibility or money outcome is among the unknown ones (the summary's totals lack it). */
function hasUnknownMoney(unknown: string[]): boolean {
  return unknown.includes('参保资格') || unknown.includes('个人缴费') || unknown.includes('政府资助');
}

function isMember(value: unknown, members: Set<string>): boolean {
  if (typeof value === 'string') return members.has(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) if (members.has(value[i])) return true;
  return false;
}

function text(v: unknown): string {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (Array.isArray(v) && v.length) return String(v[0]);
  return UNNAMED;
}
