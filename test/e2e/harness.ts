// What every e2e file needs: the built app served by `vite preview` on its own port, ready before the tests start.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

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
