// Bounds on a roster's header, whatever the file: how many columns, and how long one header may be.
import type { Diagnostic } from '../lang/diagnostic.js';

/** Excel's last column is XFD, the 16,384th: no roster is wider. */
export const MAX_COLUMNS = 16_384;
/** A header longer than this is cut to it (no field name or alias is near it; the mapping lists every header). */
export const MAX_HEADER = 200;

/** The header within the bounds: columns past MAX_COLUMNS dropped (an error), long headers cut (a warning). */
export function boundHeaders(headers: string[]): { headers: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (headers.length > MAX_COLUMNS) {
    diagnostics.push({
      code: 'roster-too-wide',
      severity: 'error',
      message: {
        zh: `表头有 ${headers.length} 列，超过 Excel 的上限 ${MAX_COLUMNS} 列：文件可能已损坏，或分隔符不对`,
        en: `The header has ${headers.length} columns, more than Excel's ${MAX_COLUMNS}: the file may be damaged or use another delimiter`,
      },
    });
    headers = headers.slice(0, MAX_COLUMNS);
  }
  const bounded = headers.map((h, i) => {
    if (h.length <= MAX_HEADER) return h;
    const cut = h.slice(0, MAX_HEADER);
    diagnostics.push({
      code: 'long-header',
      severity: 'warning',
      column: cut,
      message: {
        zh: `第 ${i + 1} 列的表头长 ${h.length} 个字符，只保留前 ${MAX_HEADER} 个：“${h.slice(0, 20)}…”`,
        en: `The header of column ${i + 1} is ${h.length} characters long; only its first ${MAX_HEADER} are kept: “${h.slice(0, 20)}…”`,
      },
    });
    return cut;
  });
  return { headers: bounded, diagnostics };
}
