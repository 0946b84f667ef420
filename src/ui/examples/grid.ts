// 例子表 ↔ 例子 blocks and CSV, as pure functions: the grid written back as policy text, exported and imported.
import type { Diagnostic } from '../../lang/diagnostic.js';
import { parseCsv } from '../../roster/csv.js';
import { neutralizeFormula, toCsv } from '../../roster/export.js';
import type { ExampleGrid, GridColumn, GridSection } from '../../worker/example-grid.js';

const PREFIX: Record<GridSection, string> = { input: '', param: '参数：', expect: '期望：' };
/** The first CSV column: each example's name. */
export const NAME_HEADER = '例子';

/** A column's CSV header: the input's name, or `参数：名称`, `期望：结果`. */
export const headerOf = (c: GridColumn): string => PREFIX[c.section] + c.name;

/** An example's name as a string literal the grammar reads back (null: it holds every kind of closing quote). */
export function quoteName(s: string): string | null {
  if (/[\r\n]/.test(s)) return null;
  if (!s.includes('"')) return `"${s}"`;
  if (!s.includes('”')) return `“${s}”`;
  if (!s.includes('」')) return `「${s}」`;
  return null;
}

/** The grid's examples as 例子 blocks (empty cells left out), or the first row that cannot be written. */
export function blocksOf(grid: ExampleGrid): { text: string } | { badRow: number } {
  const out: string[] = [];
  for (const [r, row] of grid.rows.entries()) {
    const name = quoteName(row.name);
    if (name === null || row.name.trim() === '' || row.cells.some((c) => /[\r\n]/.test(c))) return { badRow: r };
    const of = (section: GridSection) =>
      grid.columns.flatMap((c, i) =>
        c.section === section && row.cells[i]!.trim() !== '' ? [[c.name, row.cells[i]!.trim()]] : [],
      );
    const lines = [`例子 ${name} {`, ...of('input').map(([k, v]) => `  ${k}：${v}`)];
    const params = of('param');
    if (params.length) lines.push(`  参数 { ${params.map(([k, v]) => `${k}：${v}`).join('  ')} }`);
    const expects = of('expect');
    if (expects.length) lines.push(`  期望 { ${expects.map(([k, v]) => `${k}：${v}`).join('  ')} }`);
    lines.push('}');
    out.push(lines.join('\n'));
  }
  return { text: out.join('\n\n') };
}

/**
 * The policy text with its example blocks (at `spans`, from the text the grid was read from) replaced by `blocks`:
 * written where the first example was (at the end when there was none); the text between blocks is kept.
 */
export function replaceExamples(
  text: string,
  spans: readonly { start: number; end: number }[],
  blocks: string,
): string {
  if (spans.length === 0) {
    if (blocks === '') return text;
    return `${text.replace(/\s*$/, '')}\n\n${blocks}\n`;
  }
  let out = '';
  let at = 0;
  for (const [i, s] of spans.entries()) {
    out += text.slice(at, s.start);
    if (i === 0) out += blocks;
    at = s.end;
    // A removed block's own line break goes with it.
    if (i > 0 && text[at] === '\n') at++;
  }
  out += text.slice(at);
  return out.replace(/\n{3,}/g, '\n\n');
}

/** The grid as CSV: UTF-8 with BOM, cells that a spreadsheet would run as formulas neutralised. */
export function gridCsv(grid: ExampleGrid): Uint8Array {
  return toCsv(
    [NAME_HEADER, ...grid.columns.map(headerOf)],
    grid.rows.map((r) => [r.name, ...r.cells]),
  );
}

/** A neutralised cell read back: the apostrophe put before a formula character on export is dropped. */
function unneutralize(cell: string): string {
  return cell.startsWith("'") && neutralizeFormula(cell.slice(1)) !== cell.slice(1) ? cell.slice(1) : cell;
}

const bi = (zh: string, en: string) => ({ zh, en });

/** A CSV problem located by row and column (row 1 is the header). */
function problem(code: string, row: number, column: string, zh: string, en: string): Diagnostic {
  return {
    code,
    severity: 'error',
    message: bi(`第 ${row} 行“${column}”列：${zh}`, `Row ${row}, column “${column}”: ${en}`),
    row,
    column,
  };
}

/** A grid read from CSV (a BOM, Excel's quoting and `;` or tab separators accepted); its problems by row and column. */
export function gridFromCsv(text: string): { grid: ExampleGrid | null; problems: Diagnostic[] } {
  const table = parseCsv(text.replace(/^\uFEFF/, ''));
  // Blank lines are skipped; rows keep their number in the file (row 1 the header).
  const rows = table.rows
    .map((cells, i) => ({ cells, row: i + 1 }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  // The reader's own problems (an unclosed quote …) carry their row.
  const problems: Diagnostic[] = [...table.diagnostics];
  const headRow = rows[0]?.row ?? 1;
  const header = (rows[0]?.cells ?? []).map((h) => unneutralize(h).trim());
  if (header[0] !== NAME_HEADER) {
    problems.push(
      problem(
        'grid-no-name-column',
        headRow,
        header[0] ?? '',
        `第一列的表头应为“${NAME_HEADER}”`,
        `the first header should be “${NAME_HEADER}”`,
      ),
    );
    return { grid: null, problems };
  }
  const columns: GridColumn[] = [];
  const seen = new Set<string>();
  for (const [i, h] of header.slice(1).entries()) {
    const m = /^(参数|期望)\s*[：:]\s*(.+)$/.exec(h);
    const c: GridColumn = m
      ? { section: m[1] === '参数' ? 'param' : 'expect', name: m[2]!.trim() }
      : { section: 'input', name: h };
    if (c.name === '')
      problems.push(problem('grid-empty-header', headRow, `#${i + 2}`, '表头为空', 'the header is empty'));
    else if (seen.has(headerOf(c)))
      problems.push(problem('grid-duplicate-header', headRow, h, '表头重复', 'the header appears twice'));
    seen.add(headerOf(c));
    columns.push(c);
  }
  const names = new Set<string>();
  const out = rows.slice(1).map(({ cells, row }) => {
    const values = cells.map(unneutralize);
    if (values.length > header.length)
      problems.push(
        problem('grid-extra-cells', row, `#${header.length + 1}`, '单元格多于表头', 'more cells than headers'),
      );
    const name = (values[0] ?? '').trim();
    if (name === '')
      problems.push(problem('grid-no-name', row, NAME_HEADER, '例子名称为空', 'the example has no name'));
    else if (quoteName(name) === null)
      problems.push(
        problem('grid-bad-name', row, NAME_HEADER, '名称中的引号无法写入政策', 'the name’s quotes cannot be written'),
      );
    else if (names.has(name))
      problems.push(problem('grid-duplicate-name', row, NAME_HEADER, '例子名称重复', 'the name appears twice'));
    names.add(name);
    const own = columns.map((_, i) => (values[i + 1] ?? '').trim());
    for (const [i, v] of own.entries())
      if (/[\r\n]/.test(v))
        problems.push(problem('grid-line-break', row, header[i + 1]!, '值不能换行', 'a value cannot span lines'));
    return { name, cells: own };
  });
  return { grid: problems.length ? null : { columns, rows: out }, problems };
}
