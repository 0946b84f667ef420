// The UI's two catalogs, a translator with {placeholders}, and bilingual helpers for messages from src/lang.
import type { Bilingual } from '../../lang/diagnostic.js';
import { BUILTIN_FLAGS } from '../../lang/evaluate/flags.js';
import { zh, type MessageKey } from './zh.js';
import { en } from './en.js';

export type { MessageKey };
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function isLang(v: unknown): v is Lang {
  return v === 'zh' || v === 'en';
}

/** A catalog message with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return CATALOGS[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A bilingual message in `lang`. */
export function pick(lang: Lang, m: Bilingual): string {
  return lang === 'zh' ? m.zh : m.en;
}

/** The same message in the other language (shown beside, when different). */
export function other(lang: Lang, m: Bilingual): string {
  const o = lang === 'zh' ? m.en : m.zh;
  return o === pick(lang, m) ? '' : o;
}

/** A flag's display name: built-in codes have names in both languages; a policy's own flags are named in Chinese. */
export function flagName(code: string): Bilingual {
  const b = (BUILTIN_FLAGS as Record<string, Bilingual>)[code];
  return b ? { zh: b.zh, en: b.en.charAt(0).toUpperCase() + b.en.slice(1) } : { zh: code, en: code };
}

/** Names of the reader's problem codes that are not flags (an unreadable cell of each type). */
const READ_PROBLEMS: Record<string, Bilingual> = {
  'unknown-category': { zh: '无法识别的类别', en: 'Unknown category' },
  'bad-date': { zh: '无效日期', en: 'Invalid date' },
  'bad-money': { zh: '无效金额', en: 'Invalid amount' },
  'bad-integer': { zh: '无效整数', en: 'Invalid whole number' },
  'bad-boolean': { zh: '无效的是/否', en: 'Invalid yes/no' },
};

/** A kind of row problem shown at inspection: the reader's own names, else the flag of the same code. */
export function problemKindName(code: string): Bilingual {
  return READ_PROBLEMS[code] ?? flagName(code);
}
