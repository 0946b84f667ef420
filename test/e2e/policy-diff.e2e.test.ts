// End to end in headless Chromium: 政策比较, a new year's file compared with its parent and with a saved version;
// the notes typed on saving shown in the version list and in the comparison, edited afterwards, kept on reopening.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDist } from './harness.js';
import { chromium } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const PORT = 4197;
const SHOTS = 'test-output/screenshots'; // copied by hand to docs/screenshots for the README

describe.skipIf(!existsSync(CHROMIUM))('政策比较 in headless Chromium', () => {
  let server: ChildProcess;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveDist(PORT);
  }, 30000);
  afterAll(() => {
    server?.kill();
  });

  it('2022 from 高台 2021: 与上级比较 lists the new fee; 与此版本比较 lists a parameter added since', async () => {
    const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'yibao-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('nav-policies').click();
    await page.locator('[data-testid=policy-item][data-path="gaotai-2021.policy"]').click();
    // The bundled 2021 file inherits nothing: no 与上级比较.
    await page.locator('[data-testid=example]').first().waitFor();
    expect(await page.getByTestId('policy-diff-parent').count()).toBe(0);
    await page.getByTestId('policy-new-year').click();
    const editor = page.locator('[data-testid=policy-editor] .cm-content');
    const type = async (text: string) => {
      await editor.click();
      await editor.press('Control+a');
      await page.keyboard.insertText(text);
    };
    const year2022 =
      '继承 "gaotai-2021.policy"\n政策 {\n  年度：2022\n}\n参数 个人缴费标准：金额 = 320元\n参数 上年度个人缴费标准：金额 = 280元\n';
    await type(year2022);
    const firstNote = '2022 年度：个人缴费 280 元改为 320 元';
    await page.getByTestId('policy-change-note').fill(firstNote);
    await page.getByTestId('policy-save').click();
    await page.locator('[data-testid=policy-note][data-note="saved"]').waitFor();
    // Saved: the note is the current version's, and the box is gone until the next edit.
    const versions = page.getByTestId('version');
    expect(await versions.first().getByTestId('version-note').textContent()).toBe(firstNote);
    expect(await page.getByTestId('policy-change-note').count()).toBe(0);
    // 高台 二: 280 元 in 2021; the new file says 320 元.
    await page.getByTestId('policy-diff-parent').click();
    const fee = page.locator('[data-testid=policy-diff-change][data-kind=parameter][data-name="个人缴费标准"]');
    await fee.waitFor({ timeout: 30000 });
    expect(await fee.locator('.before').textContent()).toBe('280元');
    expect(await fee.locator('.after').textContent()).toBe('320元');
    const year = page.locator('[data-testid=policy-diff-change][data-kind=header][data-name="年度"]');
    expect(await year.locator('.after').textContent()).toBe('2022');
    await page.getByTestId('policy-diff-close').click();
    await page.getByTestId('policy-diff').waitFor({ state: 'detached' });
    // Saved again with one more parameter: the first save is now a version to compare with.
    await type(`${year2022}参数 新增补助：金额 = 5元\n`);
    const secondNote = '新增补助 5 元（试行）';
    await page.getByTestId('policy-change-note').fill(secondNote);
    await page.getByTestId('policy-save').click();
    await page.locator('[data-testid=policy-note][data-note="saved"]').waitFor();
    // Newest first: the current text with the second note, then the first save with the first note, each with its time.
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.nth(0).getByTestId('version-note').textContent()).toBe(secondNote);
    expect(await versions.nth(1).getByTestId('version-note').textContent()).toBe(firstNote);
    expect(await versions.nth(1).locator('.v > span').first().textContent()).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
    await page.getByTestId('policy-diff-version').first().click();
    const added = page.locator('[data-testid=policy-diff-change][data-kind=parameter][data-name="新增补助"]');
    await added.waitFor({ timeout: 30000 });
    expect(await added.locator('.after').textContent()).toBe('5元');
    expect(await added.locator('.before').count()).toBe(0);
    expect(await page.getByTestId('policy-diff-change').count()).toBe(1);
    // The comparison names the version's note.
    expect(await page.getByTestId('policy-diff-note').textContent()).toContain(firstNote);
    await page.screenshot({ path: `${SHOTS}/policy-diff.png`, fullPage: true });
    // A note edited afterwards on the earlier version, kept when the app is opened again.
    await versions.nth(1).getByTestId('version-note-edit').click();
    // Markup in a note is shown as text, never run.
    const edited = '<b id="markup">2022 年度</b>：个人缴费标准 320 元（高台 二）';
    await versions.nth(1).getByTestId('version-note-input').fill(edited);
    await versions.nth(1).getByTestId('version-note-save').click();
    await expect.poll(() => versions.nth(1).getByTestId('version-note').textContent()).toBe(edited);
    expect(await page.locator('#markup').count()).toBe(0);
    await page.reload();
    await page.getByTestId('nav-policies').click();
    await page.locator('[data-testid=policy-item][data-path="gaotai-2022.policy"]').click();
    await expect.poll(() => versions.nth(1).getByTestId('version-note').textContent()).toBe(edited);
    expect(await versions.nth(0).getByTestId('version-note').textContent()).toBe(secondNote);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180000);
});
