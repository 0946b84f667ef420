// npm run roster:generate -- --county kaijiang|gaotai --rows N --out FILE [--seed S] [--encoding utf-8|gbk] [--format csv|xlsx]
// Writes a synthetic roster (花名册). All logic lives in scripts/roster/; this file parses arguments and writes.
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseRosterArgs, USAGE } from './roster/cli-args.js';
import { rosterCsvChunks } from './roster/csv.js';
import { generateRoster, ROSTER_HEADERS } from './roster/generate.js';
import { toXlsx } from '../src/roster/index.js';

async function main(): Promise<number> {
  const parsed = parseRosterArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  const { county, rows, out, seed, encoding, format } = parsed.options;
  const started = performance.now();
  const fd = out === '-' ? 1 : openSync(out, 'w');
  let bytes = 0;
  try {
    if (format === 'xlsx') {
      const data = toXlsx([
        { name: '花名册', headers: [...ROSTER_HEADERS], rows: [...generateRoster({ county, rows, seed })] },
      ]);
      bytes = writeSync(fd, data);
    } else {
      for (const chunk of rosterCsvChunks({ county, rows, seed, encoding })) {
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
        bytes += chunk.length;
      }
    }
  } finally {
    if (fd !== 1) closeSync(fd);
  }
  const seconds = (performance.now() - started) / 1000;
  const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
  console.error(
    `wrote ${rows} rows (${size}, ${format === 'csv' ? encoding : 'xlsx'}) to ${out} in ${seconds.toFixed(2)} s`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  },
);
