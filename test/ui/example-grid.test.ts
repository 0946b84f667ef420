// 例子表: a policy's examples as a grid, written back as 例子 blocks, and through CSV (BOM, formulas neutralised).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { exampleGrid } from '../../src/worker/example-grid.js';
import { blocksOf, gridCsv, gridFromCsv, replaceExamples } from '../../src/ui/examples/grid.js';
import { reviewPolicy } from '../../src/worker/review.js';

const sources = Object.fromEntries(readdirSync('policies').map((f) => [f, readFileSync(`policies/${f}`, 'utf8')]));
const ENTRY = 'kaijiang-2020.policy';
const text = sources[ENTRY]!;
const review = (t: string) => reviewPolicy({ entry: ENTRY, sources: { ...sources, [ENTRY]: t } });

describe('example grid', () => {
  it('reads each example as a row, its values as written in the policy', () => {
    const { grid } = exampleGrid(text, ENTRY);
    const col = (h: string) => grid!.columns.findIndex((c) => `${c.section}:${c.name}` === h);
    const first = grid!.rows.find((r) => r.name === '续保普通居民在集中期第一天缴费')!;
    // As the policy file writes it (开江 notice 二(三): 250 元 for an ordinary resident).
    expect(first.cells[col('input:缴费日期')]).toBe('2019-09-01');
    expect(first.cells[col('input:身份证号码')]).toBe('"511723198505050012"');
    expect(first.cells[col('expect:个人缴费')]).toBe('250元');
    expect(first.cells[col('expect:待遇开始')]).toBe('2020-01-01');
    expect(first.cells[col('input:中途参保原因')]).toBe('');
    const low = grid!.rows.find((r) => r.name === '低保对象：资助额未在通知中规定')!;
    expect(low.cells[col('expect:政府资助')]).toBe('未知');
    expect(low.cells[col('expect:标记')]).toBe('{缺少参数}');
    // Inputs before parameters before expectations.
    const sections = grid!.columns.map((c) => c.section);
    expect(sections.indexOf('expect')).toBeGreaterThan(sections.lastIndexOf('input'));
  });

  it('written back as blocks, the policy checks and every example passes as before', () => {
    const before = review(text).examples;
    const { grid, spans } = exampleGrid(text, ENTRY);
    const written = blocksOf(grid!);
    expect('text' in written).toBe(true);
    const after = replaceExamples(text, spans, (written as { text: string }).text);
    const r = review(after);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.examples.map((x) => [x.name, x.passed])).toEqual(before.map((x) => [x.name, x.passed]));
    expect(r.examples.every((x) => x.passed)).toBe(true);
    // Read again, the grid is the same.
    expect(exampleGrid(after, ENTRY).grid).toEqual(grid);
  });

  it('a cell changed in the grid makes that example fail, and only it', () => {
    const { grid, spans } = exampleGrid(text, ENTRY);
    const fee = grid!.columns.findIndex((c) => c.section === 'expect' && c.name === '个人缴费');
    const row = grid!.rows.findIndex((r) => r.name === '续保普通居民在集中期第一天缴费');
    grid!.rows[row]!.cells[fee] = '280元';
    const r = review(replaceExamples(text, spans, (blocksOf(grid!) as { text: string }).text));
    expect(r.examples.filter((x) => !x.passed).map((x) => x.name)).toEqual(['续保普通居民在集中期第一天缴费']);
  });

  it('goes through CSV and back: UTF-8 with BOM, formula-like cells neutralised and restored', () => {
    const { grid } = exampleGrid(text, ENTRY);
    grid!.rows[0]!.name = '=HYPERLINK("x")';
    const bytes = gridCsv(grid!);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.split('\r\n')[0]).toMatch(/^例子,身份证号码,.*期望：个人缴费/);
    const back = gridFromCsv(csv);
    expect(back.problems).toEqual([]);
    expect(back.grid).toEqual(grid);
  });

  it('locates import problems by row and column', () => {
    expect(gridFromCsv('名称,缴费日期\nx,2019-09-01\n').problems[0]).toMatchObject({
      row: 1,
      code: 'grid-no-name-column',
    });
    const { problems, grid } = gridFromCsv(
      '例子,缴费日期,期望：个人缴费\na,2019-09-01,250元\n,2019-09-02,\n\na,,\nb,1,2,3\n',
    );
    expect(grid).toBeNull();
    expect(problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ['grid-no-name', 3, '例子'],
      ['grid-duplicate-name', 5, '例子'],
      ['grid-extra-cells', 6, '#4'],
    ]);
    expect(problems[0]!.message.zh).toBe('第 3 行“例子”列：例子名称为空');
  });

  it('a policy without examples gets the blocks at its end', () => {
    const t = '政策 {\n}\n';
    const grid = {
      columns: [{ section: 'input' as const, name: '缴费日期' }],
      rows: [{ name: 'a', cells: ['2019-09-01'] }],
    };
    expect(replaceExamples(t, [], (blocksOf(grid) as { text: string }).text)).toBe(
      '政策 {\n}\n\n例子 "a" {\n  缴费日期：2019-09-01\n}\n',
    );
  });
});
