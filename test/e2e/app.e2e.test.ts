// End to end in Debian's headless Chromium: the served build and the single HTML file over file://.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDist } from './harness.js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRosterBytes } from '../../src/roster/index.js';
import { loadPolicy } from '../../src/lang/index.js';
import { fromDisk } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'test-output/screenshots';
const PORT = 4179;

async function launch(timezoneId?: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'yibao-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    ...(timezoneId ? { timezoneId } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Every request the page makes that is not the app itself. */
function watchNetwork(page: Page, allowed: string): string[] {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(allowed) && !url.startsWith('blob:') && !url.startsWith('data:')) outside.push(url);
  });
  return outside;
}

async function journey(page: Page, label: string): Promise<void> {
  // Import the bundled sample roster.
  await page.getByTestId('nav-rosters').click();
  await page.locator('[data-testid=roster-sample-button][data-sample="gaotai-2021-sample.csv"]').click();
  await page.getByTestId('mapping-table').waitFor();
  expect(await page.getByTestId('mapping-row').count()).toBeGreaterThan(10);
  // The clerk fixes a match; choosing a file with the same headers again brings the choice back.
  await page.locator('[data-testid=mapping-row][data-field="与户主关系"]').locator('select').selectOption('与户主关系');
  await page.locator('[data-testid=mapping-row][data-field="与户主关系"]').getByText('手动').waitFor();
  await page.locator('[data-testid=roster-sample-button][data-sample="gaotai-2021-sample.csv"]').click();
  await page.locator('[data-testid=mapping-row][data-field="与户主关系"]').getByText('手动').waitFor();
  await page.screenshot({ path: `${SHOTS}/${label}-import.png`, fullPage: true });
  await page.getByTestId('import-commit').click();
  // The summary shows the county and its townships.
  await page.getByTestId('summary-table').waitFor({ timeout: 30000 });
  expect(await page.getByTestId('summary-row').count()).toBeGreaterThan(5);
  // The worker computed with generated code (the page's CSP admits it as a blob: script), not the slow fallback.
  expect(await page.locator('main').getAttribute('data-evaluator')).toBe('generated');
  expect(await page.getByTestId('slow-evaluator').count()).toBe(0);
  // 高台 四(三): 定额资助 is paid in full at the counter and credited afterwards, so the people's net cost is the fees
  // due less the subsidies credited (the county's 72,800.00 and 3,800.00 of test/golden/gaotai-2021.golden.tsv).
  const collection = (await page.getByTestId('summary-collection').textContent())!;
  expect(collection).toContain('3,800.00');
  expect(collection).toContain('69,000.00');
  await page.screenshot({ path: `${SHOTS}/${label}-summary.png`, fullPage: true });
  // Results, and a person's explanation citing clauses.
  await page.getByTestId('nav-results').click();
  await page.getByTestId('results-row').first().waitFor();
  expect(await page.getByTestId('results-count').textContent()).toContain('300');
  await page.getByTestId('results-row').first().click();
  await page.getByTestId('explain-panel').waitFor();
  await page.getByTestId('explain-step').first().waitFor(); // the steps come from the worker a moment later
  expect(await page.getByTestId('explain-step').count()).toBeGreaterThan(5);
  expect(await page.getByTestId('explain-panel').textContent()).toContain('条款');
  await page.screenshot({ path: `${SHOTS}/${label}-results-explain.png`, fullPage: true });
  // 未参保: only people shown as not enrolled, fewer than the whole roster; then back to everyone.
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-enrolled').selectOption('no');
  await page.locator('[data-testid=results-count]:not([data-total="300"])').waitFor();
  const notEnrolled = Number(await page.getByTestId('results-count').getAttribute('data-total'));
  expect(notEnrolled).toBeGreaterThan(0);
  expect(await page.getByTestId('results-row').first().textContent()).toContain('未参保');
  await page.getByTestId('filter-enrolled').selectOption('');
  await page.locator('[data-testid=results-count][data-total="300"]').waitFor();
  // Export XLSX and CSV, read back with our readers.
  await page.getByTestId('nav-export').click();
  const fields = loadPolicy('policies/gaotai-2021.policy', fromDisk).policy!.fields;
  for (const id of ['export-xlsx', 'export-csv']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    const path = await download.path();
    const back = readRosterBytes(new Uint8Array(readFileSync(path)), download.suggestedFilename(), fields);
    expect(back.rows.length).toBe(300);
    expect(back.headers).toContain('个人缴费(元)');
  }
  // The unit and the preparer set in Settings are printed on the report.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('report-unit').fill('城关镇医保所');
  await page.getByTestId('report-unit').blur();
  await page.getByTestId('report-preparer').fill('张三');
  await page.getByTestId('report-preparer').blur();
  await page.getByTestId('nav-export').click();
  expect(await page.getByTestId('print-unit').textContent()).toBe('城关镇医保所');
  expect(await page.getByTestId('print-preparer').textContent()).toContain('张三');
  // 待缴费名单: eligible people with no 缴费日期 in the sample, 280 元 each (高台 2021), and the same list printed.
  const sample = readFileSync('public/samples/gaotai-2021-sample.csv', 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));
  const paidOn = sample[0]!.indexOf('缴费日期');
  const [toPay] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-topay-csv').click()]);
  expect(toPay.suggestedFilename()).toContain('待缴费名单');
  const listed = readFileSync(await toPay.path(), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));
  expect(listed.length).toBeGreaterThan(0);
  expect(listed.length).toBeLessThanOrEqual(notEnrolled);
  for (const r of listed) {
    expect(sample[Number(r[0])]![paidOn]).toBe('');
    expect(r[5]).toBe('280.00');
  }
  await page.evaluate(() => (window.print = () => {}));
  await page.getByTestId('export-topay-print').click();
  await page.getByTestId('topay-sheet').waitFor();
  expect(await page.getByTestId('topay-row').count()).toBe(listed.length);
  await page.screenshot({ path: `${SHOTS}/${label}-topay.png`, fullPage: true });
  // 问题行清单: the sample's spoilt rows (repeated and invalid ID numbers, an unreadable cell), one line per problem.
  await page.getByTestId('export-problems-print').click();
  await page.getByTestId('problems-sheet').waitFor();
  const problemRows = page.getByTestId('problems-row');
  expect(await problemRows.count()).toBeGreaterThan(0);
  expect(await page.getByTestId('problems-sheet').textContent()).toContain('身份证号码重复');
  await page.screenshot({ path: `${SHOTS}/${label}-problem-rows.png`, fullPage: true });
  // A file from disk through the picker (the GBK 开江 sample): the worker reads the File itself.
  await page.getByTestId('nav-rosters').click();
  await page.locator('.panel.source select').selectOption('kaijiang-2020.policy');
  await page.getByTestId('roster-file-input').setInputFiles('public/samples/kaijiang-2020-sample.csv');
  await page.getByTestId('mapping-table').waitFor();
  expect(await page.locator('.panel-head', { has: page.getByText('kaijiang-2020-sample.csv') }).textContent()).toMatch(
    /400[\s\S]*GBK/,
  );
  await page.getByTestId('import-commit').click();
  await page.locator('[data-testid=summary-row][data-name="开江县"]').waitFor({ timeout: 30000 });
  // Its printed report (with 开江's 经办规则 and the 特殊人员 column), for a look at the layout.
  await page.getByTestId('nav-export').click();
  await page.getByText('现金双限').waitFor();
  await page.screenshot({ path: `${SHOTS}/${label}-print.png`, fullPage: true });
  // Reload: the roster is still there.
  await page.reload();
  await page.getByTestId('nav-rosters').click();
  await page.getByTestId('roster-item').first().waitFor();
  // Break a policy in the editor, see the located error, fix it.
  await page.getByTestId('nav-policies').click();
  await page.locator('[data-testid=policy-item][data-path="gaotai-2021.policy"]').click();
  const editor = page.locator('[data-testid=policy-editor] .cm-content');
  const text = readFileSync('policies/gaotai-2021.policy', 'utf8');
  // CodeMirror renders only the visible lines: select the whole document with its own Ctrl+A, then type over it.
  const replaceAll = async (t: string) => {
    await editor.click();
    await editor.press('Control+a');
    await page.keyboard.insertText(t);
  };
  await replaceAll(text.replace('当 享受全额资助：个人缴费标准', '当 享受全额资助：个人缴费标注'));
  await page.getByTestId('diagnostic').first().waitFor();
  expect(await page.getByTestId('policy-diagnostics').textContent()).toMatch(/\d+:\d+.*unknown-name.*个人缴费标注/);
  // Its position jumps to the line, where the editor marks the error.
  await page.getByTestId('diagnostic').first().locator('button').click();
  await page.locator('[data-testid=policy-editor] .cm-lintRange-error').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/${label}-policy-error.png`, fullPage: true });
  await replaceAll(text);
  await page.locator('[data-testid=example][data-passed="true"]').first().waitFor();
  expect(await page.locator('[data-testid=example][data-passed="false"]').count()).toBe(0);
  // English.
  await page.getByTestId('lang-toggle').click();
  expect(await page.getByTestId('nav-summary').textContent()).toBe('Summary');
}

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && (process.env.CI || process.env.REQUIRE_BROWSER))
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (see .ci/run)`);

describe.skipIf(!haveBrowser)('workbench in headless Chromium', () => {
  let server: ChildProcess;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveDist(PORT);
  }, 30000);
  afterAll(() => {
    server?.kill();
  });

  it('served build: import, results, explain, export, reload, edit, English — with no outside request', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    const outside = watchNetwork(page, `http://127.0.0.1:${PORT}/`);
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await journey(page, 'served');
    expect(outside).toEqual([]);
    await ctx.close();
  }, 120000);

  it('政策 clicked right after the page loads: a loading state, then the checked policy, and no page error', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: 'commit' });
    await page.getByTestId('nav-policies').click();
    // The check and the examples come from the worker: they pass for the bundled policy.
    await page.locator('[data-testid=example][data-passed="true"]').first().waitFor();
    expect(await page.locator('[data-testid=example][data-passed="false"]').count()).toBe(0);
    expect(await page.locator('[data-testid=diagnostic].error').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60000);

  it('a changed policy: asked before saving it with failing examples, stale results named and computed again; local times; delete asks', async () => {
    const zone = 'Asia/Shanghai';
    const ctx = await launch(zone);
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const minutes = new Set<string>();
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const from = Date.now();
    await page.getByTestId('nav-rosters').click();
    await page.locator('[data-testid=roster-sample-button][data-sample="gaotai-2021-sample.csv"]').click();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('summary-table').waitFor({ timeout: 30000 });
    for (let t = from - 60000; t <= Date.now() + 60000; t += 30000) minutes.add(local.format(new Date(t)));
    expect(await page.getByTestId('stale-results').count()).toBe(0);

    // The roster list shows the import time in the computer's time zone (Shanghai, UTC+8), not UTC.
    await page.getByTestId('nav-rosters').click();
    const created = (await page.getByTestId('roster-item').first().locator('td').nth(3).textContent())!.trim();
    expect(minutes).toContain(created);

    // A new version: the standard fee 320 yuan (examples still expect 280, so they fail): saving asks first.
    await page.getByTestId('nav-policies').click();
    await page.locator('[data-testid=policy-item][data-path="gaotai-2021.policy"]').click();
    const editor = page.locator('[data-testid=policy-editor] .cm-content');
    const text = readFileSync('policies/gaotai-2021.policy', 'utf8');
    const changed = text
      .replace('参数 个人缴费标准：金额 = 280元', '参数 个人缴费标准：金额 = 320元')
      .replace('参数 上年度个人缴费标准：金额 = 250元', '参数 上年度个人缴费标准：金额 = 290元');
    await editor.click();
    await editor.press('Control+a');
    await page.keyboard.insertText(changed);
    await page.getByTestId('policy-save').click();
    await page.getByTestId('policy-save-confirm').waitFor();
    await page.screenshot({ path: `${SHOTS}/save-confirm.png`, fullPage: true });
    expect(await page.getByTestId('policy-note').count()).toBe(0);
    await page.getByTestId('policy-save-anyway').click();
    await page.locator('[data-testid=policy-note][data-note="savedWithProblems"]').waitFor();

    // The open roster says its results come from the bundled version, and computes them again.
    await page.getByTestId('nav-summary').click();
    await page.locator('[data-testid=stale-file][data-path="gaotai-2021.policy"][data-used="bundled"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/stale-results.png`, fullPage: true });
    await page.getByTestId('recompute').click();
    await page.getByTestId('stale-results').waitFor({ state: 'detached', timeout: 30000 });
    await page.getByTestId('nav-results').click();
    await page.getByTestId('results-table').getByText('320.00').first().waitFor();

    // The bundled text is one click away; saved, the roster is stale again (computed with the saved version).
    await page.getByTestId('nav-policies').click();
    await page.getByTestId('restore-bundled').click();
    await page.locator('[data-testid=policy-note][data-note="restoredBundled"]').waitFor();
    await page.getByTestId('policy-save').click();
    await page.locator('[data-testid=policy-note][data-note="saved"]').waitFor();
    await page.getByTestId('nav-summary').click();
    await page.locator('[data-testid=stale-file][data-used="saved"]').waitFor();

    // Deleting asks in the row; cancel keeps it, confirm removes it.
    await page.getByTestId('nav-rosters').click();
    await page.getByTestId('roster-delete').first().click();
    await page.getByTestId('roster-delete-ask').waitFor();
    await page.getByTestId('roster-delete-cancel').click();
    expect(await page.getByTestId('roster-item').count()).toBe(1);
    await page.getByTestId('roster-delete').first().click();
    await page.getByTestId('roster-delete-confirm').click();
    await page.getByTestId('roster-item').first().waitFor({ state: 'detached' });
    await ctx.close();
  }, 180000);

  it('compares two years on one roster: a 2022 file raising the fee to 320 元, computed in the worker', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('nav-rosters').click();
    await page.locator('[data-testid=roster-sample-button][data-sample="gaotai-2021-sample.csv"]').click();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('summary-table').waitFor({ timeout: 30000 });
    // Next year's file from 高台 2021, stating only the new fee.
    await page.getByTestId('nav-policies').click();
    await page.locator('[data-testid=policy-item][data-path="gaotai-2021.policy"]').click();
    await page.getByTestId('policy-new-year').click();
    const editor = page.locator('[data-testid=policy-editor] .cm-content');
    await editor.click();
    await editor.press('Control+a');
    await page.keyboard.insertText(
      '继承 "gaotai-2021.policy"\n政策 {\n  年度：2022\n}\n参数 个人缴费标准：金额 = 320元\n参数 上年度个人缴费标准：金额 = 280元\n',
    );
    await page.getByTestId('policy-save').click();
    await page.locator('[data-testid=policy-note][data-note="saved"]').waitFor();
    // 汇总 → compare: of the sample's 298 people (2 rows repeat an ID), 266 are insured here, 6 of them 特困人员 who
    // pay nothing; the other 260 pay 40 元 more, and the 6 get 40 元 more subsidy (高台 notice, 二).
    await page.getByTestId('nav-summary').click();
    await page.getByTestId('compare-policy').selectOption('gaotai-2022.policy');
    await page.getByTestId('compare-run').click();
    const headline = page.getByTestId('compare-headline');
    await headline.waitFor({ timeout: 60000 });
    const text = (await headline.textContent())!;
    expect(text).toContain('260 人多缴，0 人少缴，38 人不变');
    expect(text).toContain('+10,400.00');
    expect(text).toContain('+240.00');
    // The chart is drawn in the task after the headline (no one long task): wait for it.
    await page.getByTestId('compare-chart').waitFor({ timeout: 10000 });
    expect(await page.getByTestId('compare-chart').locator('rect').count()).toBeGreaterThan(0);
    await page.getByTestId('compare-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-csv').click()]);
    expect(file.suggestedFilename()).toContain('政策对比');
    const lines = readFileSync(await file.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines.length).toBe(301);
    await ctx.close();
  }, 180000);

  it('a damaged stored record is listed in Settings in both languages, exported as JSON and deleted on request', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('storage-estimate').waitFor();
    // What a damaged database might hold: a policy whose text is not text.
    await page.evaluate(
      () =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('yibao-rules');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('policies', 'readwrite');
            tx.objectStore('policies').put({ path: 'broken.policy', text: 42, savedAt: 'x', versions: [] });
            tx.oncomplete = () => {
              open.result.close();
              done();
            };
          };
        }),
    );
    await page.reload();
    await page.getByTestId('nav-settings').click();
    const item = page.getByTestId('damaged-record');
    await item.waitFor();
    expect(await item.textContent()).toMatch(/规则文件记录损坏（字段 text）.*Policy record damaged \(field text\)/);
    await page.screenshot({ path: `${SHOTS}/settings-damaged.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('damaged-export').click()]);
    expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toEqual({
      path: 'broken.policy',
      text: 42,
      savedAt: 'x',
      versions: [],
    });
    page.once('dialog', (d) => {
      void d.accept();
    });
    await item.getByTestId('damaged-delete').click();
    await item.waitFor({ state: 'detached' });
    await ctx.close();
  }, 120000);

  it('single HTML file over file://: the same, and the roster survives reopening', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    const url = `file://${resolve('dist/yibao-rules.html')}`;
    const outside = watchNetwork(page, url);
    await page.goto(url);
    await journey(page, 'file');
    await page.close();
    const again = await ctx.newPage();
    await again.goto(url);
    await again.getByTestId('nav-rosters').click();
    await again.getByTestId('roster-item').first().waitFor();
    expect(outside).toEqual([]);
    await ctx.close();
  }, 120000);
});
