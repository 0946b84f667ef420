// The policy CLI: check, test, fmt, eval, explain. Exit 0 when all is well, 1 when problems were found, 2 for a usage error.
import { existsSync, readFileSync } from 'node:fs';
import { loadAsFile } from './load-code.js';
import { readPolicySource } from './read-source.js';
import { CSV_HEADERS, evalCsvInChunks, flagCodes, resultCells, shown } from './csv-results.js';
import {
  describePolicy,
  evaluateRoster,
  explainRow,
  notEvaluable,
  formatPolicy,
  hasErrors,
  loadPolicy,
  parameterDiagnostics,
  renderDiagnostic,
  runExamples,
  type CompiledPolicy,
  type Diagnostic,
  type ParamOverrides,
  type PersonResult,
} from '../lang/index.js';
import { readRosterBytes } from '../roster/index.js';
import { toCsv } from '../roster/export.js';
import { formatDate } from '../lang/runtime/calendar.js';
import { fenToYuanNumber, formatYuan } from '../lang/runtime/money.js';
import { visible, visibleKeepingLines } from '../lang/visible.js';

const USAGE = `用法 usage: npm run --silent policy -- <command>
  check FILE…                         检查政策文件 check policy files
  test FILE…                          运行政策中的例子 run the policies' examples
  fmt FILE                            输出规范格式 print the canonical form
  describe FILE                       显示继承合并后的政策（每条规则的出处）
                                      show the policy after 继承, each rule with its file:line
  eval POLICY ROSTER [--param NAME=VALUE]… [--sheet NAME] [--json|--csv]
                                      ROSTER: .csv (UTF-8/GBK) 或 .xlsx
                                      计算花名册 evaluate a roster
  explain POLICY ROSTER --row N       逐步说明某一行 explain one row step by step`;

/** Policy text for rendering a diagnostic's source line: only what the policy reader itself reads. */
const sourceText = (path: string): string | undefined => {
  const text = readPolicySource(path);
  return typeof text === 'string' ? text : undefined;
};
const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

function printDiagnostics(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) err(renderDiagnostic(d, d.span ? sourceText(d.span.file) : undefined));
}

function load(path: string): CompiledPolicy | null {
  const entry = readPolicySource(path);
  if (entry === null) {
    err(`找不到政策文件 ${path}（policy file not found）`);
    return null;
  }
  if (typeof entry !== 'string') {
    err(`${path} 不是可读取的政策文件（not a readable policy file: ${entry.refused}）`);
    return null;
  }
  const { policy, diagnostics } = loadPolicy(path, readPolicySource);
  printDiagnostics(diagnostics);
  return policy;
}

function usage(message?: string): number {
  if (message) err(message);
  err(USAGE);
  return 2;
}

function check(files: string[]): number {
  if (files.length === 0) return usage();
  let ok = true;
  for (const f of files) {
    const policy = load(f);
    if (policy)
      err(
        `${f}: 检查通过 ok（${policy.template ? '模板 template，' : ''}${policy.fields.length} 个输入字段 inputs，${policy.exampleCount} 个例子 examples）`,
      );
    else ok = false;
  }
  return ok ? 0 : 1;
}

function test(files: string[]): number {
  if (files.length === 0) return usage();
  let failed = 0;
  for (const f of files) {
    const policy = load(f);
    if (!policy) {
      failed++;
      continue;
    }
    const results = runExamples(policy);
    for (const r of results) {
      out(visible(`${r.passed ? '通过 PASS' : '失败 FAIL'}  ${f}  ${r.name}`));
      for (const x of r.failures) out(visible(`      ${x.zh}（${x.en}）`));
    }
    const bad = results.filter((r) => !r.passed).length;
    failed += bad;
    out(`${f}: ${results.length - bad}/${results.length} 个例子通过 examples passed`);
  }
  return failed ? 1 : 0;
}

function fmt(files: string[]): number {
  if (files.length !== 1) return usage();
  const text = readPolicySource(files[0]!);
  if (text === null) return usage(`找不到文件 ${files[0]}（file not found）`);
  if (typeof text !== 'string')
    return usage(`${files[0]} 不是可读取的政策文件（not a readable policy file: ${text.refused}）`);
  const r = formatPolicy(text, files[0]!);
  printDiagnostics(r.diagnostics);
  if (r.text === null) return 1;
  process.stdout.write(r.text);
  return 0;
}

function describe(files: string[]): number {
  if (files.length !== 1) return usage();
  const policy = load(files[0]!);
  if (!policy) return 1;
  process.stdout.write(visibleKeepingLines(describePolicy(policy)));
  return 0;
}

/** A template evaluates no roster: says so (and why) instead. */
function refuseTemplate(policy: CompiledPolicy): boolean {
  const d = notEvaluable(policy);
  if (d) printDiagnostics([d]);
  return d !== null;
}

interface EvalArgs {
  policy: string;
  roster: string;
  params: ParamOverrides;
  format: 'table' | 'json' | 'csv';
  row?: number;
  sheet?: string;
}

function parseEvalArgs(rest: string[], needRow: boolean): EvalArgs | string {
  const positional: string[] = [];
  const params: ParamOverrides = {};
  let format: EvalArgs['format'] = 'table';
  let row: number | undefined;
  let sheet: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') format = 'json';
    else if (a === '--csv') format = 'csv';
    else if (a === '--param') {
      const kv = rest[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) return `--param 需要 NAME=VALUE（--param needs NAME=VALUE）`;
      params[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--row') {
      row = Number(rest[++i]);
      if (!Number.isInteger(row) || row < 1) return '--row 需要正整数（--row needs a positive whole number）';
    } else if (a === '--sheet') {
      sheet = rest[++i];
      if (!sheet) return '--sheet 需要工作表名称（--sheet needs a sheet name）';
    } else if (a.startsWith('--')) return `未知选项 ${a}（unknown option）`;
    else positional.push(a);
  }
  if (positional.length !== 2) return '需要政策文件和花名册文件（a policy file and a roster file are needed）';
  if (needRow && row === undefined) return '需要 --row N（--row N is needed）';
  return {
    policy: positional[0]!,
    roster: positional[1]!,
    params,
    format,
    ...(row !== undefined ? { row } : {}),
    ...(sheet !== undefined ? { sheet } : {}),
  };
}

function readRoster(policy: CompiledPolicy, path: string, sheet?: string) {
  if (!existsSync(path)) return null;
  const r = readRosterBytes(
    new Uint8Array(readFileSync(path)),
    path,
    policy.fields,
    sheet !== undefined ? { sheet } : {},
  );
  printDiagnostics(located(path, r.diagnostics));
  return r;
}

/** A roster's diagnostics, each message starting with the roster's path. */
const located = (path: string, diagnostics: Diagnostic[]): Diagnostic[] =>
  diagnostics.map((d) => ({ ...d, message: { zh: `${path}: ${d.message.zh}`, en: d.message.en } }));

const yuan = (fen: number | null) => (fen === null ? null : fenToYuanNumber(fen));
const date = (d: number | null) => (d === null ? null : formatDate(d));

function jsonResult(r: PersonResult) {
  return {
    // null in a field is none unless the field's outcome is listed in `unknown` (e.g. a parameter without value).
    row: r.row,
    idNumber: r.idNumber,
    name: r.name,
    eligible: unknown(r, '参保资格') ? null : (r.eligible ?? false),
    reason: r.reason,
    personalFee: yuan(r.personalFee),
    subsidy: yuan(r.subsidy),
    subsidyTiming: r.subsidyTiming,
    benefitStart: date(r.benefitStart),
    benefitEnd: date(r.benefitEnd),
    // 已参保: true / false, null where unknown (never counted as paid).
    enrolled: r.enrolled ?? null,
    // 柜面应收, 事后补助, 个人实际负担 (null: unknown) and 政府资助 by paying body (主体), where the policy names one.
    due: yuan(r.due ?? null),
    credited: yuan(r.credited ?? null),
    netCost: yuan(r.netCost ?? null),
    ...(r.subsidyByPayer ? { subsidyByPayer: yuanByKey(r.subsidyByPayer) } : {}),
    flags: r.flags.map((f) => ({ code: f.code, message: f.message.zh })),
    extras: r.extras,
    unknown: r.unknown ?? [],
  };
}

/** Amounts by paying body, in yuan ('' is the part no rule names a body of). */
function yuanByKey(split: Record<string, number>): Record<string, number | null> {
  const out: Record<string, number | null> = Object.create(null);
  for (const body of Object.keys(split)) out[body] = yuan(split[body]!);
  return out;
}

const unknown = (r: PersonResult, outcome: string) => r.unknown?.includes(outcome) ?? false;

function evaluate(rest: string[]): number {
  const a = parseEvalArgs(rest, false);
  if (typeof a === 'string') return usage(a);
  const policy = load(a.policy);
  if (!policy) return 1;
  if (refuseTemplate(policy)) return 1;
  if (a.format === 'csv' && !process.stdout.isTTY && a.sheet === undefined && existsSync(a.roster)) {
    // A county's CSV: read, evaluated and written chunk by chunk; null where it must be read whole.
    const streamed = evalCsvInChunks(policy, a.roster, a.params, loadAsFile, (b) => process.stdout.write(b));
    if (streamed) {
      printDiagnostics(located(a.roster, streamed.readDiagnostics));
      printDiagnostics(streamed.evalDiagnostics);
      return hasErrors(streamed.evalDiagnostics) ? 1 : streamed.problems ? 1 : 0;
    }
  }
  const roster = readRoster(policy, a.roster, a.sheet);
  if (!roster) return usage(`找不到花名册 ${a.roster}（roster not found）`);
  if (hasErrors(roster.diagnostics) && roster.rows.length === 0) return 1;
  const { results, summary, diagnostics } = evaluateRoster(policy, roster.rows, {
    params: a.params,
    loadCode: loadAsFile,
  });
  printDiagnostics(diagnostics);
  if (hasErrors(diagnostics)) return 1;
  const summaryJson = (s: typeof summary.county) => ({
    name: s.name,
    rows: s.rows,
    eligible: s.eligible,
    enrolled: s.enrolled,
    target: s.target,
    rate: s.rate === null ? null : Math.round(s.rate * 10000) / 10000,
    collected: yuan(s.collected),
    subsidyUpfront: yuan(s.subsidyUpfront),
    subsidyAfterPayment: yuan(s.subsidyAfterPayment),
    ...(s.backPayment != null ? { backPayment: yuan(s.backPayment) } : {}),
    subsidyWaived: yuan(s.subsidyWaived ?? 0),
    due: yuan(s.due ?? 0),
    credited: yuan(s.credited ?? 0),
    netCost: yuan(s.netCost ?? 0),
    collectionUnknown: s.collectionUnknown ?? 0,
    ...(s.subsidyByPayer ? { subsidyByPayer: yuanByKey(s.subsidyByPayer) } : {}),
    unknown: s.unknown,
    groups: s.groups,
  });
  if (a.format === 'json') {
    // JSON escapes C0 controls inside strings already (its line breaks are its layout); DEL and C1 the same way (`\u009b`).
    out(
      visibleKeepingLines(
        JSON.stringify(
          {
            policy: policy.header,
            results: results.map(jsonResult),
            summary: {
              county: summaryJson(summary.county),
              townships: summary.townships.map(summaryJson),
              flags: summary.flags,
              goals: summary.goals,
              duplicates: summary.duplicates,
              ...(summary.breakdowns
                ? {
                    breakdowns: summary.breakdowns.map((b) => ({
                      ...b,
                      values: b.values.map((v) => ({ ...v, collected: yuan(v.collected), subsidy: yuan(v.subsidy) })),
                    })),
                  }
                : {}),
            },
          },
          null,
          1,
        ),
      ),
    );
  } else if (a.format === 'csv') {
    const rows = results.map((r) => [...resultCells(r), flagCodes(r)]);
    // A CSV is data: written as is into a file or pipe, with control characters shown as escapes on a terminal.
    const csv = toCsv(CSV_HEADERS, rows);
    process.stdout.write(process.stdout.isTTY ? visibleKeepingLines(new TextDecoder().decode(csv)) : csv);
  } else {
    for (const r of results) {
      out(
        [
          r.row,
          r.name ?? '',
          r.idNumber ?? '',
          shown(r, '参保资格', r.eligible ? '符合' : '不符合'),
          shown(r, '个人缴费', r.personalFee === null ? '—' : formatYuan(r.personalFee)),
          shown(r, '政府资助', r.subsidy === null ? '—' : formatYuan(r.subsidy)),
          date(r.benefitStart) ?? '—',
          r.flags.map((f) => f.code).join(','),
        ]
          .map((c) => visible(String(c ?? '')))
          .join('\t'),
      );
    }
    const c = summary.county;
    out(
      `合计 total: ${c.rows} 行 rows，符合 eligible ${c.eligible}，已参保 enrolled ${c.enrolled}，目标 target ${c.target ?? '—'}，个人缴费 collected ${formatYuan(c.collected)} 元${c.unknown ? `，无法确定 unknown ${c.unknown} 人（未计入）` : ''}`,
    );
    for (const b of summary.breakdowns ?? []) {
      out(
        `汇总 按 ${visible(b.by)} (summary by)${b.multi ? '（一人可计入多项 a person may count under several）' : ''}:`,
      );
      for (const v of b.values)
        out(
          `  ${visible(v.value)}\t${v.rows} 人 persons，符合 eligible ${v.eligible}，已参保 enrolled ${v.enrolled}，个人缴费 collected ${formatYuan(v.collected)} 元，政府资助 subsidy ${formatYuan(v.subsidy)} 元`,
        );
    }
    const d = summary.duplicates;
    if (d.count)
      out(
        `重复 duplicates: ${d.count} 行身份证号码与前面的行重复，未重复计入 (not counted again): ${d.rows.map((x) => `${x.row}→${x.first}`).join(' ')}`,
      );
  }
  return roster.rows.some((r) => r.problems.length > 0) ||
    results.some((r) => r.flags.some((f) => f.code === 'invalid-id'))
    ? 1
    : 0;
}

function explain(rest: string[]): number {
  const a = parseEvalArgs(rest, true);
  if (typeof a === 'string') return usage(a);
  const policy = load(a.policy);
  if (!policy) return 1;
  if (refuseTemplate(policy)) return 1;
  const roster = readRoster(policy, a.roster, a.sheet);
  if (!roster) return usage(`找不到花名册 ${a.roster}（roster not found）`);
  const row = roster.rows.find((r) => r.row === a.row);
  if (!row) return usage(`花名册中没有第 ${a.row} 行（no row ${a.row}）`);
  const problems = parameterDiagnostics(policy, a.params);
  printDiagnostics(problems);
  if (hasErrors(problems)) return 1;
  for (const step of explainRow(policy, row, a.params)) {
    out(`${'    '.repeat(step.depth)}${visible(step.text.zh)}${step.clause ? `  〔${visible(step.clause)}〕` : ''}`);
    if (step.clauseText && step.depth === 0) out(`${'    '.repeat(step.depth + 1)}“${visible(step.clauseText)}”`);
  }
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest);
    case 'test':
      return test(rest);
    case 'fmt':
      return fmt(rest);
    case 'eval':
      return evaluate(rest);
    case 'explain':
      return explain(rest);
    case 'describe':
      return describe(rest);
    default:
      return usage(command ? `未知命令 ${command}（unknown command）` : undefined);
  }
}

// A reader that stops early (`… | head`) closes the pipe: stop quietly rather than crash with EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // Never a stack trace for the user; the message still says what happened.
  err(
    `内部错误，请报告此问题（internal error, please report it）：${visible(e instanceof Error ? e.message : String(e))}`,
  );
  process.exitCode = 1;
}
