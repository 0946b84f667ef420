// Summary per township, village and county against the policy's targets and participation goals.
import type { PersonResult, RosterRow, RosterSummary, SummaryRow, ParticipationGoal } from '../model.js';
import type { Program } from '../check/program.js';
import { TypeChecker } from '../check/typecheck.js';

export interface PersonFacts {
  rows: readonly RosterRow[];
  results: PersonResult[];
  enrolled: Uint8Array;
}

const UNNAMED = '（未填）';

export function goalsOf(p: Program): ParticipationGoal[] {
  const checker = new TypeChecker(p, []);
  return p.goals.map((g) => {
    const decl = g.group ? p.groups.get(g.group.name) : undefined;
    return { group: g.group?.name ?? null, members: decl ? checker.groupMembers(decl) : [], rate: g.rate, ...(g.clause ? { clause: g.clause.id } : {}) };
  });
}

function emptyRow(name: string, target: number | null): SummaryRow {
  return { name, rows: 0, eligible: 0, enrolled: 0, target, rate: null, collected: 0, subsidyUpfront: 0, subsidyAfterPayment: 0, groups: {} };
}

export function summarize(p: Program, facts: PersonFacts): RosterSummary {
  const inputs = [...p.inputs.values()];
  const townshipField = inputs.find((i) => i.role === 'township')?.name.name;
  const villageField = inputs.find((i) => i.role === 'village')?.name.name;
  const targets = new Map((p.targets?.entries ?? []).map((e) => [e.name, e.value]));
  const goals = goalsOf(p).filter((g) => g.group !== null);
  // Which category field holds each goal group's members.
  const groupField = new Map(goals.map((g) => [g.group!, [...p.domains.values()].find((d) => g.members.some((m) => d.names.has(m)))?.field]));
  const county = emptyRow(p.header.county || '全县', p.targets ? p.targets.total ?? [...targets.values()].reduce((a, b) => a + b, 0) : null);
  const townships = new Map<string, SummaryRow>();
  const villages = new Map<string, SummaryRow & { township: string }>();
  for (const name of targets.keys()) townships.set(name, emptyRow(name, targets.get(name)!));
  const flags: Record<string, number> = {};
  for (let i = 0; i < facts.results.length; i++) {
    const r = facts.results[i]!;
    const values = facts.rows[i]!.values;
    const township = text(townshipField ? values[townshipField] : null);
    const village = text(villageField ? values[villageField] : null);
    let t = townships.get(township);
    if (!t) townships.set(township, (t = emptyRow(township, targets.get(township) ?? null)));
    const vKey = township + '\u0000' + village;
    let v = villages.get(vKey);
    if (!v) villages.set(vKey, (v = { ...emptyRow(village, null), township }));
    const counted = facts.enrolled[i] === 1;
    add(county, r, counted);
    add(t, r, counted);
    add(v, r, counted);
    for (const g of goals) {
      const field = groupField.get(g.group!);
      const val = field ? values[field] : null;
      const member = Array.isArray(val) ? val.some((x) => g.members.includes(x)) : typeof val === 'string' && g.members.includes(val);
      if (!member) continue;
      for (const row of [county, t, v]) {
        const s = (row.groups[g.group!] ??= { rows: 0, enrolled: 0 });
        s.rows++;
        if (counted) s.enrolled++;
      }
    }
    for (const f of r.flags) flags[f.code] = (flags[f.code] ?? 0) + 1;
  }
  const withRate = <T extends SummaryRow>(row: T): T => {
    const base = row.target ?? row.eligible;
    row.rate = base > 0 ? row.enrolled / base : null;
    return row;
  };
  return {
    county: withRate(county),
    townships: [...townships.values()].map(withRate),
    villages: [...villages.values()].map(withRate),
    flags,
    goals: goalsOf(p),
  };
}

function add(row: SummaryRow, r: PersonResult, enrolled: boolean): void {
  row.rows++;
  if (r.eligible) {
    row.eligible++;
    row.collected += r.personalFee ?? 0;
    if (r.subsidyTiming === 'after-payment') row.subsidyAfterPayment += r.subsidy ?? 0;
    else row.subsidyUpfront += r.subsidy ?? 0;
  }
  if (enrolled) row.enrolled++;
}

function text(v: unknown): string {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (Array.isArray(v) && v.length) return String(v[0]);
  return UNNAMED;
}
