// The build's CSP function: inline scripts admitted by sha256 (the CSP spec's example hash), 'unsafe-inline' removed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { inlineScriptHashes, withScriptHashes } from '../../scripts/csp.mjs';

const page = (csp: string, body: string) =>
  `<html><head><meta http-equiv="Content-Security-Policy" content="${csp}" /></head><body>${body}</body></html>`;
// CSP Level 3, §8.3 (hash example): this script's source is 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='.
const SPEC_SCRIPT = "alert('Hello, world.');";
const SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='";

describe('build CSP', () => {
  it('admits the inline script by its hash and drops unsafe-inline from script-src only', () => {
    const html = page(
      "default-src 'none'; script-src 'self' 'unsafe-inline' blob:; style-src 'self' 'unsafe-inline'",
      `<script type="module" crossorigin>${SPEC_SCRIPT}</script><script src="./a.js"></script>`,
    );
    const out = withScriptHashes(html);
    expect(out).toContain(`script-src 'self' blob: ${SPEC_HASH};`);
    expect(out).toContain("style-src 'self' 'unsafe-inline'");
    expect(out).toContain(`<script type="module" crossorigin>${SPEC_SCRIPT}</script>`);
  });

  it('hashes the text as the HTML parser sees it (CR LF as LF) and ends a script where the parser does', () => {
    expect(inlineScriptHashes(`<script>a\r\nb</script >`)).toEqual(inlineScriptHashes('<script>a\nb</script>'));
    expect(inlineScriptHashes(`<SCRIPT>${SPEC_SCRIPT}</SCRIPT>`)).toEqual([SPEC_HASH]);
    expect(inlineScriptHashes('<script src="x.js"></script>')).toEqual([]);
  });

  it('refuses a page without exactly one CSP or without script-src', () => {
    expect(() => withScriptHashes('<script>1</script>')).toThrow(/one Content-Security-Policy/);
    expect(() => withScriptHashes(page("default-src 'none'", '<script>1</script>'))).toThrow(/script-src/);
  });

  it('the source page allows no inline script', () => {
    const csp = /content="([^"]*)"/.exec(readFileSync('index.html', 'utf8').split('Content-Security-Policy')[1]!)![1]!;
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  });
});
