// Golden results for each bundled policy over its bundled sample roster. Rewrite with UPDATE_GOLDEN=1 and review the diff.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { evaluateRoster, loadPolicy } from '../../src/lang/index.js';
import { readRosterBytes } from '../../src/roster/index.js';
import { formatDate } from '../../src/lang/runtime/calendar.js';
import { formatYuan } from '../../src/lang/runtime/money.js';
import { loadAsFile } from '../../src/cli/load-code.js';
import { fromDisk } from '../helpers.js';

const CASES = [
  ['policies/kaijiang-2020.policy', 'public/samples/kaijiang-2020-sample.csv', 'test/golden/kaijiang-2020.golden.tsv'],
  ['policies/gaotai-2021.policy', 'public/samples/gaotai-2021-sample.csv', 'test/golden/gaotai-2021.golden.tsv'],
] as const;

describe('golden results', () => {
  // Both back ends: generated code (as rosters run in the worker) and the closures, against one golden file.
  for (const [policyPath, rosterPath, goldenPath] of CASES) for (const [backend, loadCode] of [['generated', loadAsFile], ['closures', undefined]] as const) {
    it(`${policyPath} over ${rosterPath} (${backend})`, () => {
      const policy = loadPolicy(policyPath, fromDisk).policy!;
      const roster = readRosterBytes(new Uint8Array(readFileSync(rosterPath)), rosterPath, policy.fields);
      const { results, summary, evaluator } = evaluateRoster(policy, roster.rows, { loadCode });
      expect(evaluator).toBe(backend);
      const y = (f: number | null) => (f === null ? '—' : formatYuan(f));
      const d = (x: number | null) => (x === null ? '—' : formatDate(x));
      const lines = [
        '行\t身份证号码\t资格\t个人缴费\t政府资助\t资助方式\t待遇开始\t待遇结束\t标记',
        ...results.map((r) => [r.row, r.idNumber, r.eligible ? '是' : '否', y(r.personalFee), y(r.subsidy), r.subsidyTiming ?? '—', d(r.benefitStart), d(r.benefitEnd), r.flags.map((f) => f.code).join(' ')].join('\t')),
        '',
        ...[summary.county, ...summary.townships].map((s) => `汇总\t${s.name}\t${s.rows}\t${s.eligible}\t${s.enrolled}\t${s.target ?? '—'}\t${y(s.collected)}\t${y(s.subsidyUpfront)}\t${y(s.subsidyAfterPayment)}${s.backPayment == null ? '' : `\t${y(s.backPayment)}`}`),
        `标记\t${Object.entries(summary.flags).sort().map(([k, v]) => `${k}=${v}`).join(' ')}`,
      ];
      const text = lines.join('\n') + '\n';
      if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath)) writeFileSync(goldenPath, text);
      expect(text).toBe(readFileSync(goldenPath, 'utf8'));
    });
  }
});
