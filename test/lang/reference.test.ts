// The reference (grammar/LANGUAGE.md and grammar/reference/*.md) cannot drift from the language: every policy code
// block in it parses, and every relative link in it names a file that exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/lang/parse/index.js';

const pages = ['grammar/LANGUAGE.md', ...readdirSync('grammar/reference').map((f) => join('grammar/reference', f))];

describe.each(pages)('%s', (page) => {
  const text = readFileSync(page, 'utf8');

  it('every policy code block parses', () => {
    const blocks = [...text.matchAll(/```policy\n([\s\S]*?)```/g)].map((m) => m[1]!);
    for (const block of blocks) expect(parsePolicy(block, page).diagnostics, block).toEqual([]);
  });

  it('every relative link names an existing file', () => {
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    for (const link of links.filter((l) => !/^[a-z]+:/.test(l)))
      expect(existsSync(join(dirname(page), link)), link).toBe(true);
  });
});
