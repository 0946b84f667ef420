// County profiles: area codes, townships with their sizes, category rates and payment periods.
// 开江 sizes are the notice's 附件 target table (they add up to 513,080); 高台 sizes are rough
// weights for a county of about 150,000 residents (the 高台 notice has no table).
import { dayNumber, type DayNumber } from '../../src/lang/runtime/calendar.js';

export type CountyKey = 'kaijiang' | 'gaotai';

export interface Township {
  name: string;
  /** Target count (开江) or relative weight (高台). */
  size: number;
}

/** How a category is written in the 人员类别 cell: the canonical name and alias spellings. */
export interface CategorySpelling {
  name: string;
  /** Alias spellings used now and then instead of the name. */
  aliases: readonly string[];
}

export interface CountyProfile {
  key: CountyKey;
  county: string;
  /** 6-digit administrative area code of the county (first 6 digits of local ID numbers). */
  area: string;
  /** Area codes of neighbouring places, for people without local 户籍. */
  otherAreas: readonly string[];
  /** The coverage year the roster is for. */
  year: number;
  townships: readonly Township[];
  /** Central payment period (inclusive). */
  centralStart: DayNumber;
  centralEnd: DayNumber;
  /** Date the county pays in bulk for fully subsidised people (代缴). */
  bulkSubsidyDate: DayNumber;
}

export const KAIJIANG: CountyProfile = {
  key: 'kaijiang',
  county: '开江县',
  area: '511723',
  otherAreas: ['511702', '511703', '511722', '511724', '511725', '511781', '500235', '500233'],
  year: 2020,
  townships: [
    { name: '新宁镇', size: 73639 },
    { name: '普安镇', size: 60396 },
    { name: '甘棠镇', size: 48352 },
    { name: '宝石镇', size: 17686 },
    { name: '新太乡', size: 14036 },
    { name: '任市镇', size: 41717 },
    { name: '长岭镇', size: 35176 },
    { name: '讲治镇', size: 28232 },
    { name: '新街乡', size: 15164 },
    { name: '八庙镇', size: 17861 },
    { name: '灵岩镇', size: 14498 },
    { name: '靖安乡', size: 21411 },
    { name: '梅家乡', size: 13192 },
    { name: '沙坝场乡', size: 12338 },
    { name: '回龙镇', size: 15971 },
    { name: '长田乡', size: 10695 },
    { name: '永兴镇', size: 29296 },
    { name: '骑龙乡', size: 11197 },
    { name: '广福镇', size: 19535 },
    { name: '天师镇', size: 12688 },
  ],
  centralStart: dayNumber(2019, 9, 1),
  centralEnd: dayNumber(2019, 12, 25),
  bulkSubsidyDate: dayNumber(2019, 12, 20),
};

export const GAOTAI: CountyProfile = {
  key: 'gaotai',
  county: '高台县',
  area: '620724',
  otherAreas: ['620702', '620721', '620722', '620723', '620725', '620902', '621102'],
  year: 2021,
  townships: [
    { name: '城关镇', size: 34000 },
    { name: '宣化镇', size: 17000 },
    { name: '南华镇', size: 18000 },
    { name: '巷道镇', size: 19000 },
    { name: '合黎镇', size: 12000 },
    { name: '骆驼城镇', size: 14000 },
    { name: '新坝镇', size: 13000 },
    { name: '黑泉镇', size: 13000 },
    { name: '罗城镇', size: 10000 },
  ],
  centralStart: dayNumber(2020, 9, 15),
  centralEnd: dayNumber(2020, 12, 31),
  bulkSubsidyDate: dayNumber(2020, 12, 25),
};

export const COUNTIES: Record<CountyKey, CountyProfile> = { kaijiang: KAIJIANG, gaotai: GAOTAI };

/** Sum of a county's township sizes (513,080 for 开江). */
export function countyTotal(profile: CountyProfile): number {
  return profile.townships.reduce((a, t) => a + t.size, 0);
}
