// The comparison chart's geometry: rises from a zero line at the left; with any fall, the zero line in the middle.
import { describe, expect, it } from 'vitest';
import { changeChart } from '../../src/ui/compare/chart.js';
import type { CompareRow } from '../../src/worker/protocol.js';

const row = (name: string, fee: number, subsidy: number): CompareRow => ({
  name,
  persons: 1,
  more: 0,
  less: 0,
  same: 0,
  unknown: 0,
  feeBefore: 10000,
  feeAfter: 10000 + fee,
  subsidyBefore: 5000,
  subsidyAfter: 5000 + subsidy,
});

describe('changeChart', () => {
  it('draws rises rightwards from the left edge of the plot, the largest change across the plot', () => {
    const c = changeChart([row('甲镇', 4000, 0), row('乙镇', 2000, 1000)], 620, 96);
    expect(c.zeroX).toBe(96);
    const plot = 620 - 96 - 8;
    expect(c.bars[0]).toMatchObject({ fee: 4000, feeX: 96, feeWidth: plot, subsidyWidth: 0 });
    expect(c.bars[1]).toMatchObject({ feeWidth: plot / 2, subsidyWidth: plot / 4 });
  });

  it('puts the zero line in the middle when something falls, a fall drawn leftwards', () => {
    const c = changeChart([row('甲镇', -3000, 0), row('乙镇', 1500, 0)], 620, 96);
    const half = (620 - 96 - 8) / 2;
    expect(c.zeroX).toBe(96 + half);
    expect(c.bars[0]).toMatchObject({ feeX: 96, feeWidth: half });
    expect(c.bars[1]).toMatchObject({ feeX: 96 + half, feeWidth: half / 2 });
  });
});
