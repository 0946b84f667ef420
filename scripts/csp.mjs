// The built pages' Content-Security-Policy: inline scripts are admitted by their sha256, never by 'unsafe-inline'.
import { createHash } from 'node:crypto';

/** An inline script element and its text, up to the end tag as the HTML parser ends it. */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script[\t\n\f\r />]/gi;
const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/gi;

/** The text the browser hashes: the HTML parser turns CR LF and CR into LF, and NUL into U+FFFD. */
const parsedText = (/** @type {string} */ s) => s.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');

/**
 * The CSP source of each inline script (a script without `src`), `'sha256-…'`, in document order.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  const out = [];
  for (const [, attrs, body] of html.matchAll(SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attrs}`)) continue;
    out.push(`'sha256-${createHash('sha256').update(parsedText(body), 'utf8').digest('base64')}'`);
  }
  return out;
}

/**
 * The page with its one CSP meta's `script-src` admitting exactly its inline scripts by hash ('unsafe-inline' removed).
 * Throws when the page has no CSP meta, more than one, or none with a script-src.
 * @param {string} html
 * @returns {string}
 */
export function withScriptHashes(html) {
  const metas = [...html.matchAll(CSP_META)];
  if (metas.length !== 1) throw new Error(`expected one Content-Security-Policy meta, found ${metas.length}`);
  const hashes = inlineScriptHashes(html);
  let found = false;
  const policy = metas[0][2]
    .split(';')
    .map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      if (name !== 'script-src') return d;
      found = true;
      const kept = sources.filter((s) => s !== "'unsafe-inline'" && !s.startsWith("'sha256-"));
      return ` ${[name, ...kept, ...new Set(hashes)].join(' ')}`;
    })
    .join(';');
  if (!found) throw new Error('the Content-Security-Policy has no script-src');
  return html.replace(CSP_META, (_m, open, _content, close) => `${open}${policy}${close}`);
}
