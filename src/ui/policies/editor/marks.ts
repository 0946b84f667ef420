// The checker's diagnostics as CodeMirror lint marks for one file, message in the current language with the other beside.
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from '../../../lang/diagnostic.js';
import type { Lang } from '../../i18n/index.js';

export function toEditorDiagnostics(
  diagnostics: readonly Diagnostic[],
  file: string,
  lang: Lang,
  length: number,
): CmDiagnostic[] {
  return diagnostics
    .filter((d) => d.span && d.span.file.split('/').pop() === file.split('/').pop())
    .map((d) => {
      const from = Math.min(d.span!.start.offset, length);
      const to = Math.min(Math.max(d.span!.end.offset, d.span!.start.offset + 1), length);
      const main = lang === 'zh' ? d.message.zh : d.message.en;
      const other = lang === 'zh' ? d.message.en : d.message.zh;
      const hint = d.hint ? `\n${lang === 'zh' ? d.hint.zh : d.hint.en}` : '';
      return {
        from,
        to: Math.max(from, to),
        severity: d.severity,
        source: d.code,
        message: `${main}${other && other !== main ? `（${other}）` : ''}${hint}`,
      };
    });
}
