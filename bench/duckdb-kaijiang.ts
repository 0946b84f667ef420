// Peer for the benchmark only (never used by the app): the 开江 2020 rules (policies/kaijiang-2020.policy, the same
// rules as bench/handwritten-kaijiang.ts) written by hand as ONE DuckDB SQL query, as a data-savvy analyst would:
// read the county CSV with read_csv, check ID numbers (length, digits, birth date, check digit), find duplicate IDs
// with a window count, compute eligibility, subsidy, personal fee, timing and benefit start/end, and COPY every
// person's result to a CSV file. Unknown is SQL NULL (its three-valued AND/OR/NOT are the policy's): the 低保资助额
// the notice leaves to the city, a pay date that is not a date (2019-02-30). Written out as 未知.
//
// `tsx bench/duckdb-kaijiang.ts IN.csv OUT.csv` runs the query in this process (2 threads) and prints
// {"seconds": …, "maxRssKiB": …} as its last line; run.ts runs it as a child to measure its peak memory.
import { readFileSync } from 'node:fs';
import type { PersonResult } from '../src/lang/model.js';
import { formatDate } from '../src/lang/runtime/calendar.js';
import { formatYuan } from '../src/lang/runtime/money.js';

const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
/** A CASE mapping each alias to its category (the policy's 别名). */
const aliases = (v: string, groups: Record<string, string[]>) =>
  `CASE ${Object.entries(groups)
    .flatMap(([name, alts]) => alts.map((a) => `WHEN ${v} = '${a}' THEN '${name}'`))
    .join(' ')} ELSE ${v} END`;
const CATEGORIES = {
  普通居民: ['一般居民', '普通', '无'],
  特困人员: ['特困供养人员', '五保户', '五保供养对象'],
  重点优抚对象: ['优抚对象'],
  重度残疾人: ['重度残疾', '一二级残疾人'],
  建档立卡贫困人口: ['建档立卡', '贫困人口', '建档立卡贫困户'],
  孤儿: ['纳入孤儿基本生活保障范围的孤儿'],
  低保对象: ['城乡居民最低生活保障对象', '低保户', '城乡低保对象'],
};
const OTHER = {
  城镇职工医保: ['职工医保', '城镇职工基本医疗保险', '职工基本医疗保险'],
  大学生医保: ['大学生医疗保险', '大学生基本医疗保险'],
};
const SPECIAL = ['特困人员', '重点优抚对象', '重度残疾人', '建档立卡贫困人口', '孤儿'];
const setOf = (col: string, groups: Record<string, string[]>) =>
  `list_transform(CASE WHEN trim(coalesce(${col}, '')) = '' THEN []::VARCHAR[] ELSE string_split_regex(trim(${col}), '\\s*[、，,;；/]\\s*') END, lambda x: ${aliases('x', groups)})`;
const dateOf = (v: string) =>
  `coalesce(${['%Y-%m-%d', '%Y/%m/%d', '%Y%m%d', '%Y年%m月%d日'].map((f) => `try_strptime(${v}, '${f}')`).join(', ')})::DATE`;
/** A pay-date condition: unknown where the pay date is not a date, false where there is none. */
const onPaid = (test: string) => `CASE WHEN paid_unknown THEN NULL WHEN paid IS NULL THEN false ELSE ${test} END`;
const yuan = (v: string) => `CASE WHEN ${v} IS NULL THEN '未知' ELSE printf('%.2f', ${v} / 100.0) END`;

/** The query: the county CSV at `input` → every person's result in the CSV at `output`. */
export function kaijiangSql(input: string, output: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return `COPY (
WITH src AS (
  SELECT row_number() OVER () AS rn, * FROM read_csv(${q(input)}, all_varchar = true, header = true)
), ids AS (
  SELECT *, upper(trim(coalesce("身份证号码", ''))) AS id FROM src
), p AS (
  SELECT rn, id,
    length(id) = 18 AND regexp_full_match(id, '[0-9]{17}[0-9X]')
      AND try_strptime(substr(id, 7, 8), '%Y%m%d') IS NOT NULL
      AND substr('10X98765432', (list_sum(list_transform(range(17), lambda i: (ascii(substr(id, i + 1, 1)) - 48)
        * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i + 1])) % 11)::INT + 1, 1) = substr(id, 18, 1)
      AND try_strptime(substr(id, 7, 8), '%Y%m%d')::DATE <= DATE '2020-12-31' AS id_ok,
    ${setOf('"人员类别"', CATEGORIES)} AS cats,
    ${setOf('"其他保险"', OTHER)} AS other,
    trim(coalesce("是否本县户籍", '')) = '是' AS local,
    coalesce(trim("上年度是否参保") = '是', false) AS prev_yes,
    coalesce(trim("上年度是否参保") = '否', false) AS prev_no,
    ${dateOf('trim("缴费日期")')} AS paid,
    trim(coalesce("缴费日期", '')) <> '' AND ${dateOf('trim("缴费日期")')} IS NULL AS paid_unknown,
    CASE WHEN id <> '' THEN count(*) OVER (PARTITION BY id) > 1 ELSE false END AS dup
  FROM ids
), c AS (
  SELECT *, CASE WHEN id_ok THEN try_strptime(substr(id, 7, 8), '%Y%m%d')::DATE END AS birth,
    NOT list_has_any(other, ['城镇职工医保', '大学生医保']) AS eligible,
    list_has_any(cats, ${list(SPECIAL)}) AND local AS fully
  FROM p
), m AS (
  SELECT *,
    CASE WHEN NOT eligible THEN 0 WHEN fully THEN 25000 WHEN list_contains(cats, '低保对象') THEN NULL ELSE 0 END AS subsidy,
    -- An invalid ID number: birth date unknown (NULL), so whether a newborn is unknown too, as in the DSL.
    CASE WHEN id_ok THEN year(birth) = 2020 END AS newborn
  FROM c
), k AS (
  SELECT *,
    -- greatest() skips a NULL: an unknown subsidy must leave the fee unknown, not 0.
    CASE WHEN NOT eligible THEN 0 WHEN subsidy IS NULL THEN NULL ELSE greatest(25000 - subsidy, 0) END AS fee,
    CASE WHEN id_ok THEN ${onPaid('paid <= birth + 90')} END AS within90,
    ${onPaid("paid BETWEEN DATE '2019-09-01' AND DATE '2019-12-25'")} AS in_period,
    ${onPaid("paid > DATE '2019-12-25'")} AS after_period,
    CASE WHEN id_ok THEN ${onPaid('paid < birth')} END AS before_birth,
    CASE WHEN paid_unknown THEN NULL ELSE paid IS NOT NULL END AS has_paid,
    ${onPaid("paid + 31 > DATE '2020-12-31'")} AS wait_after_year
  FROM m
), s AS (
  SELECT *,
    (newborn OR after_period) AND NOT (newborn AND within90) AND wait_after_year AS late_year,
    in_period OR (fee = 0 AND NOT has_paid) AS by_previous
  FROM k
), r AS (
  SELECT *, CASE
    WHEN NOT eligible THEN ''
    WHEN before_birth IS NULL THEN '未知' WHEN before_birth THEN ''
    WHEN (newborn AND within90) IS NULL THEN '未知' WHEN newborn AND within90 THEN strftime(birth, '%Y-%m-%d')
    WHEN late_year IS NULL THEN '未知' WHEN late_year THEN ''
    WHEN newborn THEN CASE WHEN paid_unknown THEN '未知' WHEN paid IS NULL THEN '' ELSE strftime(paid + 31, '%Y-%m-%d') END
    WHEN after_period IS NULL THEN '未知' WHEN after_period THEN strftime(paid + 31, '%Y-%m-%d')
    WHEN (by_previous AND prev_yes) IS NULL THEN '未知' WHEN by_previous AND prev_yes THEN '2020-01-01'
    WHEN (by_previous AND prev_no) IS NULL THEN '未知' WHEN by_previous AND prev_no THEN '2020-02-01'
    ELSE '' END AS start
  FROM s
)
SELECT rn AS "行号", id AS "身份证号码",
  CASE WHEN eligible THEN '是' ELSE '否' END AS "参保资格",
  ${yuan('fee')} AS "个人缴费", ${yuan('subsidy')} AS "政府资助",
  CASE WHEN subsidy IS NULL THEN '未知' WHEN subsidy > 0 THEN '缴费时抵扣' ELSE '' END AS "资助方式",
  start AS "待遇开始",
  CASE WHEN start = '未知' THEN '未知' WHEN start <> '' THEN '2020-12-31' ELSE '' END AS "待遇结束",
  CASE WHEN id_ok THEN '' ELSE '是' END AS "身份证无效", CASE WHEN dup THEN '是' ELSE '' END AS "重复"
FROM r ORDER BY rn
) TO ${q(output)} (HEADER, DELIMITER ',')`;
}

/** Runs the query with 2 threads; seconds from opening the database to the file written. */
export async function runKaijiangSql(input: string, output: string): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const t = performance.now();
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await db.connect();
  await connection.run(kaijiangSql(input, output));
  connection.closeSync();
  return (performance.now() - t) / 1000;
}

/** The DSL's result in the DuckDB output's terms (未知 where the outcome came out unknown). */
function dslLine(r: PersonResult): string[] {
  const u = (o: string) => r.unknown?.includes(o) ?? false;
  const money = (o: string, fen: number | null) => (u(o) ? '未知' : fen === null ? '' : formatYuan(fen));
  const day = (o: string, d: number | null) => (u(o) ? '未知' : d === null ? '' : formatDate(d));
  const flag = (code: string) => (r.flags.some((f) => f.code === code) ? '是' : '');
  return [
    String(r.row),
    r.idNumber ?? '',
    r.eligible ? '是' : '否',
    money('个人缴费', r.personalFee),
    money('政府资助', r.subsidy),
    u('资助方式') ? '未知' : r.subsidyTiming === 'upfront' ? '缴费时抵扣' : '',
    day('待遇开始', r.benefitStart),
    day('待遇结束', r.benefitEnd),
    flag('invalid-id'),
    flag('duplicate-id'),
  ];
}

/**
 * Throws at the first person where DuckDB's output and the DSL's results differ (with both lines); the synthetic
 * roster has no quotes, so its output splits on commas.
 */
export function assertSameAsDsl(duckCsv: string, results: readonly PersonResult[]): void {
  const lines = readFileSync(duckCsv, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length - 1 !== results.length)
    throw new Error(`DuckDB wrote ${lines.length - 1} persons, the DSL evaluated ${results.length}`);
  for (let i = 0; i < results.length; i++) {
    const duck = lines[i + 1]!.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const dsl = dslLine(results[i]!);
    if (duck.join(',') !== dsl.join(','))
      throw new Error(
        `DuckDB and the DSL differ on roster row ${i + 1}:\nDSL    ${dsl.join(',')}\nDuckDB ${duck.join(',')}`,
      );
  }
}

if (/duckdb-kaijiang\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: tsx bench/duckdb-kaijiang.ts IN.csv OUT.csv');
  const seconds = await runKaijiangSql(input, output);
  console.log(JSON.stringify({ seconds, maxRssKiB: process.resourceUsage().maxRSS }));
}
