// The checker's diagnostics as CodeMirror lint marks for one file, message in the current language with the other beside.
import type { Action, Diagnostic as CmDiagnostic } from '@codemirror/lint';
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
        ...(d.fix ? { actions: [fixAction(d, lang, length)] } : {}),
      };
    });
}

/**
 * The diagnostic's fix as a button in the lint tooltip ("改为 250元"). CodeMirror gives the mark's current position:
 * the fix moves with it, as the text before it was edited.
 */
function fixAction(d: Diagnostic, lang: Lang, length: number): Action {
  const fix = d.fix!;
  const markStart = Math.min(d.span!.start.offset, length);
  return {
    name: lang === 'zh' ? fix.label.zh : fix.label.en,
    apply(view, from) {
      const shift = from - markStart;
      const at = Math.min(fix.span.start.offset + shift, view.state.doc.length);
      const to = Math.min(Math.max(fix.span.end.offset + shift, at), view.state.doc.length);
      view.dispatch({ changes: { from: at, to, insert: fix.insert } });
    },
  };
}
