// src/roster: read a roster file (decode → parse → map columns → read values) and write results back out.
export { decodeText, type Encoding } from './decode.js';
export { parseCsv, detectDelimiter } from './csv.js';
export { matchColumns, headerSignature, normalizeHeader, type ColumnMatch, type MatchHow } from './columns.js';
export { parseDateCell } from './values.js';
export { readRosterBytes, readRosterText, readTable, type RosterRead, type ReadOptions } from './read.js';
export { RowReader } from './row.js';
export { duplicateIds, problemKinds, type ProblemKind } from './problems.js';
export { readXlsx, isXlsx } from './xlsx.js';
export { toCsv, toXlsx, neutralizeFormula, type Cell, type MoneyCell, type Sheet } from './export.js';
