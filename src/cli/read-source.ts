// The CLI's SourceReader: reads a policy file from disk, and only a regular file of a policy's size. Folders,
// devices, pipes and system files that make their content as it is read are refused without reading them.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { SourceRefusal } from '../lang/api.js';

/** Largest policy file read (the longest notice's policy is ~20 kB). */
export const MAX_POLICY_BYTES = 1024 * 1024;

/** The text of the policy file at `path`; null when there is none; a refusal when it is not one to read. */
export function readPolicySource(path: string): string | null | SourceRefusal {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? null : { refused: 'unreadable' };
  }
  if (stat.isDirectory()) return { refused: 'folder' };
  if (!stat.isFile()) return { refused: 'device' }; // never opened: opening a FIFO waits for a writer
  if (stat.size > MAX_POLICY_BYTES) return { refused: 'too-large' };
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    // One byte more than the size stated: a file that yields more is not the file it claims to be.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;)
      length += n;
    if (length > stat.size) return stat.size === 0 ? { refused: 'device' } : { refused: 'too-large' };
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return { refused: 'unreadable' };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
