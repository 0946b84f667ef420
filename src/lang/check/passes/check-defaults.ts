// Defaults and fallbacks (grammar/reference/dates-and-history.md): `输入 x：类型，缺省 值` gives an empty cell a value,
// `参数 x：类型，缺省 表达式` gives a parameter without a value one. Both are typed as the declaration; an input's
// default names no roster field, definition or outcome (it is read in their place), a parameter's fallback is as
// constant as a parameter's value; a fallback beside a declared value can never apply.
import type * as A from '../../ast.js';
import type { Diagnostic } from '../../diagnostic.js';
import { diag } from '../merge.js';
import { namesIn } from '../names.js';
import { lookup, type Program } from '../program.js';
import { declaredType, type TypeChecker } from '../typecheck.js';

export function checkDefaults(p: Program, checker: TypeChecker, report: (d: Diagnostic) => void): void {
  for (const input of p.inputs.values()) {
    if (!input.default) continue;
    expectConstant(checker, input.default, declaredType(p, input.type, input.name.name));
    for (const ref of namesIn(input.default)) {
      const s = lookup(p, ref.name);
      if (s && s.kind !== 'param' && s.kind !== 'value' && s.kind !== 'group' && s.kind !== 'builtin')
        report(diag('default-not-constant', ref.loc, { name: ref.name, input: input.name.name }));
    }
  }
  for (const { decl } of p.params.values()) {
    if (!decl.default) continue;
    expectConstant(checker, decl.default, declaredType(p, decl.type, decl.name.name));
    if (decl.value) report(diag('default-unused', decl.default.loc, { name: decl.name.name }, 'warning'));
  }
}

function expectConstant(checker: TypeChecker, e: A.Expr, want: ReturnType<typeof declaredType>): void {
  const saved = checker.constant;
  checker.constant = true;
  checker.expect(e, want);
  checker.constant = saved;
}
