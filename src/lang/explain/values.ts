// What an explanation says about one expression for one person: its formula with the values put in
// (`较大(个人缴费标准 - 政府资助, 0元) → 较大(250.00元 - 0.00元, 0元) → 250.00元`), the definitions and parameters it
// reads (each a step of its own, once), and, where it comes out unknown, why: the parameter without value, the
// roster cell that could not be read, the outcome whose rules conflict.
import type * as A from '../ast.js';
import type { ExplainStep } from '../api.js';
import { bi, type Bilingual } from '../diagnostic.js';
import { FUNCTION_NAMES } from '../check/functions.js';
import { lookup, type Program } from '../check/program.js';
import { declaredType } from '../check/typecheck.js';
import type { Compiled } from '../compile/compile-policy.js';
import { NO_VALUE } from '../compile/compile-policy.js';
import type { Fn } from '../compile/compile-expr.js';
import type { Context } from '../compile/context.js';
import { UNKNOWN, type Value } from '../compile/runtime-values.js';
import { formatValue } from '../evaluate/format.js';
import { expr as printExpr } from '../print/index.js';
import { siteKey, siteOwner } from '../compile/sites.js';
import { idProblemText } from '../evaluate/flags.js';
import { exprChildren } from '../expr-children.js';

type Cite = (clause: A.ClauseRef | null) => Pick<ExplainStep, 'clause' | 'clauseText'>;

/** English for a formatted value (`未知` → unknown, `无` → none, 是/否 → yes/no). */
export function valueEn(text: string): string {
  return text === '未知' ? 'unknown' : text === '无' ? 'none' : text === '是' ? 'yes' : text === '否' ? 'no' : text;
}

export class ValueExplainer {
  private readonly p: Program;
  private readonly fns = new WeakMap<A.Expr, Fn>();
  /** Definitions and parameters already explained (each is explained once, where it is first read). */
  private readonly shown = new Set<string>();

  constructor(
    private readonly compiled: Compiled,
    private readonly c: Context,
    private readonly steps: ExplainStep[],
    private readonly cite: Cite,
  ) {
    this.p = compiled.program;
  }

  /** The value of `e` for this person, computed by the closures (memos shared with the evaluation). */
  value(e: A.Expr): Value {
    let f = this.fns.get(e);
    if (!f) this.fns.set(e, (f = this.compiled.compile(e)));
    return f(this.c);
  }

  format(e: A.Expr, v: Value = this.value(e)): string {
    return formatValue(v, this.p.types.get(e));
  }

  /** `formula → formula with values → value`, leaving out a part that repeats the one before. */
  formula(e: A.Expr): { zh: string; en: string } {
    // As the author wrote it (names, parentheses), on one line and without comments.
    const src = printExpr(e);
    const substituted = this.substitute(e);
    const value = this.format(e);
    const parts = [src];
    if (substituted !== src && substituted !== value) parts.push(substituted);
    const zh = [...parts, value].filter((x, i, a) => i === 0 || x !== a[i - 1]).join(' → ');
    const en = [...parts, valueEn(value)].filter((x, i, a) => i === 0 || x !== a[i - 1]).join(' → ');
    return { zh, en };
  }

  /** The expression with each name that has a value for this person written as that value. */
  substitute(e: A.Expr): string {
    return printExpr(e, (x) => {
      if (x.kind !== 'name') return null;
      const s = lookup(this.p, x.name);
      if (!s || s.kind === 'group' || s.kind === 'value') return null;
      return this.format(x);
    });
  }

  /**
   * Steps under the one just written for `e`: each definition and parameter it reads, not shown before, with its
   * own formula and what that reads in turn; then why `e` is unknown, where it is.
   */
  details(e: A.Expr, depth: number): void {
    for (const call of this.ageCalls(e)) {
      const key = `年龄(${this.substitute(call.args[0]!)})`;
      if (this.shown.has(key)) continue;
      this.shown.add(key);
      const f = this.formula(call);
      this.steps.push({ depth, kind: 'define', text: { zh: `年龄：${f.zh}`, en: `Age: ${f.en}` } });
    }
    for (const n of this.names(e)) {
      const s = lookup(this.p, n.name);
      if (!s || this.shown.has(n.name)) continue;
      if (s.kind === 'define') {
        this.shown.add(n.name);
        const f = this.formula(s.decl.expr);
        this.steps.push({
          depth,
          kind: 'define',
          text: { zh: `定义“${n.name}”：${f.zh}`, en: `Definition “${n.name}”: ${f.en}` },
          ...this.cite(s.decl.clause),
        });
        this.details(s.decl.expr, depth + 1);
      } else if (s.kind === 'param') {
        this.shown.add(n.name);
        const i = this.compiled.paramNames.indexOf(n.name);
        const raw = this.c.params[i];
        const text =
          raw === (NO_VALUE as unknown)
            ? bi('政策未给出值', 'no value given')
            : (() => {
                const v = formatValue(raw as Value, declaredType(this.p, s.entry.decl.type, n.name));
                return bi(v, valueEn(v));
              })();
        this.steps.push({
          depth,
          kind: 'param',
          text: { zh: `参数“${n.name}” = ${text.zh}`, en: `Parameter “${n.name}” = ${text.en}` },
          ...this.cite(s.entry.decl.clause),
        });
      }
    }
    if (this.value(e) === UNKNOWN) this.why(e, depth);
  }

  /** Steps saying why `e` is unknown: each root cause once. */
  why(e: A.Expr, depth: number): void {
    const causes = new Map<string, Bilingual>();
    this.causes(e, causes, new Set());
    if (causes.size === 0) causes.set('?', bi('无法确定，原因未能追溯', 'unknown, and its cause could not be traced'));
    for (const text of causes.values())
      this.steps.push({
        depth,
        kind: 'unknown',
        text: { zh: `无法确定的原因：${text.zh}`, en: `Why it is unknown: ${text.en}` },
      });
  }

  private causes(e: A.Expr, out: Map<string, Bilingual>, visiting: Set<string>): void {
    if (this.value(e) !== UNKNOWN) return;
    if (this.ownCause(e, out)) return;
    if (e.kind === 'name') {
      const s = lookup(this.p, e.name);
      if (!s || visiting.has(e.name)) return;
      switch (s.kind) {
        case 'param': {
          if (this.c.hasCause('missing-parameter', e.name))
            out.set(
              `param:${e.name}`,
              bi(
                `缺少参数“${e.name}”的值（在政策中写 参数 ${e.name}：… = 值，或计算时给出 --param ${e.name}=值）`,
                `parameter “${e.name}” has no value (give it one in the policy, or --param ${e.name}=… when computing)`,
              ),
            );
          return;
        }
        case 'input': {
          const cell = this.c.unreadable.find((u) => u.field === e.name);
          if (!cell) return;
          out.set(
            `cell:${e.name}`,
            cell.missing
              ? bi(
                  `花名册此行没有“${cell.column}”这一格（行比表头短）`,
                  `the roster row has no “${cell.column}” cell (the row is shorter than the header)`,
                )
              : bi(
                  `花名册“${cell.column}”一格的内容“${cell.text}”无法读取${cell.suggestion ? `（是否为“${cell.suggestion}”？）` : ''}`,
                  `the roster cell “${cell.column}” holds “${cell.text}”, which cannot be read${cell.suggestion ? ` (did you mean “${cell.suggestion}”?)` : ''}`,
                ),
          );
          return;
        }
        case 'define':
          visiting.add(e.name);
          this.causes(s.decl.expr, out, visiting);
          visiting.delete(e.name);
          return;
        case 'outcome': {
          const name = s.decl.name.name;
          const own = this.outcomeCause(name);
          if (own) {
            out.set(`outcome:${name}`, own);
            return;
          }
          visiting.add(e.name);
          for (const r of s.decl.rules) {
            if (r.when) this.causes(r.when, out, visiting);
            this.causes(r.value, out, visiting);
          }
          visiting.delete(e.name);
          return;
        }
        case 'period':
          this.causes(s.decl.start, out, visiting);
          this.causes(s.decl.end, out, visiting);
          return;
        case 'deadline':
          this.causes(s.decl.date, out, visiting);
          return;
        default:
          return;
      }
    }
    for (const child of this.children(e)) this.causes(child, out, visiting);
  }

  /**
   * Where `e` is unknown of itself (its parts are known): a division by zero or an overflow at `e`, an invalid ID
   * number read for birth date, sex or age. Adds the cause and says whether there was one.
   */
  private ownCause(e: A.Expr, out: Map<string, Bilingual>): boolean {
    const id = this.c.idCheck();
    const s = e.kind === 'name' ? lookup(this.p, e.name) : null;
    const person =
      (e.kind === 'call' && FUNCTION_NAMES[e.fn.name] === 'ageAt') ||
      (s?.kind === 'builtin' && (s.name === 'birth' || s.name === 'sex'));
    if (person && !id.ok && this.children(e).every((x) => this.value(x) !== UNKNOWN)) {
      const why = idProblemText(id.problem);
      out.set(
        'id',
        bi(
          `身份证号码无效（${why.zh}），出生日期、性别和年龄无法确定`,
          `the ID number is invalid (${why.en}), so birth date, sex and age are unknown`,
        ),
      );
      return true;
    }
    if (e.kind !== 'binary' && e.kind !== 'neg') return false;
    if (this.children(e).some((x) => this.value(x) === UNKNOWN)) return false;
    const site = siteKey(e.loc);
    const where = siteOwner(this.p, site) ?? bi('政策中', 'the policy');
    if (this.c.hasCause('division-by-zero', site)) {
      out.set(
        `div:${site}`,
        bi(`${site}（${where.zh}）的除法除数为零`, `the division at ${site} (${where.en}) divides by zero`),
      );
      return true;
    }
    if (this.c.hasCause('arithmetic-overflow', site)) {
      out.set(
        `overflow:${site}`,
        bi(
          `${site}（${where.zh}）的计算结果超出可精确计算的范围（2^53 − 1 分）`,
          `the result at ${site} (${where.en}) is beyond exact arithmetic (2^53 − 1 fen)`,
        ),
      );
      return true;
    }
    return false;
  }

  /** The names an expression reads for this person, in reading order, each once (of 如果, the branch taken). */
  private names(e: A.Expr): { name: string }[] {
    const out = new Map<string, { name: string }>();
    const walk = (x: A.Expr) => {
      if (x.kind === 'name') {
        if (!out.has(x.name)) out.set(x.name, x);
        return;
      }
      this.children(x).forEach(walk);
    };
    walk(e);
    return [...out.values()];
  }

  /** The 年龄(…) calls `e` reads: a person's age is worth a step of its own (`年龄(2025-01-01) → 74`). */
  private ageCalls(e: A.Expr): Extract<A.Expr, { kind: 'call' }>[] {
    const out: Extract<A.Expr, { kind: 'call' }>[] = [];
    const walk = (x: A.Expr) => {
      if (x.kind === 'call' && FUNCTION_NAMES[x.fn.name] === 'ageAt' && x.args.length === 1) out.push(x);
      this.children(x).forEach(walk);
    };
    walk(e);
    return out;
  }

  /** The parts of `e` that give its value: of 如果 with a known condition, the condition and the branch taken. */
  private children(e: A.Expr): A.Expr[] {
    if (e.kind === 'if') {
      const cond = this.value(e.cond);
      return cond === UNKNOWN ? [e.cond] : [e.cond, cond ? e.then : e.else];
    }
    return exprChildren(e);
  }

  /** The cause an outcome itself gives to being unknown: conflicting rules, no rule, a rule without value. */
  outcomeCause(name: string): Bilingual | null {
    if (this.c.hasCause('rule-conflict', name))
      return bi(
        `结果“${name}”有多条规则同时适用，且给出不同的值（规则冲突）`,
        `several rules of “${name}” apply and give different values (rule conflict)`,
      );
    if (this.c.hasCause('no-rule', name))
      return bi(
        `结果“${name}”没有适用的规则，且政策未写“否则”`,
        `no rule of “${name}” applies and the policy states no “otherwise”`,
      );
    if (this.c.hasCause('rule-without-value', name))
      return bi(`结果“${name}”适用的规则没有值（空白）`, `a rule of “${name}” applies but gives no value (empty)`);
    const rule = this.p.outcomes.get(name)?.rules.find((r) => this.c.hasCause('arithmetic-overflow', siteKey(r.loc)));
    if (rule)
      return bi(
        `结果“${name}”的合计超出可精确计算的范围（2^53 − 1 分），在 ${siteKey(rule.loc)}`,
        `the sum of “${name}” is beyond exact arithmetic (2^53 − 1 fen), at ${siteKey(rule.loc)}`,
      );
    return null;
  }
}
