// Syntax errors in the author's words: common slips (a letter O in a number, full-width digits, a date written
// 2025.09.01, a missing ： after a rule's condition, an unclosed { or quote) told as what to write, not as Peggy's
// list of expected tokens. Each is located, bilingual, and where the mend is certain carries a `fix`.
import { bi, pointAt, type Bilingual, type Diagnostic, type Fix } from '../diagnostic.js';

export interface SyntaxFailure {
  /** Offset where the parser stopped. */
  offset: number;
  /** The parser's expectations there (descriptions or literal texts). */
  expected: readonly string[];
  /** Whether the parser stopped at the end of the text. */
  atEnd: boolean;
}

const CLOSERS: Record<string, string> = { '"': '"', '“': '”', '「': '」' };
const OPENERS = new Set(['{', '｛']);
const CLOSING = new Set(['}', '｝']);

interface Lexical {
  /** An opening quote never closed (on its line; 「 to the end of the text) before the failure, if any. */
  unclosedQuote: number | null;
  /** Offsets of `{` still open at the failure. */
  openBraces: number[];
}

/** Reads strings, comments and braces up to `end`, as the grammar does. */
function scan(text: string, end: number): Lexical {
  const open: number[] = [];
  for (let i = 0; i <= end && i < text.length; i++) {
    const ch = text[i]!;
    const close = CLOSERS[ch];
    if (close) {
      const j = text.indexOf(close, i + 1);
      const nl = ch === '「' ? -1 : text.slice(i + 1).search(/[\r\n]/);
      const lineEnd = nl < 0 ? text.length : i + 1 + nl;
      if (j < 0 || j > lineEnd) {
        if (end <= lineEnd || end >= text.length) return { unclosedQuote: i, openBraces: open };
        i = lineEnd;
        continue;
      }
      i = j;
      continue;
    }
    if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (i === end) break;
    if (OPENERS.has(ch)) open.push(i);
    else if (CLOSING.has(ch)) open.pop();
  }
  return { unclosedQuote: null, openBraces: open };
}

const LOOKALIKE: Record<string, string> = { O: '0', o: '0', Ｏ: '0', ｏ: '0', I: '1', l: '1', ｌ: '1' };
const UNIT = '(?:万元|元|yuan|%|％|日|天|个月|月|年)';
const UNIT_KIND: Record<string, Bilingual> = {
  元: bi('金额', 'Amount'),
  万元: bi('金额', 'Amount'),
  yuan: bi('金额', 'Amount'),
  '%': bi('百分比', 'Percentage'),
  '％': bi('百分比', 'Percentage'),
  日: bi('时长', 'Duration'),
  天: bi('时长', 'Duration'),
  个月: bi('时长', 'Duration'),
  月: bi('时长', 'Duration'),
  年: bi('时长', 'Duration'),
};

/** Keywords that begin a declaration: met inside an open `{`, the `}` before them is missing. */
const DECLARATION =
  /^(政策|继承|条款|输入|参数|群体|定义|结果|标记|核对|整户参保|目标|参保率目标|缴费期|期限|现金双限|例子)(?![\p{L}\p{N}_])/u;

/** A friendlier diagnostic for the failure, or null where none of the known slips explains it. */
export function friendlySyntaxError(text: string, path: string, f: SyntaxFailure): Diagnostic | null {
  const span = (from: number, to: number) => ({ file: path, start: pointAt(text, from), end: pointAt(text, to) });
  const make = (from: number, to: number, message: Bilingual, extra: Partial<Diagnostic> = {}): Diagnostic => ({
    code: 'syntax-error',
    severity: 'error',
    message,
    span: span(from, Math.max(to, from + 1)),
    ...extra,
  });
  const fix = (from: number, to: number, insert: string, label: Bilingual): Fix => ({
    span: span(from, to),
    insert,
    label,
  });
  const lineStart = text.lastIndexOf('\n', f.offset - 1) + 1;
  const nl = text.slice(f.offset).search(/[\r\n]/);
  const lineEnd = nl < 0 ? text.length : f.offset + nl;
  const line = text.slice(lineStart, lineEnd);
  /** The match of `re` on the failure's line whose range holds the failure point. */
  const around = (re: RegExp): { from: number; text: string; groups: string[] } | null => {
    for (const m of line.matchAll(re)) {
      const from = lineStart + m.index;
      if (from <= f.offset && f.offset <= from + m[0].length) return { from, text: m[0], groups: [...m].slice(1) };
    }
    return null;
  };

  const lex = scan(text, f.offset);
  if (lex.unclosedQuote !== null) {
    const q = lex.unclosedQuote;
    const close = CLOSERS[text[q]!]!;
    const qEnd = text[q] === '「' ? text.length : q + 1 + Math.max(0, text.slice(q + 1).search(/[\r\n]|$/));
    return make(
      q,
      q + 1,
      bi(
        `引号没有结束：此处开始的 ${text[q]} 缺少对应的 ${close}`,
        `Unclosed quote: the ${text[q]} here has no closing ${close}`,
      ),
      {
        hint: bi(
          `在文字结尾加上 ${close}（引号中的文字不能跨行）`,
          `Add ${close} where the text ends (quoted text stays on one line)`,
        ),
        fix: fix(qEnd, qEnd, close, bi(`在行尾加上 ${close}`, `Add ${close} at the end of the line`)),
      },
    );
  }

  // A letter O (or I, l) typed for a digit: 25O元.
  const lookalike = around(new RegExp(`[0-9０-９OoＯｏIlｌ][0-9０-９.OoＯｏIlｌ]*\\s*(${UNIT})?`, 'gu'));
  if (
    lookalike &&
    /[0-9０-９]/.test(lookalike.text) &&
    /[OoＯｏIlｌ]/.test(lookalike.text) &&
    /^[0-9０-９]|[0-9０-９][OoＯｏIlｌ]/.test(lookalike.text)
  ) {
    const fixed = lookalike.text
      .replace(/[OoＯｏIlｌ]/g, (c) => LOOKALIKE[c]!)
      .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const kind = UNIT_KIND[lookalike.groups[0] ?? ''] ?? bi('数', 'Number');
    const letters = [...new Set(lookalike.text.match(/[OoＯｏIlｌ]/g))].join('、');
    return make(
      lookalike.from,
      lookalike.from + lookalike.text.length,
      bi(
        `${kind.zh}应为数字（${lookalike.text}）：其中的字母 ${letters} 不是数字`,
        `${kind.en} must be a number (${lookalike.text}): the letter ${letters} is not a digit`,
      ),
      {
        hint: bi(`是不是 ${fixed}？`, `Did you mean ${fixed}?`),
        fix: fix(
          lookalike.from,
          lookalike.from + lookalike.text.length,
          fixed,
          bi(`改为 ${fixed}`, `Change to ${fixed}`),
        ),
      },
    );
  }

  // Full-width digits: ２５０元.
  const wide = around(/[0-9０-９][0-9０-９.．]*/gu);
  if (wide && /[０-９．]/.test(wide.text)) {
    const fixed = wide.text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    return make(
      wide.from,
      wide.from + wide.text.length,
      bi(`数字请用半角：${wide.text} 应写作 ${fixed}`, `Write digits half-width: ${wide.text} should be ${fixed}`),
      {
        fix: fix(wide.from, wide.from + wide.text.length, fixed, bi(`改为 ${fixed}`, `Change to ${fixed}`)),
      },
    );
  }

  // A date with dots or slashes, or one-digit months and days: 2025.09.01, 2025/9/1.
  const date = around(/(\d{4})([./．／])(\d{1,2})\2(\d{1,2})(?!\d)/gu);
  if (date) {
    const [y, , m, d] = date.groups as [string, string, string, string];
    const fixed = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    return make(
      date.from,
      date.from + date.text.length,
      bi(
        `日期应写作 ${fixed}（年-月-日，或 ${Number(y)}年${Number(m)}月${Number(d)}日）`,
        `Write the date as ${fixed} (year-month-day)`,
      ),
      {
        fix: fix(date.from, date.from + date.text.length, fixed, bi(`改为 ${fixed}`, `Change to ${fixed}`)),
      },
    );
  }

  // A `{` never closed: at the end of the text, or a new declaration begins inside it.
  const innermost = lex.openBraces[lex.openBraces.length - 1];
  const atDeclaration = DECLARATION.test(text.slice(f.offset)) && /^\s*$/.test(text.slice(lineStart, f.offset));
  if (innermost !== undefined && (f.atEnd || atDeclaration)) {
    const where = pointAt(text, f.offset);
    const insertAt = f.atEnd ? text.length : text.slice(0, lineStart).trimEnd().length;
    return make(
      innermost,
      innermost + 1,
      bi(`此处的 ${text[innermost]} 没有对应的 }`, `The ${text[innermost]} opened here is never closed`),
      {
        notes: [
          f.atEnd
            ? bi('直到文件结尾都没有 }', 'No } before the end of the file')
            : bi(
                `第 ${where.line} 行第 ${where.column} 列开始了新的声明，前面应有 }`,
                `A new declaration begins at line ${where.line}, column ${where.column}: a } belongs before it`,
              ),
        ],
        fix: fix(insertAt, insertAt, '\n}', bi('补上 }', 'Add the }')),
      },
    );
  }

  // A rule's condition without the ： before its value: 当 年龄 < 18 250元.
  if (f.expected.includes('：')) {
    const rule = /^\s*(当|when)\s/.test(line) && !/[:：]/.test(text.slice(lineStart, f.offset));
    const before = text.slice(0, f.offset).trimEnd().length;
    const colon = fix(before, before, '：', bi('补上 ：', 'Add the ：'));
    if (rule)
      return make(
        f.offset,
        f.offset + 1,
        bi(
          '规则的条件后缺少“：”：写作 当 条件：值',
          'Missing “：” after the rule’s condition: write 当 condition：value',
        ),
        { fix: colon },
      );
  }
  return null;
}
