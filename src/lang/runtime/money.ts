// Money is integer fen (分) everywhere inside; yuan appear only at the edges (display, JSON export).

/** Integer number of fen. */
export type Fen = number;

/** `250` → 25000; `12.5` → 1250; null when the text is not an amount with at most 2 decimals. */
export function parseYuan(text: string): Fen | null {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** 25000 → `250.00`. */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${cents < 10 ? '0' + cents : cents}`;
}

/** 8930000 → `89,300.00`: for display and exports (the CLI and golden files keep `formatYuan`). */
export function formatYuanGrouped(fen: Fen): string {
  return formatYuan(fen).replace(/\d(?=(\d{3})+\.)/g, '$&,');
}

/** 25000 → 250 (a JSON number in yuan, exact to the fen). */
export function fenToYuanNumber(fen: Fen): number {
  return Math.round(fen) / 100;
}

/** Percentage of an amount in fen, rounded half up to the fen. `percentHundredths` is % × 100 (50% = 5000). */
export function percentOf(fen: Fen, percentHundredths: number): Fen {
  const exact = (fen * percentHundredths) / 10000;
  return Math.sign(exact) * Math.round(Math.abs(exact) + 1e-9);
}
