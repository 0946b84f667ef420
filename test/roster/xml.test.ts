// The XML scanning under the XLSX reader finds what the regular expressions it replaced would, on any text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attribute, Elements, unescapeXml } from '../../src/roster/xml.js';

const found = (xml: string, name: string) => {
  const out: [string, string][] = [];
  const e = new Elements(xml, name);
  while (e.next()) out.push([xml.slice(e.attrs, e.attrsEnd), xml.slice(e.body, e.bodyEnd)]);
  return out;
};
const byRegex = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${name}>)`, 'g'))].map(
    (m): [string, string] => [m[1]!, m[2] ?? ''],
  );

describe('xml scanning', () => {
  it('finds elements with and without content, skipping longer names', () => {
    expect(found('<c r="A1"/><cx>no</cx><c t="s"><v>1</v></c><c>', 'c')).toEqual([
      [' r="A1"', ''],
      [' t="s"', '<v>1</v>'],
    ]);
  });
  it('skips a start tag whose closing tag never comes, and still finds later empty elements', () => {
    expect(found('<row r="1"><c/><row r="2"/><row r="3">', 'row')).toEqual([[' r="2"', '']]);
  });
  it('reads attributes only after whitespace, up to the closing quote', () => {
    expect(attribute(' xr="1" r="A2"', 'r')).toBe('A2');
    expect(attribute('\tt="s"', 't')).toBe('s');
    expect(attribute(' r="A2', 'r')).toBeNull();
    expect(attribute('r="A2"', 'r')).toBeNull();
  });
  it('unescapes named and numeric entities, leaving unknown ones', () => {
    expect(unescapeXml('&lt;&amp;&#x4E2D;&#20013;&bogus;&#0;')).toBe('<&中中&bogus;&#0;');
  });
  it('leaves names of Object.prototype as written, not decoded through the prototype', () => {
    expect(unescapeXml('&constructor;&__proto__;&toString;&hasOwnProperty;')).toBe(
      '&constructor;&__proto__;&toString;&hasOwnProperty;',
    );
  });
  it('agrees with the regular expressions on any text', () => {
    const piece = fc.constantFrom(
      '<c',
      '<cx',
      '<row',
      ' r="A1"',
      ' t="s"',
      'r="',
      '\tt="b"',
      '>',
      '/>',
      '/',
      '</c>',
      '</row>',
      '<v>',
      '</v>',
      'x',
      '"',
      ' ',
      '\n',
      '',
    );
    const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (xml) => {
        for (const name of ['c', 'row']) expect(found(xml, name)).toEqual(byRegex(xml, name));
        for (const name of ['r', 't'])
          expect(attribute(xml, name)).toBe(new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1] ?? null);
      }),
      { numRuns: 3000 },
    );
  });
});
