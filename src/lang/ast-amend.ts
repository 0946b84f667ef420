// Syntax of inheritance (`继承`) beyond replacing whole declarations: amending single rules of an inherited outcome.
import type { ClauseRef, Expr, Ident, Loc, Rule } from './ast.js';

/** Which inherited rule an amendment means: the rule citing a clause, the rule with a label, or the `否则` rule. */
export interface RuleTarget {
  kind: 'clause' | 'label' | 'otherwise';
  /** The clause number (normalised), the label text, or `否则`. */
  id: string;
  loc: Loc;
}

export type Amendment =
  | { op: 'replace'; target: RuleTarget; rule: Rule; loc: Loc }
  | { op: 'remove'; target: RuleTarget; loc: Loc }
  /** `增加` puts the rule before `否则` (after every inherited rule); `增加 在前` at the front. */
  | { op: 'add'; front: boolean; rule: Rule; loc: Loc };

/** `参数 名 = 值`: the value of an inherited parameter (a template's open one, say), its type as declared there. */
export interface ParamValueDecl {
  kind: 'param-value';
  name: Ident;
  value: Expr;
  clause: ClauseRef | null;
  loc: Loc;
}

/** `扩展 结果 名 { … }`: the inherited outcome, changed rule by rule. */
export interface ExtendOutcomeDecl {
  kind: 'extend-outcome';
  name: Ident;
  amendments: Amendment[];
  loc: Loc;
}
