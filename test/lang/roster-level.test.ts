// The roster-level half of evaluation (duplicate IDs, the summary) against plain reference computations on
// generated rosters: rows in any order, IDs shared any number of times, and two IDs whose hashes collide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateRoster,
  loadPolicy,
  type PersonResult,
  type RosterRow,
  type RosterSummary,
} from '../../src/lang/index.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { fromDisk } from '../helpers.js';

const policy = loadPolicy('policies/kaijiang-2020.policy', fromDisk).policy!;
// Different IDs with the same 31-bit hash (found by search): the duplicate check must tell them apart.
const COLLIDING = ['511723199606240012', '511723195102150023'];
const POOL = [
  ...COLLIDING,
  makeIdNumber('511723', 1980, 1, 1, 11),
  makeIdNumber('511723', 1990, 5, 6, 22),
  makeIdNumber('511723', 2001, 7, 8, 33),
  '',
  '5117231980',
];
const PLACES = [
  ['新宁镇', '育才社区'],
  ['新宁镇', '东街社区'],
  ['普安镇', '中心村'],
  ['', ''],
  ['普安镇', ''],
];
const CATEGORIES = [['普通居民'], ['特困人员'], ['低保对象'], []];

const person = fc.record({
  id: fc.constantFrom(...POOL),
  place: fc.constantFrom(...PLACES),
  category: fc.constantFrom(...CATEGORIES),
  local: fc.boolean(),
  paid: fc.option(fc.integer({ min: 18000, max: 18400 })),
});

interface Person {
  id: string;
  place: string[];
  category: string[];
  local: boolean;
  paid: number | null;
}

function roster(people: Person[]): RosterRow[] {
  return people.map((p, i) => ({
    row: i + 1,
    problems: [],
    values: {
      身份证号码: p.id || null,
      乡镇: p.place[0] || null,
      村: p.place[1] || null,
      人员类别: p.category,
      是否本县户籍: p.local,
      上年度是否参保: true,
      缴费日期: p.paid,
      其他保险: [],
    },
  }));
}

/** The duplicate flag each row should carry: the other rows with its ID, at most five named. */
function expectedDuplicates(results: PersonResult[]): (string | null)[] {
  return results.map((r, i) => {
    if (!r.idNumber) return null;
    const others = results.filter((o, j) => j !== i && o.idNumber === r.idNumber).map((o) => o.row);
    if (others.length === 0) return null;
    return others.slice(0, 5).join('、') + (others.length > 5 ? ` 等 ${others.length} 行` : '');
  });
}

describe('roster-level rules', () => {
  it('flags exactly the rows that share an ID, naming the others (hash collisions are not duplicates)', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 40 }), (people) => {
        const { results } = evaluateRoster(policy, roster(people));
        const got = results.map((r) => r.flags.filter((f) => f.code === 'duplicate-id').map((f) => f.message.zh));
        const want = expectedDuplicates(results).map((rows) =>
          rows === null ? [] : [`身份证号码与第 ${rows} 行重复`],
        );
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the shared IDs of a large roster, where many keys share a bucket of the table', () => {
    // 20,000 rows over 12,000 IDs: every bucket of the hash table holds many rows, and is reused bucket after bucket.
    const ids = Array.from({ length: 12_000 }, (_, k) =>
      makeIdNumber('511723', 1940 + (k % 80), 1 + (k % 12), 1 + (k % 28), k % 1000),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: ids.length - 1 }), { minLength: 20_000, maxLength: 20_000 }),
        (picks) => {
          const people = picks.map((k) => ({
            id: ids[k]!,
            place: PLACES[0]!,
            category: ['普通居民'],
            local: true,
            paid: 18000,
          }));
          const { results } = evaluateRoster(policy, roster(people));
          const rowsOf = new Map<string, number[]>();
          results.forEach((r) => rowsOf.set(r.idNumber!, [...(rowsOf.get(r.idNumber!) ?? []), r.row]));
          const want = results.map((r) => {
            const others = rowsOf.get(r.idNumber!)!.filter((row) => row !== r.row);
            return others.length === 0
              ? []
              : [
                  `身份证号码与第 ${others.slice(0, 5).join('、') + (others.length > 5 ? ` 等 ${others.length} 行` : '')} 行重复`,
                ];
          });
          expect(results.map((r) => r.flags.filter((f) => f.code === 'duplicate-id').map((f) => f.message.zh))).toEqual(
            want,
          );
        },
      ),
      { numRuns: 5 },
    );
  }, 60_000); // 5 rosters of 20,000 rows: seconds on a loaded 2-core machine

  it('the two colliding IDs are really different and each flagged only with its own twin', () => {
    const people = [COLLIDING[0]!, COLLIDING[1]!, COLLIDING[0]!].map((id) => ({
      id,
      place: PLACES[0]!,
      category: ['普通居民'],
      local: true,
      paid: 18000,
    }));
    const { results } = evaluateRoster(policy, roster(people));
    expect(results.map((r) => r.flags.filter((f) => f.code === 'duplicate-id').length)).toEqual([1, 0, 1]);
  });

  it('sums townships, villages, the county, the special group and flags as a plain count over the rows does (each ID once)', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 60 }), (people) => {
        const rows = roster(people);
        const { results, summary } = evaluateRoster(policy, rows);
        const place = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : '（未填）');
        // A person is counted at the first row with the ID; the later rows with it are listed apart.
        const firstRow = new Map<string, number>();
        const copies: { row: number; first: number }[] = [];
        const counted = results.map((r) => {
          if (!r.idNumber) return true;
          const first = firstRow.get(r.idNumber);
          if (first === undefined) {
            firstRow.set(r.idNumber, r.row);
            return true;
          }
          copies.push({ row: r.row, first });
          return false;
        });
        expect(summary.duplicates).toEqual({ count: copies.length, rows: copies });
        expect(summary.county.rows + summary.duplicates.count).toBe(rows.length);
        const count = (pick: (i: number) => boolean) => {
          const idx = results.map((_, i) => i).filter((i) => counted[i] && pick(i));
          const eligible = idx.filter((i) => results[i]!.eligible);
          return {
            rows: idx.length,
            eligible: eligible.length,
            collected: eligible.reduce((s, i) => s + (results[i]!.personalFee ?? 0), 0),
            subsidyUpfront: eligible.reduce(
              (s, i) => s + (results[i]!.subsidyTiming === 'after-payment' ? 0 : (results[i]!.subsidy ?? 0)),
              0,
            ),
            unknown: idx.filter(
              (i) =>
                results[i]!.eligible === null ||
                (results[i]!.eligible && (results[i]!.personalFee === null || results[i]!.subsidy === null)),
            ).length,
          };
        };
        const pick = (r: {
          rows: number;
          eligible: number;
          collected: number;
          subsidyUpfront: number;
          unknown: number;
        }) => ({
          rows: r.rows,
          eligible: r.eligible,
          collected: r.collected,
          subsidyUpfront: r.subsidyUpfront,
          unknown: r.unknown,
        });
        expect(pick(summary.county)).toEqual(count(() => true));
        for (const t of summary.townships)
          expect(pick(t)).toEqual(count((i) => place(rows[i]!.values.乡镇) === t.name));
        for (const v of summary.villages) {
          expect(pick(v)).toEqual(
            count((i) => place(rows[i]!.values.乡镇) === v.township && place(rows[i]!.values.村) === v.name),
          );
        }
        // Every place appears once, in the order first met (townships with targets first).
        const villageKeys = rows
          .filter((_, i) => counted[i])
          .map((r) => `${place(r.values.乡镇)}/${place(r.values.村)}`);
        expect(summary.villages.map((v) => `${v.township}/${v.name}`)).toEqual([...new Set(villageKeys)]);
        const special = (i: number) =>
          (rows[i]!.values.人员类别 as string[]).some((c) => ['特困人员', '低保对象'].includes(c));
        const specials = results.map((_, i) => i).filter((i) => counted[i] && special(i)).length;
        expect(summary.county.groups['特殊人员']?.rows ?? 0).toBe(specials);
        const flags: Record<string, number> = {};
        for (const r of results) for (const f of r.flags) flags[f.code] = (flags[f.code] ?? 0) + 1;
        expect(summary.flags).toEqual(flags);
        // 低保对象 need the 低保资助额 the notice leaves out: each eligible one is counted as unknown, not as 0 yuan.
        const needsParameter = results.filter(
          (r, i) => counted[i] && r.eligible && r.flags.some((f) => f.code === 'missing-parameter'),
        ).length;
        expect(summary.county.unknown).toBeGreaterThanOrEqual(needsParameter);
      }),
      { numRuns: 200 },
    );
  });

  it('counts enrolment and money of a roster with duplicate IDs as of the roster without the later copies', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 60 }), (people) => {
        const seen = new Set<string>();
        const firsts = people.filter((p) => !p.id || (!seen.has(p.id) && !!seen.add(p.id)));
        const rows = roster(people);
        const kept = rows.filter((r) => firsts.includes(people[r.row - 1]!));
        const totals = ({ county, townships, villages }: RosterSummary) => ({ county, townships, villages });
        expect(totals(evaluateRoster(policy, rows).summary)).toEqual(totals(evaluateRoster(policy, kept).summary));
      }),
      { numRuns: 200 },
    );
  });
});

describe('summary amounts with unknowns', () => {
  it('counts a person whose amount is unknown apart instead of adding 0 yuan', () => {
    // 开江 2020: an ordinary resident pays 250 yuan (二(一)); the 低保对象 subsidy is left to the city (二(二)): unknown.
    const people = [
      { id: POOL[2]!, place: PLACES[0]!, category: ['普通居民'], local: true, paid: 18200 },
      { id: POOL[3]!, place: PLACES[0]!, category: ['低保对象'], local: true, paid: 18200 },
    ];
    const { summary } = evaluateRoster(policy, roster(people));
    expect(summary.county).toMatchObject({ rows: 2, eligible: 2, collected: 25000, unknown: 1 });
    expect(summary.villages[0]!.unknown).toBe(1);
  });
});

describe('整户参保 (gaotai-2021)', () => {
  const gaotai = loadPolicy('policies/gaotai-2021.policy', fromDisk).policy!;
  const member = fc.record({
    household: fc.constantFrom('H1', 'H2', 'H3', ''),
    paid: fc.boolean(),
    other: fc.boolean(),
    id: fc.constantFrom(...POOL),
  });
  it('flags the counted members of exactly the households that are partly enrolled', () => {
    fc.assert(
      fc.property(fc.array(member, { maxLength: 30 }), (people) => {
        const rows: RosterRow[] = people.map((p, i) => ({
          row: i + 1,
          problems: [],
          values: {
            身份证号码: p.id || null,
            户号: p.household || null,
            人员类别: ['普通居民'],
            是否本县户籍: true,
            缴费日期: p.paid ? 18600 : null,
            其他保险: p.other ? ['城镇职工医保'] : [],
          },
        }));
        const { results } = evaluateRoster(gaotai, rows);
        const counted = (i: number) => rows[i]!.values.户号 !== null && results[i]!.eligible !== false;
        const want = results.map((_, i) => {
          if (!counted(i)) return false;
          const members = results
            .map((__, j) => j)
            .filter((j) => counted(j) && rows[j]!.values.户号 === rows[i]!.values.户号);
          const unpaid = members.filter((j) => rows[j]!.values.缴费日期 === null).length;
          return unpaid > 0 && unpaid < members.length;
        });
        expect(results.map((r) => r.flags.some((f) => f.code === 'household-incomplete'))).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the ID check made when reading', () => {
  it('gives the same results as checking again, and is ignored where it is not of the row’s ID', () => {
    const withCheck = roster([{ id: POOL[2]!, place: PLACES[0]!, category: ['普通居民'], local: true, paid: 18200 }]);
    const bare = withCheck.map(({ id: _, ...row }) => row);
    // A check made for another ID (an invalid one) must not be used for this row's valid ID.
    withCheck[0]!.id = { value: '5117231980', check: { ok: false, problem: 'length' } };
    expect(evaluateRoster(policy, withCheck).results).toEqual(evaluateRoster(policy, bare).results);
    const stale = [
      { ...bare[0]!, id: { value: POOL[2]!, check: { ok: false as const, problem: 'checksum' as const } } },
    ];
    // Of this row's ID: used as given (here it says invalid), proving the check is taken from the row.
    expect(evaluateRoster(policy, stale).results[0]!.flags.map((f) => f.code)).toContain('invalid-id');
  });
});
