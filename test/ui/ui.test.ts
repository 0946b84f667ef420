// The UI's catalogs and component rules: both languages complete, keys used exist, roster content never as HTML.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS, flagName, other, pick, translate } from '../../src/ui/i18n/index.js';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(f) ? [p] : [];
  });
}
const svelteFiles = files('src/ui', /\.svelte$/);

describe('i18n', () => {
  it('has exactly the Chinese keys in English, none empty', () => {
    expect(Object.keys(CATALOGS.en).sort()).toEqual(Object.keys(CATALOGS.zh).sort());
    for (const lang of ['zh', 'en'] as const) {
      for (const [k, v] of Object.entries(CATALOGS[lang])) expect(v, `${lang}.${k}`).not.toBe('');
    }
  });
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(translate('zh', 'explainFor', { row: 12 })).toBe('第12行');
    expect(translate('en', 'explainFor', { row: 12 })).toBe('Row 12');
    expect(translate('en', 'explainFor')).toBe('Row {row}');
  });
  it('placeholders match between the languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(CATALOGS.zh) as (keyof typeof CATALOGS.zh)[])
      expect(names(CATALOGS.en[k]), k).toEqual(names(CATALOGS.zh[k]));
  });
  it('shows a bilingual message in the current language with the other beside', () => {
    const m = { zh: '不认识的名称', en: 'Unknown name' };
    expect(pick('zh', m)).toBe('不认识的名称');
    expect(other('zh', m)).toBe('Unknown name');
    expect(other('en', { zh: 'x', en: 'x' })).toBe('');
  });
  it('names built-in flags in both languages and a policy flag by its own name', () => {
    expect(flagName('duplicate-id')).toEqual({ zh: '身份证号码重复', en: 'Duplicate ID number' });
    expect(flagName('非本县户籍特殊困难群体')).toEqual({ zh: '非本县户籍特殊困难群体', en: '非本县户籍特殊困难群体' });
  });
  it('has no key that nothing uses (keys built from a prefix count as used)', () => {
    const code = [...svelteFiles, ...files('src/ui', /\.ts$/).filter((f) => !f.includes('i18n'))]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = Object.keys(CATALOGS.zh).filter(
      (k) => !/^(how|phase)_/.test(k) && k !== 'langName' && !code.includes(`'${k}'`),
    );
    expect(unused).toEqual([]);
  });
  it('every key the components use exists', () => {
    const used = new Set<string>();
    for (const f of svelteFiles) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([A-Za-z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(80);
    for (const k of used) expect(CATALOGS.zh, k).toHaveProperty(k);
  });
});

describe('components', () => {
  it('never render text as HTML (roster content is personal data)', () => {
    expect(svelteFiles.length).toBeGreaterThan(15);
    for (const f of svelteFiles) expect(readFileSync(f, 'utf8'), f).not.toContain('{@html');
  });
  it('use system fonts only', () => {
    for (const f of [...svelteFiles, 'src/ui/app.css'])
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/@font-face|@import\s+url|fonts\.googleapis/);
  });
  it('keep each file small', () => {
    for (const f of [...svelteFiles, ...files('src/ui', /\.ts$/)])
      expect(readFileSync(f, 'utf8').split('\n').length, f).toBeLessThan(400);
  });
  it('carry every data-testid the end-to-end tests rely on', () => {
    const all = svelteFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all).toContain('data-testid={`nav-${view}`}');
    const ids = [
      'lang-toggle',
      'policy-item',
      'policy-editor',
      'policy-save',
      'policy-diagnostics',
      'diagnostic',
      'policy-examples',
      'example',
      'policy-new-year',
      'policy-import-input',
      'policy-export',
      'roster-file-input',
      'roster-dropzone',
      'roster-sample-button',
      'import-progress',
      'import-cancel',
      'mapping-table',
      'mapping-row',
      'import-problems',
      'import-commit',
      'roster-list',
      'roster-item',
      'roster-delete',
      'results-table',
      'results-row',
      'filter-township',
      'filter-village',
      'filter-category',
      'filter-flag',
      'filter-eligible',
      'search-input',
      'results-count',
      'explain-panel',
      'explain-step',
      'summary-table',
      'summary-row',
      'summary-chart',
      'flag-count-link',
      'export-xlsx',
      'export-csv',
      'export-summary',
      'export-print',
      'storage-estimate',
      'storage-warning',
      'clear-all',
      'damaged-record',
      'damaged-export',
      'damaged-delete',
    ];
    for (const id of ids) expect(all, id).toMatch(new RegExp(`data-testid="${id}"|'${id}'\\]`));
    for (const v of ['policies', 'rosters', 'results', 'summary', 'export', 'settings'])
      expect(readFileSync('src/ui/app.svelte.ts', 'utf8')).toContain(`'${v}'`);
  });
});
