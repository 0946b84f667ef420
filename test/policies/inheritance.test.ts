// A fictional provincial template (test/policies/inherit-template-2025.policy) and a county file extending it
// (inherit-county-2025.policy): both check clean and their hand-computed examples pass, including those of 2026;
// the template evaluates no roster; the county's 缴费期 comes from its parameters; describe shows merged rules.
import { describe, expect, it } from 'vitest';
import { describePolicy, loadPolicy, notEvaluable, runExamples } from '../../src/lang/index.js';
import { dayNumber } from '../../src/lang/runtime/calendar.js';
import { fromDisk } from '../helpers.js';

const TEMPLATE = 'test/policies/inherit-template-2025.policy';
const COUNTY = 'test/policies/inherit-county-2025.policy';

describe('a provincial template and a county file inheriting it', () => {
  it('the template checks clean, runs its examples (2025 and 2026) and refuses to evaluate a roster', () => {
    const { policy, diagnostics } = loadPolicy(TEMPLATE, fromDisk);
    expect(diagnostics).toEqual([]);
    const results = runExamples(policy!);
    expect(results.length).toBe(6);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(notEvaluable(policy!)).toMatchObject({ code: 'template-not-evaluable', severity: 'error' });
    expect(policy!.operations).toEqual([
      {
        kind: 'period',
        name: '集中参保期',
        value: '集中开始（未定 not set） 至 集中结束（未定 not set）',
        clause: '四',
      },
    ]);
  });

  it('the county checks clean (no last-year warnings about the template), and every example passes', () => {
    const { policy, diagnostics } = loadPolicy(COUNTY, fromDisk);
    expect(diagnostics).toEqual([]);
    expect(notEvaluable(policy!)).toBeNull();
    const results = runExamples(policy!);
    expect(results.length).toBe(7);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it("the county's 缴费期 is built from its parameters and shown with their dates", () => {
    const { policy } = loadPolicy(COUNTY, fromDisk);
    expect(policy!.operations).toEqual([
      {
        kind: 'period',
        name: '集中参保期',
        value: '2024-09-01 至 2024-12-31',
        start: dayNumber(2024, 9, 1),
        end: dayNumber(2024, 12, 31),
        clause: '四',
      },
    ]);
  });

  it('the 2026 examples depend on their 年度 line', () => {
    const text = fromDisk(TEMPLATE)!.replace(/ {2}年度：2026\n/g, '');
    const { policy } = loadPolicy(TEMPLATE, (p) => (p === TEMPLATE ? text : fromDisk(p)));
    const failed = runExamples(policy!).filter((r) => !r.passed);
    expect(failed.map((r) => r.name)).toEqual([
      '2026年度：新生儿出生后78日缴费，自出生之日起',
      '2026年度：集中参保期后缴费，等待3个月，享受至2026年底',
    ]);
  });

  it('describe shows the merged 待遇开始: the county rules first and in place, each with its file:line', () => {
    const { policy } = loadPolicy(COUNTY, fromDisk);
    const lines = describePolicy(policy!).split('\n');
    const at = lines.findIndex((l) => l.startsWith('结果 待遇开始'));
    expect(lines[at - 1]).toBe(`# 扩展 amended at ${COUNTY}:40`);
    expect(lines[at]).toMatch(new RegExp(`# ${TEMPLATE}:78$`));
    const rules = lines.slice(at + 1, at + 7);
    expect(rules.map((l) => l.split('#')[1]!.trim())).toEqual([
      `${COUNTY}:42`,
      `${COUNTY}:41`,
      `${TEMPLATE}:80`,
      `${TEMPLATE}:81`,
      `${TEMPLATE}:82`,
      `${TEMPLATE}:83`,
    ]);
    expect(rules[0]).toContain('标签 "退役军人"');
    expect(rules[1]).toContain('出生日期 + 180日：出生日期，条款 县五(一)，标签 "新生儿"');
    expect(lines).toContainEqual(expect.stringMatching(/^缴费期 集中参保期 = 2024-09-01 至 2024-12-31 +#/));
  });
});
