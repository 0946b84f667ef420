// Printer stub replaced below.
import type { Diagnostic } from '../diagnostic.js';
export function formatPolicy(_text: string, _path: string): { text: string | null; diagnostics: Diagnostic[] } {
  return { text: null, diagnostics: [] };
}
