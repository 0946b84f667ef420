// Roster CSV bytes: UTF-8 with BOM (what Excel needs to show Chinese) or GBK (what clerks' Excel often saves),
// CRLF line ends, produced in chunks so a county-size roster never sits in memory as one string.
import iconv from 'iconv-lite';
import { generateRoster, ROSTER_HEADERS, type GenerateOptions } from './generate.js';

export type RosterEncoding = 'utf-8' | 'gbk';

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: quoted only when it holds a comma, quote or line break. */
export function csvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV record without its line end (cells are joined directly when none needs quotes: the fast path). */
export function csvRecord(cells: readonly string[]): string {
  for (let i = 0; i < cells.length; i++) if (NEEDS_QUOTES.test(cells[i]!)) return cells.map(csvCell).join(',');
  return cells.join(',');
}

export function encodeText(text: string, encoding: RosterEncoding): Uint8Array {
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}

/** Whether every character of `text` survives a GBK round trip. */
export function isGbkSafe(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'gbk'), 'gbk') === text;
}

/** The roster file's bytes in chunks of about `chunkRows` rows: BOM (UTF-8 only), header, data rows. */
export function* rosterCsvChunks(
  opts: GenerateOptions & { encoding?: RosterEncoding },
  chunkRows = 8192,
): Generator<Uint8Array> {
  const encoding = opts.encoding ?? 'utf-8';
  if (encoding === 'utf-8') yield UTF8_BOM;
  let lines: string[] = [csvRecord(ROSTER_HEADERS)];
  for (const row of generateRoster(opts)) {
    lines.push(csvRecord(row));
    if (lines.length >= chunkRows) {
      yield encodeText(lines.join('\r\n') + '\r\n', encoding);
      lines = [];
    }
  }
  if (lines.length > 0) yield encodeText(lines.join('\r\n') + '\r\n', encoding);
}

/** The whole roster file as one buffer (for samples and tests; use the chunks for big rosters). */
export function rosterCsvBytes(opts: GenerateOptions & { encoding?: RosterEncoding }): Buffer {
  return Buffer.concat([...rosterCsvChunks(opts)]);
}
