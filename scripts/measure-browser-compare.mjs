import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
// Usage: [THROTTLE=4] node scripts/measure-browser-compare.mjs ROSTER.csv  (after npm run build; Debian chromium at /usr/bin/chromium)
// Imports a 开江 roster into dist/yibao-rules.html over file://, writes a file raising the fee to 280 元,
// then times 汇总 → 对比: the whole roster computed again in the worker and compared. Prints the time, the longest
// main-thread task during it, and the headline.
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/p-'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(new URL('../dist/yibao-rules.html', import.meta.url).href);
await page.getByTestId('nav-rosters').click();
await page.locator('.panel.source select').selectOption('kaijiang-2020.policy');
await page.getByTestId('roster-file-input').setInputFiles(process.argv[2] ?? '/tmp/k513.csv');
await page.getByTestId('import-commit').click({ timeout: 300000 });
await page.getByTestId('summary-table').waitFor({ timeout: 300000 });
await page.getByTestId('nav-policies').click();
await page.locator('[data-testid=policy-item][data-path="kaijiang-2020.policy"]').click();
await page.getByTestId('policy-new-year').click();
const editor = page.locator('[data-testid=policy-editor] .cm-content');
await editor.click();
await editor.press('Control+a');
// The same year's rules with the fee raised (开江's rules name 2020 dates, so the year stays).
await page.keyboard.insertText('继承 "kaijiang-2020.policy"\n参数 个人缴费标准：金额 = 280元\n');
await page.getByTestId('policy-save').click();
// 开江's rules name 2020 dates, which the checker flags for a 2021 file: saving then asks first.
const saved = page.locator(
  '[data-testid=policy-note][data-note="saved"], [data-testid=policy-note][data-note="savedWithProblems"]',
);
await Promise.race([
  saved.waitFor({ timeout: 60000 }),
  page.getByTestId('policy-save-confirm').waitFor({ timeout: 60000 }),
]);
if (await page.getByTestId('policy-save-confirm').count()) await page.getByTestId('policy-save-anyway').click();
await saved.waitFor({ timeout: 60000 });
await page.getByTestId('nav-summary').click();
await page.getByTestId('compare-policy').selectOption('kaijiang-2021.policy');
// THROTTLE=4: the page's CPU slowed four times (a slower computer), to see which tasks would grow long.
if (process.env.THROTTLE) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.THROTTLE) });
}
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask' });
});
const t = Date.now();
await page.getByTestId('compare-run').click();
const failed = page.locator('[data-testid=compare-panel] .notice.error');
await Promise.race([
  page.getByTestId('compare-headline').waitFor({ timeout: 900000 }),
  failed.waitFor({ timeout: 900000 }),
]);
if (await failed.count()) throw new Error(`compare failed: ${await failed.textContent()}`);
const compareSeconds = (Date.now() - t) / 1000;
// The table and the chart are drawn in the tasks after the headline: they count too.
await page.getByTestId('compare-chart').waitFor({ timeout: 60000 });
await page.waitForTimeout(300);
const longest = await page.evaluate(() => window.__longest);
const headline = await page.getByTestId('compare-headline').textContent();
console.log(JSON.stringify({ compareSeconds, longestTaskMs: longest, headline: headline.trim() }));
await ctx.close();
