// Fills in a message or reason that inserts values (check/template.ts): each expression is computed for the
// person by the closures, in a context of its own (so a message never adds a flag nor changes a result), and
// written as formatValue writes it. Both back ends fill messages in here, the same way.
import type { Template } from '../check/template.js';
import type { Compiled } from '../compile/compile-policy.js';
import type { Fn } from '../compile/compile-expr.js';
import type { Type } from '../check/types.js';
import type { Context } from '../compile/context.js';
import { formatValue } from './format.js';

export type Filler = (c: Context) => string;

/** The filler for `template`, its expressions compiled once. */
export function templateFiller(compiled: Compiled, template: Template): Filler {
  const p = compiled.program;
  const parts = template.map((x): string | { fn: Fn; type: Type | undefined } =>
    typeof x === 'string' ? x : { fn: compiled.compile(x), type: p.types.get(x) },
  );
  return (c) => {
    let out = '';
    for (const x of parts) out += typeof x === 'string' ? x : formatValue(x.fn(c), x.type);
    return out;
  };
}

/** A filler for every template of the program, by its text. */
export function templateFillers(compiled: Compiled): Map<string, Filler> {
  return new Map([...compiled.program.templates].map(([text, t]) => [text, templateFiller(compiled, t)]));
}
