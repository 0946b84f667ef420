// Shapes of what the app writes to IndexedDB, validated with zod whenever they are read back.
import { z } from 'zod';

/** Largest number of persons in one chunk record. */
export const CHUNK_ROWS = 5000;

// Large arrays are checked by a plain loop: zod's per-element schema costs about 1 s over a county's cells,
// and a loop stops at the first bad element (a hostile array costs one issue, not one per element).
const strings = z.custom<string[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  'expected an array of text',
);
const nullableStrings = z.custom<(string | null)[]>(
  (v) => Array.isArray(v) && v.every((x) => x === null || typeof x === 'string'),
  'expected an array of text or null',
);

/** Extra outcomes' values (model.ts ExtraValue): text, numbers, yes/no or null. */
const nullableCells = z.custom<(string | number | boolean | null)[]>(
  (v) => Array.isArray(v) && v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x)),
  'expected an array of text, numbers, yes/no or null',
);
/**
 * `z.record(z.string(), value)` for records keyed by user text (parameter, flag, outcome and field names): zod's
 * record builds its output by assignment, and `out['__proto__'] = v` sets the prototype rather than keeping the
 * key. This checks each own value and passes the read object itself (a fresh structured clone) on unchanged.
 * `value` must not transform.
 */
function textRecord<T>(value: z.ZodType<T>, what: string) {
  return z.custom<Record<string, T>>((v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(v).every((x) => value.safeParse(x).success);
  }, `expected a record of ${what}`);
}

/** Longest note a version may carry (characters as the browser counts them in a text box: UTF-16 units). */
export const NOTE_MAX = 500;
/** What the author wrote about a version (这次改了什么); absent in records saved before notes existed. */
export const Note = z.string().max(NOTE_MAX);

/** One earlier text of a policy, with its note if it has one. */
export const Version = z.object({ text: z.string(), savedAt: z.string(), note: Note.optional() });
export type Version = z.infer<typeof Version>;

export const PolicyRecord = z.object({
  path: z.string().min(1),
  text: z.string(),
  savedAt: z.string(),
  // Repair: a damaged note of the current text is left out on reading (and reported by the store), the policy kept.
  note: z
    .unknown()
    .transform((n) => (Note.safeParse(n).success ? (n as string) : undefined))
    .optional(),
  // Repair: a damaged history entry is left out on reading (and reported by the store), the policy itself kept.
  versions: z
    .array(z.unknown())
    .catch([])
    .transform((vs) =>
      vs.flatMap((v) => {
        const p = Version.safeParse(v);
        return p.success ? [p.data] : [];
      }),
    ),
});
export type PolicyRecord = z.infer<typeof PolicyRecord>;

/** Which roster column feeds which policy field (null: none). */
export const FieldColumn = z.object({ field: z.string(), index: z.number().int().nonnegative().nullable() });
export type FieldColumn = z.infer<typeof FieldColumn>;

/** The policy files a roster was evaluated with, kept so its explanations match its stored results. */
export const PolicySnapshot = z.object({ entry: z.string(), sources: textRecord(z.string(), 'text') });

/** A roster record's fields; `RosterRecord` also holds its chunk count to its row count. */
export const RosterFields = z.object({
  id: z.string().min(1),
  /** `pending` while an import writes its chunks; only `committed` rosters are listed. */
  status: z.enum(['pending', 'committed']),
  name: z.string(),
  fileName: z.string(),
  policyPath: z.string(),
  createdAt: z.string(),
  rowCount: z.number().int().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  headers: strings,
  headerSignature: z.string(),
  mapping: z.array(FieldColumn),
  params: textRecord(z.string(), 'text'),
  policy: PolicySnapshot,
});
export const RosterRecord = RosterFields.refine((r) => r.chunkCount === Math.ceil(r.rowCount / CHUNK_ROWS), {
  message: 'chunkCount does not match rowCount',
  path: ['rowCount'],
});
export type RosterRecord = z.infer<typeof RosterRecord>;

/** The county summary (shape owned by src/lang; kept opaque here apart from the fields every summary has). */
export const SummaryRecord = z.object({
  rosterId: z.string(),
  summary: z
    .object({
      county: z.object({}).loose(),
      townships: z.array(z.unknown()),
      villages: z.array(z.unknown()),
      flags: textRecord(z.number(), 'numbers'),
    })
    .loose(),
});

const codes = z.instanceof(Uint32Array);
/** A dictionary-coded text column: `values[codes[i]]`. */
export const Coded = z.object({ values: strings, codes });
export type Coded = z.infer<typeof Coded>;

/**
 * Raw cells of up to 5,000 roster rows, one array per column (column-oriented: about 2× faster to store and read).
 * null: the row ended before this column (a short CSV row), so the cell is missing, not empty.
 */
export const CellChunk = z
  .object({
    rosterId: z.string(),
    index: z.number().int().nonnegative(),
    count: z.number().int().min(1).max(CHUNK_ROWS),
    columns: z.array(nullableStrings),
  })
  .refine((c) => c.columns.every((col) => col.length === c.count), {
    message: 'a column length differs from the row count',
  });
export type CellChunk = z.infer<typeof CellChunk>;

/**
 * Results of up to 5,000 persons, column-oriented. Nulls: NaN in money columns, NO_DAY in day columns, -1 in small codes.
 * Flags are listed sparsely: flag k belongs to person `flagAt[k]` (local index).
 */
const ResultChunkShape = z.object({
  rosterId: z.string(),
  index: z.number().int().nonnegative(),
  count: z.number().int().min(1).max(CHUNK_ROWS),
  row: z.instanceof(Int32Array),
  name: nullableStrings,
  idNumber: nullableStrings,
  /** 1 yes, 0 no, -1 unknown. */
  eligible: z.instanceof(Int8Array),
  reason: Coded,
  personalFee: z.instanceof(Float64Array),
  subsidy: z.instanceof(Float64Array),
  /** 0 upfront, 1 after payment, -1 none. */
  timing: z.instanceof(Int8Array),
  benefitStart: z.instanceof(Int32Array),
  benefitEnd: z.instanceof(Int32Array),
  /** 已参保: 1 yes, 0 no, -1 unknown (absent in results stored before it was kept: unknown). */
  enrolled: z.instanceof(Int8Array).optional(),
  township: Coded,
  village: Coded,
  /** Category set joined with “、”. */
  category: Coded,
  flagAt: z.instanceof(Uint32Array),
  flagCode: strings,
  flagZh: strings,
  flagEn: strings,
  extras: textRecord(nullableCells, 'extra outcome columns'),
});
export const ResultChunk = ResultChunkShape.superRefine((c, ctx) => {
  const n = c.count;
  const lengths: [string, number][] = [
    ['row', c.row.length],
    ['name', c.name.length],
    ['idNumber', c.idNumber.length],
    ['eligible', c.eligible.length],
    ['reason', c.reason.codes.length],
    ['personalFee', c.personalFee.length],
    ['subsidy', c.subsidy.length],
    ['timing', c.timing.length],
    ['benefitStart', c.benefitStart.length],
    ['benefitEnd', c.benefitEnd.length],
    ...(c.enrolled ? [['enrolled', c.enrolled.length] as [string, number]] : []),
    ['township', c.township.codes.length],
    ['village', c.village.codes.length],
    ['category', c.category.codes.length],
    ...Object.entries(c.extras).map(([k, v]): [string, number] => [`extras.${k}`, v.length]),
  ];
  for (const [name, len] of lengths)
    if (len !== n) ctx.addIssue({ code: 'custom', message: `${name} has ${len} values, expected ${n}` });
  const f = c.flagAt.length;
  if (c.flagCode.length !== f || c.flagZh.length !== f || c.flagEn.length !== f)
    ctx.addIssue({ code: 'custom', message: 'flag columns differ in length' });
  for (let k = 0; k < f; k++)
    if (c.flagAt[k]! >= n || (k > 0 && c.flagAt[k]! < c.flagAt[k - 1]!)) {
      ctx.addIssue({ code: 'custom', message: 'flag person index out of order or range' });
      break;
    }
  for (const col of [c.reason, c.township, c.village, c.category]) {
    for (let i = 0; i < col.codes.length; i++)
      if (col.codes[i]! >= col.values.length) {
        ctx.addIssue({ code: 'custom', message: 'a code points outside its dictionary' });
        break;
      }
  }
});
export type ResultChunk = z.infer<typeof ResultChunk>;

/**
 * How chunks are stored: each text column joined into one string and kept as UTF-8 bytes (about half the bytes of the
 * page's UTF-16 strings for a roster's mostly-digit cells: IndexedDB writes time in proportion to bytes). A column whose text
 * contains the separators is stored as an array instead. Flag messages repeat: stored dictionary-coded.
 */
const Packed = z.union([z.instanceof(Uint8Array), nullableStrings]);
export type Packed = z.infer<typeof Packed>;
export const StoredCellChunk = z.object({
  rosterId: z.string(),
  index: z.number().int().nonnegative(),
  count: z.number().int().min(1).max(CHUNK_ROWS),
  columns: z.array(Packed),
});
export type StoredCellChunk = z.infer<typeof StoredCellChunk>;
export const StoredResultChunk = ResultChunkShape.extend({
  name: Packed,
  idNumber: Packed,
  flagCode: Coded,
  flagZh: Coded,
  flagEn: Coded,
});
export type StoredResultChunk = z.infer<typeof StoredResultChunk>;

/** A column mapping the clerk chose, remembered for rosters with the same headers under the same policy. */
export const MappingRecord = z.object({
  key: z.string(),
  overrides: textRecord(z.string().nullable(), 'text or null'),
  savedAt: z.string(),
});
export type MappingRecord = z.infer<typeof MappingRecord>;

export const Setting = z.object({ key: z.string(), value: z.unknown() });

/** Day-number columns: no date. */
export const NO_DAY = -2147483648;
