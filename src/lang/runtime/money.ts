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

/**
 * Percentage of an amount in fen, rounded half up to the fen (half away from zero for a negative amount):
 * 50% of 380元 is 190元, 33.33% of 380元 (12,665.4 fen) is 126.65元, 12.5% of 0.04元 (0.5 fen) is 0.01元.
 * `percentHundredths` is % × 100 (50% = 5000). Exact for every safe amount (the caller rejects unsafe results).
 */
export function percentOf(fen: Fen, percentHundredths: number): Fen {
  return roundedQuotient(fen * percentHundredths, 10000, fen, percentHundredths);
}

/**
 * An amount in fen divided by a whole number, rounded half up to the fen (half away from zero below zero):
 * 380元 / 3 (12,666.67 fen) is 126.67元, 100元 / 3 is 33.33元, 0.05元 / 2 (2.5 fen) is 0.03元. `by` is not 0.
 */
export function divideMoney(fen: Fen, by: number): Fen {
  return roundedQuotient(fen, by, fen, 1);
}

/**
 * `n / d` rounded half away from zero, where `n` is `a × b` as JavaScript computed it. Below 2^52 the double
 * quotient is within less than 1/(2d) of the true one, so it rounds right (a true k + ½ is exact); from there on,
 * whole-number arithmetic on a and b.
 */
function roundedQuotient(n: number, d: number, a: number, b: number): number {
  if (Math.abs(n) < 2 ** 52) {
    const q = Math.abs(n / d);
    const r = Math.round(q) * Math.sign(n) * Math.sign(d);
    return r === 0 ? 0 : r;
  }
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return NaN;
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(d);
  const negative = num < BigInt(0) !== den < BigInt(0);
  const an = num < BigInt(0) ? -num : num;
  const ad = den < BigInt(0) ? -den : den;
  const q = (BigInt(2) * an + ad) / (BigInt(2) * ad);
  return Number(negative ? -q : q);
}
