// The lines of `eval --csv` held until the roster is read through (a duplicate ID found late flags the earlier row
// too): UTF-8 in pages of bytes off the JS heap, with per line only where it ends in its page and which 标记 codes
// it has (an index into the few distinct ones). The output text itself is never held as strings. (Deflating each
// full page held the county's 44 MB in 9 MB, but cost 7% of the run; the peak is well below its target without.)
import { csvLine } from '../roster/export.js';

/** Bytes per page; a line longer than a page gets a page of its own. */
const PAGE = 1 << 20;

export class HeldLines {
  private readonly pages: Buffer[] = [];
  /** Per page: its first line. */
  private readonly firsts: number[] = [];
  /** Bytes used of the last page. */
  private used = 0;
  /** Per line: where it ends in its page, and its own 标记 codes (an index into `codes`). */
  private ends = new Int32Array(4096);
  private codeOf = new Int32Array(4096);
  private readonly codes: string[] = [];
  /** Per index into `codes`: its 标记 cell, CR and LF, as text and as its length in bytes. */
  private readonly tails: string[] = [];
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
      this.tails.push(tail);
      this.tailBytes.push(Buffer.byteLength(tail));
      this.codeIndex.set(own, code);
    }
    const line = head + this.tails[code]!;
    // At most 3 bytes of UTF-8 per UTF-16 unit.
    const room = line.length * 3;
    let page = this.pages[this.pages.length - 1];
    if (page === undefined || this.used + room > page.length) {
      this.pages.push((page = Buffer.allocUnsafeSlow(Math.max(this.pageBytes, room))));
      this.firsts.push(this.n);
      this.used = 0;
    }
    this.used += page.write(line, this.used);
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
    for (let p = 0; p < this.pages.length; p++) {
      const page = this.pages[p]!;
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
      write(page.subarray(from, this.ends[end - 1]!)); // every page has a line
    }
  }
}

function grown(a: Int32Array) {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
