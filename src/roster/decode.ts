// Bytes → text for CSV rosters: UTF-8 (with or without BOM), UTF-16 (with BOM, or recognised without), else GB18030 (a superset of GBK).
import type { Diagnostic } from '../lang/diagnostic.js';
import { utf16WithoutBom } from './sniff.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Bytes looked at to tell UTF-8 with a few bad bytes from GBK. */
export const UTF8_SAMPLE = 1024 * 1024;

/**
 * Decodes a CSV file. `diagnostics` holds a `doubtful-encoding` warning when the choice is a guess (UTF-16 without
 * BOM) or some bytes are not valid in the encoding chosen (then shown as �), naming the line of the first.
 */
export function decodeText(
  bytes: Uint8Array,
  fileName = '',
): { text: string; encoding: Encoding; diagnostics: Diagnostic[] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return decoded(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le', fileName);
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return decoded(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be', fileName);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const utf16 = bom ? null : utf16WithoutBom(bytes);
  if (utf16) {
    const r = decoded(new TextDecoder(utf16).decode(bytes), utf16, fileName);
    const zh = `此文件没有字节顺序标记，按内容判断为 ${utf16.toUpperCase()} 编码读取：请核对姓名等中文是否显示正确`;
    const en = `This file has no byte order mark; it was read as ${utf16.toUpperCase()} judging by its content: check that names and other text look right`;
    return { ...r, diagnostics: [doubt(zh, en, fileName), ...r.diagnostics] };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', diagnostics: [] };
  } catch {
    // A BOM, or mostly valid UTF-8: a UTF-8 file with a few damaged bytes, not GBK.
    if (bom || mostlyUtf8(body)) return decoded(new TextDecoder('utf-8').decode(body), 'utf-8', fileName);
    return decoded(new TextDecoder('gb18030').decode(bytes), 'gb18030', fileName);
  }
}

/** The text with a warning when it holds replacement characters (bytes the encoding has no character for). */
function decoded(
  text: string,
  encoding: Encoding,
  fileName: string,
): { text: string; encoding: Encoding; diagnostics: Diagnostic[] } {
  const at = text.indexOf('\ufffd');
  if (at < 0) return { text, encoding, diagnostics: [] };
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return { text, encoding, diagnostics: [replacementWarning(encoding, fileName, line)] };
}

/** The warning for text decoded as `encoding` whose first replacement character (�) is on `line`. */
export function replacementWarning(encoding: Encoding, fileName: string, line: number): Diagnostic {
  const name = encoding.toUpperCase();
  const zh = `此文件按 ${name} 编码读取，但有字节无法识别（第一处在文件第 ${line} 行，显示为 �）：文件可能已损坏或编码不对，请核对该行`;
  const en = `This file was read as ${name}, but some bytes are not valid in it (the first on line ${line} of the file, shown as �): the file may be damaged or in another encoding; check that line`;
  return doubt(zh, en, fileName, line);
}

/** A warning located at `line` of the file (offsets are not known after decoding: 0). */
function doubt(zh: string, en: string, fileName: string, line = 1): Diagnostic {
  const at = { offset: 0, line, column: 1 };
  return {
    code: 'doubtful-encoding',
    severity: 'warning',
    message: { zh, en },
    span: { file: fileName, start: at, end: at },
  };
}

/** Whether the sample's non-ASCII bytes form valid UTF-8 sequences far more often than not (GBK text does not). */
export function mostlyUtf8(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, UTF8_SAMPLE);
  let valid = 0,
    bad = 0;
  for (let i = 0; i < n;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let k = 1;
    while (k < length && i + k < n && (bytes[i + k]! & 0xc0) === 0x80) k++;
    if (length > 0 && k === length) {
      valid++;
      i += length;
    } else {
      bad++;
      i++;
    }
  }
  return valid > 0 && valid >= 8 * bad;
}
