// A CSV roster file's text block by block, decoded as decodeText (src/roster/decode.ts) decodes the whole file, so
// that the CLI never holds the file's bytes or its whole text. Where the streamed choice could differ from
// decodeText's — UTF-16 (with or without BOM), a file that is not text, a ZIP — the file is left to be read whole.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../lang/diagnostic.js';
import { mostlyUtf8, replacementWarning, UTF8_SAMPLE, type Encoding } from '../roster/decode.js';
import { sniffBinary, utf16WithoutBom } from '../roster/sniff.js';
import { isXlsx } from '../roster/index.js';

/** Bytes read and decoded at a time: small enough that the text stays out of V8's large-object space. */
const BLOCK = 32 * 1024;

/** Thrown by a strict UTF-8 source at the first byte that is not UTF-8: read again as decodeText would. */
export class NotUtf8 extends Error {}

export interface FileText {
  encoding: Encoding;
  /** The text, block by block; reading it through fills `diagnostics` (a replacement character's warning). */
  blocks: Iterator<string>;
  diagnostics: Diagnostic[];
}

/**
 * How to stream the file at `path`: `strict` is decodeText's first try (UTF-8, every byte valid; its blocks throw
 * NotUtf8 otherwise); `fallback` what decodeText chooses when that fails. Null: read the file whole.
 */
export function fileText(path: string, block = BLOCK): { strict: () => FileText; fallback: () => FileText } | null {
  const head = readHead(path, UTF8_SAMPLE + 3);
  if (sniffBinary(head, path) || isXlsx(head)) return null;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  // decodeText strips one BOM and the decoder another: a doubled BOM is left to it.
  if (bom && head[3] === 0xef && head[4] === 0xbb && head[5] === 0xbf) return null;
  if (!bom && utf16WithoutBom(head)) return null;
  const body = bom ? head.subarray(3) : head;
  const chosen: Encoding = bom || mostlyUtf8(body) ? 'utf-8' : 'gb18030';
  return {
    strict: () => ({ encoding: 'utf-8', blocks: decoded(path, block, 'utf-8', true, []), diagnostics: [] }),
    fallback: () => {
      const diagnostics: Diagnostic[] = [];
      return { encoding: chosen, blocks: decoded(path, block, chosen, false, diagnostics, true), diagnostics };
    },
  };
}

function readHead(path: string, n: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(n);
    let length = 0;
    for (let k; length < n && (k = readSync(fd, buffer, length, n - length, null)) > 0;) length += k;
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The file's text; with `warn`, a warning for its first replacement character, by line (as decodeText gives it). */
function* decoded(
  path: string,
  block: number,
  encoding: Encoding,
  fatal: boolean,
  diagnostics: Diagnostic[],
  warn = false,
) {
  const decoder = new TextDecoder(encoding, { fatal });
  const fd = openSync(path, 'r');
  let line = 1;
  let found = false;
  const seen = (text: string) => {
    if (!warn || found) return;
    const at = text.indexOf('\ufffd');
    const upTo = at < 0 ? text.length : at;
    for (let i = text.indexOf('\n'); i >= 0 && i < upTo; i = text.indexOf('\n', i + 1)) line++;
    if (at >= 0) {
      found = true;
      diagnostics.push(replacementWarning(encoding, path, line));
    }
  };
  try {
    const buffer = new Uint8Array(block);
    for (let k; (k = readSync(fd, buffer, 0, block, null)) > 0;) {
      let text: string;
      try {
        text = decoder.decode(buffer.subarray(0, k), { stream: true });
      } catch {
        throw new NotUtf8();
      }
      seen(text);
      yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new NotUtf8();
    }
    seen(rest);
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}
