// One person tried by hand (the trainer's form): every outcome in policy syntax, and the `例子` block that pins them.
import type { Type } from '../check/types.js';
import type { Compiled } from '../compile/compile-policy.js';
import type { FieldValue, PersonResult } from '../model.js';
import { declaredType } from '../check/typecheck.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';
import { formatValue } from './format.js';
import { Engine } from './engine.js';
import { EXAMPLE_FLAGS, EXAMPLE_REASON } from '../check/passes/check-examples.js';
import { BUILTIN_FLAGS } from './flags.js';

/** An outcome of the person as the example block writes it (`未知` when unknown, `无` when none). */
export interface TriedOutcome {
  name: string;
  /** Policy syntax, e.g. `250.00元`, `2020-01-01`, `是`; null: a value the block cannot write (a period, a duration). */
  text: string | null;
  unknown: boolean;
}

export interface PersonTrial {
  result: PersonResult;
  /** Every outcome the policy defines, standard ones first, in the policy's order. */
  outcomes: TriedOutcome[];
  /** The `例子` block with these inputs and the current results as 期望; null when an input cannot be written. */
  example: string | null;
  /** Inputs that cannot be written in policy syntax (left out of the block, which is then null). */
  unwritable: string[];
}

const IDENT = /^[A-Za-z_\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF][A-Za-z0-9_\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]*$/;

/** A text literal the grammar reads back unchanged, or null (it holds every kind of closing quote, or a line break). */
export function quoteText(s: string): string | null {
  if (/[\r\n]/.test(s)) return null;
  if (!s.includes('"')) return `"${s}"`;
  if (!s.includes('”')) return `“${s}”`;
  if (!s.includes('」')) return `「${s}」`;
  return null;
}

const name = (s: string): string | null => (IDENT.test(s) ? s : null);

/** A value in policy syntax (null: not writable as a literal: a period, a duration, a table). */
export function literalOf(v: Value, t: Type | undefined): string | null {
  if (v === UNKNOWN || v === null) return formatValue(v, t);
  switch (t?.k) {
    case 'money':
    case 'date':
    case 'moment':
    case 'percent':
    case 'integer':
    case 'boolean':
    case 'timing':
      return formatValue(v, t);
    case 'text':
      return quoteText(String(v));
    case 'category':
    case 'values': {
      const names = Array.isArray(v) ? (v as string[]) : [String(v)];
      const written = names.map(name);
      if (written.some((x) => x === null)) return null;
      return t.k === 'category' && !t.multi && names.length === 1 ? written[0]! : `{${written.join('、')}}`;
    }
  }
  return null;
}

/** An input's value in policy syntax, by the field's declared type. */
function inputLiteral(compiled: Compiled, field: string, v: FieldValue): string | null {
  const decl = compiled.program.inputs.get(field)!;
  const type = decl.type.name;
  if (v === null) return null;
  switch (type) {
    case 'text':
    case 'id-number':
      return quoteText(String(v));
    case 'categories': {
      const names = (v as string[]).map(name);
      return names.some((x) => x === null) ? null : `{${names.join('、')}}`;
    }
    case 'category':
      return name(String(v));
    default:
      return literalOf(v as Value, declaredType(compiled.program, decl.type, field));
  }
}

/**
 * Evaluates one person as the policy's examples are run (the closures, the policy's own parameters) and writes the
 * `例子` block that expects exactly what came out: every outcome (unknown as `未知`), the flags and the reason.
 * Empty inputs are left out of the block (an example's missing field is empty, as here).
 */
export function tryPerson(compiled: Compiled, values: Record<string, FieldValue>, title: string): PersonTrial {
  const engine = new Engine(compiled);
  const c = engine.context(values);
  const result = engine.evaluate(values, 0, c);
  const p = compiled.program;
  const outcomes: TriedOutcome[] = compiled.outcomes.map((o) => {
    const raw = o.get(c);
    return { name: o.name, text: literalOf(raw, declaredType(p, o.decl.type, o.name)), unknown: raw === UNKNOWN };
  });
  const unwritable: string[] = [];
  const inputs: string[] = [];
  for (const [field, v] of Object.entries(values)) {
    if (v === null || (Array.isArray(v) && v.length === 0)) continue;
    const lit = inputLiteral(compiled, field, v);
    if (lit === null) unwritable.push(field);
    else inputs.push(`  ${field}：${lit}`);
  }
  const expects = outcomes.filter((o) => o.text !== null).map((o) => `${o.name}：${o.text}`);
  // A built-in flag is written by its Chinese name (its code has a hyphen); a policy's flag by its own name.
  const builtin: Record<string, { zh: string }> = BUILTIN_FLAGS;
  const flagNames = [
    ...new Set(result.flags.map((f) => (Object.hasOwn(builtin, f.code) ? builtin[f.code]!.zh : f.code))),
  ];
  expects.push(`${EXAMPLE_FLAGS}：{${flagNames.join('、')}}`);
  const reason = result.reason !== null ? quoteText(result.reason) : null;
  if (reason !== null) expects.push(`${EXAMPLE_REASON}：${reason}`);
  const titleText = quoteText(title) ?? quoteText(title.replace(/["”」\r\n]/g, ''))!;
  const example =
    unwritable.length > 0
      ? null
      : [`例子 ${titleText} {`, ...inputs, `  期望 { ${expects.join('  ')} }`, '}', ''].join('\n');
  return { result, outcomes, example, unwritable };
}
