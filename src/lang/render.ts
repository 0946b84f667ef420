// Renders a diagnostic as text: `file:line:col: 错误[code] 中文 (English)`, the source line and a caret.
import type { Diagnostic } from './diagnostic.js';
import { escapeChar, isControl, visible, visibleKeepingLines } from './visible.js';

const SEVERITY = { error: '错误 error', warning: '警告 warning', info: '提示 info' };

/** The diagnostic as terminal text; control characters from the policy or roster are shown as escapes (`\u001b`). */
export function renderDiagnostic(d: Diagnostic, source?: string): string {
  const where = d.span
    ? `${d.span.file}:${d.span.start.line}:${d.span.start.column}: `
    : d.row !== undefined
      ? `第 ${d.row} 行 row ${d.row}${d.column ? `，${d.column}` : ''}: `
      : '';
  const lines = [
    visible(
      `${where}${SEVERITY[d.severity]}[${d.code}] ${d.message.zh}${d.message.en && d.message.en !== d.message.zh ? `（${d.message.en}）` : ''}`,
    ),
  ];
  if (d.span && source !== undefined) {
    const text = source.split(/\r?\n/)[d.span.start.line - 1];
    if (text !== undefined) {
      const gutter = String(d.span.start.line);
      const before = [...text.slice(0, d.span.start.column - 1)]
        .map((ch) => (ch === '\t' ? '\t' : ' '.repeat(width(ch))))
        .join('');
      const sameLine = d.span.end.line === d.span.start.line;
      const span = sameLine
        ? text.slice(d.span.start.column - 1, d.span.end.column - 1)
        : text.slice(d.span.start.column - 1);
      const carets = [...span].map((ch) => '^'.repeat(width(ch))).join('') || '^';
      lines.push(` ${gutter} | ${visibleKeepingLines(text)}`, ` ${' '.repeat(gutter.length)} | ${before}${carets}`);
    }
  }
  if (d.clause) lines.push(visible(`  条款 clause: ${d.clause}`));
  for (const n of d.notes ?? []) lines.push(visible(`  注 note: ${n.zh}（${n.en}）`));
  if (d.hint) lines.push(visible(`  提示 hint: ${d.hint.zh}（${d.hint.en}）`));
  if (d.fix) lines.push(visible(`  修正 fix: ${d.fix.label.zh}（${d.fix.label.en}）`));
  return lines.join('\n');
}

/** Terminal columns of one source character as shown (a control character other than tab as its escape). */
const width = (ch: string): number => (ch !== '\t' && isControl(ch) ? escapeChar(ch).length : wide(ch) ? 2 : 1);

/** East Asian wide characters take two columns in a terminal. */
function wide(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}
