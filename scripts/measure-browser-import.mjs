import { chromium } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { analyse } from './trace-tasks.mjs';
// Usage: [SWITCH=1] [TRACE=out.json] [DETAIL=1] [HTML=another build's yibao-rules.html] node scripts/measure-browser-import.mjs ROSTER.csv
// (after npm run build; Debian chromium at /usr/bin/chromium). Over file://, in dist/yibao-rules.html:
//   start     the page loads; 政策 is clicked 100 ms after load and its editor shows; back to 花名册
//   choose    the file is chosen → its mapping shows
//   import    导入 is clicked → the summary shows (and 1 s after, for the tasks that draw the rest)
//   switch    (SWITCH=1) the same file imported again while the clerk switches screens every 250 ms
//   results   结果 opened → first rows; then the table scrolled in 20 steps and to its last row
//   reopen    (not traced) the page reloaded, the stored roster opened → its summary, then its results
// Prints, per phase, its time, the longest main-thread task (longtask observer and trace) and what the long tasks
// were made of (Layout / RecalculateStyle / Paint / Script / GC / Deserialize, the layouts' object counts), the heap.
const file = process.argv[2] ?? '/tmp/k513.csv';
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/p-'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
const cdp = await ctx.newCDPSession(page);
await cdp.send('Tracing.start', {
  transferMode: 'ReturnAsStream',
  traceConfig: {
    includedCategories: [
      'toplevel',
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'blink.user_timing',
      'v8.execute',
    ],
  },
});
// Every phase: a mark in the trace and a reset of the page's longest-task counter.
await page.addInitScript(() => {
  window.__longest = {};
  window.__phase = 'start';
  console.timeStamp('phase:start');
  new PerformanceObserver((l) => {
    for (const e of l.getEntries())
      window.__longest[window.__phase] = Math.max(window.__longest[window.__phase] ?? 0, e.duration);
  }).observe({ type: 'longtask', buffered: true });
});
const phase = (name) =>
  page.evaluate((n) => {
    window.__phase = n;
    console.timeStamp(`phase:${n}`);
  }, name);
const seconds = {};
let t = Date.now();
await page.goto(
  process.env.HTML
    ? new URL(`file://${process.env.HTML}`).href
    : new URL('../dist/yibao-rules.html', import.meta.url).href,
);
await page.waitForLoadState('load');
await page.waitForTimeout(100);
await page.getByTestId('nav-policies').click();
await page.locator('[data-testid=policy-editor] .cm-content').waitFor({ timeout: 120000 });
seconds.startToEditor = (Date.now() - t) / 1000;
await page.waitForTimeout(1000);
await page.getByTestId('nav-rosters').click();
await page.waitForTimeout(500);

await phase('choose');
t = Date.now();
await page.getByTestId('roster-file-input').setInputFiles(file);
await page.getByTestId('mapping-table').waitFor({ timeout: 300000 });
seconds.chosenToMapping = (Date.now() - t) / 1000;
await phase('import');
t = Date.now();
await page.getByTestId('import-commit').click();
await page.getByTestId('summary-table').waitFor({ timeout: 600000 });
seconds.mappingToSummary = (Date.now() - t) / 1000;
seconds.chosenToSummary = +(seconds.chosenToMapping + seconds.mappingToSummary).toFixed(3);
await page.waitForTimeout(1000);
const heapMiB = (await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) / 1048576;

if (process.env.SWITCH) {
  await page.getByTestId('nav-rosters').click();
  await phase('switch');
  t = Date.now();
  await page.getByTestId('roster-file-input').setInputFiles(file);
  await page.getByTestId('mapping-table').waitFor({ timeout: 300000 });
  await page.getByTestId('import-commit').click();
  const views = ['policies', 'summary', 'results', 'export', 'settings', 'rosters'];
  // The summary of the new roster: the import switches to it; until then keep switching.
  for (let i = 0; ; i++) {
    if (await page.locator('[data-testid=import-progress]').count()) {
      await page.getByTestId(`nav-${views[i % views.length]}`).click();
      await page.waitForTimeout(250);
      continue;
    }
    await page.getByTestId('nav-rosters').click();
    if (!(await page.locator('[data-testid=import-progress]').count())) break;
  }
  await page.getByTestId('nav-summary').click();
  await page.getByTestId('summary-table').waitFor({ timeout: 600000 });
  seconds.switchImport = (Date.now() - t) / 1000;
  await page.waitForTimeout(500);
}

await phase('results');
t = Date.now();
await page.getByTestId('nav-results').click();
await page.getByTestId('results-row').first().waitFor({ timeout: 120000 });
seconds.resultsFirstRows = (Date.now() - t) / 1000;
await page.waitForTimeout(300);
await phase('scroll');
t = Date.now();
const table = page.getByTestId('results-table');
for (let i = 1; i <= 20; i++) {
  await table.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), i / 40);
  await page.waitForTimeout(50);
}
await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
// The last row (its top + its height reaches the bottom of the table body) is rendered.
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
seconds.scrollToEnd = (Date.now() - t) / 1000;
const rowsInDom = await page.getByTestId('results-row').count();
await page.waitForTimeout(300);
await phase('end');
const observed = await page.evaluate(() => window.__longest);

const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.end');
const { stream } = await done;
let text = '';
for (;;) {
  const r = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
  text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
  if (r.eof) break;
}
await cdp.send('IO.close', { handle: stream });
if (process.env.TRACE) writeFileSync(process.env.TRACE, text);
// Reopened (not traced): the stored county's summary, then its results, after a reload.
t = Date.now();
await page.reload();
await page.getByTestId('nav-rosters').click();
await page.getByTestId('roster-item').first().getByText('打开', { exact: true }).click();
await page.getByTestId('summary-table').waitFor({ timeout: 120000 });
seconds.reopenSummary = (Date.now() - t) / 1000;
t = Date.now();
await page.getByTestId('nav-results').click();
await page.getByTestId('results-row').first().waitFor({ timeout: 120000 });
seconds.resultsAfterReopen = (Date.now() - t) / 1000;
const events = JSON.parse(text).traceEvents;
const phases = analyse(events);
delete phases.end;
const longest = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v.longestMs]));
console.log(
  JSON.stringify(
    {
      file,
      seconds,
      targetRatio: +(seconds.chosenToSummary / 3).toFixed(2),
      longestTaskMs: { observed, trace: longest },
      // The page thread's own work per phase (all its tasks): the rest of a phase's time is the worker's.
      mainThreadBusyMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v.busyMs])),
      tasksOver100ms: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v.over100])),
      mainHeapMiB: +heapMiB.toFixed(1),
      resultsRowsInDom: rowsInDom,
    },
    null,
    1,
  ),
);
if (process.env.DETAIL)
  for (const [k, v] of Object.entries(phases)) {
    const top = v.tasks.sort((a, b) => b.ms - a.ms).slice(0, 5);
    if (top.length) console.log(k, JSON.stringify(top, null, 1));
  }
await ctx.close();
