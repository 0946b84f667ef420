// An extra outcome's typed value (model.ts ExtraValue) as an export cell: numbers stay numbers (so a spreadsheet
// sums them), yes/no in the export's language, text as text.
import type { ExtraValue } from '../lang/model.js';
import type { Cell } from '../roster/export.js';

export function extraCell(v: ExtraValue, words: { yes: string; no: string }): Cell {
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  return v;
}
