import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkIdNumber, makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { formatDate } from '../../src/lang/runtime/calendar.js';

describe('ID numbers (GB 11643)', () => {
  it('accepts a valid number and derives birth date and sex', () => {
    const r = checkIdNumber('11010519491231002X');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(formatDate(r.birth)).toBe('1949-12-31');
      expect(r.sex).toBe('女');
    }
  });
  it('reports what is wrong', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'checksum' });
    expect(checkIdNumber('11010519491331002X')).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkIdNumber('1101051949')).toEqual({ ok: false, problem: 'length' });
    expect(checkIdNumber('11010519491231002Y')).toEqual({ ok: false, problem: 'characters' });
    expect(checkIdNumber('  ')).toEqual({ ok: false, problem: 'empty' });
  });
  it('reads legacy 15-digit numbers as 19xx births', () => {
    const r = checkIdNumber('110105491231002');
    expect(r.ok && formatDate(r.birth)).toBe('1949-12-31');
    expect(r.ok && r.sex).toBe('女'); // the 15th digit 2 is even
  });
  it('normalises full-width digits and a lower-case x', () => {
    expect(checkIdNumber('１１０１０５１９４９１２３１００２x').ok).toBe(true);
  });
  it('detects every single-digit typo in a generated number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2020 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (y, m, d, seq, pos, delta) => {
          const id = makeIdNumber('511723', y, m, d, seq);
          expect(checkIdNumber(id).ok).toBe(true);
          const typo = id.slice(0, pos) + String((+id[pos]! + delta) % 10) + id.slice(pos + 1);
          expect(checkIdNumber(typo).ok).toBe(false);
        },
      ),
    );
  });
});
