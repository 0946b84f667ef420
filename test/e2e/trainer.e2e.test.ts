// End to end in headless Chromium, for the trainer's hour: 试算 (try a person, saved as an example) and the 告知单.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser as launch, serveDist } from './harness.js';
import type { Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SHOTS = 'test-output/screenshots'; // copied by hand to docs/screenshots for the README
const PORT = 4183;
const notice = readFileSync('../shared/notices/kaijiang-2020.txt', 'utf8');

/** Waits until typing has paused and the worker answered, then reads an outcome as the form shows it. */
async function outcome(page: Page, name: string): Promise<string | null> {
  await page.locator('[data-testid=try-person][data-busy="false"]').waitFor();
  return page.locator(`[data-testid=try-outcome][data-name="${name}"]`).getAttribute('data-text');
}
const field = (page: Page, name: string) => page.locator(`[data-testid=try-field][data-field="${name}"]`);

/** 试算 on 开江 2020: fill the form, see the fee follow the fields, a bad date beside its field, save as example. */
async function tryAPerson(page: Page, shots: string | null): Promise<void> {
  await page.getByTestId('nav-policies').click();
  await page.locator('[data-testid=policy-item][data-path="kaijiang-2020.policy"]').click();
  await page.locator('[data-testid=example][data-passed="true"]').first().waitFor();
  const before = await page.getByTestId('example').count();
  await page.getByTestId('policy-tab-try').click();
  await field(page, '缴费日期').waitFor();
  // A renewing ordinary resident of the county paying on the first day: 250 元 (notice 二(三)), from 2020-01-01 (三(三)).
  await field(page, '身份证号码').locator('input').fill('511723198505050012');
  await field(page, '人员类别').getByLabel('普通居民').check();
  await field(page, '是否本县户籍').locator('select').selectOption('是');
  await field(page, '上年度是否参保').locator('select').selectOption('是');
  await field(page, '缴费日期').locator('input').fill('2019-09-01');
  expect(await outcome(page, '个人缴费')).toBe('250.00元');
  expect(await outcome(page, '待遇开始')).toBe('2020-01-01');
  expect(await page.getByTestId('try-step').count()).toBeGreaterThan(5);
  // 特困人员 instead: the government pays it all (二(一)), 0 元 for the person.
  await field(page, '人员类别').getByLabel('普通居民').uncheck();
  await field(page, '人员类别').getByLabel('特困人员').check();
  expect(await outcome(page, '个人缴费')).toBe('0.00元');
  expect(await outcome(page, '政府资助')).toBe('250.00元');
  // A date that does not exist is shown beside its field, and nothing is computed until it is fixed.
  await field(page, '缴费日期').locator('input').fill('2019-13-05');
  await field(page, '缴费日期').locator('[data-testid=try-problem][data-code="bad-date"]').waitFor();
  await page.getByTestId('try-not-computed').waitFor();
  await field(page, '缴费日期').locator('input').fill('2019-09-01');
  expect(await outcome(page, '个人缴费')).toBe('0.00元');
  if (shots) await page.screenshot({ path: `${SHOTS}/${shots}.png`, fullPage: true });
  // One click: the person is an example of the policy, saved as a new version, and it passes.
  await page.getByTestId('try-title').fill('特困人员试算');
  await page.getByTestId('try-save-example').click();
  await page.locator('[data-testid=policy-note][data-note="saved"]').waitFor();
  await page.locator('[data-testid=example][data-passed="true"]', { hasText: '特困人员试算' }).waitFor();
  expect(await page.getByTestId('example').count()).toBe(before + 1);
  expect(await page.locator('[data-testid=example][data-passed="false"]').count()).toBe(0);
  // 例子表: the saved person is a row that passes; a wrong expectation typed in fails at once, and is put back.
  await page.getByTestId('policy-tab-grid').click();
  const row = page.locator('[data-testid=grid-row][data-name="特困人员试算"]');
  await page.locator('[data-testid=grid-row][data-name="特困人员试算"][data-passed="true"]').waitFor();
  const fee = row.locator('input[data-column="期望：个人缴费"]');
  expect(await fee.inputValue()).toBe('0.00元');
  await fee.fill('1元');
  await fee.press('Tab');
  await page.locator('[data-testid=grid-row][data-name="特困人员试算"][data-passed="false"]').waitFor();
  if (shots) await page.screenshot({ path: `${SHOTS}/example-grid.png`, fullPage: true });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('grid-export').click()]);
  const bytes = readFileSync(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain('特困人员试算');
  await fee.fill('0.00元');
  await fee.press('Tab');
  await page.locator('[data-testid=grid-row][data-name="特困人员试算"][data-passed="true"]').waitFor();
  // The editor shows the block appended.
  await page.getByTestId('policy-tab-editor').click();
  await page.locator('[data-testid=policy-editor] .cm-content').waitFor();
}

/** The 告知单 of the first person of the 开江 sample roster, from the explanation panel. */
async function slipOfAPerson(page: Page, shots: string | null): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('report-unit').fill('普安镇便民服务中心');
  await page.getByTestId('report-unit').blur();
  await page.getByTestId('report-preparer').fill('李四');
  await page.getByTestId('report-preparer').blur();
  await page.getByTestId('nav-rosters').click();
  await page.locator('[data-testid=roster-sample-button][data-sample="kaijiang-2020-sample.csv"]').click();
  await page.getByTestId('import-commit').click();
  await page.getByTestId('summary-table').waitFor({ timeout: 60000 });
  await page.getByTestId('nav-results').click();
  const row = page.getByTestId('results-row').first();
  await row.waitFor();
  const name = (await row.locator('.cell').nth(1).textContent())!.trim();
  const fee = (await row.locator('.cell').nth(8).textContent())!.trim();
  await row.click();
  await page.getByTestId('explain-step').first().waitFor();
  await page.getByTestId('slip-open').click();
  const slip = page.getByTestId('slip');
  await slip.waitFor();
  // The heading comes with the policy's header from the worker a moment later.
  await page
    .locator('[data-testid=slip-title]', { hasText: /^开江县2020年度城乡居民基本医疗保险缴费告知单$/ })
    .waitFor();
  expect(await page.getByTestId('slip-unit').textContent()).toBe('普安镇便民服务中心');
  expect(await page.getByTestId('slip-preparer').textContent()).toBe('李四');
  const text = (await slip.textContent())!;
  expect(text).toContain(name);
  expect(await page.getByTestId('slip-results').textContent()).toContain(`个人缴费${fee} 元`);
  // The clause sentences are the notice's own words, and the clerk's rule-by-rule detail is left off.
  const quotes = await slip.locator('blockquote').allTextContents();
  expect(quotes.length).toBeGreaterThan(0);
  for (const q of quotes) expect(notice.replace(/\s+/g, '')).toContain(q.replace(/\s+/g, ''));
  expect(text).not.toContain('条规则');
  // Half-A4 chosen: the sheet is A5; printed, only the slip shows (the screens and the drawer are left off).
  await page.getByTestId('slip-size-a5').check();
  await page.locator('[data-testid=slip][data-size="a5"]').waitFor();
  if (shots) await page.screenshot({ path: `${SHOTS}/${shots}.png`, fullPage: false });
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('main.page').isVisible()).toBe(false);
  expect(await slip.isVisible()).toBe(true);
  expect(await page.getByTestId('slip-print').isVisible()).toBe(false);
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('slip-close').click();
  await slip.waitFor({ state: 'detached' });
}

const haveBrowser = existsSync(CHROMIUM);

describe.skipIf(!haveBrowser)('试算 and 告知单 in headless Chromium', () => {
  let server: ChildProcess;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveDist(PORT);
  }, 30000);
  afterAll(() => {
    server?.kill();
  });

  it('served build: try a person, save as example, print a slip; the same screens in English', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await tryAPerson(page, 'try-person');
    await slipOfAPerson(page, 'slip');
    // English: the same screens, labels in English.
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('nav-policies').click();
    await page.getByTestId('policy-tab-try').click();
    expect(await page.getByTestId('try-person').locator('h3').textContent()).toBe('Try a person');
    await page.screenshot({ path: `${SHOTS}/try-person-en.png`, fullPage: true });
    await page.getByTestId('nav-results').click();
    await page.getByTestId('results-row').first().click();
    await page.getByTestId('explain-step').first().waitFor();
    await page.getByTestId('slip-open').click();
    expect(await page.getByTestId('slip-results').textContent()).toContain('Personal fee');
    await page.screenshot({ path: `${SHOTS}/slip-en.png`, fullPage: false });
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180000);

  it('single HTML file over file://: the same', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    await page.goto(`file://${resolve('dist/yibao-rules.html')}`);
    await tryAPerson(page, null);
    await slipOfAPerson(page, null);
    await ctx.close();
  }, 180000);
});
