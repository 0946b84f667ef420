// Terminal text of a diagnostic: control characters from a roster or policy shown as escapes, the caret still aligned.
/* eslint-disable no-control-regex -- these patterns look for control characters on purpose */
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/lang/render.js';
import { visible, visibleKeepingLines } from '../../src/lang/visible.js';
import type { Diagnostic } from '../../src/lang/diagnostic.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('terminal escaping', () => {
  it('shows C0, DEL and C1 controls as \\u escapes; tabs and line breaks only where kept', () => {
    expect(visible('a\u001b[31mb\r\t\n\u007f\u009b')).toBe('a\\u001b[31mb\\u000d\\u0009\\u000a\\u007f\\u009b');
    expect(visibleKeepingLines('a\tb\r\nc\rd\u001b')).toBe('a\tb\r\nc\\u000dd\\u001b');
    expect(visible('张三 110')).toBe('张三 110');
  });

  it('renders a diagnostic whose message holds a roster cell and whose source line holds \\r without raw controls', () => {
    const d: Diagnostic = {
      code: 'syntax-error',
      severity: 'error',
      message: { zh: '单元格“\u001b[31m红”', en: 'cell “\u001b[31m红”' },
      span: { file: 'x.policy', start: { line: 2, column: 7, offset: 0 }, end: { line: 2, column: 8, offset: 0 } },
      notes: [{ zh: '注\u0007', en: 'note\u0007' }],
    } as Diagnostic;
    const text = renderDiagnostic(d, '第一行\n列 "a\r\u001bb" x');
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('\\u001b[31m红');
    expect(text).toContain('\\u0007');
    const [, source, carets] = text.split('\n');
    expect(source).toBe(' 2 | 列 "a\\u000d\\u001bb" x');
    // Column 7 is the “b”: after 列 (2 terminal columns), ` "a` (3) and two escapes (6 each).
    expect(carets).toBe(`   | ${' '.repeat(2 + 3 + 12)}^`);
  });
});
