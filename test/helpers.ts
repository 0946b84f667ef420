// Test helpers: load policies from disk or from strings.
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { evaluateRoster, loadPolicy, type CompiledPolicy, type LoadResult, type RosterRow } from '../src/lang/index.js';
import { loadAsFile } from '../src/cli/load-code.js';

export const fromDisk = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);

/** Loads an in-memory policy (files by name), as the app's editor does. */
export function loadText(text: string, files: Record<string, string> = {}): LoadResult {
  const all: Record<string, string> = { 'test.policy': text, ...files };
  return loadPolicy('test.policy', (p) => all[p] ?? null);
}

/** An in-memory policy that must check without errors (the test fails, listing them, if not). */
export function loadChecked(text: string): CompiledPolicy {
  const r = loadText(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.policy!;
}

/** A roster's results from the closures and from the generated code, after checking that the two agree. */
export function evaluateBoth(policy: CompiledPolicy, rows: RosterRow[], params?: Record<string, string>) {
  const closures = evaluateRoster(policy, rows, { params });
  const generated = evaluateRoster(policy, rows, { loadCode: loadAsFile, params });
  expect(closures.evaluator).toBe('closures');
  expect(generated.evaluator).toBe('generated');
  expect(generated.results).toEqual(closures.results);
  expect(generated.summary).toEqual(closures.summary);
  return closures;
}

export function codes(r: LoadResult): string[] {
  return r.diagnostics.map((d) => d.code);
}

/** A minimal valid policy, with `extra` appended, for checker tests. */
export function minimal(extra = '', outcomes?: string): string {
  return `政策 {
  标题：测试
  县：测试县
  年度：2020
}
输入 身份证号码：身份证，必填
输入 人员类别：类别集 {普通居民, 特困人员, 低保对象}
输入 缴费日期：日期
参数 标准：金额 = 250元
${
  outcomes ??
  `结果 参保资格：是否 { 否则：是 }
结果 政府资助：金额 { 否则：0元 }
结果 个人缴费：金额 { 否则：标准 }
结果 资助方式：时机 { 否则：无 }
结果 已参保：是否 { 否则：有值(缴费日期) }
结果 待遇开始：日期 { 否则：年度开始 }
结果 待遇结束：日期 { 否则：年度结束 }`
}
${extra}
`;
}
