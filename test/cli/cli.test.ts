/* eslint-disable no-control-regex -- these patterns look for control characters on purpose */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (...args: string[]) =>
  spawnSync('node', ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

// Each test spawns the CLI (tsx compiles it first): seconds on a loaded machine, hence a generous timeout.
describe('policy CLI', { timeout: 60_000 }, () => {
  it('checks and tests both policies cleanly', () => {
    expect(run('check', 'policies/kaijiang-2020.policy', 'policies/gaotai-2021.policy').status).toBe(0);
    const t = run('test', 'policies/kaijiang-2020.policy', 'policies/gaotai-2021.policy');
    expect(t.status).toBe(0);
    expect(t.stdout).not.toContain('FAIL');
  }, 60_000); // spawns the CLI twice: seconds on a loaded machine
  it('reports a typo with file:line:column, a caret, in Chinese and English, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const bad = readFileSync('policies/kaijiang-2020.policy', 'utf8').replace(
      '当 享受全额资助：个人缴费标准',
      '当 享受全额资助：个人缴费标注',
    );
    writeFileSync(join(dir, 'bad.policy'), bad);
    const r = run('check', join(dir, 'bad.policy'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /bad\.policy:\d+:\d+: 错误 error\[unknown-name\] 不认识的名称“个人缴费标注”（Unknown name/,
    );
    expect(r.stderr).toContain('^');
    expect(r.stderr).toContain('是不是“个人缴费标准”');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
  it('evaluates a roster to the documented JSON', () => {
    const r = run(
      'eval',
      'policies/kaijiang-2020.policy',
      'public/samples/kaijiang-2020-sample.csv',
      '--json',
      '--param',
      '低保资助额=150元',
    );
    const json = JSON.parse(r.stdout);
    expect(json.policy.county).toBe('开江县');
    const first = json.results[0];
    for (const key of [
      'row',
      'idNumber',
      'name',
      'eligible',
      'reason',
      'personalFee',
      'subsidy',
      'subsidyTiming',
      'benefitStart',
      'benefitEnd',
      'enrolled',
      'flags',
    ])
      expect(first).toHaveProperty(key);
    // Row 1 paid on 2019-09-01: 已参保. Row 3 has 大学生医保 (七(三)): not eligible, so not enrolled.
    expect(first.enrolled).toBe(true);
    expect(json.results[2].eligible).toBe(false);
    expect(json.results[2].enrolled).toBe(false);
    expect(json.summary.county.rows + json.summary.duplicates.count).toBe(json.results.length);
    expect(json.summary.duplicates.rows.length).toBe(json.summary.duplicates.count);
    expect(json.summary.townships.length).toBeGreaterThanOrEqual(20);
    expect(
      json.results.some((x: { flags: { code: string }[] }) => x.flags.some((f) => f.code === 'missing-parameter')),
    ).toBe(false);
  });
  it('tells an unknown amount from none in JSON: unknown lists the outcome, the summary counts the person apart', () => {
    const r = run('eval', 'policies/kaijiang-2020.policy', 'public/samples/kaijiang-2020-sample.csv', '--json');
    const json = JSON.parse(r.stdout);
    type Row = { subsidy: number | null; unknown: string[]; flags: { code: string }[] };
    const unknown = json.results.filter((x: Row) => x.unknown.includes('政府资助'));
    // 低保对象 are subsidised by 低保资助额, which the notice does not give.
    expect(unknown.length).toBeGreaterThan(0);
    for (const x of unknown) {
      expect(x.subsidy).toBeNull();
      expect(x.flags.map((f: { code: string }) => f.code)).toContain('missing-parameter');
    }
    expect(
      json.results.every((x: Row) => x.unknown.length > 0 || !x.flags.some((f) => f.code === 'missing-parameter')),
    ).toBe(true);
    expect(json.summary.county.unknown).toBe(unknown.length);
  }, 60_000);
  it('gives 已参保 per person in the CSV output', () => {
    const r = run('eval', 'policies/kaijiang-2020.policy', 'public/samples/kaijiang-2020-sample.csv', '--csv');
    const [header, row1, , row3] = r.stdout.replace(/^\uFEFF/, '').split(/\r?\n/);
    const at = header!.split(',').indexOf('已参保');
    expect(at).toBeGreaterThan(0);
    expect(row1!.split(',')[at]).toBe('是');
    expect(row3!.split(',')[at]).toBe('否');
  });
  it('explains a row and prints the canonical form', () => {
    const e = run('explain', 'policies/gaotai-2021.policy', 'public/samples/gaotai-2021-sample.csv', '--row', '1');
    expect(e.status).toBe(0);
    expect(e.stdout).toContain('结果“个人缴费”');
    const f = run('fmt', 'policies/gaotai-2021.policy');
    expect(f.stdout).toBe(readFileSync('policies/gaotai-2021.policy', 'utf8'));
  });
  it('shows control characters from a roster cell and a policy string as escapes, never raw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const [header, first] = readFileSync('public/samples/gaotai-2021-sample.csv', 'utf8').split(/\r?\n/);
    const [name, ...rest] = first!.split(',');
    writeFileSync(join(dir, 'r.csv'), `${header}\n${name}\u001b[31m\u009b,${rest.join(',')}\n`);
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    const table = run('eval', 'policies/gaotai-2021.policy', join(dir, 'r.csv'));
    expect(table.stdout).toContain(`${name}\\u001b[31m\\u009b`);
    expect(table.stdout + table.stderr).not.toMatch(raw);
    const json = run('eval', 'policies/gaotai-2021.policy', join(dir, 'r.csv'), '--json');
    expect(json.stdout).not.toMatch(raw);
    expect(JSON.parse(json.stdout).results[0].name).toBe(`${name}\u001b[31m\u009b`);
    writeFileSync(
      join(dir, 'cr.policy'),
      readFileSync('policies/gaotai-2021.policy', 'utf8').replace('列 "性别"', '列 "性\r\u001b[2J别"'),
    );
    const check = run('check', join(dir, 'cr.policy'));
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('性\\u000d\\u001b[2J别');
    expect(check.stderr).not.toMatch(raw);
  }, 60_000); // spawns the CLI three times
  it('describes a policy after 继承 and refuses to evaluate a roster with a template', () => {
    const d = run('describe', 'test/policies/inherit-county-2025.policy');
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/标签 "退役军人" +# test\/policies\/inherit-county-2025\.policy:42\n/);
    const e = run('eval', 'test/policies/inherit-template-2025.policy', 'public/samples/gaotai-2021-sample.csv');
    expect(e.status).toBe(1);
    expect(e.stderr).toContain('error[template-not-evaluable]');
    expect(e.stdout).toBe('');
  });
  it('exits 2 on a usage error', () => {
    expect(run('frobnicate').status).toBe(2);
    expect(run('explain', 'policies/gaotai-2021.policy', 'x.csv').status).toBe(2);
  });
});

describe('a reader that stops early', () => {
  it('ends quietly when the pipe closes (… | head), with no stack trace', () => {
    // `head -c 1` closes the pipe after one byte while the CLI is still writing 400 people.
    const r = spawnSync(
      'sh',
      [
        '-c',
        'node --import tsx src/cli/main.ts eval policies/kaijiang-2020.policy public/samples/kaijiang-2020-sample.csv --json | head -c 1 >/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toContain('Unhandled');
  }, 60_000);
});
