// RowReader's two ways of building a row's values: an ordinary object (the fast path) unless a field is named like
// a property of Object.prototype, then a prototype-free one; both hold every field as an own property.
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../src/lang/model.js';
import { RowReader } from '../../src/roster/index.js';

const field = (name: string, kind: FieldSpec['kind'] = 'text'): FieldSpec =>
  ({ name, kind, columns: [name], required: false }) as FieldSpec;

function reader(names: string[]): RowReader {
  const fields = names.map((n) => field(n));
  return new RowReader(
    names,
    names.map((n, index) => ({ field: n, index })),
    fields,
  );
}

describe('RowReader values', () => {
  it('are ordinary objects with every field, in policy order, for ordinary names', () => {
    const r = reader(['姓名', '乡镇', '村']);
    const a = r.read(['张三', ' 新宁镇 ', ''], 1).values;
    const b = r.read(['李四', '城关镇', '育才社区'], 2).values;
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.entries(a)).toEqual([
      ['姓名', '张三'],
      ['乡镇', '新宁镇'],
      ['村', null],
    ]);
    expect(Object.entries(b)).toEqual([
      ['姓名', '李四'],
      ['乡镇', '城关镇'],
      ['村', '育才社区'],
    ]);
    // Rows are copies: one row's value never shows in another.
    a['姓名'] = '王五';
    expect(b['姓名']).toBe('李四');
    expect(r.read(['赵六', '', ''], 3).values['姓名']).toBe('赵六');
  });

  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`are prototype-free when a field is named ${name}, and hold it as an own value`, () => {
      const r = reader(['姓名', name]);
      const v = r.read(['张三', '甲'], 1).values;
      expect(Object.getPrototypeOf(v)).toBeNull();
      expect(Object.getOwnPropertyDescriptor(v, name)?.value).toBe('甲');
      expect(Object.keys(v)).toEqual(['姓名', name]);
      const empty = r.read(['李四', ''], 2).values;
      expect(Object.getOwnPropertyDescriptor(empty, name)?.value).toBeNull();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });
  }
});
