// The reader's figures (bytes → RosterRow[]): CSV UTF-8 and GBK, Papa Parse as the peer, XLSX; MB/s and rows/s.
// Used by bench/run.ts; also runs alone for a quick look at the reader only:
//   npx tsx bench/reader.ts [--quick] [--runs N] [--cpu] [--baseline DIR]
// where DIR holds another copy of `src/` (e.g. `git archive <commit> src | tar -x -C DIR`), timed in the same
// run so before/after come out as a ratio whatever the machine's speed that hour. `--cpu` times the process's
// CPU time (user + system, all threads) instead of the wall clock: steadier on a machine shared with others.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import type { FieldSpec } from '../src/lang/index.js';
import { readRosterBytes, toXlsx } from '../src/roster/index.js';
import { parseCsv } from '../src/roster/csv.js';
import { rosterCsvChunks } from '../scripts/roster/csv.js';

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** bench/run.ts's `race`: each contender timed after a warm-up, with a full GC before every run, alternating. */
export type Race = <T extends Record<string, () => unknown>>(
  contenders: T,
  runs?: number,
) => Promise<{ [K in keyof T]: { t: Timing; warm: Awaited<ReturnType<T[K]>> } }>;

type Read = typeof readRosterBytes;

const MB = 1e6;
const rate = (n: number, t: Timing) => Math.round(n / t.median);
const mbPerSec = (bytes: number, t: Timing) => Math.round((bytes / MB / t.median) * 10) / 10;
const spread = (t: Timing) => `median ${t.median.toFixed(3)} s of ${t.runs} (${t.min.toFixed(3)}–${t.max.toFixed(3)})`;

export interface ReaderInput {
  rows: number;
  csvBytes: Uint8Array;
  csvPath: string;
  gbkBytes: Uint8Array;
  gbkPath: string;
  fields: FieldSpec[];
  xlsxRows: number;
  race: Race;
  /** Another `readRosterBytes` (an older `src/`) to time beside ours: `vsBaseline` = ours ÷ it. */
  baseline?: Read;
}

/** Times the readers; returns the figures for bench/latest.json and the table's lines. */
export async function benchReader(input: ReaderInput): Promise<{
  figures: Record<string, unknown>;
  table: [string, string, string][];
}> {
  const { rows, csvBytes, csvPath, gbkBytes, gbkPath, fields, race } = input;
  const baseline = input.baseline;
  // Every contender returns a row count only, so no contender's result stays on the heap while the next is timed
  // (a county's rows take ~450 MB: kept alive, they made every later contender pay for marking them).
  const count = (read: ReturnType<Read>) => read.rows.length;
  const r = await race({
    ours: () => count(readRosterBytes(csvBytes, csvPath, fields)),
    gbk: () => count(readRosterBytes(gbkBytes, gbkPath, fields)),
    // Papa Parse from the same bytes: decode, then header + rows → objects of strings (no typing, no checks).
    papa: () =>
      Papa.parse<Record<string, string>>(new TextDecoder().decode(csvBytes), { header: true, skipEmptyLines: true })
        .data.length,
    // Where the time goes: TextDecoder alone (a ceiling no reader of decoded text can pass), and decoding plus
    // cutting into cells (no typing, no checks).
    decodeOnly: () => new TextDecoder().decode(csvBytes).length,
    parseOnly: () => parseCsv(new TextDecoder().decode(csvBytes)).rows.length - 1,
    ...(baseline ? { baseline: () => count(baseline(csvBytes, csvPath, fields)) } : {}),
  });
  const counts: Record<string, unknown> = { ours: r.ours.warm, gbk: r.gbk.warm, papa: r.papa.warm };
  Object.assign(counts, { parseOnly: r.parseOnly.warm }, r.baseline ? { baseline: r.baseline.warm } : {});
  for (const [k, n] of Object.entries(counts)) if (n !== rows) throw new Error(`${k} read ${n} rows, expected ${rows}`);
  const figures: Record<string, unknown> = {
    csvBytes: csvBytes.length,
    csvSeconds: r.ours.t,
    csvRowsPerSec: rate(rows, r.ours.t),
    csvMbPerSec: mbPerSec(csvBytes.length, r.ours.t),
    gbkBytes: gbkBytes.length,
    gbkSeconds: r.gbk.t,
    gbkRowsPerSec: rate(rows, r.gbk.t),
    gbkMbPerSec: mbPerSec(gbkBytes.length, r.gbk.t),
    gbkVsUtf8: r.gbk.t.median / r.ours.t.median,
    papaparseSeconds: r.papa.t,
    papaparseRowsPerSec: rate(rows, r.papa.t),
    papaparseMbPerSec: mbPerSec(csvBytes.length, r.papa.t),
    vsPapaparse: r.ours.t.median / r.papa.t.median,
    decodeOnlyMbPerSec: mbPerSec(csvBytes.length, r.decodeOnly.t),
    parseOnlyMbPerSec: mbPerSec(csvBytes.length, r.parseOnly.t),
    mbNote: 'MB/s = 10^6 bytes of the file (CSV) or of the sheet XML inflated (XLSX) per second',
  };
  const table: [string, string, string][] = [
    [
      'reader CSV UTF-8',
      `${rate(rows, r.ours.t).toLocaleString()} rows/s, ${mbPerSec(csvBytes.length, r.ours.t)} MB/s`,
      spread(r.ours.t),
    ],
    [
      'reader CSV GBK',
      `${rate(rows, r.gbk.t).toLocaleString()} rows/s, ${mbPerSec(gbkBytes.length, r.gbk.t)} MB/s; GBK ÷ UTF-8 = ${(r.gbk.t.median / r.ours.t.median).toFixed(2)}`,
      spread(r.gbk.t),
    ],
    [
      '  TextDecoder alone (UTF-8)',
      `${mbPerSec(csvBytes.length, r.decodeOnly.t)} MB/s: no reader of decoded text passes it`,
      spread(r.decodeOnly.t),
    ],
    [
      '  decode + cut into cells (parseCsv)',
      `${mbPerSec(csvBytes.length, r.parseOnly.t)} MB/s; typed rows ÷ this = ${(r.ours.t.median / r.parseOnly.t.median).toFixed(2)}`,
      spread(r.parseOnly.t),
    ],
    [
      '  Papa Parse (header → string objects)',
      `${rate(rows, r.papa.t).toLocaleString()} rows/s, ${mbPerSec(csvBytes.length, r.papa.t)} MB/s; ours ÷ Papa Parse = ${(r.ours.t.median / r.papa.t.median).toFixed(2)}`,
      spread(r.papa.t),
    ],
  ];
  if (r.baseline) {
    figures.baselineSeconds = r.baseline.t;
    figures.vsBaseline = r.ours.t.median / r.baseline.t.median;
    table.push([
      '  baseline (--baseline src/)',
      `${mbPerSec(csvBytes.length, r.baseline.t)} MB/s; ours ÷ baseline = ${(r.ours.t.median / r.baseline.t.median).toFixed(2)}`,
      spread(r.baseline.t),
    ]);
  }
  const xlsxRows = input.xlsxRows;
  const xlsx = (() => {
    const first = readRosterBytes(csvBytes, csvPath, fields); // dropped before the XLSX is timed
    return toXlsx([{ name: '花名册', headers: first.headers, rows: first.cells.slice(0, xlsxRows) }]);
  })();
  const sheetXmlBytes = sheetXmlSize(xlsx);
  const x = await race({ xlsx: () => count(readRosterBytes(xlsx, 'bench.xlsx', fields)) });
  if (x.xlsx.warm !== xlsxRows) throw new Error(`XLSX read ${x.xlsx.warm} rows`);
  Object.assign(figures, {
    xlsxRows,
    xlsxBytes: xlsx.length,
    xlsxSheetXmlBytes: sheetXmlBytes,
    xlsxSeconds: x.xlsx.t,
    xlsxRowsPerSec: rate(xlsxRows, x.xlsx.t),
    xlsxMbPerSec: mbPerSec(sheetXmlBytes, x.xlsx.t),
  });
  table.push([
    `reader XLSX (${xlsxRows.toLocaleString()} rows, written by toXlsx)`,
    `${rate(xlsxRows, x.xlsx.t).toLocaleString()} rows/s, ${mbPerSec(sheetXmlBytes, x.xlsx.t)} MB/s of sheet XML`,
    spread(x.xlsx.t),
  ]);
  const targets = {
    'CSV reader ≥ 100 MB/s': { measured: figures.csvMbPerSec, met: (figures.csvMbPerSec as number) >= 100 },
    'GBK ≤ 1.5× UTF-8': { measured: figures.gbkVsUtf8, met: (figures.gbkVsUtf8 as number) <= 1.5 },
    'XLSX reader ≥ 20 MB/s of sheet XML': {
      measured: figures.xlsxMbPerSec,
      met: (figures.xlsxMbPerSec as number) >= 20,
    },
  };
  return { figures: { ...figures, targets }, table };
}

/** The uncompressed size of the XLSX's sheets' XML (from the zip's central directory). */
function sheetXmlSize(xlsx: Uint8Array): number {
  const view = new DataView(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength);
  let total = 0;
  for (let at = 0; at + 46 <= xlsx.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue; // central directory file header
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(xlsx.subarray(at + 46, at + 46 + nameLength));
    if (name.startsWith('xl/worksheets/')) total += size;
    at += 45 + nameLength;
  }
  return total;
}

// ---- Run alone -------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const baseAt = args.indexOf('--baseline');
  const now = args.includes('--cpu')
    ? () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();
  const rows = quick ? 50_000 : 513_080;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const race: Race = async (contenders, n = runs) => {
    const names = Object.keys(contenders);
    const warm: Record<string, unknown> = {};
    const seconds: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
    for (const k of names) {
      gc();
      warm[k] = await contenders[k]!();
    }
    for (let i = 0; i < n; i++)
      for (const k of names) {
        gc();
        const t = now();
        await contenders[k]!();
        seconds[k]!.push((now() - t) / 1000);
      }
    const timing = (xs: number[]): Timing => ({
      median: [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!,
      min: Math.min(...xs),
      max: Math.max(...xs),
      runs: xs.length,
    });
    return Object.fromEntries(names.map((k) => [k, { t: timing(seconds[k]!), warm: warm[k] }])) as never;
  };
  const { loadPolicy } = await import('../src/lang/index.js');
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
  const fields = loadPolicy('policies/kaijiang-2020.policy', read).policy!.fields;
  const csvPath = cachedRoster(rows, 'utf-8');
  const gbkPath = cachedRoster(rows, 'gbk');
  let baseline: Read | undefined;
  if (baseAt >= 0) {
    const url = pathToFileURL(`${args[baseAt + 1]}/src/roster/index.ts`).href;
    baseline = ((await import(url)) as { readRosterBytes: Read }).readRosterBytes;
  }
  const { figures, table } = await benchReader({
    rows,
    csvBytes: new Uint8Array(readFileSync(csvPath)),
    csvPath,
    gbkBytes: new Uint8Array(readFileSync(gbkPath)),
    gbkPath,
    fields,
    xlsxRows: Math.min(100_000, rows),
    race,
    baseline,
  });
  const w0 = Math.max(...table.map((r) => r[0].length)),
    w1 = Math.max(...table.map((r) => r[1].length));
  for (const [k, v, s] of table) console.log(`${k.padEnd(w0)}  ${v.padEnd(w1)}  ${s}`);
  for (const [k, v] of Object.entries(figures.targets as Record<string, { measured: number; met: boolean }>))
    console.log(`target ${k}: ${v.met ? 'met' : 'NOT met'} (${v.measured.toFixed(2)})`);
}

/** A roster in bench/.cache for the reader alone (bench/run.ts keys its own by the generator's source). */
function cachedRoster(rows: number, encoding: 'utf-8' | 'gbk'): string {
  mkdirSync('bench/.cache', { recursive: true });
  const path = `bench/.cache/reader-kaijiang-${rows}-seed1-${encoding}.csv`;
  if (!existsSync(path)) {
    const fd = openSync(`${path}.part`, 'w');
    for (const chunk of rosterCsvChunks({ county: 'kaijiang', rows, seed: 1, encoding })) writeSync(fd, chunk);
    closeSync(fd);
    renameSync(`${path}.part`, path);
  }
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
