import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
// Usage: node scripts/measure-browser-import.mjs ROSTER.csv  (after npm run build; Debian chromium at /usr/bin/chromium)
// Imports the roster into dist/yibao-rules.html over file:// and prints timings, the longest main-thread task and the heap;
// then reopens the page and scrolls the results table to its last row.
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/p-'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(new URL('../dist/yibao-rules.html', import.meta.url).href);
await page.waitForLoadState('load');
await page.waitForTimeout(500);
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask' });
});
await page.getByTestId('nav-rosters').click();
let t = Date.now();
await page.getByTestId('roster-file-input').setInputFiles(process.argv[2] ?? '/tmp/k513.csv');
await page.getByTestId('mapping-table').waitFor({ timeout: 120000 });
const inspect = (Date.now() - t) / 1000;
t = Date.now();
await page.getByTestId('import-commit').click();
await page.getByTestId('summary-table').waitFor({ timeout: 300000 });
const importS = (Date.now() - t) / 1000;
const longest = await page.evaluate(() => window.__longest);
const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
t = Date.now();
await page.reload();
await page.getByTestId('nav-rosters').click();
await page.getByTestId('roster-item').first().getByText('打开', { exact: true }).click();
await page.getByTestId('summary-table').waitFor({ timeout: 120000 });
const reopen = (Date.now() - t) / 1000;
await page.getByTestId('nav-results').click();
t = Date.now();
await page.getByTestId('results-row').first().waitFor({ timeout: 120000 });
const resultsReady = (Date.now() - t) / 1000;
// Scroll to the end: the last row (its top + its height reaches the bottom of the table body) is rendered.
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask' });
});
t = Date.now();
await page.getByTestId('results-table').evaluate((el) => {
  el.scrollTop = el.scrollHeight;
});
await page.waitForFunction(
  () => {
    const body = document.querySelector('[data-testid=results-table] .body');
    const rows = [...document.querySelectorAll('[data-testid=results-row]')];
    return (
      body && rows.length > 0 && Math.max(...rows.map((r) => r.offsetTop + r.offsetHeight)) >= body.offsetHeight - 1
    );
  },
  null,
  { timeout: 120000, polling: 16 },
);
const scrollToEnd = (Date.now() - t) / 1000;
const scrollLongest = await page.evaluate(() => window.__longest);
console.log(
  JSON.stringify({
    inspectSeconds: inspect,
    importSeconds: importS,
    longestTaskMs: longest,
    mainHeapMiB: heap / 1048576,
    reopenSummarySeconds: reopen,
    resultsAfterReopenSeconds: resultsReady,
    scrollToEndSeconds: scrollToEnd,
    scrollLongestTaskMs: scrollLongest,
  }),
);
await ctx.close();
