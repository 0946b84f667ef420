// The lines of `eval --csv` held until the roster is read through (a duplicate ID found late flags the earlier row
// too): UTF-8 in pages of bytes off the JS heap, each deflated once full (a county's 44 MB of lines are held in
// ~9 MB), with per line only where it ends in its page and which 标记 codes it has (an index into the few distinct
// ones). The output text itself is never held as strings.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { csvLine } from '../roster/export.js';

/** Bytes per page; a line longer than a page gets a page of its own. */
const PAGE = 1 << 20;

export class HeldLines {
  /** The full pages, deflated. */
  private readonly pages: Buffer[] = [];
  /** Per page (the last being `page`): its first line. */
  private readonly firsts: number[] = [];
  /** The page being filled, and its bytes used. */
  private page: Buffer | null = null;
  private used = 0;
  /** Per line: where it ends in its page, and its own 标记 codes (an index into `codes`). */
  private ends = new Int32Array(4096);
  private codeOf = new Int32Array(4096);
  private readonly codes: string[] = [];
  /** Per index into `codes`: the bytes of its 标记 cell, CR and LF. */
  private readonly tailBytes: number[] = [];
  private readonly codeIndex = new Map<string, number>();
  private n = 0;

  /** `pageBytes`: bytes per page (tests make it small). */
  constructor(private readonly pageBytes = PAGE) {}

  /** Adds a line: `head` the cells before 标记 (each followed by a comma), `own` its 标记 codes. */
  add(head: string, own: string): void {
    let code = this.codeIndex.get(own);
    if (code === undefined) {
      code = this.codes.length;
      const tail = csvLine([own]) + '\r\n';
      this.codes.push(own);
      this.tailBytes.push(Buffer.byteLength(tail));
      this.codeIndex.set(own, code);
    }
    const line = head + csvLine([own]) + '\r\n';
    // At most 3 bytes of UTF-8 per UTF-16 unit.
    const room = line.length * 3;
    if (this.page === null || this.used + room > this.page.length) {
      this.seal();
      if (this.page === null || this.page.length < room)
        this.page = Buffer.allocUnsafeSlow(Math.max(this.pageBytes, room));
      this.firsts.push(this.n);
      this.used = 0;
    }
    this.used += this.page.write(line, this.used);
    const i = this.n++;
    if (i === this.ends.length) {
      this.ends = grown(this.ends);
      this.codeOf = grown(this.codeOf);
    }
    this.ends[i] = this.used;
    this.codeOf[i] = code;
  }

  /** Lines added so far. */
  get count(): number {
    return this.n;
  }

  /**
   * Writes every line in order, where `late` gives a line more 标记 codes (the roster-level rules') its 标记 cell
   * rewritten with its own codes and then those.
   */
  writeTo(write: (bytes: Uint8Array) => void, late: (i: number) => string[] | undefined): void {
    this.seal();
    this.page = null;
    for (let p = 0; p < this.pages.length; p++) {
      const page = inflateRawSync(this.pages[p]!);
      const end = p + 1 < this.pages.length ? this.firsts[p + 1]! : this.n;
      let from = 0;
      for (let i = this.firsts[p]!; i < end; i++) {
        const more = late(i);
        if (!more) continue;
        const code = this.codeOf[i]!;
        const own = this.codes[code]!;
        const lineEnd = this.ends[i]!;
        write(page.subarray(from, lineEnd - this.tailBytes[code]!));
        write(Buffer.from(csvLine([(own ? [own] : []).concat(more).join(' ')]) + '\r\n'));
        from = lineEnd;
      }
      write(page.subarray(from));
    }
  }

  /** Deflates the page being filled into `pages` (level 1: the fastest; 5× smaller all the same). */
  private seal(): void {
    if (this.page !== null && this.pages.length < this.firsts.length)
      this.pages.push(deflateRawSync(this.page.subarray(0, this.used), { level: 1 }));
  }
}

function grown(a: Int32Array) {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
