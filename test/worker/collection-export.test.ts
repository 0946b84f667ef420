// The worker carries the collection mechanics and paying bodies: the township summary export has 免征代缴资助,
// 柜面应收, 事后补助, 个人实际负担 and one column per 主体; a 免征代缴 person's mechanic survives storage and export.
// Expected values worked out by hand from test/policies/yunxi-2025.policy (a fictional notice).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '../../src/roster/index.js';
import { RosterService } from '../../src/worker/service.js';

const sources = { 'yunxi-2025.policy': readFileSync('test/policies/yunxi-2025.policy', 'utf8') };
const CSV = [
  '身份证号码,姓名,乡镇,村,人员类别,参加职工医保,缴费日期',
  '110101198001010010,甲,东乡,一村,特困人员,否,', // 400 医疗救助资金, 免征代缴: nothing due
  '511723198505050012,乙,东乡,一村,低保对象、重度残疾人,否,2024-10-08', // 200 医疗救助资金 + 50 区县政府, due 150
  '511723198001010113,丙,西乡,二村,返贫致贫人口,否,2024-12-01', // 150 区县政府, 先缴后补: due 400, credited 150
].join('\n');

describe('collection mechanics and paying bodies in the worker', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('exports them in the township summary and keeps 免征代缴 through storage', async () => {
    const service = new RosterService();
    const { rosterId } = await service.import({
      file: { name: 'yunxi.csv', bytes: new TextEncoder().encode(CSV + '\n') },
      policy: { entry: 'yunxi-2025.policy', sources },
      overrides: {},
      name: '云溪',
      params: {},
    });
    const summary = parseCsv(decodeText((await service.export({ rosterId, format: 'summary-csv' })).bytes).text).rows;
    const head = summary[0]!;
    const county = summary.at(-1)!;
    const col = (h: string) => county[head.indexOf(h)];
    expect(col('免征代缴资助(元)')).toBe('400.00');
    expect(col('柜面应收(元)')).toBe('550.00');
    expect(col('事后补助(元)')).toBe('150.00');
    expect(col('个人实际负担(元)')).toBe('400.00');
    expect(col('征缴金额未知(人)')).toBe('0');
    expect(col('资助主体：医疗救助资金(元)')).toBe('600.00');
    expect(col('资助主体：区县政府(元)')).toBe('200.00');
    const en = parseCsv(decodeText((await service.export({ rosterId, format: 'summary-csv', lang: 'en' })).bytes).text)
      .rows[0]!;
    expect(en).toEqual(expect.arrayContaining(['Due at the counter (yuan)', 'Paid by: 区县政府(yuan)']));

    const results = parseCsv(decodeText((await service.export({ rosterId, format: 'csv' })).bytes).text).rows;
    const timing = results[0]!.indexOf('资助方式');
    expect(results.slice(1).map((r) => r[timing])).toEqual(['免征代缴', '缴费时抵扣', '先缴后补']);
  });
});
