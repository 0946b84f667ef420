// Builds the single-file app and places it at dist/yibao-rules.html.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';

execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'single', '--logLevel', 'warn'], { stdio: 'inherit' });
renameSync('dist/single/index.html', 'dist/yibao-rules.html');
rmSync('dist/single', { recursive: true, force: true });
