// Reads CSV text in chunks of rows, exactly as readRosterText reads it whole, so that a county's rows need never
// all be held at once (the CLI reads, evaluates and writes each chunk in turn). The text is cut only at a line
// break outside quotes; each piece is parsed on its own. Where that could differ from parsing the whole text — a
// piece the parser reports anything about (an unclosed or runaway quote), or one starting with a BOM character,
// which the parser would drop — `exact` turns false and the caller reads the text whole instead.
import type { Diagnostic } from '../lang/diagnostic.js';
import type { FieldSpec, RosterRow } from '../lang/model.js';
import { matchColumns, type ColumnMatch } from './columns.js';
import { detectDelimiter, parseCsv } from './csv.js';
import { boundHeaders } from './limits.js';
import { isBlank, RowReader } from './row.js';

/** Characters per piece: ~20,000 rows of a county roster. */
export const CHUNK_CHARS = 2 * 1024 * 1024;

export interface CsvChunks {
  headers: string[];
  mapping: ColumnMatch[];
  /** Header and column-mapping diagnostics, as readTable gives them. */
  diagnostics: Diagnostic[];
  /** The next rows (possibly none, for a piece of blank lines), or null after the last. */
  next(): RosterRow[] | null;
  /** False once a piece could read differently in the whole text: stop and read the text whole. */
  readonly exact: boolean;
}

/**
 * The rows of CSV text (whole, or block by block as it is decoded), chunk by chunk; null when the text has no header row (readRosterText reports that) or
 * its pieces up to the header do not read exactly.
 */
export function csvChunks(
  source: string | Iterator<string>,
  fields: FieldSpec[],
  options: { overrides?: Record<string, string | null>; chunkChars?: number } = {},
): CsvChunks | null {
  const size = Math.max(1, options.chunkChars ?? CHUNK_CHARS);
  const blocks = typeof source === 'string' ? [source][Symbol.iterator]() : source;
  // The text not yet parsed, from a row's start; `more` adds the next block of the text (false at its end).
  let text = '';
  let ended = false;
  const more = () => {
    const b = ended ? undefined : blocks.next();
    if (!b || b.done) return !(ended = true);
    text += b.value;
    return true;
  };
  while (text.length < DELIMITER_SAMPLE && more());
  const delimiter = detectDelimiter(text);
  let first = true;
  let exact = true;
  /** Rows of the next piece (null at the end). */
  const piece = (): string[][] | null => {
    let end = pieceEnd(text, size);
    while (end < 0 && more()) end = pieceEnd(text, size);
    if (end < 0) end = text.length;
    if (end === 0) return null;
    // The parser drops a BOM at the start of its text, which mid-file is a cell's first character.
    if (!first && text.charCodeAt(0) === 0xfeff) exact = false;
    first = false;
    // Parsed from a copy of its own: a cell kept past its chunk (a text the cell reader remembers, a slice of the
    // text) then keeps only this piece alive, not the decoded block it was cut from (megabytes, one per block).
    const table = parseCsv(ownCopy(text.slice(0, end)), delimiter);
    if (table.diagnostics.length > 0) exact = false;
    text = text.slice(end);
    return table.rows;
  };
  // The header: the first row that is not blank (as readTable finds it).
  let rows: string[][] | null = [];
  let at = 0;
  while (rows !== null && exact) {
    while (at < rows.length && isBlank(rows[at]!)) at++;
    if (at < rows.length) break;
    rows = piece();
    at = 0;
  }
  if (rows === null || !exact) return null;
  const { headers, diagnostics } = boundHeaders(rows[at]!.map((h) => h.trim()));
  const matched = matchColumns(headers, fields, options.overrides);
  diagnostics.push(...matched.diagnostics);
  const reader = new RowReader(headers, matched.mapping, fields);
  let rowNumber = 0;
  let pending: string[][] | null = rows.slice(at + 1);
  return {
    headers,
    mapping: matched.mapping,
    diagnostics,
    get exact() {
      return exact;
    },
    next() {
      const table = pending ?? piece();
      pending = null;
      if (table === null) return null;
      const out: RosterRow[] = [];
      for (const raw of table) {
        rowNumber++;
        if (!isBlank(raw)) out.push(reader.read(raw, rowNumber));
      }
      return out;
    },
  };
}

/** `s` in a string of its own (V8 cuts a slice of 13 characters or more out of its parent without copying it). */
const ownCopy = (s: string) => (' ' + s).slice(1);

/** detectDelimiter looks at this many characters of the text. */
const DELIMITER_SAMPLE = 20_000;

/**
 * Where the next piece of `text` ends: after the first line break past `size` characters with an even count of
 * quotes before it; -1 if there is none yet. Quotes are counted only up to that line break (in a slice, so that a
 * text without quotes is not searched to its end for each piece).
 */
function pieceEnd(text: string, size: number): number {
  let quotes = 0;
  let counted = 0;
  for (let cut = text.indexOf('\n', size); cut >= 0; cut = text.indexOf('\n', cut + 1)) {
    const before = text.slice(0, cut);
    for (let q = before.indexOf('"', counted); q >= 0; q = before.indexOf('"', q + 1)) quotes++;
    counted = cut;
    if (quotes % 2 === 0) return cut + 1;
  }
  return -1;
}
