// Parse stage: policy text → syntax tree, with Peggy's errors turned into located bilingual diagnostics.
import type { PolicyFile } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { parse, SyntaxError as PeggySyntaxError } from './parser.generated.js';
import { checkText, checkTree, MAX_DEPTH } from './limits.js';
import { message } from '../check/messages.js';
import { friendlySyntaxError } from './friendly.js';

export interface ParseResult {
  file: PolicyFile | null;
  diagnostics: Diagnostic[];
}

/**
 * Parses one policy file. Never throws: any failure becomes a diagnostic — `syntax-error`, or `too-complex` /
 * `policy-too-large` past the limits in ./limits.ts, which every later stage can then rely on.
 */
export function parsePolicy(text: string, path: string): ParseResult {
  const tooLarge = checkText(text, path);
  if (tooLarge) return { file: null, diagnostics: [tooLarge] };
  try {
    const file = parse(text, { grammarSource: path });
    const tooDeep = checkTree(file, path);
    return tooDeep ? { file: null, diagnostics: [tooDeep] } : { file, diagnostics: [] };
  } catch (e) {
    return { file: null, diagnostics: [toDiagnostic(e, text, path)] };
  }
}

interface Expectation {
  type: string;
  text?: string;
  description?: string;
}

function describe(x: Expectation): string {
  switch (x.type) {
    case 'literal':
      return `“${x.text}”`;
    case 'end':
      return '文件结尾 end of file';
    case 'other':
      return x.description ?? '';
    default:
      return x.description ?? x.type;
  }
}

function toDiagnostic(e: unknown, text: string, path: string): Diagnostic {
  if (e instanceof RangeError) {
    // Nesting without brackets (如果 in 如果, 非 非 …) deep enough for the parser's own stack.
    const start = { offset: 0, line: 1, column: 1 };
    return {
      code: 'too-complex',
      severity: 'error',
      message: message('too-complex', { limit: MAX_DEPTH }),
      span: { file: path, start, end: start },
    };
  }
  if (!(e instanceof PeggySyntaxError)) {
    return {
      code: 'syntax-error',
      severity: 'error',
      message: { zh: '无法读取此政策文件', en: 'The policy file could not be read' },
      span: { file: path, start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } },
    };
  }
  const { start, end } = e.location;
  const expected = (e.expected ?? []) as Expectation[];
  if (expected.length === 0) {
    // An error() raised by a grammar action (bad date, too many decimals): its message is already bilingual.
    const [zh, en] = splitBilingual(e.message);
    return { code: 'bad-literal', severity: 'error', message: { zh, en }, span: { file: path, start, end } };
  }
  const friendly = friendlySyntaxError(text, path, {
    offset: start.offset,
    expected: expected.map((x) => x.text ?? x.description ?? ''),
    atEnd: e.found === null,
  });
  if (friendly) return friendly;
  // English keyword spellings and bare character classes only repeat what the Chinese forms say.
  const useful = expected.filter(
    (x) => x.type !== 'class' && !(x.type === 'literal' && /^[A-Za-z-]+$/.test(x.text ?? '')),
  );
  const wanted = [...new Set((useful.length ? useful : expected).map(describe).filter((d) => d !== ''))].sort(
    (a, b) => Number(b.length <= 3) - Number(a.length <= 3),
  );
  const shown = wanted.slice(0, 8).join('、') + (wanted.length > 8 ? ' …' : '');
  const found = e.found === null ? null : text.slice(start.offset, start.offset + 12).split(/[\r\n]/)[0];
  const foundZh = found === null ? '文件结尾' : `“${found}”`;
  const foundEn = found === null ? 'end of file' : `"${found}"`;
  const diagnostic: Diagnostic = {
    code: 'syntax-error',
    severity: 'error',
    message: { zh: `此处应为 ${shown}，但看到了 ${foundZh}`, en: `Expected ${shown} but found ${foundEn}` },
    span: {
      file: path,
      start,
      end: end.offset > start.offset ? end : { ...start, offset: start.offset + 1, column: start.column + 1 },
    },
  };
  const glued = found ? /^(当|且|或|非|属于|则|否则)[\u4e00-\u9fff]/.exec(found) : null;
  if (glued) {
    diagnostic.hint = {
      zh: `关键字“${glued[1]}”与后面的名称之间需要空格`,
      en: `Put a space after the keyword “${glued[1]}”`,
    };
  }
  return diagnostic;
}

function splitBilingual(message: string): [string, string] {
  const m = /^(.*)（(.*)）$/.exec(message);
  return m ? [m[1]!, m[2]!] : [message, message];
}

/** Parses a lone value (an evaluation-time parameter such as `150元`). */
export function parseValue(
  text: string,
  label: string,
): { expr: import('../ast.js').Expr | null; diagnostics: Diagnostic[] } {
  const tooLarge = checkText(text, label);
  if (tooLarge) return { expr: null, diagnostics: [tooLarge] };
  try {
    const expr = parse(text.trim(), { grammarSource: label, startRule: 'Expr' });
    const tooDeep = checkTree(expr, label);
    return tooDeep ? { expr: null, diagnostics: [tooDeep] } : { expr, diagnostics: [] };
  } catch (e) {
    return { expr: null, diagnostics: [toDiagnostic(e, text, label)] };
  }
}
