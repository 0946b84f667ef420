// What a file's bytes are before they are read as a roster: known non-spreadsheet formats, binary content, UTF-16 without BOM.
import type { Diagnostic } from '../lang/diagnostic.js';

/** Known file signatures and what the clerk is told the file is; a `weak` one (2 bytes) also needs binary content. */
const SIGNATURES: { bytes: number[]; zh: string; en: string; weak?: boolean }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], zh: 'PNG 图片', en: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'a GIF image' },
  { bytes: [0x42, 0x4d], zh: 'BMP 图片', en: 'a BMP image', weak: true },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], zh: 'PDF 文档', en: 'a PDF document' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], zh: 'RAR 压缩包', en: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], zh: '7z 压缩包', en: 'a 7z archive' },
  { bytes: [0x1f, 0x8b], zh: 'gzip 压缩包', en: 'a gzip archive', weak: true },
  { bytes: [0x4d, 0x5a], zh: '程序文件（exe）', en: 'a program (exe)', weak: true },
];

/** Office 97–2003 (OLE2) files: an old .xls most of the time. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Bytes looked at for binary content and UTF-16 (enough to cover a header and many rows). */
const SAMPLE = 64 * 1024;

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * An error when `bytes` are not a spreadsheet or text at all (an image, PDF, archive, old .xls, other binary);
 * null for text and for ZIPs holding a workbook (XLSX). UTF-16 without BOM is text (see `utf16WithoutBom`).
 */
export function sniffBinary(bytes: Uint8Array, fileName: string): Diagnostic | null {
  const error = (zh: string, en: string, offset = 0): Diagnostic => ({
    code: 'not-a-spreadsheet',
    severity: 'error',
    message: { zh: `此文件${zh}`, en: `This file ${en}` },
    span: { file: fileName, start: { offset, line: 1, column: 1 }, end: { offset, line: 1, column: 1 } },
  });
  const choose = '请选择 .xlsx 或 .csv 格式的花名册',
    chooseEn = 'choose the roster as .xlsx or .csv';
  if (startsWith(bytes, OLE2)) {
    return error(
      '是旧版 Excel（.xls）或其他 Office 97–2003 文件，无法直接读取：请在 Excel 中“另存为” .xlsx 或 CSV 后再导入',
      'is an old Excel (.xls) or other Office 97–2003 file, which cannot be read: in Excel, “Save As” .xlsx or CSV and import that',
    );
  }
  if (startsWith(bytes, ZIP)) {
    const names = zipEntryNames(bytes);
    if (names === null || names.some((n) => n.startsWith('xl/'))) return null; // a workbook, or too damaged to tell: the XLSX reader says
    const kind = names.some((n) => n.startsWith('word/'))
      ? ['Word 文档（.docx）', 'a Word document (.docx)']
      : names.some((n) => n.startsWith('ppt/'))
        ? ['PowerPoint 文档（.pptx）', 'a PowerPoint document (.pptx)']
        : ['ZIP 压缩包，其中没有 Excel 工作簿', 'a ZIP archive without an Excel workbook'];
    return error(`是${kind[0]}，不是花名册表格：${choose}`, `is ${kind[1]}, not a roster spreadsheet: ${chooseEn}`);
  }
  for (const s of SIGNATURES)
    if (startsWith(bytes, s.bytes) && (!s.weak || looksBinary(bytes) !== null))
      return error(`是${s.zh}，不是花名册表格：${choose}`, `is ${s.en}, not a roster spreadsheet: ${chooseEn}`);
  if (utf16WithoutBom(bytes)) return null;
  const at = looksBinary(bytes);
  if (at !== null) {
    return error(
      `含有大量控制字符（第一个在第 ${at + 1} 字节），不是文本或表格文件：${choose}`,
      `holds many control bytes (the first at byte ${at + 1}); it is not text or a spreadsheet: ${chooseEn}`,
      at,
    );
  }
  return null;
}

/**
 * The offset of the first control byte when the sample has many (NUL, or below 0x20 other than tab, newline,
 * form feed and carriage return): text never does. Null for text.
 */
export function looksBinary(bytes: Uint8Array): number | null {
  const n = Math.min(bytes.length, SAMPLE);
  let count = 0,
    first = -1;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) {
      if (first < 0) first = i;
      count++;
    }
  }
  return count > 0 && count >= Math.max(2, n / 100) ? first : null;
}

/**
 * UTF-16 text without a byte order mark, by its zero bytes: in Chinese or ASCII text one byte of most characters
 * is 0 for ASCII, and never both. Null when the sample does not look like UTF-16.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenZero = 0,
    oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // Headers and cells hold ASCII digits and separators: a third of the characters at least.
  if (oddZero >= pairs / 3 && evenZero <= pairs / 50) return 'utf-16le';
  if (evenZero >= pairs / 3 && oddZero <= pairs / 50) return 'utf-16be';
  return null;
}

/** The entry names of a ZIP's central directory; null when it cannot be found (a damaged file). */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true),
      extra = view.getUint16(at + 30, true),
      comment = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
