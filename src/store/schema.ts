// Shapes of what the app writes to IndexedDB, validated with zod whenever they are read back.
import { z } from 'zod';

export const PolicyRecord = z.object({
  path: z.string().min(1),
  text: z.string(),
  savedAt: z.string(),
  versions: z.array(z.object({ text: z.string(), savedAt: z.string() })),
});
export type PolicyRecord = z.infer<typeof PolicyRecord>;

export const RosterMeta = z.object({
  id: z.string(),
  name: z.string(),
  fileName: z.string(),
  policyPath: z.string(),
  createdAt: z.string(),
  rowCount: z.number().int().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  headers: z.array(z.string()),
  params: z.record(z.string(), z.string()),
  /** The summary, stored whole so a reopened county shows at once. */
  summary: z.unknown(),
});
export type RosterMeta = z.infer<typeof RosterMeta>;

export const RosterChunk = z.object({
  rosterId: z.string(),
  index: z.number().int().nonnegative(),
  rows: z.array(z.unknown()),
  results: z.array(z.unknown()),
  cells: z.array(z.array(z.string())),
});
export type RosterChunk = z.infer<typeof RosterChunk>;

export const Setting = z.object({ key: z.string(), value: z.unknown() });
