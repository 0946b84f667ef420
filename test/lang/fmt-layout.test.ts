// `policy fmt` keeps the author's layout: parentheses, line breaks inside long expressions, and comments where they
// were (before a declaration, rule or binding, or at a line's end). It is idempotent and changes no policy's
// meaning: on every bundled and test policy, the formatted text parses to the same tree and gives the same results.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { evaluateRoster, formatPolicy, loadPolicy, runExamples } from '../../src/lang/index.js';
import { parsePolicy } from '../../src/lang/parse/index.js';
import { readRosterBytes } from '../../src/roster/index.js';

const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'loc' ? undefined : v)));
const fmt = (text: string, path = 'p.policy') => formatPolicy(text, path).text!;
/**
 * The tree without positions and without the brackets of 如果 expressions. A 如果 left of an operator must be bracketed
 * to read back the same (its 否则 would otherwise take the operator), though the author's text may do without when the
 * grammar cannot go on (`否则 如果 c 则 a 否则 x 属于 y = z`): there fmt adds the brackets. Every other bracket is kept.
 */
const stripIfBrackets = (x: unknown) =>
  JSON.parse(
    JSON.stringify(x, function (this: Record<string, unknown>, k, v) {
      return k === 'loc' || (k === 'paren' && this.kind === 'if') ? undefined : v;
    }),
  );

const LAYOUT = `# 版式样例：多行表达式、括号与注释
政策 {
  标题：样例  # 标题后的注释
  年度：2025
}

参数 标准：金额 = (380元)  # 作者的括号
参数 加价：金额 = 20元

# 困难人员：多行条件，运算符在行首
定义 困难 = 是
    且 (标准 > 100元
        或 加价 > 0元)  # 行尾注释
    # 独占一行的注释
    且 非 (加价 = 0元)
定义 总额 = (标准 + 加价) * 2 +
    较大(标准,
        加价)
定义 选 = 如果 困难
    则 标准
    否则 加价

结果 个人缴费：金额，合并 唯一 {
  # 规则前的注释
  当 困难：(标准)  # 规则行尾
  否则：标准 -
      加价
}
# 文件末尾
`;

describe('fmt keeps the author’s layout', () => {
  it('prints a laid-out policy back unchanged: breaks, parentheses, comments', () => {
    expect(fmt(LAYOUT)).toBe(LAYOUT);
  });
  it('keeps parentheses the precedence does not need, in the tree and in the text', () => {
    const text = '定义 迟缴 = 缴费日期 > 截止 且 非 (缴费日期 属于 集中期)\n定义 负数 = -(断缴年数)\n';
    expect(fmt(text)).toBe(text);
    const d = parsePolicy(text, 'p').file!.items[0] as { expr: { right: { operand: { paren?: boolean } } } };
    expect(d.expr.right.operand.paren).toBe(true);
    // Doubled parentheses are one pair: the same tree.
    expect(fmt('定义 a = ((1元))\n')).toBe('定义 a = (1元)\n');
  });
  it('keeps a trailing comment on its line, not before the next declaration', () => {
    const text = '参数 标准：金额 = 380元  # 二(三)\n参数 加价：金额 = 20元\n';
    expect(fmt(text)).toBe(text);
  });
  it('keeps a break after the operator and one before it, each continued line indented four spaces', () => {
    expect(fmt('定义 a = 1元 +\n2元\n')).toBe('定义 a = 1元 +\n    2元\n');
    expect(fmt('定义 a = 1元\n+ 2元\n')).toBe('定义 a = 1元\n    + 2元\n');
    expect(fmt('定义 a = 1元 + 2元\n')).toBe('定义 a = 1元 + 2元\n');
  });
  it('keeps comments inside a category list next to their value, and a one-line list on one line', () => {
    const text = '输入 类：类别 {\n  甲，  # 第一类\n  # 第二类之前\n  乙\n}\n输入 档：类别 { 一档，二档 }\n';
    expect(fmt(text)).toBe(text);
  });
  it('is idempotent and keeps every comment on the laid-out sample', () => {
    const once = fmt(LAYOUT);
    expect(fmt(once)).toBe(once);
    expect(strip(parsePolicy(once, 'p').file)).toEqual(strip(parsePolicy(LAYOUT, 'p').file));
  });
});

describe('fmt changes no policy’s meaning', () => {
  const files = [
    ...readdirSync('policies').map((f) => `policies/${f}`),
    ...readdirSync('test/policies').map((f) => `test/policies/${f}`),
  ].filter((f) => f.endsWith('.policy'));
  it('finds the policies', () => expect(files.length).toBeGreaterThanOrEqual(6));
  for (const f of files) {
    it(`${f}: same tree, same comments, idempotent, same example results`, () => {
      const text = readFileSync(f, 'utf8');
      const once = formatPolicy(text, f).text!;
      expect(formatPolicy(once, f).text).toBe(once);
      expect(strip(parsePolicy(once, f).file)).toEqual(strip(parsePolicy(text, f).file));
      expect(once.match(/#/g)?.length).toBe(text.match(/#/g)?.length);
      const read = (p: string) => (p === f ? once : readFileSync(p, 'utf8'));
      const before = loadPolicy(f, (p) => readFileSync(p, 'utf8'));
      const after = loadPolicy(f, read);
      expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
      if (!before.policy) return;
      const results = (r: ReturnType<typeof runExamples>) => r.map((x) => [x.name, x.passed, x.failures]);
      expect(results(runExamples(after.policy!))).toEqual(results(runExamples(before.policy)));
    });
  }
  for (const name of ['kaijiang-2020', 'gaotai-2021']) {
    it(`policies/${name}.policy: the sample roster gives the same results after fmt`, () => {
      const f = `policies/${name}.policy`;
      const once = formatPolicy(readFileSync(f, 'utf8'), f).text!;
      const before = loadPolicy(f, (p) => readFileSync(p, 'utf8')).policy!;
      const after = loadPolicy(f, (p) => (p === f ? once : readFileSync(p, 'utf8'))).policy!;
      const bytes = new Uint8Array(readFileSync(`public/samples/${name}-sample.csv`));
      const rows = readRosterBytes(bytes, 'r.csv', before.fields).rows;
      expect(evaluateRoster(after, rows).results).toEqual(evaluateRoster(before, rows).results);
    });
  }
});

describe('fmt on generated layouts', () => {
  it('keeps random line breaks and comments idempotently, with the same tree and every comment', () => {
    const leaf = fc.constantFrom('标准', '缴费日期', '是', '否', '30日', '250元', '2019-09-01', '{甲, 乙}', '7');
    const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
      e: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc
          .tuple(tie('e'), fc.constantFrom('+', '-', '*', '且', '或', '<', '=', '属于'), tie('e'), fc.boolean())
          .map(([a, op, b, p]) => (p ? `(${a} ${op} ${b})` : `${a} ${op} ${b}`)),
        tie('e').map((a) => `非 (${a})`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `较大(${a}, ${b})`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `如果 ${a} 则 ${b} 否则 ${c}`),
      ),
    })).e;
    // Each space may become a line break, or a comment and a line break.
    const laidOut = fc
      .tuple(expr, fc.array(fc.constantFrom(' ', '\n', '  # 注\n', '\n# 独行\n'), { minLength: 40, maxLength: 40 }))
      .map(([e, gaps]) => {
        let k = 0;
        return e.replace(/ /g, () => gaps[k++ % gaps.length]!);
      });
    // The case that showed it (fast-check seed -538731974) runs every time, then random ones.
    const found = '如果 非 (标准 + 标准) 则 较大(标准, 标准) 否则 如果 标准 则 标准 否则 标准 属于 标准 = 标准';
    expect(fmt(`定义 x = ${found}\n`)).toBe(
      `定义 x = 如果 非 (标准 + 标准) 则 较大(标准, 标准) 否则 (如果 标准 则 标准 否则 标准 属于 标准) = 标准\n`,
    );
    // And one whose continued line inside such brackets must keep its indent (seed 1693064076).
    const broken =
      '定义 x = 如果 标准 则 标准 否则 非 (非 (标准)) 且 如果 标准 则 标准 否则 标准 属于 标准 +  # 注\n标准 < 标准 + 标准\n';
    expect(fmt(fmt(broken))).toBe(fmt(broken));
    const seen = parsePolicy(`定义 x = ${found}\n`, 'p').file;
    expect(stripIfBrackets(parsePolicy(fmt(`定义 x = ${found}\n`), 'p').file)).toEqual(stripIfBrackets(seen));
    fc.assert(
      fc.property(laidOut, (e) => {
        const text = `定义 x = ${e}\n`;
        const parsed = parsePolicy(text, 'p');
        if (!parsed.file) return;
        const once = fmt(text);
        expect(stripIfBrackets(parsePolicy(once, 'p').file)).toEqual(stripIfBrackets(parsed.file));
        expect(fmt(once)).toBe(once);
        expect(once.match(/#/g)?.length ?? 0).toBe(text.match(/#/g)?.length ?? 0);
      }),
      { numRuns: 150 },
    );
  });
});
