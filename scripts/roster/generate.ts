// Synthetic rosters for samples, tests and benchmarks: realistic households, valid IDs, seeded problems.
import { dayNumber, formatDate, civil, addMonths } from '../../src/lang/runtime/calendar.js';
import { makeIdNumber } from '../../src/lang/runtime/id-number.js';

export const HEADERS = ['姓名', '身份证号码', '性别', '出生日期', '户号', '与户主关系', '乡镇', '村(社区)', '人员类别', '是否本县户籍', '上年度是否参保', '缴费日期', '中途参保原因', '其他保险', '建档立卡认定日期'];

interface County {
  area: string;
  year: number;
  townships: [string, number][];
  categories: [string, number][];
  periodStart: number;
  periodEnd: number;
}

export const COUNTIES: Record<'kaijiang' | 'gaotai', County> = {
  kaijiang: {
    area: '511723', year: 2020,
    townships: [['新宁镇', 73639], ['普安镇', 60396], ['甘棠镇', 48352], ['宝石镇', 17686], ['新太乡', 14036], ['任市镇', 41717], ['长岭镇', 35176], ['讲治镇', 28232], ['新街乡', 15164], ['八庙镇', 17861], ['灵岩镇', 14498], ['靖安乡', 21411], ['梅家乡', 13192], ['沙坝场乡', 12338], ['回龙镇', 15971], ['长田乡', 10695], ['永兴镇', 29296], ['骑龙乡', 11197], ['广福镇', 19535], ['天师镇', 12688]],
    categories: [['特困人员', 0.01], ['特困供养人员', 0.002], ['重点优抚对象', 0.005], ['重度残疾人', 0.01], ['建档立卡贫困人口', 0.05], ['孤儿', 0.0005], ['低保对象', 0.03], ['低保户', 0.01], ['低保对象、重度残疾人', 0.003]],
    periodStart: dayNumber(2019, 9, 1), periodEnd: dayNumber(2019, 12, 25),
  },
  gaotai: {
    area: '620724', year: 2021,
    townships: [['城关镇', 38000], ['宣化镇', 15000], ['南华镇', 16000], ['巷道镇', 17000], ['合黎镇', 12000], ['骆驼城镇', 14000], ['新坝镇', 12000], ['黑泉镇', 11000], ['罗城镇', 10000]],
    categories: [['农村低保一类对象', 0.01], ['城市全额保障对象', 0.003], ['特困人员', 0.008], ['孤儿', 0.0005], ['城乡低保差额保障对象', 0.03], ['农村低保二类对象', 0.01], ['建档立卡贫困人口', 0.05]],
    periodStart: dayNumber(2020, 9, 15), periodEnd: dayNumber(2020, 12, 31),
  },
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕建华春梅文俊晓东丽娟子涵浩然欣怡宇轩梓涵一诺雨桐子轩思彤';
const REASONS = ['解除劳动关系', '失业保险待遇期满', '复员退伍', '刑满释放', '休学', '退学', '毕业'];

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  county: 'kaijiang' | 'gaotai';
  rows: number;
  seed?: number;
}

/** Yields the roster's data rows (without header), households together. */
export function* generateRoster(opts: GenerateOptions): Generator<string[]> {
  const c = COUNTIES[opts.county];
  const rand = prng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const total = c.townships.reduce((s, [, n]) => s + n, 0);
  let produced = 0;
  let household = 0;
  const seq = new Map<string, number>();
  let previous: string[] | null = null;
  while (produced < opts.rows) {
    // Township in proportion to its target.
    let r = rand() * total;
    const [township] = c.townships.find(([, n]) => (r -= n) < 0) ?? c.townships[0]!;
    const village = `${pick(['新华', '红星', '长青', '光明', '和平', '石桥', '金竹', '双河', '青龙', '白鹤'])}${rand() < 0.8 ? '村' : '社区'}`;
    const size = Math.min(opts.rows - produced, 1 + Math.floor(-Math.log(1 - rand() * 0.95) * 2.2) % 7);
    household++;
    const hh = `${c.area}${String(household).padStart(7, '0')}`;
    const surname = pick([...SURNAMES]);
    const headAge = 25 + Math.floor(rand() * 55);
    const unpaidHousehold = rand() < 0.03;
    for (let m = 0; m < size; m++) {
      const relation = m === 0 ? '户主' : m === 1 ? '配偶' : m < 5 ? pick(['子', '女']) : pick(['父亲', '母亲', '孙子', '孙女']);
      let age = m === 0 ? headAge : m === 1 ? headAge + Math.floor(rand() * 6) - 3 : m < 5 ? Math.max(0, headAge - 22 - Math.floor(rand() * 10)) : relation.startsWith('孙') ? Math.floor(rand() * 8) : headAge + 25;
      age = Math.min(age, 95);
      const newborn = m >= 2 && rand() < 0.02;
      const birth = newborn
        ? dayNumber(c.year, 1, 1) + Math.floor(rand() * 200)
        : addMonths(dayNumber(c.year - 1, 7, 1), -12 * age) - Math.floor(rand() * 360);
      const b = civil(birth);
      const key = `${b.year}${b.month}${b.day}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      const male = relation === '户主' || relation === '子' || relation === '父亲' || relation === '孙子' ? true : relation === '配偶' ? false : rand() < 0.5;
      const sequence = ((n * 2) % 998) + (male ? 1 : 0);
      let id = makeIdNumber(c.area, b.year, b.month, b.day, sequence);
      if (rand() < 0.001) id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      const categoryRoll = rand();
      let acc = 0;
      const category = c.categories.find(([, p]) => (acc += p) > categoryRoll)?.[0] ?? '普通居民';
      const otherInsurance = age >= 18 && age <= 22 && rand() < 0.15 ? '大学生医保' : age >= 22 && age <= 60 && rand() < 0.04 ? '城镇职工医保' : '';
      const roll = rand();
      let paid: number | null;
      if (unpaidHousehold && m > 0) paid = null;
      else if (newborn) paid = birth + Math.floor(rand() * 120);
      else if (roll < 0.03) paid = null;
      else if (roll < 0.07) paid = c.periodEnd + 1 + Math.floor(rand() * 200);
      else paid = c.periodStart + Math.floor(rand() * (c.periodEnd - c.periodStart + 1));
      const lateReason = paid !== null && paid > c.periodEnd && !newborn && rand() < 0.7 ? pick(REASONS) : '';
      const registered = category === '建档立卡贫困人口' && opts.county === 'gaotai'
        ? formatDate(rand() < 0.1 ? dayNumber(c.year, 1, 1) + Math.floor(rand() * 300) : dayNumber(2014 + Math.floor(rand() * 6), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)))
        : '';
      const payText = paid === null ? '' : rand() < 0.9 ? formatDate(paid) : formatDate(paid).replace(/-/g, pick(['/', '', '.']));
      const row = [
        surname + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : ''), id, male ? '男' : '女', formatDate(birth), hh, relation, township,
        village, category, rand() < 0.98 ? '是' : '否', newborn ? '否' : rand() < 0.92 ? '是' : '否', payText, lateReason, otherInsurance, registered,
      ];
      if (rand() < 0.0005) row[3] = `${b.year}-02-30`;
      yield row;
      produced++;
      previous = row;
      if (previous && rand() < 0.002 && produced < opts.rows) {
        yield [...previous];
        produced++;
      }
    }
  }
}
