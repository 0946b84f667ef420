// A message for the user from anything thrown: worker and store errors carry both languages.
import type { Bilingual } from '../lang/diagnostic.js';

export function errorMessage(e: unknown): Bilingual {
  if (e && typeof e === 'object' && 'bilingual' in e) return (e as { bilingual: Bilingual }).bilingual;
  const text = e instanceof Error ? e.message : String(e);
  return { zh: text, en: text };
}
