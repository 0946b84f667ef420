// The synthetic roster generator: determinism, realism, seeded problems, and the committed samples.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { checkIdNumber } from '../../src/lang/runtime/id-number.js';
import { formatDate, parseIsoDate } from '../../src/lang/runtime/calendar.js';
import { parseRosterArgs } from '../../scripts/roster/cli-args.js';
import { COUNTIES, countyTotal, KAIJIANG } from '../../scripts/roster/counties.js';
import { csvRecord, isGbkSafe, rosterCsvBytes } from '../../scripts/roster/csv.js';
import {
  COL,
  generateRoster,
  generateRosterRecords,
  ROSTER_HEADERS,
  type GeneratedRow,
} from '../../scripts/roster/generate.js';
import { COMMUNITY_STEMS, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, VILLAGE_STEMS } from '../../scripts/roster/names.js';
import { apportion, mulberry32 } from '../../scripts/roster/prng.js';
import { loadPolicy } from '../../src/lang/index.js';
import { readRosterBytes } from '../../src/roster/index.js';
import { fromDisk } from '../helpers.js';

const SAMPLES = 'public/samples';

function take<T>(it: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const x of it) {
    if (out.length >= n) break;
    out.push(x);
  }
  return out;
}

describe('PRNG and apportioning', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
  it('apportion adds up exactly and reproduces the weights at their sum', () => {
    const sizes = KAIJIANG.townships.map((t) => t.size);
    expect(apportion(513080, sizes)).toEqual(sizes);
    for (const n of [0, 1, 7, 400, 12345]) expect(apportion(n, sizes).reduce((a, b) => a + b, 0)).toBe(n);
  });
  it('the 开江 table adds up to the notice total', () => {
    expect(countyTotal(KAIJIANG)).toBe(513080);
  });
});

describe('generateRoster', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = [...generateRoster({ county: 'kaijiang', rows: 3000, seed: 5 })];
    const b = [...generateRoster({ county: 'kaijiang', rows: 3000, seed: 5 })];
    const c = [...generateRoster({ county: 'kaijiang', rows: 3000, seed: 6 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('writes exactly the requested number of rows, with 15 cells each', () => {
    for (const rows of [0, 1, 2, 19, 400]) {
      const out = [...generateRoster({ county: 'gaotai', rows, seed: 3 })];
      expect(out.length).toBe(rows);
      for (const r of out) expect(r.length).toBe(ROSTER_HEADERS.length);
    }
  });

  it('the CSV header is exactly the agreed columns', () => {
    expect(csvRecord(ROSTER_HEADERS)).toBe(
      '姓名,身份证号码,性别,出生日期,户号,与户主关系,乡镇,村(社区),人员类别,是否本县户籍,上年度是否参保,缴费日期,中途参保原因,其他保险,建档立卡认定日期',
    );
    const bytes = rosterCsvBytes({ county: 'kaijiang', rows: 3, seed: 1 });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const gbk = rosterCsvBytes({ county: 'kaijiang', rows: 3, seed: 1, encoding: 'gbk' });
    expect(iconv.decode(gbk, 'gbk')).toBe(bytes.subarray(3).toString('utf8'));
  });

  it('rejects bad options', () => {
    expect(() => [...generateRoster({ county: 'nowhere' as 'gaotai', rows: 1 })]).toThrow();
    expect(() => [...generateRoster({ county: 'gaotai', rows: -1 })]).toThrow();
    expect(() => [...generateRoster({ county: 'gaotai', rows: 1, seed: 1.5 })]).toThrow();
  });

  it('uses only characters that GBK can encode', () => {
    const all = [
      ...SURNAMES.map(([s]) => s),
      ...GIVEN_MALE,
      ...GIVEN_FEMALE,
      ...VILLAGE_STEMS,
      ...COMMUNITY_STEMS,
      ...ROSTER_HEADERS,
    ].join('');
    expect(isGbkSafe(all)).toBe(true);
    for (const c of Object.values(COUNTIES)) expect(isGbkSafe(c.townships.map((t) => t.name).join(''))).toBe(true);
  });
});

describe.each([
  ['kaijiang', 513080],
  ['gaotai', 150000],
] as const)('a whole county: %s, %i rows', (county, rows) => {
  const profile = COUNTIES[county];
  let records: GeneratedRow[] = [];
  const get = (): GeneratedRow[] => {
    if (records.length === 0) records = [...generateRosterRecords({ county, rows, seed: 11 })];
    return records;
  };

  it(
    'every ID is valid except the seeded invalid ones; sex and birth date agree with the ID',
    { timeout: 60_000 },
    () => {
      let invalid = 0;
      const wrong: string[] = []; // collected, not asserted per row: expect() per row is slow at county scale
      for (const r of get()) {
        const c = r.cells;
        const check = checkIdNumber(c[COL.id]!);
        if (check.ok === !!r.flags.invalidId) wrong.push(`validity ${c[COL.id]} ${JSON.stringify(r.flags)}`);
        if (check.ok) {
          if (check.sex !== c[COL.sex] || formatDate(check.birth) !== c[COL.birth])
            wrong.push(`sex/birth ${c.join(',')}`);
          if ((check.normalized.slice(0, 6) === profile.area) !== (c[COL.local] === '是'))
            wrong.push(`area ${c.join(',')}`);
        } else {
          invalid++;
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(invalid / rows).toBeGreaterThan(0.0005);
      expect(invalid / rows).toBeLessThan(0.002);
    },
  );

  it('townships follow the target table exactly (apportioned), villages are 村 or 社区', { timeout: 60_000 }, () => {
    const counts = new Map<string, number>();
    for (const r of get()) counts.set(r.cells[COL.township]!, (counts.get(r.cells[COL.township]!) ?? 0) + 1);
    const expected = apportion(
      rows,
      profile.townships.map((t) => t.size),
    );
    profile.townships.forEach((t, i) => expect(counts.get(t.name), t.name).toBe(expected[i]));
    if (county === 'kaijiang') profile.townships.forEach((t) => expect(counts.get(t.name)).toBe(t.size));
    expect(get().filter((r) => !/^\S{2,}(村|社区)$/.test(r.cells[COL.village]!)).length).toBe(0);
  });

  it(
    'has duplicates (same person twice) at about 0.2%, and each duplicate repeats an earlier ID',
    { timeout: 60_000 },
    () => {
      const seen = new Set<string>();
      let dup = 0;
      const wrong: string[] = [];
      for (const r of get()) {
        const id = r.cells[COL.id]!;
        if (r.flags.duplicate) {
          if (!seen.has(id)) wrong.push(`duplicate of nothing: ${id}`);
          dup++;
        } else if (seen.has(id)) {
          wrong.push(`unexpected repeat of ${id}`);
        }
        seen.add(id);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(dup / rows).toBeGreaterThan(0.001);
      expect(dup / rows).toBeLessThan(0.003);
    },
  );

  it('households are realistic: 1–7 people, relations fit sexes and ages, ages 0–95', { timeout: 60_000 }, () => {
    const MALE = new Set(['子', '父亲', '孙子', '女婿']);
    const FEMALE = new Set(['女', '母亲', '孙女', '儿媳']);
    const households = new Map<string, string[][]>();
    const wrong: string[] = [];
    for (const r of get()) {
      if (r.flags.duplicate) continue;
      const c = r.cells;
      const list = households.get(c[COL.household]!) ?? [];
      list.push(c);
      households.set(c[COL.household]!, list);
      if ((MALE.has(c[COL.relation]!) && c[COL.sex] !== '男') || (FEMALE.has(c[COL.relation]!) && c[COL.sex] !== '女'))
        wrong.push(`sex ${c.join(',')}`);
      const birthYear = Number(c[COL.birth]!.slice(0, 4));
      if (birthYear < profile.year - 96 || birthYear > profile.year) wrong.push(`age ${c.join(',')}`);
    }
    const sizes = new Map<number, number>();
    for (const members of households.values()) {
      sizes.set(members.length, (sizes.get(members.length) ?? 0) + 1);
      if (members.length > 7) wrong.push(`size ${members.length} ${members[0]![COL.household]}`);
      const head = members.filter((m) => m[COL.relation] === '户主');
      if (head.length !== 1) wrong.push(`heads ${head.length} ${members[0]![COL.household]}`);
      if (head.length === 0) continue;
      const headBirth = head[0]![COL.birth]!;
      for (const m of members) {
        const rel = m[COL.relation]!;
        if ((rel === '子' || rel === '女' || rel === '孙子' || rel === '孙女') && !(m[COL.birth]! > headBirth))
          wrong.push(`older child ${m.join(',')}`);
        if ((rel === '父亲' || rel === '母亲') && !(m[COL.birth]! < headBirth))
          wrong.push(`younger parent ${m.join(',')}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    const mode = [...sizes].sort((a, b) => b[1] - a[1])[0]![0];
    expect([3, 4]).toContain(mode);
  });

  it(
    'payment dates: central period with both end days, some later, about 3% empty, a few other formats and bad dates',
    { timeout: 60_000 },
    () => {
      const start = formatDate(profile.centralStart);
      const end = formatDate(profile.centralEnd);
      let empty = 0;
      let central = 0;
      let later = 0;
      let otherFormat = 0;
      let bad = 0;
      const wrong: string[] = [];
      const firstLast = new Set<string>();
      for (const r of get()) {
        const p = r.cells[COL.payDate]!;
        if (p === '') empty++;
        else if (r.flags.badDate) bad++;
        else if (/^\d{4}-\d{2}-\d{2}$/.test(p)) {
          if (parseIsoDate(p) === null) wrong.push(p);
          if (p >= start && p <= end) central++;
          else if (p > end) later++;
          if (p === start || p === end) firstLast.add(p);
        } else {
          if (!/^\d{4}\/\d{2}\/\d{2}$|^\d{8}$|^\d{4}年\d{1,2}月\d{1,2}日$/.test(p)) wrong.push(p);
          otherFormat++;
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(firstLast.size).toBe(2);
      expect(central / rows).toBeGreaterThan(0.7);
      expect(later / rows).toBeGreaterThan(0.03);
      expect(empty / rows).toBeGreaterThan(0.015);
      expect(empty / rows).toBeLessThan(0.06);
      expect(otherFormat / rows).toBeGreaterThan(0.02);
      expect(otherFormat / rows).toBeLessThan(0.08);
      expect(bad).toBeGreaterThan(0);
    },
  );

  it('categories come at roughly the requested rates, with aliases and combined cells', { timeout: 60_000 }, () => {
    const count = (re: RegExp) => get().filter((r) => re.test(r.cells[COL.category]!)).length / rows;
    expect(count(/^普通居民$/)).toBeGreaterThan(0.85);
    expect(count(/建档立卡贫困人口/)).toBeGreaterThan(0.025);
    expect(count(/、/)).toBeGreaterThan(0.0002);
    expect(count(/孤儿/)).toBeGreaterThan(0.0001);
    if (county === 'kaijiang') {
      expect(count(/特困/)).toBeGreaterThan(0.005);
      expect(count(/低保对象|最低生活保障|低保户/)).toBeGreaterThan(0.025);
      expect(count(/特困供养人员/)).toBeGreaterThan(0);
      expect(count(/城乡居民最低生活保障对象/)).toBeGreaterThan(0);
      expect(count(/低保户/)).toBeGreaterThan(0);
      expect(count(/重度残疾人/)).toBeGreaterThan(0.005);
      expect(count(/重点优抚对象/)).toBeGreaterThan(0.002);
    } else {
      for (const c of [
        '农村低保一类对象',
        '城市全额保障对象',
        '城乡低保差额保障对象',
        '农村低保二类对象',
        '城市差额保障对象',
        '特困人员',
      ])
        expect(count(new RegExp(c)), c).toBeGreaterThan(0);
      // 建档立卡认定日期 exactly for 建档立卡贫困人口, some recognised in the coverage year.
      let newly = 0;
      let mismatched = 0;
      for (const r of get()) {
        const has = r.cells[COL.povertyDate] !== '';
        if (has !== r.cells[COL.category]!.includes('建档立卡贫困人口')) mismatched++;
        if (r.cells[COL.povertyDate]!.startsWith(String(profile.year))) newly++;
      }
      expect(newly).toBeGreaterThan(0);
      expect(mismatched).toBe(0);
    }
  });

  it(
    'other columns: 上年度是否参保 about 92% 是, mostly local, students with 大学生医保 are 18–22, newborns pay around 90 days',
    { timeout: 60_000 },
    () => {
      const rs = get();
      const share = (f: (c: string[]) => boolean) => rs.filter((r) => f(r.cells)).length / rows;
      expect(share((c) => c[COL.prevYear] === '是')).toBeGreaterThan(0.88);
      expect(share((c) => c[COL.prevYear] === '是')).toBeLessThan(0.95);
      expect(share((c) => c[COL.local] === '是')).toBeGreaterThan(0.95);
      expect(share((c) => c[COL.midReason] !== '')).toBeGreaterThan(0);
      const students = rs
        .filter((r) => r.cells[COL.otherInsurance] === '大学生医保')
        .map((r) => profile.year - 1 - Number(r.cells[COL.birth]!.slice(0, 4)));
      expect(students.length).toBeGreaterThan(0);
      expect(students.filter((age) => age < 18 || age > 22)).toEqual([]);
      const gaps = rs
        .filter((r) => r.flags.newborn && !r.flags.duplicate && !r.flags.badDate && !r.flags.invalidId)
        .map((r) => (parseIsoDate(r.cells[COL.payDate]!) ?? NaN) - parseIsoDate(r.cells[COL.birth]!)!)
        .filter((g) => !Number.isNaN(g));
      expect(gaps.some((g) => g <= 90)).toBe(true);
      expect(gaps.some((g) => g > 90)).toBe(true);
      expect(gaps.every((g) => g >= 0)).toBe(true);
    },
  );

  it('has households where one member has not paid while others have', { timeout: 60_000 }, () => {
    expect(get().filter((r) => r.flags.unpaidInPaidHousehold).length).toBeGreaterThan(0);
  });
});

describe('CLI', () => {
  it('parses arguments and reports usage errors', () => {
    const ok = parseRosterArgs([
      '--county',
      'gaotai',
      '--rows',
      '10',
      '--out',
      'x.csv',
      '--seed',
      '9',
      '--encoding',
      'GBK',
    ]);
    expect(ok).toEqual({
      ok: true,
      options: { county: 'gaotai', rows: 10, out: 'x.csv', seed: 9, encoding: 'gbk', format: 'csv' },
    });
    expect(parseRosterArgs(['--county', 'x', '--rows', '1', '--out', 'a']).ok).toBe(false);
    expect(parseRosterArgs(['--county', 'gaotai', '--rows', 'ten', '--out', 'a']).ok).toBe(false);
    expect(parseRosterArgs(['--county', 'gaotai', '--rows', '1']).ok).toBe(false);
    expect(parseRosterArgs(['--county', 'gaotai', '--rows', '1', '--out', 'a', '--encoding', 'latin1']).ok).toBe(false);
    expect(parseRosterArgs(['--county', 'gaotai', '--rows', '1', '--out', 'a', '--bogus']).ok).toBe(false);
  });

  it('writes the same bytes as the library', { timeout: 60_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'roster-')), 'r.csv');
    const r = spawnSync(
      'node',
      [
        '--import',
        'tsx',
        'scripts/roster-generate.ts',
        '--county',
        'kaijiang',
        '--rows',
        '1000',
        '--seed',
        '4',
        '--encoding',
        'gbk',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out).equals(rosterCsvBytes({ county: 'kaijiang', rows: 1000, seed: 4, encoding: 'gbk' }))).toBe(
      true,
    );
    // --format xlsx: the same rows in a workbook the roster reader opens.
    const xlsx = join(mkdtempSync(join(tmpdir(), 'roster-')), 'r.xlsx');
    const x = spawnSync(
      'node',
      [
        '--import',
        'tsx',
        'scripts/roster-generate.ts',
        '--county',
        'gaotai',
        '--rows',
        '300',
        '--format',
        'xlsx',
        '--out',
        xlsx,
      ],
      { encoding: 'utf8' },
    );
    expect(x.status, x.stderr).toBe(0);
    const fields = loadPolicy('policies/gaotai-2021.policy', fromDisk).policy!.fields;
    const read = readRosterBytes(new Uint8Array(readFileSync(xlsx)), 'r.xlsx', fields);
    expect(read.headers).toEqual([...ROSTER_HEADERS]);
    expect(read.cells).toEqual([...generateRoster({ county: 'gaotai', rows: 300, seed: 1 })].map((r) => r.map(String)));
    const bad = spawnSync('node', ['--import', 'tsx', 'scripts/roster-generate.ts', '--county', 'kaijiang'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage');
  });
});

describe('committed samples', () => {
  const readme = readFileSync(join(SAMPLES, 'README.md'), 'utf8');
  const commands = [...readme.matchAll(/^npm run roster:generate -- (.+)$/gm)].map((m) => m[1]!.trim().split(/\s+/));
  const index = JSON.parse(readFileSync(join(SAMPLES, 'index.json'), 'utf8')) as {
    file: string;
    policy: string;
    county: string;
    year: number;
    encoding: string;
  }[];

  it('the README documents one command per sample in index.json', () => {
    const outs = commands.map((c) => c[c.indexOf('--out') + 1]).filter((o) => o?.startsWith('public/samples/'));
    expect(outs.sort()).toEqual(index.map((e) => `${SAMPLES}/${e.file}`).sort());
    expect(readme).toMatch(/synthetic/);
  });

  it.each(index.map((e) => [e.file, e] as const))(
    '%s equals the generator output for the documented command',
    (_file, entry) => {
      const argv = commands.find((c) => c.includes(`${SAMPLES}/${entry.file}`));
      expect(argv).toBeDefined();
      const parsed = parseRosterArgs(argv!);
      if (!parsed.ok) throw new Error(parsed.error);
      const { county, rows, seed, encoding } = parsed.options;
      expect(encoding).toBe(entry.encoding);
      expect(COUNTIES[county].county).toBe(entry.county);
      expect(COUNTIES[county].year).toBe(entry.year);
      expect(entry.policy).toBe(`${county}-${entry.year}.policy`);
      const committed = readFileSync(join(SAMPLES, entry.file));
      const fresh = rosterCsvBytes({ county, rows, seed, encoding });
      expect(committed.equals(fresh), `${entry.file} is stale: rerun the command in public/samples/README.md`).toBe(
        true,
      );
    },
  );

  it.each(index.map((e) => [e.file, e] as const))(
    '%s shows every seeded problem the README promises',
    (_file, entry) => {
      const argv = commands.find((c) => c.includes(`${SAMPLES}/${entry.file}`))!;
      const parsed = parseRosterArgs(argv);
      if (!parsed.ok) throw new Error(parsed.error);
      const { county, rows, seed } = parsed.options;
      const recs = [...generateRosterRecords({ county, rows, seed })];
      expect(recs.some((r) => r.flags.invalidId && !r.flags.duplicate)).toBe(true);
      expect(recs.some((r) => r.flags.duplicate)).toBe(true);
      expect(recs.some((r) => r.flags.badDate)).toBe(true);
      expect(recs.some((r) => r.flags.unpaidInPaidHousehold)).toBe(true);
      expect(recs.some((r) => r.flags.newborn)).toBe(true);
      expect(recs.some((r) => r.cells[COL.category]!.includes('、'))).toBe(true);
      expect(recs.some((r) => r.cells[COL.midReason] !== '')).toBe(true);
      expect(recs.some((r) => r.cells[COL.otherInsurance] !== '')).toBe(true);
      expect(new Set(recs.map((r) => r.cells[COL.township])).size).toBe(COUNTIES[county].townships.length);
      if (county === 'gaotai') expect(recs.some((r) => r.cells[COL.povertyDate]!.startsWith('2021'))).toBe(true);
      // The committed file decodes without replacement characters.
      const text =
        entry.encoding === 'gbk'
          ? iconv.decode(readFileSync(join(SAMPLES, entry.file)), 'gbk')
          : readFileSync(join(SAMPLES, entry.file), 'utf8');
      expect(text).not.toContain('\ufffd');
      expect(take(text.split('\r\n'), 1)[0]!.replace(/^\ufeff/, '')).toBe(ROSTER_HEADERS.join(','));
    },
  );
});
