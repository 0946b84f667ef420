// The summary export's 汇总 按 part: one row per value, amounts as money cells, none and unknown in the export's language.
import { describe, expect, it } from 'vitest';
import type { RosterSummary } from '../../src/lang/model.js';
import { breakdownSheet, withBreakdownRows } from '../../src/worker/breakdown-sheet.js';

const summary = {
  breakdowns: [
    {
      by: '征缴方式',
      multi: false,
      values: [
        { value: '差额征缴', kind: 'value', rows: 2, eligible: 2, enrolled: 1, collected: 46000, subsidy: 30000 },
        { value: '无', kind: 'none', rows: 1, eligible: 0, enrolled: 0, collected: 0, subsidy: 0 },
      ],
    },
  ],
} as unknown as RosterSummary;

describe('breakdown sheet', () => {
  it('writes one row per value under bilingual headers', () => {
    const [sheet] = breakdownSheet(summary, 'en');
    expect(sheet!.name).toBe('Summary by category');
    expect(sheet!.headers[0]).toBe('Summary by');
    expect(sheet!.rows).toEqual([
      ['征缴方式', '差额征缴', 2, 2, 1, { fen: 46000 }, { fen: 30000 }],
      ['征缴方式', 'None', 1, 0, 0, { fen: 0 }, { fen: 0 }],
    ]);
    expect(breakdownSheet(summary, 'zh')[0]!.rows[1]![1]).toBe('无');
  });
  it('adds nothing where the policy declares no 汇总 按', () => {
    const none = { breakdowns: undefined } as unknown as RosterSummary;
    expect(breakdownSheet(none, 'zh')).toEqual([]);
    expect(withBreakdownRows([['a']], none, 'zh')).toEqual([['a']]);
    expect(withBreakdownRows([['a']], summary, 'zh').length).toBe(1 + 1 + 1 + 2);
  });
});
