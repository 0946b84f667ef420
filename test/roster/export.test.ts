// Exports for spreadsheets: CSV cells a spreadsheet would run as formulas get a leading apostrophe; money cells.
import { describe, expect, it } from 'vitest';
import { decodeText, neutralizeFormula, parseCsv, toCsv } from '../../src/roster/index.js';

describe('csv export', () => {
  it('neutralises formula starts, also full-width and after leading spaces or line breaks', () => {
    const risky = [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '＝1+1',
      '＋1',
      '－1',
      '＠A1',
      ' =1',
      '\n=1',
      '　＝1',
    ];
    for (const v of risky) expect(neutralizeFormula(v), JSON.stringify(v)).toBe(`'${v}`);
  });
  it('leaves ordinary text alone, also with a formula character later on', () => {
    for (const v of ['张三', '1=1', ' 城关镇', 'a+b', '620724198709100035', '', "'"])
      expect(neutralizeFormula(v), JSON.stringify(v)).toBe(v);
  });
  it('writes money as plain yuan (read back as a number) and neutralised text quoted where needed', () => {
    const bytes = toCsv(['金额', '备注'], [[{ fen: 8930000 }, ' =HYPERLINK("x")']]);
    expect(parseCsv(decodeText(bytes).text).rows).toEqual([
      ['金额', '备注'],
      ['89300.00', '\' =HYPERLINK("x")'],
    ]);
  });
});
