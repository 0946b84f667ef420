// End to end, file to file: `policy eval --csv` (read the county CSV, evaluate, write every person's result) against
// the same rules as one DuckDB query (bench/duckdb-kaijiang.ts), each in its own child process, so that wall time
// and peak memory (maxRSS, from /usr/bin/time) are the whole job's. Both run as plain Node modules built here by
// vite (ours is `npm run policy:build`'s dist-cli/policy.mjs, which users run the same way), so neither pays for
// tsx; ours is also run once through tsx (`npm run policy`) for comparison. DuckDB's output is first checked person
// by person against the DSL's results; a mismatch aborts the run.
// Registered in run.ts; `tsx bench/end-to-end.ts ROSTER.csv [runs]` runs it alone and merges `endToEnd` into
// bench/latest.json (for a figure measured without the whole bench).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { evaluateRoster, loadPolicy, type PersonResult } from '../src/lang/index.js';
import { readRosterBytes } from '../src/roster/index.js';
import { readPolicySource } from '../src/cli/read-source.js';
import { loadAsFile } from '../src/cli/load-code.js';
import { assertSameAsDsl } from './duckdb-kaijiang.js';

interface Run {
  seconds: number;
  maxRssMiB: number;
}

/** Runs `args` under /usr/bin/time with stdout to `out`: wall seconds and peak resident memory. */
function timed(args: string[], out: string): Run {
  const stats = `${out}.time`;
  const r = spawnSync('/bin/sh', ['-c', `/usr/bin/time -f '%e %M' -o "$0" "$@" > "${out}"`, stats, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  // `policy eval` exits 1 when the roster has problems (the synthetic county has invalid IDs on purpose).
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited with ${r.status ?? r.signal}`);
  const [seconds, kib] = readFileSync(stats, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  rmSync(stats);
  return { seconds: seconds!, maxRssMiB: Math.round((kib! / 1024) * 10) / 10 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface EndToEnd {
  rows: number;
  fileMiB: number;
  runs: number;
  ours: { seconds: number; maxRssMiB: number; all: Run[] };
  duckdb: { seconds: number; maxRssMiB: number; all: Run[] };
  /** Ours started through tsx (`npm run policy`), one run. */
  oursTsx: Run;
  vsDuckdb: number;
  memoryVsFile: number;
  tsxVsDuckdb: number;
  tsxMemoryVsFile: number;
  checked: string;
  note: string;
}

/** Builds the CLI (dist-cli/policy.mjs) and the DuckDB query's script (`cache`/duckdb-kaijiang.mjs) for plain Node. */
function buildModules(cache: string): { cli: string; duckdb: string } {
  const vite = (args: string[]) => {
    const r = spawnSync('npx', ['vite', 'build', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`vite build ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  };
  vite(['--mode', 'cli']);
  const config = `${cache}/duckdb.vite.config.mjs`;
  writeFileSync(
    config,
    `export default ${JSON.stringify({
      configFile: false,
      publicDir: false,
      logLevel: 'warn',
      ssr: { external: ['@duckdb/node-api'] },
      build: {
        ssr: 'bench/duckdb-kaijiang.ts',
        target: 'node20',
        outDir: cache,
        emptyOutDir: false,
        rolldownOptions: { output: { entryFileNames: 'duckdb-kaijiang.mjs' } },
      },
    })};\n`,
  );
  vite(['-c', config]);
  return { cli: 'dist-cli/policy.mjs', duckdb: `${cache}/duckdb-kaijiang.mjs` };
}

/** Checks DuckDB against `results` (the DSL's on the same roster), then times both `runs` times, alternating. */
export function endToEnd(csvPath: string, results: readonly PersonResult[], runs: number, cache: string): EndToEnd {
  const duckOut = `${cache}/e2e-duckdb.csv`;
  const oursOut = `${cache}/e2e-ours.csv`;
  const built = buildModules(cache);
  const args = ['eval', 'policies/kaijiang-2020.policy', csvPath, '--csv'];
  const ours = () => timed(['node', built.cli, ...args], oursOut);
  const duck = () => timed(['node', built.duckdb, csvPath, duckOut], '/dev/null');
  duck();
  assertSameAsDsl(duckOut, results);
  ours(); // warm-up (file cache)
  const a: Run[] = [],
    b: Run[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(ours());
    b.push(duck());
  }
  const oursTsx = timed(['node', '--import', 'tsx', 'src/cli/main.ts', ...args], oursOut);
  const fileMiB = statSync(csvPath).size / 2 ** 20;
  const o = { seconds: median(a.map((r) => r.seconds)), maxRssMiB: median(a.map((r) => r.maxRssMiB)), all: a };
  const d = { seconds: median(b.map((r) => r.seconds)), maxRssMiB: median(b.map((r) => r.maxRssMiB)), all: b };
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    rows: results.length,
    fileMiB: Math.round(fileMiB * 10) / 10,
    runs,
    ours: o,
    duckdb: d,
    oursTsx,
    vsDuckdb: round(o.seconds / d.seconds),
    memoryVsFile: round(o.maxRssMiB / fileMiB),
    tsxVsDuckdb: round(oursTsx.seconds / d.seconds),
    tsxMemoryVsFile: round(oursTsx.maxRssMiB / fileMiB),
    checked: `DuckDB's eligibility, fee, subsidy, timing, benefit start/end, invalid and duplicate IDs agree with the DSL on all ${results.length} persons`,
    note:
      'each a child process under /usr/bin/time (wall %e, maxRSS %M), both plain node on modules vite built: ' +
      'ours = `node dist-cli/policy.mjs eval … --csv` to a file (npm run policy:build), DuckDB = one query with 2 ' +
      'threads, read_csv … COPY TO; medians of alternating runs; oursTsx = one run of `npm run policy`’s command (tsx)',
  };
}

if (process.argv[1]?.endsWith('end-to-end.ts')) {
  const [csvPath, runsText] = process.argv.slice(2);
  if (!csvPath || !existsSync(csvPath)) throw new Error('usage: tsx bench/end-to-end.ts ROSTER.csv [runs]');
  const policy = loadPolicy('policies/kaijiang-2020.policy', readPolicySource).policy!;
  const rows = readRosterBytes(new Uint8Array(readFileSync(csvPath)), csvPath, policy.fields).rows;
  const { results } = evaluateRoster(policy, rows, { loadCode: loadAsFile });
  rows.length = 0;
  const e = endToEnd(csvPath, results, Number(runsText ?? 3), 'bench/.cache');
  console.log(JSON.stringify(e, null, 2));
  const latest = JSON.parse(readFileSync('bench/latest.json', 'utf8')) as Record<string, unknown>;
  writeFileSync('bench/latest.json', JSON.stringify({ ...latest, endToEnd: e }, null, 2) + '\n');
}
