// Category types: the domain (allowed values) of every category input, parameter and outcome, and `类型`
// declarations (`类型 困难类别 = 类别集 {…}`) that several inputs share. Inputs of one named type share one
// domain, so their values compare with each other; each use keeps its own 类别/类别集 from the declaration.
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { diag, domainOf } from './merge.js';
import type { Program } from './program.js';
import type { Domain } from './types.js';
import { closest } from './suggest.js';

const BUILTIN_TYPES = [
  '金额',
  '日期',
  '时长',
  '百分比',
  '整数',
  '是否',
  '文本',
  '类别',
  '类别集',
  '期间',
  '时机',
  '身份证',
  '表',
];

/** Builds `p.domains` and replaces each declaration of a named type by one with the type written out. */
export function resolveCategoryTypes(p: Program, diagnostics: Diagnostic[]): void {
  const named = new Map<string, { type: A.TypeExpr; domain: Domain }>();
  for (const decl of p.typeDecls.values()) {
    if (decl.type.name !== 'category' && decl.type.name !== 'categories') {
      diagnostics.push(diag('named-type-kind', decl.name.loc, { name: decl.name.name }));
      continue;
    }
    named.set(decl.name.name, { type: decl.type, domain: domainOf(decl.name, decl.type, diagnostics) });
  }
  p.domains.clear();
  const resolve = <D extends { name: A.Ident; type: A.TypeExpr }>(decl: D): D => {
    if (decl.type.name !== 'named') {
      if (decl.type.values) p.domains.set(decl.name.name, domainOf(decl.name, decl.type, diagnostics));
      return decl;
    }
    const ref = decl.type.ref!;
    const found = named.get(ref.name);
    if (!found) {
      if (!p.typeDecls.has(ref.name)) {
        const d = diag('unknown-type', ref.loc, { name: ref.name });
        const guess = closest(ref.name, [...p.typeDecls.keys(), ...BUILTIN_TYPES]);
        d.hint = guess
          ? { zh: `是不是“${guess}”？`, en: `Did you mean “${guess}”?` }
          : {
              zh: `类型可以是 ${BUILTIN_TYPES.join('/')}，或用“类型”声明的类别`,
              en: 'A type is one of the built-in types, or a category declared with “类型”',
            };
        diagnostics.push(d);
      }
      return decl;
    }
    p.domains.set(decl.name.name, found.domain);
    return { ...decl, type: { ...found.type, ref, loc: decl.type.loc } };
  };
  for (const [k, v] of p.inputs) p.inputs.set(k, resolve(v));
  for (const [k, v] of p.params) p.params.set(k, { ...v, decl: resolve(v.decl) });
  for (const [k, v] of p.outcomes) p.outcomes.set(k, resolve(v));
}
