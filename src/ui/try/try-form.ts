// 试算's form, as pure functions: which control each policy input gets, and the cell text each control writes.
import type { Diagnostic } from '../../lang/diagnostic.js';
import type { FieldSpec } from '../../lang/model.js';

/** The control a policy input is typed into. */
export type Control =
  | { kind: 'text'; placeholder: string; unit: string }
  | { kind: 'select'; options: string[] }
  | { kind: 'checkboxes'; options: string[] };

/** Yes/no as the roster reader takes it. */
export const YES_NO: readonly string[] = ['是', '否'];

/** The control for one input: categories as a select, 类别集 as checkboxes, yes/no as a select, the rest as text. */
export function controlOf(field: FieldSpec): Control {
  switch (field.kind) {
    case 'category':
      return { kind: 'select', options: (field.categories ?? []).map((c) => c.name) };
    case 'category-set':
      return { kind: 'checkboxes', options: (field.categories ?? []).map((c) => c.name) };
    case 'boolean':
      return { kind: 'select', options: [...YES_NO] };
    case 'date':
      return { kind: 'text', placeholder: 'YYYY-MM-DD', unit: '' };
    case 'money':
      return { kind: 'text', placeholder: '0.00', unit: '元' };
    case 'id-number':
      return { kind: 'text', placeholder: '18位 / 18 digits', unit: '' };
    default:
      return { kind: 'text', placeholder: '', unit: '' };
  }
}

/** The names a 类别集 cell holds (split as the roster reader splits it). */
export function checkedNames(cell: string): string[] {
  return cell.split(/[、,，;；/\s]+/).filter((x) => x !== '');
}

/** The cell text with `name` ticked or unticked, in the order of `options` (unknown names kept at the end). */
export function toggleName(cell: string, name: string, on: boolean, options: readonly string[]): string {
  const now = new Set(checkedNames(cell));
  if (on) now.add(name);
  else now.delete(name);
  const ordered = [...options.filter((o) => now.has(o)), ...[...now].filter((n) => !options.includes(n))];
  return ordered.join('、');
}

/** The reader's problems by the field (column) they are about: each is shown beside its field. */
export function problemsByField(problems: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const p of problems) {
    if (p.column === undefined) continue;
    out.set(p.column, [...(out.get(p.column) ?? []), p]);
  }
  return out;
}

/** The policy text with the `例子` block appended on its own lines. */
export function withExample(text: string, block: string): string {
  const base = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  return `${base}\n${block.endsWith('\n') ? block : `${block}\n`}`;
}

/** A title for the next example that no example of the policy has yet: 试算1, 试算2 … */
export function freshTitle(taken: readonly string[], stem = '试算'): string {
  const names = new Set(taken);
  for (let n = 1; ; n++) if (!names.has(`${stem}${n}`)) return `${stem}${n}`;
}
