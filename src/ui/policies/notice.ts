// The notice beside the rules: where each recorded 条款 occurs in the notice text, and what no 条款 covers.
import type { CitingPlace, ClauseCitation } from '../../worker/protocol.js';

/**
 * cited: a recorded clause that rules cite; uncited: recorded, no rule cites it; unrecorded: notice text no
 * clause covers (未编码); plain: whitespace, headings and item numbers between them.
 */
export type PassageKind = 'cited' | 'uncited' | 'unrecorded' | 'plain';

/** A run of the notice text (offsets into it, end exclusive), the clauses covering it and where to jump. */
export interface NoticePassage {
  start: number;
  end: number;
  text: string;
  kind: PassageKind;
  /** Ids of the recorded clauses whose text covers this run, in the policy's order. */
  clauses: string[];
  /** The first place citing one of those clauses (the entry file first); null unless `cited`. */
  cite: CitingPlace | null;
  /** Ids of the clauses whose text starts here (shown as a label before the passage). */
  opens: string[];
}

export interface NoticeMatch {
  passages: NoticePassage[];
  /** Recorded clauses whose text was not found in the notice (the notice or the clause text differs). */
  missing: string[];
  counts: { cited: number; uncited: number; missing: number; unrecorded: number };
}

/** Normalised text and, for each of its code units, where the source character it came from starts and ends. */
interface Normal {
  text: string;
  at: number[];
  to: number[];
}

const PUNCT: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '。': '.',
  '、': ',',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '〔': '[',
  '〕': ']',
  '【': '[',
  '】': ']',
  '《': '<',
  '》': '>',
  '—': '-',
  '－': '-',
  '…': '.',
});

/** One character as compared: full-width ASCII as half-width, Chinese punctuation as its ASCII like, lower case. */
function fold(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0).toLowerCase();
  return PUNCT[ch] ?? ch.toLowerCase();
}

/** Drops every white space (line breaks, full-width spaces: the notice copies break lines anywhere). */
export function normalise(source: string): Normal {
  let text = '';
  const at: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of source) {
    if (!/\s/u.test(ch)) {
      const f = fold(ch);
      text += f;
      for (let k = 0; k < f.length; k++) {
        at.push(i);
        to.push(i + ch.length);
      }
    }
    i += ch.length;
  }
  return { text, at, to };
}

const EDGE_PUNCT = /^[.,;:!?"'<>\-[\]]+|[.,;:!?"'<>\-[\]]+$/g;

/**
 * Where a clause's text is in the notice, as source offsets [start, end): exact after normalising, else without
 * the punctuation at its ends (a clause may end a sentence the notice continues). null: not found.
 */
export function findClause(notice: Normal, clauseText: string): [number, number] | null {
  const full = normalise(clauseText).text;
  for (const needle of [full, full.replace(EDGE_PUNCT, '')]) {
    if (needle.length === 0) continue;
    const i = notice.text.indexOf(needle);
    if (i >= 0) return [notice.at[i]!, notice.to[i + needle.length - 1]!];
  }
  return null;
}

/** A piece of text that says nothing by itself: empty, punctuation, or an item number like (一) 1. (3). */
const ITEM_ONLY = /^[\s\p{P}]*(?:[一二三四五六七八九十]+|\d+|附件)?[\s\p{P}]*$/u;
/** A numbered heading (一、参保目标; (二) 工作流程; 1. …; 附件): short, without sentence punctuation. */
const HEADING =
  /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|附件)[^。；;，,:：]{0,20}$/u;

/**
 * Says nothing by itself: punctuation or an item number, a heading line, or a heading's lead-in that the
 * paragraph continues on the same line ((五) 政府资助。…); a short numbered sentence ending its line is not one.
 */
function isPlain(text: string, lineStart: boolean, lineEnd: boolean): boolean {
  const t = text.trim();
  if (ITEM_ONLY.test(t)) return true;
  if (!lineStart) return false;
  if (lineEnd) return HEADING.test(t);
  return t.endsWith('。') && HEADING.test(t.slice(0, -1));
}

/** Splits text no clause covers into sentences (after 。！？；, and at line breaks). */
function sentences(notice: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    const ch = notice[i]!;
    if (ch === '\n' || '。！？；!?;'.includes(ch)) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < end) out.push([from, end]);
  return out;
}

const atLineStart = (s: string, i: number) => i === 0 || s[i - 1] === '\n';
const atLineEnd = (s: string, i: number) => i >= s.length || s[i] === '\n' || s[i] === '\r';

/** Matches the recorded clauses against the notice text and divides the whole text into passages. */
export function matchNotice(notice: string, clauses: readonly ClauseCitation[]): NoticeMatch {
  const normal = normalise(notice);
  const ranges: { start: number; end: number; clause: ClauseCitation }[] = [];
  const missing: string[] = [];
  for (const clause of clauses) {
    const r = findClause(normal, clause.text);
    if (r) ranges.push({ start: r[0], end: r[1], clause });
    else missing.push(clause.id);
  }
  const cuts = new Set<number>([0, notice.length]);
  for (const r of ranges) cuts.add(r.start).add(r.end);
  const bounds = [...cuts].sort((a, b) => a - b);
  const passages: NoticePassage[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const start = bounds[k]!;
    const end = bounds[k + 1]!;
    const covering = ranges.filter((r) => r.start <= start && r.end >= end).map((r) => r.clause);
    if (covering.length > 0) {
      const cited = covering.find((c) => c.cites.length > 0);
      passages.push({
        start,
        end,
        text: notice.slice(start, end),
        kind: cited ? 'cited' : 'uncited',
        clauses: covering.map((c) => c.id),
        cite: cited ? cited.cites[0]! : null,
        opens: ranges.filter((r) => r.start === start).map((r) => r.clause.id),
      });
      continue;
    }
    for (const [s, e] of sentences(notice, start, end)) {
      const text = notice.slice(s, e);
      const lineEnd = atLineEnd(notice, text.endsWith('\n') ? e - 1 : e);
      const kind: PassageKind = isPlain(text, atLineStart(notice, s), lineEnd) ? 'plain' : 'unrecorded';
      const last = passages[passages.length - 1];
      if (last && last.kind === kind && kind === 'plain') {
        last.end = e;
        last.text += text;
      } else passages.push({ start: s, end: e, text, kind, clauses: [], cite: null, opens: [] });
    }
  }
  const found = new Set(ranges.map((r) => r.clause.id));
  return {
    passages,
    missing,
    counts: {
      cited: clauses.filter((c) => found.has(c.id) && c.cites.length > 0).length,
      uncited: clauses.filter((c) => found.has(c.id) && c.cites.length === 0).length,
      missing: missing.length,
      unrecorded: passages.filter((p) => p.kind === 'unrecorded').length,
    },
  };
}
