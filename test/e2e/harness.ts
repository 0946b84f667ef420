// What every e2e file needs: the built app served by `vite preview` on its own port, ready before the tests start,
// and a browser to open it in.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Serves dist/ on 127.0.0.1:`port` and resolves once it answers (or after 10 s of trying). */
export async function serveDist(port: number): Promise<ChildProcess> {
  if (!existsSync('dist/yibao-rules.html')) throw new Error('run npm run build first');
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port)],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return server;
}

export const CHROMIUM = '/usr/bin/chromium';

/** Headless Debian Chromium with a fresh profile (so a fresh IndexedDB), a desktop window and downloads allowed. */
export function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'yibao-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
}
