// End to end in headless Chromium: the 开江 notice beside its policy, cited passages jump to the citing line; writes
// the README's notice screenshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'test-output/screenshots'; // copied by hand to docs/screenshots for the README
// The notices sit beside the repository (../shared); YIBAO_NOTICES names the folder from a checkout elsewhere.
const notice = readFileSync(join(process.env.YIBAO_NOTICES ?? '../shared/notices', 'kaijiang-2020.txt'), 'utf8');

describe.skipIf(!existsSync(CHROMIUM))('the notice beside the rules in headless Chromium', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    if (!existsSync('dist/yibao-rules.html')) throw new Error('run npm run build first');
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'yibao-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
  });
  afterAll(() => context?.close());

  it('paste the 开江 notice: 15 clauses cited, unrecorded text dimmed, a click jumps to the citing line', async () => {
    const page = await context.newPage();
    await page.goto(`file://${resolve('dist/yibao-rules.html')}`);
    await page.getByTestId('nav-policies').click();
    await page.locator('[data-testid=policy-item][data-path="kaijiang-2020.policy"]').click();
    await page.locator('[data-testid=example][data-passed="true"]').first().waitFor();
    await page.getByTestId('notice-toggle').click();
    await page.getByTestId('notice-paste').fill(notice);
    await page.getByTestId('notice-show').click();
    const counts = page.getByTestId('notice-counts');
    await expect.poll(() => counts.textContent()).toContain('已引用 15');
    expect(await counts.textContent()).toContain('已记录未引用 0');
    expect(await page.getByTestId('notice-missing').count()).toBe(0);
    expect(await page.getByTestId('notice-clause-id').count()).toBe(15);
    // 四、参保办理 is not encoded: shown dimmed, no link
    const unrecorded = page.locator('[data-testid=notice-text] .seg.unrecorded', { hasText: '线上缴费形式' });
    expect(await unrecorded.count()).toBe(1);
    // 二(三) is cited first by 参数 个人缴费标准 at line 70 of the policy
    await page.locator('[data-testid=notice-text] .seg.cited[data-clauses="二(三)"]').click();
    await expect.poll(() => page.locator('.cm-activeLine').textContent()).toContain('参数 个人缴费标准');
    await page.screenshot({ path: `${SHOTS}/notice.png`, fullPage: true });
    // the text is rendered as text: markup in the notice is shown, not run
    await page.getByTestId('notice-clear').click();
    await page
      .getByTestId('notice-paste')
      .fill('<b id="x">粗体</b>其他正常参保人员(含未成年人、新生儿)个人缴费标准为每人 250 元。');
    await page.getByTestId('notice-show').click();
    await expect.poll(() => page.getByTestId('notice-text').textContent()).toContain('<b id="x">');
    expect(await page.locator('#x').count()).toBe(0);
    // or import the notice as a file (.txt / .md); kept per policy for the session: 高台 has none yet
    await page.getByTestId('notice-clear').click();
    await page.getByTestId('notice-import').setInputFiles({
      name: '开江通知.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(`\uFEFF${notice.replace(/\n/g, '\r\n')}`, 'utf8'),
    });
    await expect.poll(() => counts.textContent()).toContain('已引用 15');
    await page.locator('[data-testid=policy-item][data-path="gaotai-2021.policy"]').click();
    await page.getByTestId('notice-paste').waitFor();
    await page.locator('[data-testid=policy-item][data-path="kaijiang-2020.policy"]').click();
    await expect.poll(() => counts.textContent()).toContain('已引用 15');
    await page.close();
  });
});
