// Hostile CSV files: a stray quote must not swallow the file, and no header may be unbounded.
import { describe, expect, it } from 'vitest';
import { parseCsv, readRosterText } from '../../src/roster/index.js';
import { loadPolicy } from '../../src/lang/index.js';
import { fromDisk } from '../helpers.js';

const fields = loadPolicy('policies/gaotai-2021.policy', fromDisk).policy!.fields;

describe('hostile csv', () => {
  it('reports a quote left open at the start of a file at its line, and reads the rest as rows', () => {
    const body = Array.from({ length: 5000 }, (_, i) => `张${i},620724198709100035`).join('\n');
    const r = parseCsv(`"姓名,身份证号码\n${body}\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['runaway-quote']);
    expect(r.diagnostics[0]!.message.en).toContain('line 1, character 1');
    expect(r.rows.length).toBe(5001);
    expect(r.rows[0]).toEqual(['"姓名', '身份证号码']);
    expect(r.rows[5000]).toEqual(['张4999', '620724198709100035']);
  });
  it('names the line where a runaway quote opened, and counts the lines of earlier quoted cells', () => {
    const text = `a,b\n"x\ny",1\n2,"${'长'.repeat(40_000)}\n3,4\n`;
    const r = parseCsv(text);
    expect(r.diagnostics.map((d) => [d.code, d.row])).toEqual([['runaway-quote', 2]]);
    expect(r.diagnostics[0]!.message.en).toContain('line 4, character 3');
    expect(r.rows[3]).toEqual(['3', '4']);
  });
  it('stops a quoted cell at 100 lines even when it is short', () => {
    const r = parseCsv(`a\n"${'\n'.repeat(150)}`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['runaway-quote']);
    // 101 lines of a quoted cell, a remark written over many lines, are still one cell up to the limit.
    expect(parseCsv(`a\n"${'x\n'.repeat(99)}"\n`).rows).toEqual([['a'], ['x\n'.repeat(99)]]);
  });
  it('keeps a short unterminated quote as one cell, as before', () => {
    expect(parseCsv('a,"b\nc,d').diagnostics.map((d) => d.code)).toEqual(['unterminated-quote']);
  });
  it('reads a 20 MB file with a quote open at its start in bounded memory', () => {
    const line = '张三,620724198709100035,城关镇,东街社区,普通居民\n';
    const text = `"姓名,身份证号码,乡镇,村,类别\n${line.repeat(Math.ceil(20e6 / line.length))}`;
    const before = process.memoryUsage().heapUsed;
    const r = readRosterText(text, 'a.csv', fields);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(1.5e9);
    expect(r.diagnostics.some((d) => d.code === 'runaway-quote')).toBe(true);
    expect(r.headers[0]!.length).toBeLessThan(10);
    expect(r.rows.length).toBeGreaterThan(400_000);
  }, 60_000);
  it('cuts an overlong header and refuses a header wider than Excel allows', () => {
    const long = readRosterText(`${'名'.repeat(5000)},身份证号码\n张三,620724198709100035\n`, 'a.csv', fields);
    expect(long.headers[0]!.length).toBe(200);
    expect(long.diagnostics.map((d) => d.code)).toContain('long-header');
    const wide = readRosterText(`${'x,'.repeat(20_000)}\n`, 'a.csv', fields);
    expect(wide.headers.length).toBe(16_384);
    expect(wide.diagnostics.map((d) => d.code)).toContain('roster-too-wide');
  });
});
