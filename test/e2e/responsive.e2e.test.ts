// End to end in headless Chromium: the Results screen's explanation follows the filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser as launch, serveDist } from './harness.js';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const PORT = 4191;

describe('a responsive page (Chromium)', () => {
  let server: ChildProcess;
  beforeAll(async () => {
    server = await serveDist(PORT);
  }, 30000);
  afterAll(() => {
    server?.kill();
  });

  it('a filter that leaves out the explained person: the panel says so; clearing the filter brings them back', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('nav-rosters').click();
    await page.locator('[data-testid=roster-sample-button][data-sample="kaijiang-2020-sample.csv"]').click();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('summary-table').waitFor({ timeout: 60000 });
    await page.getByTestId('nav-results').click();
    const first = page.getByTestId('results-row').first();
    await first.waitFor();
    const row = await first.getAttribute('data-row');
    const township = (await first.locator('.cell').nth(3).textContent())!.trim();
    await first.click();
    await page.getByTestId('explain-step').first().waitFor();
    expect(await page.getByTestId('explain-gone').count()).toBe(0);
    // Another township: the person explained is not in the list any more, and the panel says so.
    const towns = await page
      .getByTestId('filter-township')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    const other = towns.find((t) => t !== township)!;
    expect(other).toBeTruthy();
    await page.getByTestId('filter-township').selectOption(other);
    await page.getByTestId('explain-gone').waitFor({ timeout: 30000 });
    expect(await page.locator(`[data-testid=results-row][data-row="${row}"]`).count()).toBe(0);
    expect(await page.getByTestId('explain-panel').textContent()).toContain(`第${row}行`);
    // Their own township: in the list again, the note goes.
    await page.getByTestId('filter-township').selectOption(township);
    await page.locator(`[data-testid=results-row][data-row="${row}"]`).waitFor({ timeout: 30000 });
    await page.getByTestId('explain-gone').waitFor({ state: 'detached', timeout: 30000 });
    // The note's own button closes the explanation.
    await page.getByTestId('filter-township').selectOption(other);
    await page.getByTestId('explain-gone').locator('button').click();
    expect(await page.getByTestId('explain-panel').count()).toBe(0);
    // The filter bar stays in view (sticky under the top bar).
    expect(await page.locator('.filters').evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180000);

  it('a large file chosen: a reading bar shows at once and stays until the mapping shows', async () => {
    const ctx = await launch();
    const page = await ctx.newPage();
    // The 开江 sample's rows 150 times over (60,000 rows): long enough to read that the bar is there to see.
    const [header, ...rows] = readFileSync('public/samples/kaijiang-2020-sample.csv', 'utf8').trimEnd().split('\n');
    const big = [header, ...Array.from({ length: 150 }, () => rows).flat()].join('\n');
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('nav-rosters').click();
    await page.locator('.panel.source select').selectOption('kaijiang-2020.policy');
    await page
      .getByTestId('roster-file-input')
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big, 'utf8') });
    const bar = page.locator('[data-testid=import-progress][data-reading=true]');
    await bar.waitFor({ timeout: 30000 });
    expect(await page.getByTestId('import-commit').count()).toBe(0); // no mapping yet while reading
    await page.getByTestId('import-commit').waitFor({ timeout: 120000 });
    expect(await bar.count()).toBe(0);
    expect(await page.getByTestId('mapping-table').count()).toBe(1);
    await ctx.close();
  }, 180000);
});
