// Matches roster headers to the policy's fields through their aliases, ignoring whitespace and full-width forms.
import type { Diagnostic } from '../lang/diagnostic.js';
import type { FieldSpec } from '../lang/model.js';

export type MatchHow = 'exact' | 'alias' | 'normalized' | 'manual' | 'missing';

export interface ColumnMatch {
  field: string;
  index: number | null;
  header: string | null;
  how: MatchHow;
}

/** Drops whitespace, folds full-width ASCII (（）Ａ１) to half-width, lower-cases Latin. */
export function normalizeHeader(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (/\s/.test(ch) || c === 0x3000 || c === 0xfeff) continue;
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch;
  }
  return out.toLowerCase();
}

/** A stable key for a header set, to remember a clerk's mapping choice. */
export function headerSignature(headers: string[]): string {
  return headers.map(normalizeHeader).join('|');
}

export function matchColumns(
  headers: string[],
  fields: FieldSpec[],
  overrides: Record<string, string | null> = {},
): { mapping: ColumnMatch[]; diagnostics: Diagnostic[] } {
  const normalized = headers.map(normalizeHeader);
  const diagnostics: Diagnostic[] = [];
  const mapping = fields.map((f): ColumnMatch => {
    if (Object.hasOwn(overrides, f.name)) {
      const h = overrides[f.name];
      const index = h === null || h === undefined ? -1 : headers.indexOf(h);
      return index >= 0
        ? { field: f.name, index, header: headers[index]!, how: 'manual' }
        : { field: f.name, index: null, header: null, how: 'missing' };
    }
    const tries: [number, MatchHow][] = [];
    headers.forEach((h, i) => {
      if (h === f.name) tries.push([i, 'exact']);
      else if (f.columns.includes(h)) tries.push([i, 'alias']);
      else if (f.columns.some((c) => normalizeHeader(c) === normalized[i])) tries.push([i, 'normalized']);
    });
    const order: MatchHow[] = ['exact', 'alias', 'normalized'];
    tries.sort((a, b) => order.indexOf(a[1]) - order.indexOf(b[1]) || a[0] - b[0]);
    if (tries.length > 1) {
      diagnostics.push({
        code: 'ambiguous-column',
        severity: 'warning',
        column: headers[tries[0]![0]]!,
        message: {
          zh: `字段“${f.name}”可对应多列，已取“${headers[tries[0]![0]]}”`,
          en: `Several columns match “${f.name}”; using “${headers[tries[0]![0]]}”`,
        },
      });
    }
    const best = tries[0];
    return best
      ? { field: f.name, index: best[0], header: headers[best[0]]!, how: best[1] }
      : { field: f.name, index: null, header: null, how: 'missing' };
  });
  for (const m of mapping) {
    const f = fields.find((x) => x.name === m.field)!;
    if (m.index === null && f.required) {
      diagnostics.push({
        code: 'missing-column',
        severity: 'error',
        message: {
          zh: `花名册缺少必填列“${f.name}”（可用列名：${f.columns.join('、')}）`,
          en: `The roster lacks the required column “${f.name}” (accepted headers: ${f.columns.join(', ')})`,
        },
      });
    }
  }
  return { mapping, diagnostics };
}
