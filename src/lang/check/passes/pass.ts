// The shape of a checker pass: one small function per kind of problem, registered in passes/index.ts.
import type { Diagnostic } from '../../diagnostic.js';
import type { Program } from '../program.js';
import type { TypeChecker } from '../typecheck.js';

export interface PassContext {
  program: Program;
  checker: TypeChecker;
  report: (d: Diagnostic) => void;
}

export type Pass = (ctx: PassContext) => void;
