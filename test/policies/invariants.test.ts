// Invariants every bundled policy must keep for every person, on synthetic rosters and on random persons, through
// both back ends: not eligible ⇒ no fee, no subsidy, no benefit; subsidy ≤ premium; fee + upfront subsidy = premium;
// benefits inside the coverage year or none; an unknown standard outcome always carries a flag that says why;
// the collection results per mechanic (免征代缴: nothing due or credited; 先缴后补: due = fee, credited = subsidy;
// 缴费时抵扣: due = fee, nothing credited; not eligible: nothing at all) and the subsidy's split by paying body.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluatePerson,
  evaluateRoster,
  loadPolicy,
  type CompiledPolicy,
  type FieldSpec,
} from '../../src/lang/index.js';
import type { FieldValue, PersonResult, RosterRow } from '../../src/lang/model.js';
import { civil, dayNumber, formatDate } from '../../src/lang/runtime/calendar.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { readRosterBytes } from '../../src/roster/index.js';
import { rosterCsvBytes } from '../../scripts/roster/csv.js';
import type { CountyKey } from '../../scripts/roster/counties.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { fromDisk } from '../helpers.js';

interface Spec {
  file: string;
  /** The synthetic roster generator's county, where it has one for this policy. */
  county?: CountyKey;
  /** The year's personal premium, from the notice (开江 二(三) 250 元; 高台 二 280 元; the 2022 test policy 320 元). */
  premium: number;
  /** Random parameter values for the parameters the notice leaves open (none: not given). */
  params: fc.Arbitrary<Record<string, string>>;
}

const SPECS: Spec[] = [
  {
    file: 'policies/kaijiang-2020.policy',
    county: 'kaijiang',
    premium: 25000,
    params: fc
      .option(fc.integer({ min: 0, max: 25000 }), { freq: 2 })
      .map((fen): Record<string, string> => (fen === null ? {} : { 低保资助额: `${fen / 100}元` })),
  },
  {
    file: 'policies/gaotai-2021.policy',
    county: 'gaotai',
    premium: 28000,
    params: fc
      .option(fc.integer({ min: 0, max: 400 }), { freq: 2 })
      .map((days): Record<string, string> => (days === null ? {} : { 逾期缴费等待期: `${days}日` })),
  },
  { file: 'test/policies/gaotai-2022.policy', county: 'gaotai', premium: 32000, params: fc.constant({}) },
  {
    file: 'test/policies/yunxi-2025.policy',
    premium: 40000,
    params: fc
      .option(fc.integer({ min: 0, max: 35000 }), { freq: 2 })
      .map((fen): Record<string, string> => (fen === null ? {} : { 低保资助额: `${fen / 100}元` })),
  },
];

/** What is wrong with one result, as readable lines (empty: the invariants hold). */
function violations(r: PersonResult, premium: number, year: number): string[] {
  const out: string[] = [];
  const yearStart = dayNumber(year, 1, 1),
    yearEnd = dayNumber(year, 12, 31);
  const inYear = (d: number | null) => d === null || (d >= yearStart && d <= yearEnd);
  if (r.eligible === false) {
    if (r.personalFee !== 0) out.push(`not eligible but fee ${r.personalFee}`);
    if (r.subsidy !== 0 && r.subsidy !== null) out.push(`not eligible but subsidy ${r.subsidy}`);
    if (r.subsidyTiming !== null) out.push(`not eligible but subsidy timing ${r.subsidyTiming}`);
    if (r.benefitStart !== null) out.push(`not eligible but benefits from ${formatDate(r.benefitStart)}`);
  }
  if (r.subsidy !== null && (r.subsidy < 0 || r.subsidy > premium))
    out.push(`subsidy ${r.subsidy} outside 0…${premium}`);
  if (r.eligible === true && r.personalFee !== null && r.subsidy !== null) {
    const upfront = r.subsidyTiming === 'upfront' || r.subsidyTiming === 'waived' ? r.subsidy : 0;
    if (r.personalFee + upfront !== premium)
      out.push(`fee ${r.personalFee} + upfront subsidy ${upfront} ≠ premium ${premium}`);
  }
  if (!inYear(r.benefitStart)) out.push(`benefit start ${formatDate(r.benefitStart!)} outside ${year}`);
  if (!inYear(r.benefitEnd)) out.push(`benefit end ${formatDate(r.benefitEnd!)} outside ${year}`);
  if ((r.benefitStart === null) !== (r.benefitEnd === null)) out.push('benefit start and end: one without the other');
  if (r.benefitStart !== null && r.benefitEnd !== null && r.benefitStart > r.benefitEnd)
    out.push('benefit start after its end');
  out.push(...collectionViolations(r));
  const unknown =
    r.eligible === null ||
    (r.eligible && (r.personalFee === null || r.subsidy === null || r.due === null || r.credited === null));
  if (unknown && r.flags.length === 0) out.push('an unknown outcome without a flag');
  return out;
}

/** The collection results against fee, subsidy and mechanic, and the split by body against the subsidy. */
function collectionViolations(r: PersonResult): string[] {
  const out: string[] = [];
  const { due, credited, netCost } = r;
  if (r.eligible === false && (due !== 0 || credited !== 0 || netCost !== 0))
    out.push(`not eligible but due ${due}, credited ${credited}, net ${netCost}`);
  if (r.eligible === true && due != null && credited != null && netCost != null) {
    if (netCost !== due - credited) out.push(`net ${netCost} ≠ due ${due} − credited ${credited}`);
    if (netCost < 0) out.push(`net cost ${netCost} below 0`);
    if (r.subsidyTiming === 'waived' && (due !== 0 || r.personalFee !== 0)) out.push(`waived but due ${due}`);
    if (r.subsidyTiming === 'after-payment' && (due !== r.personalFee || credited !== r.subsidy))
      out.push(`after payment: due ${due} / fee ${r.personalFee}, credited ${credited} / subsidy ${r.subsidy}`);
    if (r.subsidyTiming !== 'after-payment' && (credited !== 0 || due !== r.personalFee))
      out.push(`${r.subsidyTiming}: credited ${credited}, due ${due} / fee ${r.personalFee}`);
  }
  if (r.subsidyByPayer) {
    const total = Object.values(r.subsidyByPayer).reduce((a, b) => a + b, 0);
    if (total !== r.subsidy) out.push(`subsidy ${r.subsidy} split by body adds up to ${total}`);
  }
  return out;
}

function expectInvariants(
  results: PersonResult[],
  premium: number,
  year: number,
  inputs: (i: number) => unknown,
): void {
  const bad = results.flatMap((r, i) =>
    violations(r, premium, year).map((v) => `row ${r.row}: ${v} — ${JSON.stringify(inputs(i))}`),
  );
  expect(bad.length === 0 ? [] : [`${bad.length} violation(s)`, ...bad.slice(0, 3)]).toEqual([]);
}

const load = (file: string): CompiledPolicy => loadPolicy(file, fromDisk).policy!;

describe.each(SPECS)('invariants of $file', ({ file, county, premium, params }) => {
  const policy = load(file);
  const year = policy.header.year;

  it.skipIf(!county)(
    'hold on synthetic rosters (both back ends)',
    () => {
      for (const seed of [1, 2]) {
        const bytes = new Uint8Array(rosterCsvBytes({ county: county!, rows: 8000, seed }));
        const { rows } = readRosterBytes(bytes, 'generated.csv', policy.fields);
        for (const loadCode of [loadAsFile, undefined]) {
          const { results } = evaluateRoster(policy, rows, { loadCode });
          expectInvariants(results, premium, year, (i) => rows[i]!.values);
        }
      }
    },
    60_000,
  );

  it('hold on random persons (both back ends)', () => {
    const person = personOf(policy.fields, policy, year);
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 30 }), params, (people, overrides) => {
        const rows: RosterRow[] = people.map((values, i) => ({ row: i + 1, values, problems: [] }));
        const { results } = evaluateRoster(policy, rows, { params: overrides, loadCode: loadAsFile });
        expectInvariants(results, premium, year, (i) => ({ ...people[i], overrides }));
        const one = people.map((values) => evaluatePerson(policy, values, overrides));
        expectInvariants(one, premium, year, (i) => ({ ...people[i], overrides }));
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

/** A random person over the policy's fields, with dates clustered around the policy's own dates. */
function personOf(fields: FieldSpec[], policy: CompiledPolicy, year: number): fc.Arbitrary<Record<string, FieldValue>> {
  const keyDays = [
    dayNumber(year, 1, 1),
    dayNumber(year, 12, 31),
    ...policy.operations.flatMap((o) => [o.start, o.end]).filter((d): d is number => d !== undefined),
  ];
  const date = fc.oneof(
    fc.integer({ min: dayNumber(year - 2, 1, 1), max: dayNumber(year + 1, 12, 31) }),
    fc.tuple(fc.constantFrom(...keyDays), fc.integer({ min: -95, max: 95 })).map(([d, k]) => d + k),
  );
  const id = fc
    .tuple(
      fc.oneof(fc.integer({ min: dayNumber(1930, 1, 1), max: dayNumber(year + 1, 12, 31) }), date),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([birth, seq]) => {
      const c = civil(birth);
      return makeIdNumber('511723', c.year, c.month, c.day, seq);
    });
  const cell = (f: FieldSpec): fc.Arbitrary<FieldValue> => {
    const names = (f.categories ?? []).map((c) => c.name);
    const value: fc.Arbitrary<FieldValue> =
      f.kind === 'id-number'
        ? id
        : f.kind === 'date'
          ? date
          : f.kind === 'money'
            ? fc.integer({ min: 0, max: 200_000 })
            : f.kind === 'integer'
              ? fc.integer({ min: 0, max: 12 })
              : f.kind === 'boolean'
                ? fc.boolean()
                : f.kind === 'category'
                  ? fc.constantFrom(...names)
                  : f.kind === 'category-set'
                    ? fc.subarray(names)
                    : fc.constantFrom('男', '女', '户主', '新宁镇');
    return f.required ? value : fc.option(value, { freq: 3 });
  };
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, cell(f)])));
}
