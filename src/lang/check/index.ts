// Check stage: merge the `继承` chain, then run every pass; all problems are collected before compiling.
import type { SourceReader } from '../api.js';
import type { Diagnostic } from '../diagnostic.js';
import { mergePolicy } from './merge.js';
import { PASSES } from './passes/index.js';
import type { Program } from './program.js';
import { TypeChecker } from './typecheck.js';

export interface CheckResult {
  program: Program | null;
  diagnostics: Diagnostic[];
}

export function checkPolicy(entry: string, read: SourceReader): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const program = mergePolicy(entry, read, diagnostics);
  if (!program) return { program: null, diagnostics };
  const checker = new TypeChecker(program, diagnostics);
  const report = (d: Diagnostic) => diagnostics.push(d);
  for (const pass of PASSES) pass({ program, checker, report });
  return { program, diagnostics };
}

export type { Program };
