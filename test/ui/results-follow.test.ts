// The Results screen's explanation follows the filter: a new filter that leaves the explained person out says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { ResultsState, type ResultSource } from '../../src/ui/results/results.svelte.js';
import type { QueryResult, ResultFilter, ResultView } from '../../src/worker/protocol.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Rows 1..n: odd rows live in 甲镇, even rows in 乙镇. */
function person(row: number): ResultView {
  return {
    row,
    name: `人${row}`,
    idNumber: '',
    township: row % 2 ? '甲镇' : '乙镇',
    village: '',
    category: '',
    eligible: true,
    reason: null,
    personalFee: 25000,
    subsidy: 0,
    subsidyTiming: null,
    benefitStart: null,
    benefitEnd: null,
    enrolled: null,
    flags: [],
  };
}

/** A fake worker that filters by township and answers `find` with the row's place in the list (or -1). */
function source(n: number) {
  const finds: (number | undefined)[] = [];
  const s: ResultSource & { finds: typeof finds } = {
    finds,
    query: async (_id, filter: ResultFilter, _sort, offset, limit, _signal, find): Promise<QueryResult> => {
      finds.push(find);
      const all = Array.from({ length: n }, (_, k) => person(k + 1)).filter(
        (p) => !filter.township || p.township === filter.township,
      );
      const answer: QueryResult = {
        total: all.length,
        rows: all.slice(offset, offset + limit),
        townships: ['甲镇', '乙镇'],
        villages: [],
        categories: [],
        flagCodes: [],
      };
      if (find !== undefined) answer.found = all.findIndex((p) => p.row === find);
      return answer;
    },
    explain: async (_id, row) => [{ depth: 0, text: { zh: `第${row}行`, en: `Row ${row}` } }],
  };
  return s;
}

async function settle(rs: ResultsState) {
  for (let i = 0; i < 5; i++) {
    await rs.sync();
    flushSync();
    await Promise.resolve();
  }
}

describe('the explanation follows the filter', () => {
  it('says so when a new filter leaves the explained person out, and not when it brings them back', async () => {
    const src = source(10);
    const rs = new ResultsState(src, 'r1');
    await settle(rs);
    expect(src.finds).toEqual([undefined]); // nobody explained yet: nothing to look for
    await rs.explain(4);
    expect(rs.selectedPerson?.name).toBe('人4');
    expect(rs.selectedGone).toBe(false);

    rs.setFilter('township', '甲镇'); // row 4 is in 乙镇
    await settle(rs);
    expect(src.finds.at(-1)).toBe(4);
    expect(rs.total).toBe(5);
    expect(rs.selectedGone).toBe(true);
    // Still the same person's explanation, with their name, but no stepping through a list they are not in.
    expect(rs.selectedRow).toBe(4);
    expect(rs.selectedPerson?.name).toBe('人4');
    expect(rs.steps![0]!.text.zh).toBe('第4行');
    expect(rs.explainNext(1)).toBeNull();

    rs.setFilter('township', '乙镇');
    await settle(rs);
    expect(rs.selectedGone).toBe(false);
    expect(rs.explainNext(1)).toBe(2); // 乙镇: rows 2,4,6,8,10 — after row 4 comes row 6 at index 2
  });

  it('clears the mark when another person is explained or the panel is closed', async () => {
    const rs = new ResultsState(source(10), 'r1');
    await settle(rs);
    await rs.explain(2);
    rs.setFilter('township', '甲镇');
    await settle(rs);
    expect(rs.selectedGone).toBe(true);
    await rs.explain(3);
    expect(rs.selectedGone).toBe(false);
    expect(rs.selectedPerson?.name).toBe('人3');
    rs.setFilter('township', '乙镇');
    await settle(rs);
    expect(rs.selectedGone).toBe(true);
    rs.closeExplain();
    expect(rs.selectedGone).toBe(false);
    expect(rs.selectedPerson).toBeNull();
    expect(rs.selectedRow).toBeNull();
  });
});
