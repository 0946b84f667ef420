// Builds the single-file app and places it at dist/yibao-rules.html, its inline script admitted by hash in its CSP.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { inlineScriptHashes, withScriptHashes } from './csp.mjs';

// The served page loads its scripts from files: an inline script there would be refused by its CSP.
const served = inlineScriptHashes(readFileSync('dist/index.html', 'utf8')).length;
if (served) throw new Error(`dist/index.html has ${served} inline script(s), which its CSP refuses`);
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'single', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
writeFileSync('dist/yibao-rules.html', withScriptHashes(readFileSync('dist/single/index.html', 'utf8')));
rmSync('dist/single', { recursive: true, force: true });
