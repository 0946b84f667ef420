// npm run bench [-- --quick]: county-scale measurements, each the median of 5 runs after a warm-up. Writes bench/latest.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { evaluateRoster, loadPolicy, type RosterRow } from '../src/lang/index.js';
import { readRosterBytes, toXlsx } from '../src/roster/index.js';
import { rosterCsvBytes } from '../scripts/roster/csv.js';
import { evaluateKaijiangByHand } from './handwritten-kaijiang.js';
import { evaluateWithJsonRules, kaijiangEngine } from './json-rules-engine-kaijiang.js';

const quick = process.argv.includes('--quick');
const ROWS = quick ? 50_000 : 513_080;
const RUNS = 5;
const CACHE = 'bench/.cache';
const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median seconds of `runs` calls after one warm-up. */
async function time(f: () => unknown, runs = RUNS): Promise<number> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push((performance.now() - t) / 1000);
  }
  return median(out);
}

function roster(encoding: 'utf-8' | 'gbk'): string {
  mkdirSync(CACHE, { recursive: true });
  const path = `${CACHE}/kaijiang-${ROWS}-seed1-${encoding}.csv`;
  if (!existsSync(path)) writeFileSync(path, rosterCsvBytes({ county: 'kaijiang', rows: ROWS, seed: 1, encoding }));
  return path;
}

const out: Record<string, unknown> = {
  rows: ROWS, quick, date: new Date().toISOString().slice(0, 10),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
  evaluator: {}, reader: {}, browser: {}, singleFile: {},
};
const table: [string, string][] = [];

// 1. Evaluator in Node: the roster already parsed, evaluateRoster timed.
const csvPath = roster('utf-8');
const csvBytes = new Uint8Array(readFileSync(csvPath));
const evaluator = out.evaluator as Record<string, Record<string, number | string>>;
let kaijiangRows: RosterRow[] = [];
for (const name of ['kaijiang-2020', 'gaotai-2021']) {
  const policy = loadPolicy(`policies/${name}.policy`, read).policy!;
  const rows = readRosterBytes(csvBytes, csvPath, policy.fields).rows;
  if (name === 'kaijiang-2020') kaijiangRows = rows;
  const s = await time(() => evaluateRoster(policy, rows));
  evaluator[name] = { seconds: s, personsPerSec: Math.round(rows.length / s) };
  table.push([`evaluator ${name}`, `${Math.round(rows.length / s).toLocaleString()} persons/s (${s.toFixed(2)} s)`]);
}
{
  const policy = loadPolicy('policies/kaijiang-2020.policy', read).policy!;
  const dsl = evaluateRoster(policy, kaijiangRows).results;
  const hand = evaluateKaijiangByHand(kaijiangRows).results;
  for (let i = 0; i < dsl.length; i++) {
    const a = dsl[i]!, b = hand[i]!;
    if (a.personalFee !== b.personalFee || a.subsidy !== b.subsidy || a.benefitStart !== b.benefitStart || a.eligible !== b.eligible || a.flags.length !== b.flags.length) {
      throw new Error(`hand-written baseline disagrees with the DSL on row ${a.row}: ${JSON.stringify([a, b])}`);
    }
  }
  const handSeconds = await time(() => evaluateKaijiangByHand(kaijiangRows));
  const k = evaluator['kaijiang-2020']!;
  k.handwrittenSeconds = handSeconds;
  k.vsHandwritten = (k.seconds as number) / handSeconds;
  table.push(['hand-written kaijiang', `${Math.round(kaijiangRows.length / handSeconds).toLocaleString()} persons/s; DSL ÷ hand-written = ${(k.vsHandwritten as number).toFixed(2)}`]);
  // json-rules-engine is async and far slower: measured on the first 20,000 rows, compared per person.
  const sample = kaijiangRows.slice(0, 20_000);
  const engine = kaijiangEngine();
  for (let i = 0; i < 2000; i++) {
    const r = await evaluateWithJsonRules(engine, sample[i]!);
    const d = dsl[i]!;
    if (r.fee !== d.personalFee || r.subsidy !== d.subsidy || r.start !== d.benefitStart) throw new Error(`json-rules-engine disagrees with the DSL on row ${d.row}`);
  }
  const jreSeconds = await time(async () => { for (const row of sample) await evaluateWithJsonRules(engine, row); }, 3);
  const perPersonJre = jreSeconds / sample.length;
  k.jsonRulesEnginePersonsPerSec = Math.round(1 / perPersonJre);
  k.vsJsonRulesEngine = (k.seconds as number) / kaijiangRows.length / perPersonJre;
  table.push(['json-rules-engine kaijiang', `${Math.round(1 / perPersonJre).toLocaleString()} persons/s (20,000 rows); DSL ÷ json-rules-engine = ${(k.vsJsonRulesEngine as number).toFixed(3)}`]);
}

// 2. Roster reading in Node.
{
  const policy = loadPolicy('policies/kaijiang-2020.policy', read).policy!;
  const reader = out.reader as Record<string, number | string | null>;
  const s = await time(() => readRosterBytes(csvBytes, csvPath, policy.fields));
  reader.csvRowsPerSec = Math.round(ROWS / s);
  const gbkPath = roster('gbk');
  const gbk = new Uint8Array(readFileSync(gbkPath));
  const g = await time(() => readRosterBytes(gbk, gbkPath, policy.fields));
  reader.gbkRowsPerSec = Math.round(ROWS / g);
  const text = new TextDecoder().decode(csvBytes);
  const p = await time(() => Papa.parse(text, { header: true, skipEmptyLines: true }));
  reader.papaparseRowsPerSec = Math.round(ROWS / p);
  reader.vsPapaparse = s / p;
  table.push(['reader CSV UTF-8', `${reader.csvRowsPerSec.toLocaleString()} rows/s (decode + parse + map + typed values + ID check)`]);
  table.push(['reader CSV GBK', `${reader.gbkRowsPerSec.toLocaleString()} rows/s`]);
  table.push(['Papa Parse (header → objects only)', `${reader.papaparseRowsPerSec.toLocaleString()} rows/s; ours ÷ Papa Parse = ${(s / p).toFixed(2)}`]);
  const first = readRosterBytes(csvBytes, csvPath, policy.fields);
  const xlsxRows = Math.min(100_000, ROWS);
  const xlsx = toXlsx([{ name: '花名册', headers: first.headers, rows: first.cells.slice(0, xlsxRows) }]);
  const x = await time(() => readRosterBytes(xlsx, 'bench.xlsx', policy.fields));
  reader.xlsxRows = xlsxRows;
  reader.xlsxRowsPerSec = Math.round(xlsxRows / x);
  table.push([`reader XLSX (${xlsxRows.toLocaleString()} rows)`, `${reader.xlsxRowsPerSec.toLocaleString()} rows/s`]);
}

// 3. Browser end to end and 4. size: need the built single file (npm run build) and Debian's chromium.
const browser = out.browser as Record<string, number | string | null>;
if (existsSync('dist/yibao-rules.html')) {
  (out.singleFile as Record<string, number>).bytes = readFileSync('dist/yibao-rules.html').length;
  (out.singleFile as Record<string, number>).gzipBytes = gzipSync(readFileSync('dist/yibao-rules.html')).length;
  table.push(['single HTML file', `${(out.singleFile as Record<string, number>).gzipBytes!.toLocaleString()} bytes gzipped`]);
  if (existsSync('/usr/bin/chromium')) {
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      runs.push(JSON.parse(execFileSync(process.execPath, ['scripts/measure-browser-import.mjs', csvPath], { encoding: 'utf8' }).trim().split('\n').pop()!));
    }
    const m = (k: string) => median(runs.map((r) => r[k]!));
    Object.assign(browser, {
      runs: runs.length, mappingSeconds: m('inspectSeconds'), commitSeconds: m('importSeconds'),
      importSeconds: m('inspectSeconds') + m('importSeconds'), longestTaskMs: m('longestTaskMs'), heapMiB: m('mainHeapMiB'),
      reopenSeconds: m('reopenSummarySeconds'), resultsAfterReopenSeconds: m('resultsAfterReopenSeconds'),
      note: 'main-thread heap (performance.memory); the worker holds the roster',
    });
    table.push(['browser import (file chosen → summary)', `${(browser.importSeconds as number).toFixed(1)} s; longest main-thread task ${browser.longestTaskMs} ms; reopen ${(browser.reopenSeconds as number).toFixed(2)} s`]);
  } else browser.note = 'not measured: /usr/bin/chromium missing';
} else {
  browser.note = 'not measured: run npm run build first';
}

writeFileSync('bench/latest.json', JSON.stringify(out, null, 2) + '\n');
const width = Math.max(...table.map(([k]) => k.length));
console.log(`yibao-rules bench: ${ROWS.toLocaleString()} rows, ${(out.machine as { cpu: string }).cpu}, ${cpus().length} cores, node ${process.version}`);
for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
