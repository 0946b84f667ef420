// One row of cell text → a typed roster row with its problems and unreadable cells (the reader's and the worker's).
import type { Diagnostic } from '../lang/diagnostic.js';
import type { FieldSpec, FieldValue, RosterRow, UnreadableCell } from '../lang/model.js';
import { checkIdNumber } from '../lang/runtime/id-number.js';
import { idProblemText } from '../lang/evaluate/flags.js';
import { CellReader } from './values.js';

/** Shared by every row that reads cleanly; frozen, so a stray push fails loudly instead of reaching all rows. */
const NO_PROBLEMS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/** The value of a missing category-set column, shared by every row (so frozen). */
const NO_CATEGORIES = Object.freeze([]) as unknown as string[];

/** Missing columns named in a short row's problem before “等”. */
const SHOWN_COLUMNS = 5;

interface Column {
  field: FieldSpec;
  index: number | null;
  header: string;
  cells: CellReader;
}

/**
 * Reads rows under one header and column mapping. A cell that holds text but cannot be read, and a mapped cell a
 * short row does not have, are listed in `unreadable` (the field is then unknown, never empty) and reported.
 * `sparse`: rows leave out their empty cells at the end (XLSX stores no empty cell), so a short row is not a problem.
 */
export class RowReader {
  private readonly columns: Column[];
  /**
   * Each row's values start as a copy of this, fields in policy order. An ordinary object literal grown key by
   * key, so it stays a fast (shape-stable) object and `{ ...blank }` copies its shape whole: rows built this way
   * read ~1.7× faster than prototype-free ones, which V8 keeps as slow dictionaries.
   */
  private readonly blank: Record<string, FieldValue>;
  /** A field named like a property of Object.prototype (`__proto__`, `constructor`) needs prototype-free values. */
  private readonly protoFree: boolean;

  constructor(
    private readonly headers: readonly string[],
    mapping: readonly { field: string; index: number | null }[],
    fields: readonly FieldSpec[],
    private readonly sparse = false,
  ) {
    this.columns = mapping.map((m) => {
      const field = fields.find((f) => f.name === m.field)!;
      return {
        field,
        index: m.index,
        header: m.index === null ? '' : (headers[m.index] ?? ''),
        cells: new CellReader(field),
      };
    });
    this.protoFree = this.columns.some(({ field }) => Object.hasOwn(Object.prototype, field.name));
    // `blank.__proto__ = null` would set the prototype rather than add a field: such names take the slow path.
    this.blank = this.protoFree ? (Object.create(null) as Record<string, FieldValue>) : {};
    for (const { field } of this.columns) this.blank[field.name] = null;
  }

  /** Reads the cells of data row `rowNumber` (1-based, the header excluded); `raw` may be shorter than the header. */
  read(raw: readonly string[], rowNumber: number): RosterRow {
    const values: Record<string, FieldValue> = this.protoFree
      ? Object.assign(Object.create(null), this.blank)
      : { ...this.blank };
    let problems = NO_PROBLEMS;
    let unreadable: UnreadableCell[] | undefined;
    let id: RosterRow['id'];
    for (const column of this.columns) {
      const { field, index, header } = column;
      if (index === null) {
        values[field.name] = field.kind === 'category-set' ? NO_CATEGORIES : null;
        continue;
      }
      if (index >= raw.length && !this.sparse) {
        // Not there at all: unknown, and reported once for the row below.
        (unreadable ??= []).push({ field: field.name, column: header, text: '', missing: true });
        continue;
      }
      const cell = raw[index] ?? '';
      const r = column.cells.next(cell);
      values[field.name] = r.value;
      if (r.problem) {
        const { code, message, suggestion } = r.problem;
        problems = withProblem(problems, rowProblem(code, rowNumber, header, message));
        (unreadable ??= []).push({
          field: field.name,
          column: header,
          text: cell,
          ...(suggestion ? { suggestion } : {}),
        });
      }
      if (field.kind === 'id-number' && typeof r.value === 'string') {
        const check = checkIdNumber(r.value);
        id = { value: r.value, check }; // kept: evaluation uses it rather than checking again
        if (!check.ok) {
          const why = idProblemText(check.problem);
          problems = withProblem(
            problems,
            rowProblem('invalid-id', rowNumber, header, {
              zh: `身份证号码“${r.value}”无效：${why.zh}`,
              en: `ID number “${r.value}” is invalid: ${why.en}`,
            }),
          );
        }
      } else if (field.required && (r.value === null || r.value === '') && !r.problem) {
        problems = withProblem(
          problems,
          rowProblem('missing-value', rowNumber, header, {
            zh: `必填的“${field.name}”为空`,
            en: `Required “${field.name}” is empty`,
          }),
        );
      }
    }
    const width = this.headers.length;
    if (raw.length < width && !this.sparse)
      problems = withProblem(
        problems,
        this.shortRow(raw.length, rowNumber, unreadable?.some((u) => u.missing) ?? false),
      );
    else if (raw.length > width && !isBlank(raw, width)) {
      const more = raw.length - width;
      problems = withProblem(
        problems,
        rowProblem('extra-cells', rowNumber, '', {
          zh: `本行比表头多出 ${more} 个单元格（各列可能错位）`,
          en: `This row has ${more} more cell(s) than the header (its columns may be shifted)`,
        }),
      );
    }
    return unreadable ? { row: rowNumber, values, problems, id, unreadable } : { row: rowNumber, values, problems, id };
  }

  /**
   * A row that ends before the header does: which columns are missing (their values are unknown, not empty). An
   * error where a policy field's cell is missing, else a warning (nothing is computed from the missing cells).
   */
  private shortRow(length: number, rowNumber: number, fieldsMissing: boolean): Diagnostic {
    const missing = this.headers.slice(length).map((h, i) => h || `第 ${length + i + 1} 列`);
    const more = missing.length > SHOWN_COLUMNS ? ` 等 ${missing.length} 列` : '';
    const zh = `本行只有 ${length} 个单元格，比表头少 ${missing.length} 个，缺少${missing
      .slice(0, SHOWN_COLUMNS)
      .map((h) => `“${h}”`)
      .join('')}${more}（按未知处理，不按空白）`;
    const en = `This row has ${length} cell(s), ${missing.length} fewer than the header; missing ${missing
      .slice(0, SHOWN_COLUMNS)
      .map((h) => `“${h}”`)
      .join(
        ', ',
      )}${missing.length > SHOWN_COLUMNS ? ` and ${missing.length - SHOWN_COLUMNS} more` : ''} (treated as unknown, not empty)`;
    return { ...rowProblem('short-row', rowNumber, '', { zh, en }), severity: fieldsMissing ? 'error' : 'warning' };
  }
}

/** Whether every cell of `cells` from `from` on is empty or blank. */
export function isBlank(cells: readonly string[], from = 0): boolean {
  for (let i = from; i < cells.length; i++) if (cells[i]!.trim() !== '') return false;
  return true;
}

/** A row's problems with one more (the shared empty list is replaced, never changed). */
function withProblem(problems: Diagnostic[], problem: Diagnostic): Diagnostic[] {
  if (problems === NO_PROBLEMS) return [problem];
  problems.push(problem);
  return problems;
}

/** Severity of row problems that do not make any value unknown. */
const WARNINGS = new Set(['extra-cells']);

function rowProblem(code: string, row: number, column: string, m: { zh: string; en: string }): Diagnostic {
  return {
    code,
    severity: WARNINGS.has(code) ? 'warning' : 'error',
    row,
    column,
    message: {
      zh: `第 ${row} 行（表格第 ${row + 1} 行）${column ? `“${column}”列` : ''}：${m.zh}`,
      en: `Row ${row}${column ? `, column “${column}”` : ''}: ${m.en}`,
    },
  };
}
