// Just enough XML scanning for spreadsheet parts: elements, attributes and entities, found with indexOf rather
// than regular expressions (a county's sheet has millions of cells). Each function matches exactly what the
// regular expression in its comment would: XLSX files in the wild are not always well-formed, and a damaged
// file must read the same however it is scanned.

/**
 * Successive elements `<name …/>` or `<name …>…</name>` in `xml`, as
 * /<name\b([^>]*?)(?:\/>|>([\s\S]*?)<\/name>)/g would find them: after `next()`, the attributes are
 * xml[attrs, attrsEnd) and the content xml[body, bodyEnd) (empty for `<name …/>`).
 */
export class Elements {
  attrs = 0;
  attrsEnd = 0;
  body = 0;
  bodyEnd = 0;
  private at = 0;
  /** Once a closing tag is missing, it is missing after every later start too: only `<name …/>` can follow. */
  private closeMissing = false;
  private readonly open: string;
  private readonly close: string;

  constructor(
    private readonly xml: string,
    name: string,
  ) {
    this.open = `<${name}`;
    this.close = `</${name}>`;
  }

  /** Moves to the next element; false when there is none. */
  next(): boolean {
    const xml = this.xml;
    for (;;) {
      const start = xml.indexOf(this.open, this.at);
      if (start < 0) return false;
      const p = start + this.open.length;
      this.at = start + 1;
      if (isWordChar(xml.charCodeAt(p))) continue;
      const gt = xml.indexOf('>', p);
      if (gt < 0) return false;
      this.attrs = p;
      if (gt > p && xml.charCodeAt(gt - 1) === 47 /* / */) {
        this.attrsEnd = gt - 1;
        this.body = this.bodyEnd = gt;
        this.at = gt + 1;
        return true;
      }
      if (this.closeMissing) continue;
      const end = xml.indexOf(this.close, gt + 1);
      if (end < 0) {
        this.closeMissing = true;
        continue;
      }
      this.attrsEnd = gt;
      this.body = gt + 1;
      this.bodyEnd = end;
      this.at = end + this.close.length;
      return true;
    }
  }
}

/** `\b` in a regular expression: a word character is [A-Za-z0-9_] (NaN, past the end, is none). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The raw value of attribute `name` in a tag's text, as /\sname="([^"]*)"/ finds it; null when absent. */
export function attribute(tag: string, name: string): string | null {
  const key = `${name}="`;
  for (let k = tag.indexOf(key, 1); k >= 0; k = tag.indexOf(key, k + 1)) {
    if (tag.charCodeAt(k - 1) !== 32 && !/\s/.test(tag[k - 1]!)) continue;
    const end = tag.indexOf('"', k + key.length);
    return end >= 0 ? tag.slice(k + key.length, end) : null;
  }
  return null;
}

const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Replaces XML entities, named and numeric; one that is unknown or out of range stays as written. */
export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES.get(e) ?? all;
  });
}
