// The checker's passes, in the order they run. Each reports one kind of problem.
import type { Pass } from './pass.js';
import { checkDeclarations } from './check-declarations.js';
import { checkOutcomes } from './check-outcomes.js';
import { checkExamples } from './check-examples.js';
import { reportTargetSum } from './report-target-sum.js';
import { reportUnknownClauses } from './report-unknown-clauses.js';
import { reportParameterWithoutValue } from './report-parameter-without-value.js';
import { reportCycles } from './report-cycles.js';
import { reportInheritedFromLastYear } from './report-inherited-from-last-year.js';
import { reportNegativeLiteral } from './report-negative-literal.js';
import { reportDivisionByZero } from './report-division-by-zero.js';
import { checkLabels } from './check-labels.js';
import { checkCategories } from './check-categories.js';
import { checkTemplates } from './check-templates.js';
import { checkAttributes } from './check-attributes.js';

export const PASSES: Pass[] = [
  checkDeclarations,
  checkOutcomes,
  checkLabels,
  checkExamples,
  checkCategories,
  checkTemplates,
  reportTargetSum,
  reportParameterWithoutValue,
  reportUnknownClauses,
  reportCycles,
  reportInheritedFromLastYear,
  reportNegativeLiteral,
  reportDivisionByZero,
  checkAttributes,
];
