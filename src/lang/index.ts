// src/lang: the policy language. Reads as its pipeline: parse → check → compile → evaluate → explain.
import type { Diagnostic } from './diagnostic.js';
import type { CompiledPolicy, ExplainStep, LoadResult, ParamOverrides, RosterEvaluation, SourceReader } from './api.js';
import type { ExampleOutcome, FieldValue, OperationalRule, PersonResult, RosterRow } from './model.js';
import { hasErrors } from './diagnostic.js';
import { checkPolicy, type Program } from './check/index.js';
import { message } from './check/messages.js';
import { MAX_DEPTH } from './parse/limits.js';
import { analyzeCompiled } from './check/analyze.js';
import { compilePolicy, type Compiled } from './compile/compile-policy.js';
import type { CodeLoader } from './compile/load-generated.js';
import { Engine, isStandardOutcome } from './evaluate/engine.js';
import { runExample } from './evaluate/examples.js';
import { evaluateRosterWith, rosterValues } from './evaluate/roster.js';
import { RosterInChunks } from './evaluate/chunked.js';
import { goalsOf } from './evaluate/summary.js';
import { formatValue } from './evaluate/format.js';
import { explainPerson } from './explain/index.js';
import { tryPerson, type PersonTrial, type TriedOutcome } from './evaluate/person-example.js';
import { declaredType } from './check/typecheck.js';
import { formatDate } from './runtime/calendar.js';
import { formatYuanGrouped } from './runtime/money.js';
import { durationOf } from './runtime/duration.js';

export * from './api.js';
export * from './model.js';
export * from './diagnostic.js';
export { renderDiagnostic } from './render.js';
export { formatPolicy } from './print/index.js';
export { notEvaluable } from './template.js';
import { constantDate, describeCompiled, periodText } from './explain/describe.js';
import { diffCompiled, type PolicyDiff } from './explain/diff.js';

const internals = new WeakMap<CompiledPolicy, Compiled>();

function compiledOf(policy: CompiledPolicy): Compiled {
  const c = internals.get(policy);
  if (!c) throw new Error('policy was not produced by loadPolicy in this thread');
  return c;
}

/** Parses, checks and compiles the policy at `entry` (following `继承`). Never throws. */
export function loadPolicy(entry: string, read: SourceReader): LoadResult {
  try {
    return loadChecked(entry, read);
  } catch (e) {
    // A last resort: the parser's limits (parse/limits.ts) keep the recursive stages within the stack.
    if (!(e instanceof RangeError)) throw e;
    const start = { offset: 0, line: 1, column: 1 };
    return {
      policy: null,
      diagnostics: [
        {
          code: 'too-complex',
          severity: 'error',
          message: message('too-complex', { limit: MAX_DEPTH }),
          span: { file: entry, start, end: start },
        },
      ],
    };
  }
}

function loadChecked(entry: string, read: SourceReader): LoadResult {
  const { program, diagnostics } = checkPolicy(entry, read);
  if (!program || hasErrors(diagnostics)) return { policy: null, diagnostics };
  const compiled = compilePolicy(program);
  diagnostics.push(...analyzeCompiled(compiled));
  if (hasErrors(diagnostics)) return { policy: null, diagnostics };
  const policy = describe(program, compiled);
  internals.set(policy, compiled);
  return { policy, diagnostics };
}

function describe(p: Program, compiled: Compiled): CompiledPolicy {
  const inputs = [...p.inputs.values()];
  const constant = constantDate(compiled); // literal dates, and dates from parameters
  const operations: OperationalRule[] = [
    ...[...p.periods.values()].map((x): OperationalRule => {
      const start = constant(x.start),
        end = constant(x.end);
      return {
        kind: 'period',
        name: x.name.name,
        value: periodText(x, constant),
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
        ...(x.clause ? { clause: x.clause.id } : {}),
      };
    }),
    ...[...p.deadlines.values()].map((x): OperationalRule => {
      const d = constant(x.date);
      return {
        kind: 'deadline',
        name: x.name.name,
        value: d !== undefined ? formatDate(d) : '?',
        ...(d !== undefined ? { end: d } : {}),
        ...(x.clause ? { clause: x.clause.id } : {}),
      };
    }),
    ...(p.cashLimit
      ? [
          {
            kind: 'cash-limit' as const,
            name: '现金双限',
            value: `${p.cashLimit.amount.kind === 'money' ? formatYuanGrouped(p.cashLimit.amount.fen) + '元' : '?'} 或 ${p.cashLimit.days.kind === 'duration' ? p.cashLimit.days.amount + '日' : '?'}`,
            ...(p.cashLimit.clause ? { clause: p.cashLimit.clause.id } : {}),
          },
        ]
      : []),
    ...[...p.domains.values()]
      .filter((d) => d.field === '中途参保原因')
      .map((d): OperationalRule => ({
        kind: 'note',
        name: '中途参保原因（须凭证明材料）',
        value: d.values.map((v) => v.name).join('、'),
        ...(p.inputs.get(d.field)?.clause ? { clause: p.inputs.get(d.field)!.clause!.id } : {}),
      })),
  ];
  return {
    path: p.path,
    header: { ...p.header },
    fields: inputs.map((i) => ({
      name: i.name.name,
      kind:
        i.type.name === 'categories'
          ? 'category-set'
          : i.type.name === 'category'
            ? 'category'
            : i.type.name === 'id-number'
              ? 'id-number'
              : i.type.name === 'date' || i.type.name === 'moment'
                ? i.type.name
                : i.type.name === 'money'
                  ? 'money'
                  : i.type.name === 'integer'
                    ? 'integer'
                    : i.type.name === 'boolean'
                      ? 'boolean'
                      : 'text',
      columns: [i.name.name, ...i.columns.filter((c) => c !== i.name.name)],
      ...(i.type.values ? { categories: i.type.values.map((v) => ({ name: v.name.name, aliases: v.aliases })) } : {}),
      required: i.required,
      ...(i.role ? { role: i.role } : {}),
    })),
    clauses: [...p.clauses].map(([id, text]) => ({ id, text })),
    parameters: [...p.params.values()].map(({ decl }) => ({
      name: decl.name.name,
      type: decl.type.name,
      value: decl.value ? formatValue(constantValue(decl.value), declaredType(p, decl.type, decl.name.name)) : null,
      ...(decl.clause ? { clause: decl.clause.id } : {}),
    })),
    groups: [...p.groups.values()].map((g) => ({
      name: g.name.name,
      members: g.members.map((m) => m.name),
      ...(g.clause ? { clause: g.clause.id } : {}),
    })),
    targets: p.targets
      ? {
          field: p.targets.field.name,
          entries: p.targets.entries.map((e) => ({ name: e.name, target: e.value })),
          total: p.targets.total ?? p.targets.entries.reduce((s, e) => s + e.value, 0),
          ...(p.targets.clause ? { clause: p.targets.clause.id } : {}),
        }
      : null,
    goals: goalsOf(p),
    operations,
    extraOutcomes: [...p.outcomes.keys()].filter((n) => !isStandardOutcome(n)),
    exampleCount: p.examples.length,
    ...(p.template ? { template: true } : {}),
  };
}

function constantValue(e: import('./ast.js').Expr): never {
  switch (e.kind) {
    case 'money':
      return e.fen as never;
    case 'date':
      return e.days as never;
    case 'percent':
      return e.hundredths as never;
    case 'integer':
    case 'boolean':
    case 'text':
      return e.value as never;
    case 'duration':
      return durationOf(e.amount, e.unit) as never;
    default:
      return '（表达式）' as never;
  }
}

/** Evaluates every row, then the roster-level rules (duplicates, households), then the summary. */
export function evaluateRoster(
  policy: CompiledPolicy,
  rows: RosterRow[],
  options: { params?: ParamOverrides; onProgress?: (done: number, total: number) => void; loadCode?: CodeLoader } = {},
): RosterEvaluation {
  // With a platform's code loader (the worker's, or Node's in src/cli), the roster runs generated code.
  const engine = new Engine(compiledOf(policy), options.params, options.loadCode);
  try {
    return evaluateRosterWith(engine, rows, options.onProgress);
  } catch (e) {
    // Generated code that fails where the closures would not is a fault of the generator: the reference decides.
    if (engine.backend !== 'generated') throw e;
    return evaluateRosterWith(new Engine(compiledOf(policy), options.params), rows, options.onProgress);
  }
}

/**
 * A roster evaluated chunk by chunk (the CLI reading a county's file): each chunk's results as evaluateRoster gives
 * them, save the flags of the roster-level rules, which `finish` returns by person once every chunk is in. No
 * summary. Generated code that throws is the caller's to retry without `loadCode` (evaluateRoster does so itself).
 */
export function rosterInChunks(
  policy: CompiledPolicy,
  options: { params?: ParamOverrides; loadCode?: CodeLoader } = {},
): RosterInChunks {
  return new RosterInChunks(new Engine(compiledOf(policy), options.params, options.loadCode));
}
export type { RosterInChunks, LateFlags } from './evaluate/chunked.js';

/** Evaluates one person (no roster-level rules). */
export function evaluatePerson(
  policy: CompiledPolicy,
  values: Record<string, FieldValue>,
  params?: ParamOverrides,
): PersonResult {
  return new Engine(compiledOf(policy), params).evaluate(values, 0);
}

/** The problems of evaluation-time parameter values (unknown names, types, cycles), as evaluateRoster reports them. */
export function parameterDiagnostics(policy: CompiledPolicy, params: ParamOverrides): Diagnostic[] {
  return new Engine(compiledOf(policy), params).diagnostics;
}

/** The step-by-step trace for one row, each step citing its clause. */
export function explainRow(policy: CompiledPolicy, row: RosterRow, params?: ParamOverrides): ExplainStep[] {
  return explainPerson(new Engine(compiledOf(policy), params), rosterValues(row), row.row, row.unreadable);
}

/** The policy after `继承`: each outcome's merged rules with the file and line each comes from (`policy describe`). */
export function describePolicy(policy: CompiledPolicy): string {
  return describeCompiled(compiledOf(policy));
}

/** Runs the policy's own examples. */
export function runExamples(policy: CompiledPolicy): ExampleOutcome[] {
  const compiled = compiledOf(policy);
  return compiled.program.examples.map((ex) => runExample(compiled, ex));
}

export type { Diagnostic, CodeLoader, PersonTrial, TriedOutcome };

/** One person tried by hand: outcomes in policy syntax and the `例子` block expecting them (see person-example.ts). */
export function tryPersonOf(policy: CompiledPolicy, values: Record<string, FieldValue>, title: string): PersonTrial {
  return tryPerson(compiledOf(policy), values, title);
}

/** What changed from `before` to `after` (parameters, groups, periods, rules …), each change with its clause. */
export function diffPolicies(before: CompiledPolicy, after: CompiledPolicy): PolicyDiff {
  return diffCompiled(compiledOf(before), compiledOf(after));
}
export type { PolicyDiff, PolicyChange, ChangeKind, ChangeOp } from './explain/diff.js';
export { CHANGE_KIND } from './explain/diff.js';
