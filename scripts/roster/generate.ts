// Synthetic roster (花名册) generator: pure, deterministic for a seed, and streaming (one row at a time),
// so the CLI, the tests and benchmarks share it. No JS Date anywhere: dates are day numbers.
import { addMonths, civil, dayNumber, formatDate, type DayNumber } from '../../src/lang/runtime/calendar.js';
import { checkCharacter, makeIdNumber, type Sex } from '../../src/lang/runtime/id-number.js';
import { COUNTIES, type CountyKey, type CountyProfile } from './counties.js';
import { COMMUNITY_STEMS, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, VILLAGE_STEMS } from './names.js';
import { apportion, deriveSeed, mulberry32, Weighted, type Rng } from './prng.js';

/** Column headers, exactly in this order. */
export const ROSTER_HEADERS = [
  '姓名',
  '身份证号码',
  '性别',
  '出生日期',
  '户号',
  '与户主关系',
  '乡镇',
  '村(社区)',
  '人员类别',
  '是否本县户籍',
  '上年度是否参保',
  '缴费日期',
  '中途参保原因',
  '其他保险',
  '建档立卡认定日期',
] as const;

/** Index of each column in a row. */
export const COL = {
  name: 0,
  id: 1,
  sex: 2,
  birth: 3,
  household: 4,
  relation: 5,
  township: 6,
  village: 7,
  category: 8,
  local: 9,
  prevYear: 10,
  payDate: 11,
  midReason: 12,
  otherInsurance: 13,
  povertyDate: 14,
} as const;

export const DEFAULT_SEED = 1;

export interface GenerateOptions {
  county: CountyKey;
  /** Exact number of data rows (the header is not counted). */
  rows: number;
  seed?: number;
}

/** What was deliberately broken in a row (for tests; the CSV does not carry it). */
export interface RowFlags {
  /** The ID number was corrupted on purpose. */
  invalidId?: 'checksum' | 'length' | 'birth-date';
  /** The row repeats an earlier person (same ID number). */
  duplicate?: boolean;
  /** The payment date is not a real date (e.g. 2019-02-30). */
  badDate?: boolean;
  /** This member has not paid although the rest of the household has. */
  unpaidInPaidHousehold?: boolean;
  /** Born in the coverage year. */
  newborn?: boolean;
}

export interface GeneratedRow {
  cells: string[];
  flags: RowFlags;
}

type Relation = '户主' | '配偶' | '子' | '女' | '父亲' | '母亲' | '孙子' | '孙女' | '儿媳' | '女婿';

interface Member {
  relation: Relation;
  sex: Sex;
  /** Age at the start of the coverage year; -1 for a newborn born in the coverage year. */
  age: number;
  /** Same surname as the family line (head's side) or married in. */
  lineage: 'head' | 'line' | 'other';
  orphan?: boolean;
}

interface Village {
  name: string;
  kind: '村' | '社区';
  code: string;
}

/** Rates (per person unless said otherwise). */
const RATE = {
  invalidId: 0.001,
  duplicate: 0.002,
  badDate: 0.0002,
  unpaidMember: 0.004,
  householdUnpaid: 0.012,
  householdLate: 0.1,
  householdNewToScheme: 0.03,
  personNewToScheme: 0.045,
  personLateWithReason: 0.015,
  householdNonLocal: 0.015,
  personNonLocal: 0.015,
  employeeInsurance: 0.04,
  studentInsurance: 0.35,
} as const;

const HOUSEHOLD_SIZES = new Weighted<number>([
  [1, 9],
  [2, 16],
  [3, 24],
  [4, 23],
  [5, 15],
  [6, 8],
  [7, 5],
]);

const PAY_FORMATS = new Weighted<'iso' | 'slash' | 'compact' | 'zh'>([
  ['iso', 95],
  ['slash', 2],
  ['compact', 2],
  ['zh', 1],
]);

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

function formatPayDate(day: DayNumber, style: 'iso' | 'slash' | 'compact' | 'zh'): string {
  if (style === 'iso') return formatDate(day);
  const { year, month, day: d } = civil(day);
  if (style === 'slash') return `${year}/${pad2(month)}/${pad2(d)}`;
  if (style === 'compact') return `${year}${pad2(month)}${pad2(d)}`;
  return `${year}年${month}月${d}日`;
}

/** Picks `count` distinct indices in [0, n). */
function plannedIndices(rng: Rng, n: number, count: number): Set<number> {
  const out = new Set<number>();
  const want = Math.min(count, n);
  while (out.size < want) out.add(rng.int(0, n - 1));
  return out;
}

/** How many of a seeded problem to plan: the rate, but at least `min` in rosters of 50+ rows. */
function problemCount(n: number, rate: number, min: number): number {
  return Math.max(Math.round(n * rate), n >= 50 ? min : 0);
}

/** Builds the villages of each township (depends on the seed and township sizes, not on the row count). */
function makeVillages(profile: CountyProfile, seed: number): Village[][] {
  const rng = mulberry32(deriveSeed(seed, `villages:${profile.key}`));
  return profile.townships.map((t, ti) => {
    const isTown = t.name.endsWith('镇');
    const n = Math.max(3, Math.min(16, Math.round(t.size / 6000) + rng.int(2, 4)));
    const communities = isTown ? (ti === 0 ? 4 : rng.int(1, 2)) : rng.chance(0.3) ? 1 : 0;
    const villageStems = [...VILLAGE_STEMS];
    const communityStems = [...COMMUNITY_STEMS];
    const take = (pool: string[]): string => pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
    const list: Village[] = [];
    for (let i = 0; i < n; i++) {
      const kind = i < communities ? '社区' : '村';
      const stem = kind === '社区' ? take(communityStems) : take(villageStems);
      list.push({ name: stem + kind, kind, code: `${profile.area}${pad2(ti + 1)}${pad2(i + 1)}` });
    }
    return list;
  });
}

const TWO_GENERATION_PARENTS = new Weighted<number>([
  [0, 65],
  [1, 25],
  [2, 10],
]);

const otherSex = (s: Sex): Sex => (s === '男' ? '女' : '男');
const childSex = (rng: Rng): Sex => (rng.chance(0.51) ? '男' : '女');

function child(sex: Sex, age: number, grand: boolean): Member {
  return {
    relation: grand ? (sex === '男' ? '孙子' : '孙女') : sex === '男' ? '子' : '女',
    sex,
    age,
    lineage: 'line',
  };
}

/** A child's age for a mother of `motherAge`; now and then a baby born in the coverage year (-1). */
function childAge(rng: Rng, motherAge: number, maxAge: number): number {
  if (motherAge <= 40 && rng.chance(0.05)) return -1;
  const age = motherAge - rng.int(20, 36);
  return age >= 0 && age <= maxAge ? age : rng.int(0, Math.max(0, Math.min(motherAge - 20, maxAge)));
}

/** Household composition: relations, sexes and ages consistent with each other. */
function makeMembers(rng: Rng, size: number): Member[] {
  const other = otherSex;
  if (size === 1) {
    const age = rng.chance(0.6) ? rng.int(60, 92) : rng.int(22, 59);
    return [{ relation: '户主', sex: rng.chance(0.55) ? '男' : '女', age, lineage: 'head' }];
  }

  // Grandparents raising grandchildren (隔代), sometimes orphans.
  if (size <= 4 && rng.chance(0.03)) {
    const headAge = rng.int(55, 80);
    const headSex: Sex = rng.chance(0.6) ? '男' : '女';
    const out: Member[] = [{ relation: '户主', sex: headSex, age: headAge, lineage: 'head' }];
    let kids = size - 1;
    if (size >= 3 && rng.chance(0.6)) {
      out.push({ relation: '配偶', sex: other(headSex), age: clampAge(headAge + rng.int(-4, 4)), lineage: 'other' });
      kids--;
    }
    const orphans = rng.chance(0.07);
    for (let i = 0; i < kids; i++) {
      const m = child(childSex(rng), rng.int(2, 17), true);
      if (orphans) m.orphan = true;
      out.push(m);
    }
    return out;
  }

  if (size === 2) {
    if (rng.chance(0.7)) {
      const headAge = rng.chance(0.7) ? rng.int(50, 85) : rng.int(23, 49);
      const headSex: Sex = rng.chance(0.85) ? '男' : '女';
      return [
        { relation: '户主', sex: headSex, age: headAge, lineage: 'head' },
        {
          relation: '配偶',
          sex: other(headSex),
          age: clampAge(headAge + (headSex === '男' ? rng.int(-5, 2) : rng.int(-2, 5))),
          lineage: 'other',
        },
      ];
    }
    const headSex: Sex = rng.chance(0.5) ? '男' : '女';
    const headAge = rng.int(30, 80);
    return [
      { relation: '户主', sex: headSex, age: headAge, lineage: 'head' },
      child(childSex(rng), rng.int(Math.max(0, headAge - 45), Math.max(0, headAge - 22)), false),
    ];
  }

  // Three generations with a married child (head is the grandparent).
  if (size >= 4 && rng.chance(size === 4 ? 0.2 : 0.5)) {
    const headAge = rng.int(50, 76);
    const headSex: Sex = rng.chance(0.88) ? '男' : '女';
    const spouseAge = clampAge(headAge + (headSex === '男' ? rng.int(-5, 2) : rng.int(-2, 5)));
    const out: Member[] = [
      { relation: '户主', sex: headSex, age: headAge, lineage: 'head' },
      { relation: '配偶', sex: other(headSex), age: spouseAge, lineage: 'other' },
    ];
    const marriedAge = Math.max(21, Math.min(headAge, spouseAge) - rng.int(21, 30));
    const inLawAge = Math.max(20, marriedAge + rng.int(-3, 3));
    if (rng.chance(0.85)) {
      out.push({ relation: '子', sex: '男', age: marriedAge, lineage: 'line' });
      out.push({ relation: '儿媳', sex: '女', age: inLawAge, lineage: 'other' });
    } else {
      out.push({ relation: '女', sex: '女', age: marriedAge, lineage: 'line' });
      out.push({ relation: '女婿', sex: '男', age: inLawAge, lineage: 'other' });
    }
    const motherAge = out[2]!.sex === '女' ? marriedAge : inLawAge;
    const grand = Math.min(size - 4, 3);
    for (let i = 0; i < grand; i++) out.push(child(childSex(rng), childAge(rng, motherAge, 18), true));
    if (size - 4 > grand) {
      if (headAge <= 70 && rng.chance(0.5)) {
        out.push({ relation: '母亲', sex: '女', age: clampAge(headAge + rng.int(20, 26)), lineage: 'other' });
      } else {
        const sex = childSex(rng);
        out.push(child(sex, Math.max(16, marriedAge - rng.int(2, 8)), false));
      }
    }
    return out;
  }

  // Two generations (head, spouse, children), sometimes with the head's parents.
  const widowed = rng.chance(0.08);
  const slots = size - (widowed ? 1 : 2);
  let parents = slots >= 2 ? TWO_GENERATION_PARENTS.draw(rng) : 0;
  parents = Math.min(2, Math.max(parents, slots - 4));
  const children = slots - parents;
  const headAge = parents > 0 ? rng.int(25, 52) : rng.int(24, 62);
  const headSex: Sex = widowed ? (rng.chance(0.5) ? '男' : '女') : rng.chance(0.88) ? '男' : '女';
  const out: Member[] = [{ relation: '户主', sex: headSex, age: headAge, lineage: 'head' }];
  let motherAge = headSex === '女' ? headAge : headAge - rng.int(0, 4);
  if (!widowed) {
    const spouseAge = clampAge(headAge + (headSex === '男' ? rng.int(-5, 2) : rng.int(-2, 5)));
    out.push({ relation: '配偶', sex: other(headSex), age: spouseAge, lineage: 'other' });
    motherAge = headSex === '女' ? headAge : spouseAge;
  }
  for (let i = 0; i < children; i++) out.push(child(childSex(rng), childAge(rng, motherAge, 30), false));
  if (parents > 0) {
    const fatherAge = clampAge(headAge + rng.int(22, 34));
    const mAge = clampAge(fatherAge + rng.int(-5, 1));
    const both = parents === 2;
    const fatherFirst = rng.chance(0.5);
    if (both || fatherFirst)
      out.push({ relation: '父亲', sex: '男', age: fatherAge, lineage: headSex === '男' ? 'line' : 'other' });
    if (both || !fatherFirst) out.push({ relation: '母亲', sex: '女', age: mAge, lineage: 'other' });
  }
  return out;
}

function clampAge(age: number): number {
  return Math.max(18, Math.min(95, age));
}

interface MidReasonRule {
  reason: string;
  /** Relative frequency among the reasons that fit the person. */
  weight: number;
  minAge: number;
  maxAge: number;
  maleShare: number;
}

const MID_REASONS: readonly MidReasonRule[] = [
  { reason: '解除劳动关系', weight: 30, minAge: 22, maxAge: 59, maleShare: 0.5 },
  { reason: '失业保险待遇期满', weight: 15, minAge: 25, maxAge: 59, maleShare: 0.5 },
  { reason: '复员退伍', weight: 8, minAge: 19, maxAge: 28, maleShare: 0.95 },
  { reason: '刑满释放', weight: 3, minAge: 20, maxAge: 55, maleShare: 0.9 },
  { reason: '休学', weight: 5, minAge: 17, maxAge: 24, maleShare: 0.5 },
  { reason: '退学', weight: 5, minAge: 16, maxAge: 24, maleShare: 0.5 },
  { reason: '毕业', weight: 20, minAge: 21, maxAge: 26, maleShare: 0.5 },
];

/** The streaming generator. */
class Generator_ {
  private readonly profile: CountyProfile;
  private readonly rng: Rng;
  private readonly surnames = new Weighted(SURNAMES);
  /** Issued IDs as numbers: area index, birth day and sequence (much lighter than a set of strings). */
  private readonly issued = new Set<number>();
  private readonly areaIndex = new Map<string, number>();
  private readonly ref: DayNumber;
  private readonly yearEnd: DayNumber;
  private readonly plans: {
    invalidId: Set<number>;
    duplicate: Set<number>;
    badDate: Set<number>;
    unpaidMember: Set<number>;
  };
  private householdCount = 0;

  constructor(private readonly opts: Required<GenerateOptions>) {
    this.profile = COUNTIES[opts.county];
    this.rng = mulberry32(deriveSeed(opts.seed, `people:${opts.county}`));
    this.ref = dayNumber(this.profile.year, 1, 1);
    this.yearEnd = dayNumber(this.profile.year, 12, 31);
    const planRng = mulberry32(deriveSeed(opts.seed, `plans:${opts.county}`));
    const n = opts.rows;
    this.plans = {
      invalidId: plannedIndices(planRng, n, problemCount(n, RATE.invalidId, 2)),
      duplicate: plannedIndices(planRng, n, problemCount(n, RATE.duplicate, 2)),
      badDate: plannedIndices(planRng, n, problemCount(n, RATE.badDate, 1)),
      unpaidMember: plannedIndices(planRng, n, problemCount(n, RATE.unpaidMember, 2)),
    };
  }

  *rows(): Generator<GeneratedRow> {
    const { profile, opts, rng } = this;
    const villages = makeVillages(profile, opts.seed);
    const townshipQuota = apportion(
      opts.rows,
      profile.townships.map((t) => t.size),
    );
    const recent: GeneratedRow[] = [];
    const RECENT = 2000;
    let g = 0;
    for (let ti = 0; ti < profile.townships.length; ti++) {
      const township = profile.townships[ti]!.name;
      const vs = villages[ti]!;
      const vWeights = vs.map(
        (v, i) =>
          (v.kind === '社区' ? (ti === 0 && i < 4 ? 2.2 : 1.4) : 1) * (0.6 + ((i * 7919 + ti * 104729) % 97) / 120),
      );
      const villageQuota = apportion(townshipQuota[ti]!, vWeights);
      recent.length = 0; // duplicates stay within their township, so township counts are exact
      for (let vi = 0; vi < vs.length; vi++) {
        const village = vs[vi]!;
        let remaining = villageQuota[vi]!;
        let hhSeq = 0;
        while (remaining > 0) {
          hhSeq++;
          const household = this.household(township, village, `${village.code}${String(hhSeq).padStart(4, '0')}`);
          let k = 0;
          while (k < household.length && remaining > 0) {
            let row: GeneratedRow;
            if (this.plans.duplicate.has(g) && recent.length > 0) {
              row = this.duplicateOf(rng.chance(0.5) ? recent[recent.length - 1]! : rng.pick(recent));
            } else {
              row = household[k++]!;
              if (this.plans.invalidId.has(g)) this.corruptId(row);
              if (this.plans.badDate.has(g)) this.badDate(row);
              if (
                this.plans.unpaidMember.has(g) &&
                row.cells[COL.payDate] !== '' &&
                !row.flags.badDate &&
                household.length > 1
              ) {
                row.cells[COL.payDate] = '';
                row.flags.unpaidInPaidHousehold = true;
              }
            }
            if (recent.length >= RECENT) recent.splice(0, RECENT / 2);
            recent.push(row);
            yield row;
            g++;
            remaining--;
          }
        }
      }
    }
  }

  private household(township: string, village: Village, householdNo: string): GeneratedRow[] {
    const { rng, profile } = this;
    const year = profile.year;
    this.householdCount++;
    const members = makeMembers(rng, HOUSEHOLD_SIZES.draw(rng));
    const urban = village.kind === '社区';

    // Household-level facts.
    const nonLocal = rng.chance(RATE.householdNonLocal);
    const newToScheme = rng.chance(RATE.householdNewToScheme);
    const hhCategories: string[] = [];
    let povertyDate: DayNumber | null = null;
    if (!nonLocal) {
      if (profile.key === 'kaijiang') {
        if (rng.chance(0.05)) hhCategories.push('建档立卡贫困人口');
        // eslint-disable-next-line no-dupe-else-if -- each rng.chance is a new draw, not the same condition
        else if (rng.chance(0.05)) hhCategories.push('低保对象');
      } else {
        if (!urban && rng.chance(0.06)) hhCategories.push('建档立卡贫困人口');
        else if (rng.chance(urban ? 0.015 : 0.012)) hhCategories.push(urban ? '城市全额保障对象' : '农村低保一类对象');
        else if (rng.chance(0.05)) hhCategories.push('城乡低保差额保障对象');
      }
      if (hhCategories[0] === '建档立卡贫困人口' && profile.key === 'gaotai') {
        const r = rng.next();
        povertyDate =
          r < 0.8
            ? dayNumber(rng.int(2014, 2019), rng.int(1, 12), rng.int(1, 28))
            : r < 0.92
              ? dayNumber(2020, rng.int(1, 12), rng.int(1, 28))
              : dayNumber(year, rng.int(1, 9), rng.int(1, 28));
      }
    }

    // Household payment date (the whole household usually pays together).
    let hhPay: DayNumber | null;
    if (this.householdCount === 1) hhPay = profile.centralStart;
    else if (this.householdCount === 2) hhPay = profile.centralEnd;
    else if (rng.chance(RATE.householdUnpaid)) hhPay = null;
    else if (rng.chance(RATE.householdLate)) hhPay = this.latePayDate();
    else hhPay = this.centralPayDate();

    // 新增建档立卡 (recognised in the coverage year) pay in the month of recognition, mostly.
    if (povertyDate !== null && povertyDate >= this.ref) {
      const start = dayNumber(civil(povertyDate).year, civil(povertyDate).month, 1);
      hhPay = rng.chance(0.8)
        ? povertyDate + rng.int(0, Math.max(0, addMonths(start, 1) - 1 - povertyDate))
        : povertyDate + rng.int(32, 70);
    }

    const lineSurname = this.surnames.draw(rng);
    const rows: GeneratedRow[] = [];
    for (const m of members) {
      const flags: RowFlags = {};
      const sex = m.sex;
      const surname = m.lineage === 'other' ? this.surnames.draw(rng) : lineSurname;
      const given = this.givenName(sex);
      let birth: DayNumber;
      if (m.age < 0) {
        birth = this.ref + rng.int(0, 272); // born January–September of the coverage year
        flags.newborn = true;
      } else {
        const y = year - m.age - 1;
        birth = dayNumber(y, 1, 1) + rng.int(0, 364);
      }
      const local =
        !nonLocal && !(m.lineage === 'other' && m.relation !== '母亲' && rng.chance(RATE.personNonLocal * 2));
      const id = this.issueId(local ? profile.area : rng.pick(profile.otherAreas), birth, sex);

      // Categories.
      const cats: string[] = [];
      if (local) {
        for (const c of hhCategories) if (c === '建档立卡贫困人口' || rng.chance(0.88)) cats.push(c);
        const ageNow = m.age;
        if (members.length === 1 && ageNow >= 60 ? rng.chance(0.25) : ageNow >= 16 && rng.chance(0.008))
          cats.unshift('特困人员');
        if (m.orphan) cats.push('孤儿');
        if (profile.key === 'kaijiang') {
          if (ageNow >= 45 && rng.chance(0.014)) cats.push('重点优抚对象');
          if (rng.chance(hhCategories.includes('低保对象') ? 0.06 : 0.008)) cats.push('重度残疾人');
        }
      }
      const categoryCell = cats.length === 0 ? '普通居民' : cats.map((c) => this.spell(c, urban)).join('、');

      // Other insurance.
      let otherInsurance = '';
      const studentAge = m.age >= 18 && m.age <= 22 && m.relation !== '户主' && m.relation !== '配偶';
      if (studentAge && rng.chance(RATE.studentInsurance)) otherInsurance = '大学生医保';
      else if (m.age >= 22 && m.age <= 59 && rng.chance(urban ? RATE.employeeInsurance * 2.5 : RATE.employeeInsurance))
        otherInsurance = '城镇职工医保';

      // Payment.
      let pay: DayNumber | null = hhPay;
      let midReason = '';
      let prevYear = !newToScheme && !rng.chance(RATE.personNewToScheme);
      const fullySubsidised = cats.some((c) => c !== '低保对象' && c !== '城乡低保差额保障对象');
      if (flags.newborn) {
        prevYear = false;
        const r = rng.next();
        const offset = r < 0.62 ? rng.int(0, 89) : r < 0.72 ? rng.int(90, 91) : rng.int(92, 200);
        pay = Math.min(birth + offset, this.yearEnd);
      } else if (otherInsurance !== '' && rng.chance(0.5)) {
        pay = null;
      } else if (fullySubsidised && povertyDate === null && rng.chance(0.5)) {
        pay = profile.bulkSubsidyDate;
      } else if (hhPay !== null && m.age >= 16 && m.age <= 60 && rng.chance(RATE.personLateWithReason)) {
        const fits = MID_REASONS.filter((x) => m.age >= x.minAge && m.age <= x.maxAge);
        pay = profile.centralEnd + 1 + Math.floor((this.yearEnd - profile.centralEnd) * rng.next());
        if (fits.length > 0 && rng.chance(0.85)) {
          midReason = new Weighted(
            fits.map((x) => [x.reason, x.weight * (sex === '男' ? x.maleShare : 1 - x.maleShare)] as const),
          ).draw(rng);
          prevYear = rng.chance(0.3);
        }
      }

      const cells = [
        surname + given,
        id,
        sex,
        formatDate(birth),
        householdNo,
        m.relation,
        township,
        village.name,
        categoryCell,
        local ? '是' : '否',
        prevYear ? '是' : '否',
        pay === null ? '' : formatPayDate(pay, PAY_FORMATS.draw(rng)),
        midReason,
        otherInsurance,
        povertyDate !== null && cats.includes('建档立卡贫困人口') ? formatDate(povertyDate) : '',
      ];
      rows.push({ cells, flags });
    }
    return rows;
  }

  private centralPayDate(): DayNumber {
    const { rng, profile } = this;
    const r = rng.next();
    if (r < 0.015) return profile.centralStart;
    if (r < 0.04) return profile.centralEnd;
    // Front- and end-loaded: campaigns start strong and rush at the deadline.
    const span = profile.centralEnd - profile.centralStart;
    const u = rng.next();
    const shaped = u < 0.5 ? Math.pow(u * 2, 1.3) / 2 : 1 - Math.pow((1 - u) * 2, 1.6) / 2;
    return profile.centralStart + Math.round(shaped * span);
  }

  private latePayDate(): DayNumber {
    const { rng, profile } = this;
    const r = rng.next();
    return profile.centralEnd + 1 + Math.floor((this.yearEnd - profile.centralEnd - 1) * r * r);
  }

  private givenName(sex: Sex): string {
    const pool = sex === '男' ? GIVEN_MALE : GIVEN_FEMALE;
    const a = this.rng.pick(pool);
    return this.rng.chance(0.85) ? a + this.rng.pick(pool) : a;
  }

  private spell(category: string, urban: boolean): string {
    const { rng } = this;
    switch (category) {
      case '特困人员':
        return rng.chance(0.15) ? '特困供养人员' : category;
      case '低保对象': {
        const r = rng.next();
        return r < 0.1 ? '城乡居民最低生活保障对象' : r < 0.2 ? '低保户' : category;
      }
      case '城乡低保差额保障对象':
        return rng.chance(0.4) ? (urban ? '城市差额保障对象' : '农村低保二类对象') : category;
      default:
        return category;
    }
  }

  /** A valid, not yet issued 18-digit ID number for the birth date and sex. */
  private issueId(area: string, birth: DayNumber, sex: Sex): string {
    let areaIdx = this.areaIndex.get(area);
    if (areaIdx === undefined) this.areaIndex.set(area, (areaIdx = this.areaIndex.size));
    const base = (areaIdx * 100000 + (birth + 50000)) * 1000;
    for (let attempt = 0; ; attempt++) {
      const station = this.rng.int(0, attempt < 20 ? 59 : 99);
      const sequence = station * 10 + this.rng.int(0, 4) * 2 + (sex === '男' ? 1 : 0);
      if (!this.issued.has(base + sequence)) {
        this.issued.add(base + sequence);
        const { year, month, day } = civil(birth);
        const id = makeIdNumber(area, year, month, day, sequence);
        return id.endsWith('X') && this.rng.chance(0.15) ? id.slice(0, 17) + 'x' : id;
      }
      if (attempt > 500) throw new Error(`cannot issue a unique ID for ${area} ${formatDate(birth)}`);
    }
  }

  private corruptId(row: GeneratedRow): void {
    const { rng } = this;
    const id = row.cells[COL.id]!.toUpperCase();
    const r = rng.next();
    let bad: string;
    if (r < 0.6) {
      const right = checkCharacter(id.slice(0, 17));
      const chars = '0123456789X'.replace(right, '');
      bad = id.slice(0, 17) + rng.pick([...chars]);
      row.flags.invalidId = 'checksum';
    } else if (r < 0.9) {
      const at = rng.int(6, 16);
      bad = rng.chance(0.6) ? id.slice(0, at) + id.slice(at + 1) : id.slice(0, at) + rng.int(0, 9) + id.slice(at);
      row.flags.invalidId = 'length';
    } else {
      // Month and day swapped by the clerk (month > 12 makes it no date at all).
      const mm = id.slice(10, 12);
      const dd = id.slice(12, 14);
      const swapped = Number(dd) > 12 ? dd : '13';
      const first17 = id.slice(0, 10) + swapped + mm + id.slice(14, 17);
      bad = first17 + checkCharacter(first17);
      row.flags.invalidId = 'birth-date';
    }
    row.cells[COL.id] = bad;
  }

  private badDate(row: GeneratedRow): void {
    const y = this.profile.year - 1;
    row.cells[COL.payDate] = this.rng.pick([`${y}-02-30`, `${y}-11-31`, `${y}-09-31`, `${y}-13-05`, `${y}/11/31`]);
    row.flags.badDate = true;
  }

  private duplicateOf(original: GeneratedRow): GeneratedRow {
    const cells = [...original.cells];
    // Sometimes the same person was entered (and charged) twice on different days.
    if (cells[COL.payDate] !== '' && !original.flags.badDate && this.rng.chance(0.4)) {
      cells[COL.payDate] = formatDate(
        this.profile.centralStart + this.rng.int(0, this.profile.centralEnd - this.profile.centralStart),
      );
    }
    const flags: RowFlags = { duplicate: true };
    if (original.flags.invalidId) flags.invalidId = original.flags.invalidId;
    if (original.flags.newborn) flags.newborn = true;
    return { cells, flags };
  }
}

function resolve(opts: GenerateOptions): Required<GenerateOptions> {
  if (!(opts.county in COUNTIES)) throw new Error(`unknown county: ${opts.county}`);
  if (!Number.isInteger(opts.rows) || opts.rows < 0)
    throw new Error(`rows must be a non-negative integer: ${opts.rows}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer: ${seed}`);
  return { county: opts.county, rows: opts.rows, seed };
}

/** Data rows with what was broken on purpose in each (for tests and benchmarks). */
export function generateRosterRecords(opts: GenerateOptions): Iterable<GeneratedRow> {
  const resolved = resolve(opts);
  return { [Symbol.iterator]: () => new Generator_(resolved).rows() };
}

/** Data rows (cells in `ROSTER_HEADERS` order), without the header. */
export function* generateRoster(opts: GenerateOptions): Generator<string[]> {
  for (const row of generateRosterRecords(opts)) yield row.cells;
}
