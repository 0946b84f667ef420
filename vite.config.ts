// Two builds: `dist/` (served) and, with --mode single, one self-contained HTML file that works from file://; and,
// with --mode cli, the command line as one Node module (`npm run policy:build`).
/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';

/** The sample rosters as base64 in the bundle (GBK bytes cannot go through ?raw; no fetch on file://). */
function bundledSamples(): Plugin {
  const id = '\0virtual:samples';
  return {
    name: 'bundled-samples',
    resolveId: (source) => (source === 'virtual:samples' ? id : null),
    load(source) {
      if (source !== id) return null;
      const files = readdirSync('public/samples').filter((f) => f.endsWith('.csv'));
      return `export default ${JSON.stringify(Object.fromEntries(files.map((f) => [f, readFileSync(`public/samples/${f}`).toString('base64')])))};`;
    },
  };
}

/** `dist-cli/policy.mjs`: `npm run policy` without tsx's start-up and memory (`node dist-cli/policy.mjs eval …`). */
const cli: UserConfig = {
  publicDir: false,
  ssr: { noExternal: true },
  build: {
    ssr: 'src/cli/main.ts',
    target: 'node20',
    outDir: 'dist-cli',
    emptyOutDir: true,
    rolldownOptions: { output: { entryFileNames: 'policy.mjs' } },
  },
};

export default defineConfig(({ mode }) =>
  mode === 'cli'
    ? cli
    : {
        base: './',
        plugins: [svelte(), bundledSamples(), ...(mode === 'single' ? [viteSingleFile()] : [])],
        // Tests never race the clock: a loaded 2-core CI machine runs them 2–3× slower (timings belong in bench/).
        test: { testTimeout: 120_000, hookTimeout: 120_000 },
        // Classic workers load from blob: URLs on file:// too (module workers do not, in Chromium).
        worker: { format: 'iife' },
        build: {
          target: 'chrome87',
          outDir: mode === 'single' ? 'dist/single' : 'dist',
          emptyOutDir: mode !== 'single',
          assetsInlineLimit: mode === 'single' ? 100_000_000 : 4096,
          // The single file's CSP admits its inline script by hash, written after this build (scripts/build-single.mjs).
          rolldownOptions: {
            onLog(level, log, handle) {
              if (!(
                mode === 'single' &&
                log.plugin === 'vite:singlefile' &&
                /Content-Security-Policy/.test(log.message)
              ))
                handle(level, log);
            },
          },
        },
      },
);
