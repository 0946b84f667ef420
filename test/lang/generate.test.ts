// The generated evaluator (compile/generate.ts) against the closures (compile/compile-expr.ts), which stay the
// reference: every policy, on random rosters whose cells are empty, absent, odd or ordinary, with and without
// parameter values, must give the same results, flags, duplicates, households and summary either way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputDecl } from '../../src/lang/ast.js';
import { checkPolicy } from '../../src/lang/check/index.js';
import { compilePolicy, type Compiled } from '../../src/lang/compile/compile-policy.js';
import { generate } from '../../src/lang/compile/generate.js';
import { Engine } from '../../src/lang/evaluate/engine.js';
import { evaluateRosterWith } from '../../src/lang/evaluate/roster.js';
import type { FieldValue, RosterRow } from '../../src/lang/model.js';
import { dayNumber } from '../../src/lang/runtime/calendar.js';
import { checkIdNumber, makeIdNumber } from '../../src/lang/runtime/id-number.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { fromDisk } from '../helpers.js';

const POLICIES: [string, Record<string, string>[]][] = [
  ['policies/kaijiang-2020.policy', [{}, { 低保资助额: '150元' }]],
  ['policies/gaotai-2021.policy', [{}]],
  ['test/policies/general-2024.policy', [{}]],
  ['test/policies/gaotai-2022.policy', [{}]],
  ['test/policies/dates-and-history-2025.policy', [{}, { 省级最低标准: '420元' }]],
  [
    'test/policies/operations.policy',
    [{}, { 缺值资助: '100元', 比例: '80%', 等待月数: '10日', 默认人数: '3', 省级标准: '250元' }],
  ],
  // An outcome amended rule by rule (扩展 结果), a 缴费期 from parameters, values from a template.
  ['test/policies/inherit-county-2025.policy', [{}, { 集中结束: '2025-01-31' }]],
  ['test/policies/categories-shiqiao-2025.policy', [{}, { Ⅱ级资助额: '120元' }]],
  ['test/policies/yunxi-2025.policy', [{}, { 低保资助额: '250元' }]],
];

function compile(file: string): Compiled {
  const { program, diagnostics } = checkPolicy(file, fromDisk);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compilePolicy(program!);
}

const IDS = [
  makeIdNumber('511723', 1950, 2, 15, 11),
  makeIdNumber('511723', 1988, 8, 8, 22),
  makeIdNumber('620724', 2006, 12, 31, 13),
  makeIdNumber('620724', 2020, 3, 1, 24),
  makeIdNumber('511723', 2024, 1, 10, 35),
  makeIdNumber('110101', 1890, 1, 1, 46),
  '511723198808080054',
  '5117231988',
  'ABCDEFGHIJKLMNOPQR',
];
const day = (y: number, m: number, d: number) => dayNumber(y, m, d);

/** A cell of the input's type, or empty, as the reader would give it. */
function cell(input: InputDecl): fc.Arbitrary<FieldValue> {
  const names = (input.type.values ?? []).map((v) => v.name.name);
  const kind = input.type.name;
  const value: fc.Arbitrary<FieldValue> =
    kind === 'id-number'
      ? fc.constantFrom(...IDS)
      : kind === 'money'
        ? fc.integer({ min: -100, max: 100_000 })
        : kind === 'integer'
          ? fc.integer({ min: -3, max: 12 })
          : kind === 'moment'
            ? fc.integer({ min: day(2023, 12, 19) * 1440, max: day(2023, 12, 22) * 1440 })
            : kind === 'date'
              ? fc.integer({ min: day(2019, 1, 1), max: day(2025, 3, 1) })
              : kind === 'boolean'
                ? fc.boolean()
                : kind === 'category'
                  ? fc.constantFrom(...names)
                  : kind === 'categories'
                    ? fc.subarray(names).map((xs) => Object.freeze(xs) as string[])
                    : fc.constantFrom('', '男', '女', '寄居', '本人', 'A1', '“引号”');
  return fc.option(value, { freq: 4 });
}

function rosterOf(compiled: Compiled): fc.Arbitrary<RosterRow[]> {
  const inputs = [...compiled.program.inputs.values()];
  const person = fc.tuple(...inputs.map((i) => fc.tuple(fc.boolean(), cell(i))));
  return fc.array(person, { maxLength: 40 }).map((people) =>
    people.map((cells, r) => {
      const values: Record<string, FieldValue> = {};
      // Now and then a field is absent altogether, not just empty.
      cells.forEach(([present, v], i) => {
        if (present || v !== null) values[inputs[i]!.name.name] = v;
      });
      const idValue = compiled.idField ? values[compiled.idField] : undefined;
      const id =
        typeof idValue === 'string' && r % 2 === 0 ? { value: idValue, check: checkIdNumber(idValue) } : undefined;
      return { row: r + 2, problems: [], values, ...(id ? { id } : {}) };
    }),
  );
}

describe('generated evaluator', () => {
  for (const [file, paramSets] of POLICIES) {
    const compiled = compile(file);
    it(`generates and loads the code for ${file}`, () => {
      expect(new Engine(compiled, {}, loadAsFile).backend).toBe('generated');
    });
    for (const params of paramSets) {
      it(`gives the closures' results for ${file} with parameters ${JSON.stringify(params)}`, () => {
        const reference = new Engine(compiled, params);
        const generated = new Engine(compiled, params, loadAsFile);
        fc.assert(
          fc.property(rosterOf(compiled), (rows) => {
            const { evaluator, ...fast } = evaluateRosterWith(generated, rows);
            const { evaluator: slow, ...expected } = evaluateRosterWith(reference, rows);
            expect([evaluator, slow]).toEqual(['generated', 'closures']);
            expect(fast).toEqual(expected);
          }),
          { numRuns: 300 },
        );
      });
    }
  }

  it('writes no text of the policy into code: names are numbered, text goes in as JSON literals', () => {
    const compiled = compile('test/policies/operations.policy');
    const p = compiled.program;
    const { source } = generate(
      p,
      [...p.outcomes.keys()].map((outcome) => ({ outcome })),
      () => 0,
    );
    // The reason with quotes, a backslash, </script> and U+2028 is a well-formed literal, never raw.
    expect(source).toContain(
      JSON.stringify('带"引号"与\\反斜杠、</script>和\u2028行分隔符').replace('\u2028', '\\u2028'),
    );
    expect(source).not.toContain('\u2028');
    // Outside literals, only generated names: strip the JSON strings and no CJK is left.
    expect(source.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
  });

  it('counts a conflict of unique rules once, with the conflict flag, as the closures do', () => {
    const compiled = compile('test/policies/operations.policy');
    const values = { 身份证号码: IDS[1]!, 档次: '一档', 登记日期: day(2023, 1, 1), 缴费日期: day(2023, 10, 1) };
    const r = new Engine(compiled, {}, loadAsFile).evaluate(values, 1);
    expect(r.subsidyTiming).toBeNull();
    expect(r.flags.map((f) => f.code)).toContain('rule-conflict');
    expect(r).toEqual(new Engine(compiled, {}).evaluate(values, 1));
  });
});
