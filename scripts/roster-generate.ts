// npm run roster:generate -- --county kaijiang|gaotai --rows N --out FILE [--seed S] [--encoding utf-8|gbk]
import { createWriteStream } from 'node:fs';
import { generateRoster, HEADERS } from './roster/generate.js';
import { encodeGbk } from './roster/gbk.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const county = opt('county');
const rows = Number(opt('rows'));
const out = opt('out');
const encoding = opt('encoding') ?? 'utf-8';
if ((county !== 'kaijiang' && county !== 'gaotai') || !Number.isInteger(rows) || rows < 1 || !out || !['utf-8', 'gbk'].includes(encoding)) {
  console.error('用法 usage: npm run roster:generate -- --county kaijiang|gaotai --rows N --out FILE [--seed S] [--encoding utf-8|gbk]');
  process.exit(2);
}
const started = performance.now();
const stream = createWriteStream(out);
const encode = (s: string) => (encoding === 'gbk' ? encodeGbk(s) : Buffer.from(s, 'utf8'));
if (encoding === 'utf-8') stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
let chunk: string[] = [HEADERS.join(',')];
for (const row of generateRoster({ county, rows, seed: Number(opt('seed') ?? 1) })) {
  chunk.push(row.join(','));
  if (chunk.length >= 10000) { stream.write(encode(chunk.join('\r\n') + '\r\n')); chunk = []; }
}
stream.write(encode(chunk.join('\r\n') + (chunk.length ? '\r\n' : '')));
stream.end(() => console.error(`wrote ${rows} rows to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`));
