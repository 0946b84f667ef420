// Whether a stored roster's results were computed with the policy files as they are now, and if not, with which version.
import type { PolicyRecord } from '../../store/index.js';

/** The version of a policy file a roster's results were computed with. */
export type UsedVersion =
  | { kind: 'bundled' }
  | { kind: 'saved'; savedAt: string }
  /** A text no longer kept (history cleared, or the file deleted). */
  | { kind: 'unknown' };

/** A policy file that changed since the roster was computed. */
export interface StaleFile {
  path: string;
  used: UsedVersion;
  /** The file no longer exists. */
  deleted: boolean;
}

/**
 * The files whose text differs from the one the roster was computed with (empty: the results are current).
 * `current` is every policy file as the app now reads it; `saved` the clerk's records with their histories.
 */
export function staleFiles(
  used: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
  saved: readonly PolicyRecord[],
  bundled: Readonly<Record<string, string>>,
): StaleFile[] {
  const out: StaleFile[] = [];
  for (const [path, text] of Object.entries(used)) {
    const now = Object.hasOwn(current, path) ? current[path] : undefined;
    if (now === text) continue;
    out.push({ path, used: versionOf(path, text, saved, bundled), deleted: now === undefined });
  }
  return out;
}

function versionOf(
  path: string,
  text: string,
  saved: readonly PolicyRecord[],
  bundled: Readonly<Record<string, string>>,
): UsedVersion {
  const record = saved.find((r) => r.path === path);
  const version =
    record &&
    [{ text: record.text, savedAt: record.savedAt }, ...[...record.versions].reverse()].find((v) => v.text === text);
  if (version) return { kind: 'saved', savedAt: version.savedAt };
  if (Object.hasOwn(bundled, path) && bundled[path] === text) return { kind: 'bundled' };
  return { kind: 'unknown' };
}
