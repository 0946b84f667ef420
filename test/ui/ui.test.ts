import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { CATALOGS } from '../../src/ui/i18n.js';
import { visibleWindow } from '../../src/ui/virtual.js';

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(CATALOGS.en).sort()).toEqual(Object.keys(CATALOGS.zh).sort());
    for (const lang of ['zh', 'en'] as const) for (const [k, v] of Object.entries(CATALOGS[lang])) expect(v, `${lang}.${k}`).not.toBe('');
  });
  it('every key the components use exists', () => {
    const used = new Set<string>();
    for (const f of readdirSync('src/ui').filter((x) => x.endsWith('.svelte'))) {
      for (const m of readFileSync(`src/ui/${f}`, 'utf8').matchAll(/app\.t\('([A-Za-z_]+)'\)/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const k of used) expect(CATALOGS.zh, k).toHaveProperty(k);
  });
  it('renders roster content as text only', () => {
    for (const f of readdirSync('src/ui').filter((x) => x.endsWith('.svelte'))) expect(readFileSync(`src/ui/${f}`, 'utf8')).not.toContain('{@html');
  });
});

describe('virtual scroll window', () => {
  it('covers the viewport plus overscan, clamped to the data', () => {
    expect(visibleWindow(0, 600, 30, 513080)).toEqual({ start: 0, end: 30 });
    expect(visibleWindow(30 * 1000, 600, 30, 513080)).toEqual({ start: 990, end: 1030 });
    expect(visibleWindow(30 * 513070, 600, 30, 513080)).toEqual({ start: 513060, end: 513080 });
    expect(visibleWindow(0, 600, 30, 0)).toEqual({ start: 0, end: 0 });
  });
});
