// Resident ID numbers (公民身份号码): GB 11643 checksum, birth date and sex, 18-digit and legacy 15-digit.
import { tryDayNumber, type DayNumber } from './calendar.js';

export type Sex = '男' | '女';

/** `future-birth`: a birth date after the coverage year's end (found by the evaluator, which knows the year). */
export type IdProblem = 'empty' | 'length' | 'characters' | 'birth-date' | 'checksum' | 'future-birth';

export type IdCheck =
  { ok: true; normalized: string; birth: DayNumber; sex: Sex; legacy: boolean } | { ok: false; problem: IdProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643 check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Trims, upper-cases a trailing x, and turns full-width digits and Ｘ into ASCII. */
export function normalizeIdNumber(raw: string): string {
  if (isClean(raw)) return raw; // the common case: nothing to change
  let out = '';
  for (const ch of raw.trim()) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
    else if (ch === 'x' || ch === 'Ｘ' || ch === 'ｘ') out += 'X';
    else out += ch;
  }
  return out;
}

/** Only ASCII digits and X, with no surrounding space. */
function isClean(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 88) return false;
  }
  return raw.length > 0;
}

/** Validates an ID number and derives birth date and sex. */
export function checkIdNumber(raw: string): IdCheck {
  const id = normalizeIdNumber(raw);
  if (id === '') return { ok: false, problem: 'empty' };
  if (id.length === 18) {
    // Digits only, a final X allowed (checked by char code: no regular expression per person).
    for (let i = 0; i < 17; i++) {
      const c = id.charCodeAt(i);
      if (c < 48 || c > 57) return { ok: false, problem: 'characters' };
    }
    const last = id.charCodeAt(17);
    if ((last < 48 || last > 57) && last !== 88 /* X */) return { ok: false, problem: 'characters' };
    const birth = tryDayNumber(digits(id, 6, 4), digits(id, 10, 2), digits(id, 12, 2));
    if (birth === null) return { ok: false, problem: 'birth-date' };
    if (checkCharacter(id) !== id[17]) return { ok: false, problem: 'checksum' };
    return { ok: true, normalized: id, birth, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女', legacy: false };
  }
  if (id.length === 15) {
    if (!/^\d{15}$/.test(id)) return { ok: false, problem: 'characters' };
    const birth = tryDayNumber(1900 + digits(id, 6, 2), digits(id, 8, 2), digits(id, 10, 2));
    if (birth === null) return { ok: false, problem: 'birth-date' };
    return { ok: true, normalized: id, birth, sex: (id.charCodeAt(14) - 48) % 2 === 1 ? '男' : '女', legacy: true };
  }
  return { ok: false, problem: 'length' };
}

/** The number written by `length` ASCII digits of `s` from `at` (the caller has checked they are digits). */
function digits(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Builds a valid 18-digit ID from a 6-digit area code, a birth date and a 3-digit sequence (for tests and samples). */
export function makeIdNumber(area: string, year: number, month: number, day: number, sequence: number): string {
  const first17 = `${area}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
