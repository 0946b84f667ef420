// Command-line options of `npm run roster:generate`, parsed without side effects (the tests reuse this
// to rebuild the bundled samples from the exact commands written in public/samples/README.md).
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from './generate.js';
import type { CountyKey } from './counties.js';
import type { RosterEncoding } from './csv.js';

export const USAGE =
  '用法 usage: npm run roster:generate -- --county kaijiang|gaotai --rows N --out FILE [--seed S] [--encoding utf-8|gbk] [--format csv|xlsx]';

export interface RosterCliOptions {
  county: CountyKey;
  rows: number;
  out: string;
  seed: number;
  encoding: RosterEncoding;
  format: 'csv' | 'xlsx';
}

export type ParsedArgs = { ok: true; options: RosterCliOptions } | { ok: false; error: string };

const wholeNumber = (text: string | undefined): number | null =>
  text !== undefined && /^-?\d+$/.test(text) ? Number(text) : null;

export function parseRosterArgs(argv: readonly string[]): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        county: { type: 'string' },
        rows: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        encoding: { type: 'string' },
        format: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const county = values.county;
  if (county !== 'kaijiang' && county !== 'gaotai')
    return { ok: false, error: `--county 须为 kaijiang 或 gaotai (got ${String(county)})` };
  const rows = wholeNumber(values.rows as string | undefined);
  if (rows === null || rows < 0) return { ok: false, error: `--rows 须为非负整数 (got ${String(values.rows)})` };
  const out = values.out;
  if (typeof out !== 'string' || out === '') return { ok: false, error: '缺少 --out FILE（用 - 表示标准输出）' };
  const seed = values.seed === undefined ? DEFAULT_SEED : wholeNumber(values.seed as string);
  if (seed === null) return { ok: false, error: `--seed 须为整数 (got ${String(values.seed)})` };
  const encodingText = ((values.encoding as string | undefined) ?? 'utf-8').toLowerCase();
  const encoding = encodingText === 'utf8' ? 'utf-8' : encodingText;
  if (encoding !== 'utf-8' && encoding !== 'gbk')
    return { ok: false, error: `--encoding 须为 utf-8 或 gbk (got ${encodingText})` };
  const format = (values.format as string | undefined) ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') return { ok: false, error: `--format 须为 csv 或 xlsx (got ${format})` };
  return { ok: true, options: { county, rows, out, seed, encoding, format } };
}
