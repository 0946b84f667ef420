// Geometry of the participation-rate chart: one horizontal bar per township on a 0-based scale, with the goal line.

export interface ChartBar {
  name: string;
  rate: number | null;
  y: number;
  width: number;
  belowGoal: boolean;
}

export interface RateChart {
  width: number;
  height: number;
  plotLeft: number;
  plotWidth: number;
  bars: ChartBar[];
  goalX: number | null;
  ticks: { x: number; value: number }[];
  barHeight: number;
}

export function rateChart(
  rows: readonly { name: string; rate: number | null }[],
  goal: number | null,
  width = 560,
  labelWidth = 96,
  barHeight = 16,
  gap = 6,
): RateChart {
  const top = 22;
  const plotLeft = labelWidth;
  const plotWidth = Math.max(100, width - labelWidth - 64);
  const most = Math.max(1, goal ?? 0, ...rows.map((r) => r.rate ?? 0));
  const max = Math.ceil(most * 5) / 5; // a whole number of 20% steps
  const x = (v: number) => plotLeft + (v / max) * plotWidth;
  const bars = rows.map((r, i) => ({
    name: r.name,
    rate: r.rate,
    y: top + i * (barHeight + gap),
    width: r.rate === null ? 0 : Math.max(0, x(r.rate) - plotLeft),
    belowGoal: goal !== null && r.rate !== null && r.rate < goal,
  }));
  const ticks: { x: number; value: number }[] = [];
  for (let v = 0; v <= max + 1e-9; v += 0.2) ticks.push({ x: x(v), value: Math.round(v * 100) / 100 });
  return {
    width,
    height: top + rows.length * (barHeight + gap) + 4,
    plotLeft,
    plotWidth,
    bars,
    goalX: goal === null ? null : x(goal),
    ticks,
    barHeight,
  };
}

/** The county goal (fraction) and the special groups' goals from a summary's goal list (rate is % × 100). */
export function goalsOf(goals: readonly { group: string | null; rate: number }[]): {
  county: number | null;
  groups: { group: string; rate: number }[];
} {
  const county = goals.find((g) => g.group === null);
  return {
    county: county ? county.rate / 10000 : null,
    groups: goals.filter((g) => g.group !== null).map((g) => ({ group: g.group!, rate: g.rate / 10000 })),
  };
}
