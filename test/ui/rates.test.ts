// What the summary's 参保率 means (issue 12, item 5): the screen and report say whether the denominator is the target
// or the eligible count, and say so when a small roster is read against a whole county's target.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluateRoster, loadPolicy } from '../../src/lang/index.js';
import type { RosterSummary, SummaryRow } from '../../src/lang/model.js';
import { readRosterBytes } from '../../src/roster/index.js';
import { rateNote } from '../../src/ui/summary/rates.js';
import { fromDisk } from '../helpers.js';

const row = (name: string, rows: number, eligible: number, enrolled: number, target: number | null): SummaryRow => {
  const base = target ?? eligible;
  return {
    name,
    rows,
    eligible,
    enrolled,
    target,
    rate: base > 0 ? enrolled / base : null,
    collected: 0,
    subsidyUpfront: 0,
    subsidyAfterPayment: 0,
    unknown: 0,
    groups: {},
  };
};
const summary = (county: SummaryRow, townships: SummaryRow[], villages: SummaryRow[] = []): RosterSummary => ({
  county,
  townships,
  villages: villages.map((v) => ({ ...v, township: townships[0]!.name })),
  flags: {},
  goals: [],
  duplicates: { count: 0, rows: [] },
});

describe('rateNote', () => {
  it('says enrolled ÷ eligible where the policy sets no targets', () => {
    const s = summary(row('全县', 10, 8, 6, null), [row('甲镇', 10, 8, 6, null)]);
    expect(rateNote(s)).toEqual({ base: 'eligible', partial: null });
  });

  it('says enrolled ÷ target where every rated row has a target', () => {
    const s = summary(row('全县', 95, 90, 88, 100), [row('甲镇', 95, 90, 88, 100)]);
    expect(rateNote(s)).toEqual({ base: 'target', partial: null });
  });

  it('says both where townships have targets and villages do not', () => {
    const s = summary(row('全县', 95, 90, 88, 100), [row('甲镇', 95, 90, 88, 100)], [row('一村', 95, 90, 88, null)]);
    expect(rateNote(s).base).toBe('mixed');
  });

  it('has nothing to say of a summary without a rate', () => {
    expect(rateNote(summary(row('全县', 0, 0, 0, null), [row('甲镇', 0, 0, 0, null)])).base).toBeNull();
  });

  it('notes the bundled 400-row sample read against the county target of 513,080 (kaijiang-2020 附件)', () => {
    const policy = loadPolicy('policies/kaijiang-2020.policy', fromDisk).policy!;
    const path = 'public/samples/kaijiang-2020-sample.csv';
    const roster = readRosterBytes(new Uint8Array(readFileSync(path)), path, policy.fields);
    const note = rateNote(evaluateRoster(policy, roster.rows).summary);
    // 400 rows, of which 2 repeat an earlier row's ID number: the summary counts each person once.
    expect(note.partial).toEqual({ rows: 398, target: 513080 });
    // The 附件 gives targets by township only, so villages are rated against their eligible people.
    expect(note.base).toBe('mixed');
  });

  it('does not note a roster that is the target area itself', () => {
    const s = summary(row('全县', 99, 97, 96, 100), [row('甲镇', 99, 97, 96, 100)]);
    expect(rateNote(s).partial).toBeNull();
  });
});
