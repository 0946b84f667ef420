// End to end in headless Chromium: what keeps every main-thread task short, checked by structure rather than by the
// clock (a loaded machine must not fail it): long lists drawn a slice per task, the editor built after its screen,
// the summary in two tasks, the results table holding only the rows in view, and off-screen parts left out of layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser as launch, serveDist } from './harness.js';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const PORT = 4201;

declare global {
  interface Window {
    /** What the page held after each batch of DOM changes (a MutationObserver callback: once per task at most). */
    __dom: {
      problems: number;
      policyItems: number;
      editor: boolean;
      resultsRows: number;
      summaryTable: boolean;
      summaryCollection: boolean;
    }[];
  }
}

describe('no long main-thread task, by construction (Chromium)', () => {
  let server: ChildProcess;
  beforeAll(async () => {
    server = await serveDist(PORT);
  }, 30000);
  afterAll(() => {
    server?.kill();
  });

  it('a 21,000-row file: problems drawn a slice per task, the editor after its screen, a bounded results table', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      window.__dom = [];
      new MutationObserver(() => {
        window.__dom.push({
          problems: document.querySelectorAll('[data-testid=import-problem]').length,
          policyItems: document.querySelectorAll('[data-testid=policy-item]').length,
          editor: document.querySelector('[data-testid=policy-editor] .cm-editor') !== null,
          resultsRows: document.querySelectorAll('[data-testid=results-row]').length,
          summaryTable: document.querySelector('[data-testid=summary-table]') !== null,
          summaryCollection: document.querySelector('[data-testid=summary-collection]') !== null,
        });
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`http://127.0.0.1:${PORT}/`);

    // 政策: the screen (its policy list) is drawn in one task and the editor in a later one.
    await page.getByTestId('nav-policies').click();
    await page.locator('[data-testid=policy-editor] .cm-content').waitFor({ timeout: 60000 });
    const policies = await page.evaluate(() => window.__dom);
    const listed = policies.find((d) => d.policyItems > 0);
    expect(listed?.editor).toBe(false);
    expect(policies.at(-1)?.editor).toBe(true);

    // The 高台 sample's 300 rows 70 times over: every ID repeats, so well over 500 problems (500 are listed).
    const [header, ...rows] = readFileSync('public/samples/gaotai-2021-sample.csv', 'utf8').trimEnd().split('\n');
    const big = [header, ...Array.from({ length: 70 }, () => rows).flat()].join('\n');
    await page.getByTestId('nav-rosters').click();
    await page.locator('.panel.source select').selectOption('gaotai-2021.policy');
    await page.evaluate(() => (window.__dom = []));
    await page
      .getByTestId('roster-file-input')
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big, 'utf8') });
    await page.getByTestId('mapping-table').waitFor({ timeout: 120000 });
    await page.locator('[data-testid=import-problem]').nth(499).waitFor({ state: 'attached', timeout: 60000 });
    const drawn = (await page.evaluate(() => window.__dom)).map((d) => d.problems).filter((n) => n > 0);
    // The first task draws 50 rows; the 500 come in slices, never all in one task.
    expect(drawn[0]).toBe(50);
    expect(drawn.at(-1)).toBe(500);
    expect(new Set(drawn).size).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < drawn.length; i++) expect(drawn[i]! - drawn[i - 1]!).toBeLessThanOrEqual(100);
    // Rows scrolled out of the problem box are skipped by layout and paint.
    expect(
      await page
        .locator('[data-testid=import-problem]')
        .first()
        .evaluate((e) => getComputedStyle(e).contentVisibility),
    ).toBe('auto');

    await page.evaluate(() => (window.__dom = []));
    await page.getByTestId('import-commit').click();
    await page.getByTestId('summary-table').waitFor({ timeout: 300000 });
    await page.getByTestId('summary-collection').waitFor({ timeout: 60000 });
    // The summary is drawn in two tasks: the township table first, the panels below it after.
    const summary = await page.evaluate(() => window.__dom);
    expect(summary.find((d) => d.summaryTable)?.summaryCollection).toBe(false);
    expect(summary.at(-1)?.summaryCollection).toBe(true);
    // The summary's lower panels are laid out only when scrolled near.
    expect(
      await page
        .getByTestId('summary-collection')
        .evaluate((e) => getComputedStyle(e.parentElement!).contentVisibility),
    ).toBe('auto');

    // 结果: however far it is scrolled, the table holds the rows in view and a margin, not the 21,000.
    await page.getByTestId('nav-results').click();
    await page.getByTestId('results-row').first().waitFor({ timeout: 60000 });
    await page.evaluate(() => (window.__dom = []));
    const table = page.getByTestId('results-table');
    for (const f of [0.1, 0.5, 0.9, 1]) {
      await table.evaluate((el, at) => (el.scrollTop = el.scrollHeight * at), f);
      await page.waitForFunction(
        (at) => {
          const rows = [...document.querySelectorAll<HTMLElement>('[data-testid=results-row]')];
          const el = document.querySelector<HTMLElement>('[data-testid=results-table]')!;
          return rows.some((r) => Math.abs(r.offsetTop - Math.min(el.scrollTop, el.scrollHeight * at)) < 900);
        },
        f,
        { timeout: 60000 },
      );
    }
    const most = Math.max(...(await page.evaluate(() => window.__dom)).map((d) => d.resultsRows));
    // 900 px of window holds about 30 rows of 28 px; 10 each side are drawn ahead.
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(80);
    expect(
      await page
        .getByTestId('results-row')
        .first()
        .evaluate((e) => getComputedStyle(e).contain),
    ).toBe('strict');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 300000);
});
