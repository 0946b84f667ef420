// Geometry of the comparison chart: per township, the change in personal fees and in subsidy as two bars from a
// zero line (rises right, falls left), on one scale so the two can be compared.
import type { CompareRow } from '../../worker/protocol.js';

export interface ChangeBar {
  name: string;
  fee: number;
  subsidy: number;
  y: number;
  /** x and width of each bar (width ≥ 0; a fall starts left of the zero line). */
  feeX: number;
  feeWidth: number;
  subsidyX: number;
  subsidyWidth: number;
}

export interface ChangeChart {
  width: number;
  height: number;
  zeroX: number;
  bars: ChangeBar[];
  barHeight: number;
}

export function changeChart(rows: readonly CompareRow[], width = 620, labelWidth = 96, barHeight = 8): ChangeChart {
  const top = 8,
    gap = 8;
  const changes = rows.map((r) => ({
    name: r.name,
    fee: r.feeAfter - r.feeBefore,
    subsidy: r.subsidyAfter - r.subsidyBefore,
  }));
  const most = Math.max(1, ...changes.flatMap((c) => [Math.abs(c.fee), Math.abs(c.subsidy)]));
  const anyFall = changes.some((c) => c.fee < 0 || c.subsidy < 0);
  const plot = width - labelWidth - 8;
  // With falls the zero line is in the middle; with rises only, at the left.
  const zeroX = labelWidth + (anyFall ? plot / 2 : 0);
  const scale = (anyFall ? plot / 2 : plot) / most;
  const span = (v: number) => ({ x: v < 0 ? zeroX + v * scale : zeroX, w: Math.abs(v) * scale });
  const bars = changes.map((c, i) => {
    const f = span(c.fee),
      s = span(c.subsidy);
    const y = top + i * (2 * barHeight + gap);
    return { ...c, y, feeX: f.x, feeWidth: f.w, subsidyX: s.x, subsidyWidth: s.w };
  });
  return { width, height: top + rows.length * (2 * barHeight + gap), zeroX, bars, barHeight };
}
