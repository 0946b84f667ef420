// `policy eval --csv` read, evaluated and written chunk by chunk: the same bytes as the whole roster at once.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateRoster, loadPolicy, type CompiledPolicy } from '../../src/lang/index.js';
import { readRosterBytes, toCsv } from '../../src/roster/index.js';
import { readPolicySource } from '../../src/cli/read-source.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { rosterCsvChunks } from '../../scripts/roster/csv.js';
import { CSV_HEADERS, evalCsvInChunks, flagCodes, resultCells } from '../../src/cli/csv-results.js';

const policy = (name: string) => loadPolicy(`policies/${name}.policy`, readPolicySource).policy!;
const kaijiang = policy('kaijiang-2020');
const gaotai = policy('gaotai-2021');
const dir = mkdtempSync(join(tmpdir(), 'csv-results-'));

/** What `eval --csv` wrote before it read in chunks: the whole roster read, evaluated, then toCsv. */
function whole(p: CompiledPolicy, path: string): Buffer {
  const read = readRosterBytes(new Uint8Array(readFileSync(path)), path, p.fields);
  const { results } = evaluateRoster(p, read.rows, { loadCode: loadAsFile });
  return Buffer.from(
    toCsv(
      CSV_HEADERS,
      results.map((r) => [...resultCells(r), flagCodes(r)]),
    ),
  );
}

function chunked(p: CompiledPolicy, path: string, chunkChars: number, loadCode = true, blockBytes = 333) {
  const parts: Buffer[] = [];
  const r = evalCsvInChunks(p, path, {}, loadCode ? loadAsFile : undefined, (b) => parts.push(Buffer.from(b)), {
    chunkChars,
    blockBytes,
  });
  return r === null ? null : { ...r, bytes: Buffer.concat(parts) };
}

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sampleLines = (name: string) =>
  readFileSync(`public/samples/${name}-sample.csv`, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/);

describe('eval --csv in chunks', () => {
  it('writes the bundled samples byte for byte as before (test/cli/fixtures, written by the whole-roster CLI)', () => {
    for (const [name, p] of [
      ['kaijiang-2020', kaijiang],
      ['gaotai-2021', gaotai],
    ] as const) {
      const before = readFileSync(`test/cli/fixtures/${name}-sample.eval.csv`);
      for (const size of [1, 700, 5000, 1 << 21]) {
        const r = chunked(p, `public/samples/${name}-sample.csv`, size)!;
        expect(r.bytes.equals(before), `${name} in pieces of ${size} characters`).toBe(true);
        expect(r.problems).toBe(true); // the samples hold invalid ID numbers on purpose
      }
    }
  });

  it('reads hostile rows across piece boundaries as the whole text does (quotes, line breaks, blanks, short rows)', () => {
    const [header, ...rows] = sampleLines('gaotai-2021').filter((l) => l !== '');
    const lines = [header!];
    rows.forEach((l, i) => {
      const c = l.split(',');
      if (i % 7 === 0) c[0] = `"${c[0]}\r\n第二行, ""引号"""`;
      if (i % 11 === 0) lines.push('');
      // Cells a spreadsheet would run as formulas (the writer guards them with an apostrophe), or that need quotes.
      if (i % 19 === 0) c[0] = ['=1+1', ' -2', '＠名', '@', 'a;b'][(i / 19) % 5]!;
      if (i % 23 === 0) c[1] = ['+8613', '-1', ' =x'][(i / 23) % 3]!;
      if (i % 13 === 0) c.length = 4;
      if (i % 17 === 0) c.push('多余');
      lines.push(c.join(','));
    });
    const path = file('hostile.csv', '\ufeff' + lines.join('\r\n') + '\r\n');
    const expected = whole(gaotai, path);
    for (const size of [1, 97, 1000, 1 << 21]) {
      const r = chunked(gaotai, path, size)!;
      expect(r, `pieces of ${size}`).not.toBeNull();
      expect(r.bytes.equals(expected), `pieces of ${size}`).toBe(true);
    }
  });

  it('flags the first row of a duplicated ID when the copy comes in a later chunk, and so does the whole-household rule', () => {
    const [header, ...rows] = sampleLines('gaotai-2021').filter((l) => l !== '');
    const first = rows[0]!.split(',');
    const id = first[header!.split(',').indexOf('身份证号码')]!;
    const path = file('dup.csv', [header, ...rows, rows[0]].join('\n') + '\n');
    const r = chunked(gaotai, path, 50)!;
    expect(r.bytes.equals(whole(gaotai, path))).toBe(true);
    const out = r.bytes.toString('utf8').split('\r\n');
    // 第 1 行 and the copy at the end both carry duplicate-id (the rule flags every row sharing the ID).
    expect(out[1]).toMatch(new RegExp(`^1,${id},.*duplicate-id`));
    expect(out[out.length - 2]).toMatch(new RegExp(`^${rows.length + 1},${id},.*duplicate-id`));
  });

  it('finds shared keys held compactly across chunks: Chinese household numbers, a 300-character ID number', () => {
    const [header, ...rows] = sampleLines('gaotai-2021').filter((l) => l !== '');
    const columns = header!.split(',');
    const idAt = columns.indexOf('身份证号码');
    const householdAt = columns.indexOf('户号');
    const long = '9'.repeat(300);
    const changed = rows.map((l, i) => {
      const c = l.split(',');
      // Every other household by a Chinese name (kept as a string, not as bytes), the same for all its members.
      if (Number(c[householdAt]!.slice(-1)) % 2 === 0) c[householdAt] = `高台${c[householdAt]}户`;
      if (i === 2 || i === rows.length - 1) c[idAt] = long;
      return c.join(',');
    });
    // The first row's person again at the end, with its household key written in Chinese on both.
    const path = file('keys.csv', [header, ...changed, changed[0]].join('\n') + '\n');
    const expected = whole(gaotai, path);
    for (const size of [50, 4000]) {
      const r = chunked(gaotai, path, size)!;
      expect(r.bytes.equals(expected), `pieces of ${size}`).toBe(true);
    }
    const out = expected.toString('utf8').split('\r\n');
    // Rows 3 and the last but one share the long ID; rows 1 and the last share the first row's ID.
    expect(out[3]).toMatch(new RegExp(`^3,${long},.*duplicate-id`));
    expect(out[rows.length]).toMatch(new RegExp(`^${rows.length},${long},.*duplicate-id`));
    expect(out[1]).toMatch(/duplicate-id/);
    expect(out[rows.length + 1]).toMatch(/duplicate-id/);
  });

  it('gives the same bytes with the closures as with generated code, and for a GBK file', () => {
    const path = 'public/samples/kaijiang-2020-sample.csv';
    expect(chunked(kaijiang, path, 300, false)!.bytes.equals(whole(kaijiang, path))).toBe(true);
    const gbk = file(
      'gbk.csv',
      Buffer.concat([...rosterCsvChunks({ county: 'kaijiang', rows: 400, seed: 2, encoding: 'gbk' })]),
    );
    const expected = whole(kaijiang, gbk);
    expect(expected.toString('utf8')).toContain('缴费时抵扣'); // decoded as GBK, not garbled
    expect(chunked(kaijiang, gbk, 500)!.bytes.equals(expected)).toBe(true);
  });

  it('decodes as decodeText does, block by block: a damaged byte in UTF-8 or GBK warns on its line', () => {
    const gbkBytes = Buffer.concat([...rosterCsvChunks({ county: 'kaijiang', rows: 300, seed: 4, encoding: 'gbk' })]);
    const utf8Bytes = readFileSync('public/samples/kaijiang-2020-sample.csv');
    for (const [name, bytes] of [
      ['gbk-damaged.csv', gbkBytes],
      ['utf8-damaged.csv', utf8Bytes],
    ] as const) {
      const damaged = Buffer.from(bytes);
      // A byte neither encoding has a character for, on a line well into the file.
      let at = 0;
      for (let line = 0; line < 200; line++) at = damaged.indexOf(0x0a, at) + 1;
      damaged[at + 2] = 0xff;
      const path = file(name, damaged);
      const read = readRosterBytes(new Uint8Array(damaged), path, kaijiang.fields);
      expect(read.diagnostics.map((d) => d.code)).toContain('doubtful-encoding');
      for (const blockBytes of [1, 100, 1 << 22]) {
        const r = chunked(kaijiang, path, 1000, true, blockBytes)!;
        expect(r.readDiagnostics, `${name}, blocks of ${blockBytes}`).toEqual(read.diagnostics);
        expect(r.bytes.equals(whole(kaijiang, path)), `${name}, blocks of ${blockBytes}`).toBe(true);
      }
    }
  });

  it('leaves to the whole-roster reader what could read differently in pieces', () => {
    const [header, ...rows] = sampleLines('kaijiang-2020').filter((l) => l !== '');
    // An unclosed quote (reported by the parser), a cell starting with a BOM character at a line start, an XLSX.
    const unclosed = file('unclosed.csv', [header, ...rows.slice(0, 50), `"${rows[50]}`, ...rows.slice(51)].join('\n'));
    expect(chunked(kaijiang, unclosed, 200)).toBeNull();
    const bomCell = file('bom.csv', [header, ...rows.slice(0, 60), `\ufeff${rows[60]}`].join('\n'));
    const cut = chunked(kaijiang, bomCell, 1);
    expect(cut).toBeNull();
    const empty = file('empty.csv', '\n\n');
    expect(chunked(kaijiang, empty, 1)).toBeNull();
    // decodeText drops a BOM and then the decoder another: two at the start are left to it.
    expect(chunked(kaijiang, file('boms.csv', '\ufeff\ufeff' + [header, ...rows].join('\n')), 100)).toBeNull();
    const pk = file('x.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    expect(chunked(kaijiang, pk, 1)).toBeNull();
  });
});
