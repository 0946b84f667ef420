// `policy eval --csv`: the columns of each person's line, and the county-scale path that reads, evaluates and writes
// the roster chunk by chunk (its bytes, rows and results are never all held at once), writing the same bytes as
// evaluating the whole roster and then toCsv.
import {
  hasErrors,
  rosterInChunks,
  type CompiledPolicy,
  type Diagnostic,
  type LateFlags,
  type ParamOverrides,
  type PersonResult,
} from '../lang/index.js';
import type { CodeLoader } from '../lang/compile/load-generated.js';
import { formatDate } from '../lang/runtime/calendar.js';
import { formatYuan } from '../lang/runtime/money.js';
import { csvChunks, type CsvChunks } from '../roster/read-chunks.js';
import { fileText, NotUtf8, type FileText } from './file-text.js';
import { csvLine, type Cell } from '../roster/export.js';
import { HeldLines } from './held-lines.js';

export const CSV_HEADERS = [
  '行号',
  '身份证号码',
  '姓名',
  '参保资格',
  '原因',
  '个人缴费',
  '政府资助',
  '资助方式',
  '待遇开始',
  '待遇结束',
  '已参保',
  '标记',
];

const unknown = (r: PersonResult, outcome: string) => r.unknown?.includes(outcome) ?? false;
/** `text`, or 未知 where the outcome came out unknown (not the none or 否 its empty field would look like). */
export const shown = (r: PersonResult, outcome: string, text: string | null) => (unknown(r, outcome) ? '未知' : text);
const date = (d: number | null) => (d === null ? null : formatDate(d));
const TIMING = { upfront: '缴费时抵扣', 'after-payment': '先缴后补', waived: '免征代缴' } as const;

/** A person's cells under CSV_HEADERS but the last (标记, the flag codes). */
export function resultCells(r: PersonResult): Cell[] {
  return [
    r.row,
    r.idNumber,
    r.name,
    shown(r, '参保资格', r.eligible ? '是' : '否'),
    r.reason,
    shown(r, '个人缴费', r.personalFee === null ? null : formatYuan(r.personalFee)),
    shown(r, '政府资助', r.subsidy === null ? null : formatYuan(r.subsidy)),
    r.subsidyTiming ? TIMING[r.subsidyTiming] : null,
    shown(r, '待遇开始', date(r.benefitStart)),
    shown(r, '待遇结束', date(r.benefitEnd)),
    // 已参保: 未知 where unknown, never counted as paid.
    r.enrolled == null ? '未知' : r.enrolled ? '是' : '否',
  ];
}

export const flagCodes = (r: PersonResult) => r.flags.map((f) => f.code).join(' ');

/** Text that csvLine writes as it is: no formula start for neutralizeFormula to guard, nothing to quote. */
const PLAIN = /^[^\s=+\-@＝＋－＠",;][^",;\t\r\n]*$/;
const cell = (s: string | null) => (s === null ? '' : PLAIN.test(s) ? s : csvLine([s]));

/** `format`, remembering the text of each value (a county has a few hundred distinct amounts and dates). */
function remembered(format: (n: number) => string): (n: number) => string {
  const seen = new Map<number, string>();
  return (n) => {
    let s = seen.get(n);
    if (s === undefined) {
      if (seen.size === 10_000) seen.clear();
      seen.set(n, (s = format(n)));
    }
    return s;
  };
}
const yuanText = remembered(formatYuan);
const dateText = remembered(formatDate);

/**
 * csvLine(resultCells(r)) followed by a comma, written straight out (the county path, where building the cells
 * cost a tenth of the run); test/cli/csv-results.test.ts holds it to the whole-roster path byte for byte.
 */
export function resultHead(r: PersonResult): string {
  const u = r.unknown;
  const some = u !== undefined && u.length > 0;
  const shownCell = (outcome: string, text: string | null) => (some && u.includes(outcome) ? '未知' : cell(text));
  return (
    `${r.row},${cell(r.idNumber)},${cell(r.name)},${shownCell('参保资格', r.eligible ? '是' : '否')},` +
    `${cell(r.reason)},${shownCell('个人缴费', r.personalFee === null ? null : yuanText(r.personalFee))},` +
    `${shownCell('政府资助', r.subsidy === null ? null : yuanText(r.subsidy))},` +
    `${r.subsidyTiming ? TIMING[r.subsidyTiming] : ''},` +
    `${shownCell('待遇开始', r.benefitStart === null ? null : dateText(r.benefitStart))},` +
    `${shownCell('待遇结束', r.benefitEnd === null ? null : dateText(r.benefitEnd))},` +
    `${r.enrolled == null ? '未知' : r.enrolled ? '是' : '否'},`
  );
}

/** What the chunked path wrote and found, for the CLI to print and to choose its exit code. */
export interface StreamedCsv {
  /** Decoding, header and mapping diagnostics, then the evaluation's. */
  readDiagnostics: Diagnostic[];
  evalDiagnostics: Diagnostic[];
  /** Some row had a reading problem or an invalid ID number (exit code 1). */
  problems: boolean;
}

/**
 * Characters per piece of the roster read at a time (~180 rows of a county roster). Small, so that garbage never
 * grows the heap: a piece's rows and results die in V8's young generation, and its text (with the decoded block it
 * is cut from, file-text.ts) stays below V8's large-object size (128 KB), which would go straight to the old one.
 * 2 MiB pieces and 4 MiB blocks peaked at 536 MiB on the county, 64K and 4 MiB at ~230, these at ~150.
 */
const CHUNK_CHARS = 16 * 1024;

/**
 * Reads the CSV roster at `path`, evaluates and writes `--csv` output to `write` chunk by chunk. Null (nothing
 * written or printed) where the roster must be read whole instead: not a CSV file, a reading error, or text whose
 * pieces could read differently than the whole (see read-chunks.ts). Output is held as UTF-8 until the end
 * (held-lines.ts), since the last row can add a duplicate-ID flag to the first.
 */
export function evalCsvInChunks(
  policy: CompiledPolicy,
  path: string,
  params: ParamOverrides,
  loadCode: CodeLoader | undefined,
  write: (bytes: Uint8Array) => void,
  sizes: { chunkChars?: number; blockBytes?: number } = {},
): StreamedCsv | null {
  const chunkChars = sizes.chunkChars ?? CHUNK_CHARS;
  const file = fileText(path, sizes.blockBytes);
  if (file === null) return null;
  try {
    return streamed(policy, file.strict, params, loadCode, write, chunkChars);
  } catch (e) {
    // Not UTF-8 throughout (decodeText's first try): the encoding decodeText then picks, from the start.
    if (!(e instanceof NotUtf8)) throw e;
    return streamed(policy, file.fallback, params, loadCode, write, chunkChars);
  }
}

function streamed(
  policy: CompiledPolicy,
  open: () => FileText,
  params: ParamOverrides,
  loadCode: CodeLoader | undefined,
  write: (bytes: Uint8Array) => void,
  chunkChars: number,
): StreamedCsv | null {
  const file = open();
  const first = csvChunks(file.blocks, policy.fields, { chunkChars });
  if (first === null) return null;
  if (hasErrors(first.diagnostics)) return null;
  let written: ReturnType<typeof evaluateChunks>;
  try {
    written = evaluateChunks(policy, first, params, loadCode);
  } catch (e) {
    // Generated code that fails where the closures would not: the closures decide (as evaluateRoster does).
    if (loadCode === undefined || e instanceof NotUtf8) throw e;
    return streamed(policy, open, params, undefined, write, chunkChars);
  }
  // Decoding diagnostics are complete once every block is read.
  const readDiagnostics = [...file.diagnostics, ...first.diagnostics];
  if (written === null) return null;
  // Evaluation-time errors (a --param that does not fit) stop before the file is read through: the whole-roster path
  // prints them after every reading diagnostic.
  if (hasErrors(written.diagnostics)) return null;
  write(new Uint8Array([0xef, 0xbb, 0xbf]));
  write(Buffer.from(csvLine(CSV_HEADERS) + '\r\n'));
  const late = written.late;
  written.lines.writeTo(write, (i) => late.get(i)?.map((f) => f.code));
  return { readDiagnostics, evalDiagnostics: written.diagnostics, problems: written.problems };
}

function evaluateChunks(
  policy: CompiledPolicy,
  rows: CsvChunks,
  params: ParamOverrides,
  loadCode: CodeLoader | undefined,
) {
  const persons = rosterInChunks(policy, { params, ...(loadCode ? { loadCode } : {}) });
  if (hasErrors(persons.diagnostics))
    return { lines: new HeldLines(), late: new Map() as LateFlags, diagnostics: persons.diagnostics, problems: false };
  const lines = new HeldLines();
  let problems = false;
  for (let batch = rows.next(); batch !== null; batch = rows.next()) {
    if (!rows.exact) return null;
    for (const row of batch) if (row.problems.length > 0) problems = true;
    const results = persons.evaluate(batch);
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      if (!problems && r.flags.some((f) => f.code === 'invalid-id')) problems = true;
      lines.add(resultHead(r), flagCodes(r));
    }
  }
  if (!rows.exact) return null;
  return { lines, late: persons.finish(), diagnostics: persons.diagnostics, problems };
}
