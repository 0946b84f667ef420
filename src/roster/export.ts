// Writes results for spreadsheets: CSV in UTF-8 with BOM (so Excel shows Chinese), cells neutralised against formula injection.

/** A text cell starting with = + - @ (or tab/CR) gets a leading apostrophe so spreadsheets do not run it. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = neutralizeFormula(v);
  // Also quote ; and tab, so a reader that detects the delimiter still sees commas.
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(headers: string[], rows: (string | number | null)[][]): Uint8Array {
  const lines = [headers.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  const body = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
