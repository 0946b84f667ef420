// Just enough ZIP for XLSX: the central directory lists the parts, and one part at a time is inflated in small
// steps, so that nothing is inflated unless asked for and a part that inflates past its declared size is caught.
import { Inflate } from 'fflate';

/** One part of a zip file, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two XLSX uses). */
  method: number;
  compressedSize: number;
  /** The uncompressed size the directory declares. */
  size: number;
  /** Where the local header starts. */
  offset: number;
}

/** Why a zip cannot be read. */
export class ZipError extends Error {
  constructor(
    readonly kind: 'damaged' | 'unsupported' | 'size-mismatch',
    message: string,
  ) {
    super(message);
  }
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** The parts of a zip file by name (a Map: part names are text from the file). Throws ZipError. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  // The end-of-central-directory record: 22 bytes and a comment of at most 65,535, at the very end.
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65535; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('damaged', 'no end of central directory');
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('unsupported', 'zip64');
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new ZipError('damaged', 'central directory');
    const nameLength = u16(bytes, at + 28),
      extra = u16(bytes, at + 30),
      comment = u16(bytes, at + 32);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff) throw new ZipError('unsupported', 'zip64');
    entries.set(entry.name, entry);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Compressed bytes handed to the inflater at a time: deflate expands at most ~1,032×, so one step ≤ ~17 MB. */
const STEP = 16 * 1024;

/**
 * Inflates one part, handing its bytes to `onData` in pieces; throws ZipError when the part is damaged or
 * inflates to other than its declared size (checked as it goes, so a part never inflates past it); what
 * `onData` throws passes through.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, onData: (chunk: Uint8Array) => void): void {
  const at = entry.offset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw new ZipError('damaged', 'local header');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) throw new ZipError('damaged', 'truncated');
  const data = bytes.subarray(start, start + entry.compressedSize);
  let out = 0;
  let passOn: unknown = null; // what onData threw goes out unchanged
  const take = (chunk: Uint8Array) => {
    out += chunk.length;
    if (out > entry.size) throw new ZipError('size-mismatch', `${entry.name} inflates past ${entry.size} bytes`);
    try {
      if (chunk.length) onData(chunk);
    } catch (e) {
      passOn = e;
      throw e;
    }
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += STEP) take(data.subarray(i, i + STEP));
  } else if (entry.method === 8) {
    const inflater = new Inflate(take);
    try {
      for (let i = 0; i < data.length || i === 0; i += STEP)
        inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    } catch (e) {
      if (e instanceof ZipError || e === passOn) throw e;
      throw new ZipError('damaged', `${entry.name}: ${(e as Error).message}`);
    }
  } else {
    throw new ZipError('unsupported', `compression method ${entry.method}`);
  }
  if (out !== entry.size)
    throw new ZipError('size-mismatch', `${entry.name} inflates to ${out}, not ${entry.size} bytes`);
}

/** A whole (small) part as bytes; throws ZipError. */
export function inflateWhole(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const whole = new Uint8Array(entry.size);
  let at = 0;
  inflateEntry(bytes, entry, (chunk) => {
    whole.set(chunk, at);
    at += chunk.length;
  });
  return whole;
}
