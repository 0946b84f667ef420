// The contract of src/lang as the CLI, worker and UI use it. Implemented in src/lang/index.ts.
import type { Bilingual, Diagnostic } from './diagnostic.js';
import type {
  Clause,
  FieldSpec,
  FieldValue,
  OperationalRule,
  ParticipationGoal,
  PersonResult,
  PolicyHeader,
  RosterRow,
  RosterSummary,
  TargetTable,
} from './model.js';

/**
 * Reads a policy file by path (relative paths in `继承` resolve against the including file). null: not found;
 * a refusal: the path names something that is not a policy file to read (a folder, a device, a file too large).
 */
export type SourceReader = (path: string) => string | null | SourceRefusal;

/** Why a reader will not read a path. */
export interface SourceRefusal {
  refused: 'folder' | 'device' | 'too-large' | 'unreadable';
}

/** Parameter values supplied at evaluation time, as policy-syntax text (e.g. `低保资助额=150元`). */
export type ParamOverrides = Record<string, string>;

export interface ParameterInfo {
  name: string;
  type: string;
  /** Display form of the value, null when the policy leaves it unset. */
  value: string | null;
  clause?: string;
}

export interface CompiledPolicy {
  path: string;
  header: PolicyHeader;
  /** Roster fields, in declaration order. */
  fields: FieldSpec[];
  clauses: Clause[];
  parameters: ParameterInfo[];
  groups: { name: string; members: string[]; clause?: string }[];
  targets: TargetTable | null;
  goals: ParticipationGoal[];
  operations: OperationalRule[];
  /** Names of policy-defined extra outcomes (appear in PersonResult.extras). */
  extraOutcomes: string[];
  /** Number of examples in the policy. */
  exampleCount: number;
  /** `模板：是`: a rule set for county files to inherit; it evaluates no roster (see `notEvaluable`). */
  template?: boolean;
}

export interface LoadResult {
  policy: CompiledPolicy | null;
  /** Every problem found (errors and warnings), parse through check. */
  diagnostics: Diagnostic[];
}

/**
 * What a step is: the person and their roster cells, an outcome, a rule tried for it, a definition or parameter a
 * rule reads, why a value is unknown, a flag.
 */
export type ExplainKind = 'person' | 'roster' | 'outcome' | 'rule' | 'define' | 'param' | 'unknown' | 'flag';

/**
 * One step of an explanation. The steps are a tree written out in reading order: a step's children follow it,
 * one level deeper (an outcome at 0, its rules at 1, the definitions a rule reads at 2, theirs at 3 …).
 */
export interface ExplainStep {
  /** Indentation depth (0 = an outcome, 1 = a rule tried for it, 2 = a definition the rule reads …). */
  depth: number;
  kind?: ExplainKind;
  text: Bilingual;
  clause?: string;
  /** The notice's own sentence for the clause. */
  clauseText?: string;
}

export interface RosterEvaluation {
  results: PersonResult[];
  summary: RosterSummary;
  /** Problems with the overrides or the roster as a whole. */
  diagnostics: Diagnostic[];
  /** How it was computed: generated code, or the slower closures where it could not be loaded or used. */
  evaluator: 'generated' | 'closures';
}

export type { FieldValue, RosterRow };
