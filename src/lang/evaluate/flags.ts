// Built-in flags: stable codes the app filters on, with their Chinese names (usable in examples) and messages.
import type { ResultFlag } from '../model.js';

const ID_PROBLEM: Partial<Record<string, [string, string]>> = {
  empty: ['身份证号码为空', 'ID number is empty'],
  length: ['身份证号码位数不对（应为18位或15位）', 'ID number must have 18 (or 15) characters'],
  characters: ['身份证号码含有非法字符', 'ID number contains invalid characters'],
  'birth-date': ['身份证号码中的出生日期不存在', 'The birth date inside the ID number does not exist'],
  checksum: ['身份证号码校验位不符（可能录错了一位）', 'ID number check digit is wrong (a digit may be mistyped)'],
  'future-birth': [
    '身份证号码中的出生日期在参保年度结束之后',
    'The birth date inside the ID number lies after the end of the coverage year',
  ],
};

/** What is wrong with an ID number, for a clerk. */
export function idProblemText(problem: string): { zh: string; en: string } {
  const [zh, en] = ID_PROBLEM[problem] ?? ['身份证号码无效', 'Invalid ID number'];
  return { zh, en };
}

export const BUILTIN_FLAGS = {
  'invalid-id': { zh: '身份证号码无效', en: 'invalid ID number' },
  'duplicate-id': { zh: '身份证号码重复', en: 'duplicate ID number' },
  'household-incomplete': { zh: '整户未参保', en: 'household not fully enrolled' },
  'missing-parameter': { zh: '缺少参数', en: 'missing parameter' },
  'not-eligible': { zh: '不符合参保条件', en: 'not eligible' },
  'short-row': { zh: '缺少单元格', en: 'row too short' },
  'missing-value': { zh: '必填项为空', en: 'required value empty' },
  'extra-cells': { zh: '单元格多于表头', en: 'more cells than header' },
  'rule-conflict': { zh: '规则冲突', en: 'rule conflict' },
  'unreadable-value': { zh: '数据无法识别', en: 'unreadable value' },
  'unknown-outcome': { zh: '结果未知', en: 'unknown outcome' },
  'rule-without-value': { zh: '适用的规则没有值', en: 'applicable rule without a value' },
  'no-rule': { zh: '无适用规则', en: 'no applicable rule' },
  invariant: { zh: '核对未通过', en: 'invariant broken' },
  'date-without-time': { zh: '日期缺少时间', en: 'date without a time' },
  'collection-mismatch': { zh: '征缴方式不符', en: 'collection mechanic mismatch' },
  'division-by-zero': { zh: '除数为零', en: 'division by zero' },
  'arithmetic-overflow': { zh: '数值超出范围', en: 'number out of range' },
} as const;

export type BuiltinFlagCode = keyof typeof BUILTIN_FLAGS;

/** The code for a flag name written in a policy example (Chinese name or code). */
export function flagCodeFor(name: string): string {
  for (const [code, names] of Object.entries(BUILTIN_FLAGS)) if (names.zh === name || code === name) return code;
  return name;
}

export function builtinFlag(code: BuiltinFlagCode, args: Record<string, string | number>): ResultFlag {
  switch (code) {
    case 'invalid-id':
      return { code, message: idProblemText(String(args.problem)) };
    case 'duplicate-id':
      return {
        code,
        message: { zh: `身份证号码与第 ${args.rows} 行重复`, en: `Same ID number as row(s) ${args.rows}` },
      };
    case 'household-incomplete':
      return {
        code,
        message: {
          zh: `户 ${args.household} 未整户参保：${args.missing} 人未参保`,
          en: `Household ${args.household} not fully enrolled: ${args.missing} member(s) not enrolled`,
        },
      };
    case 'missing-parameter':
      return {
        code,
        message: {
          zh: `缺少参数“${args.name}”：通知未给出，无法计算（可在评估时提供）`,
          en: `Missing parameter “${args.name}”: not given in the notice; supply it at evaluation time`,
        },
      };
    case 'not-eligible':
      return { code, message: { zh: `不符合参保条件：${args.reason}`, en: `Not eligible: ${args.reason}` } };
    case 'short-row':
      return {
        code,
        message: {
          zh: `本行缺少${args.columns}列的单元格，依赖它们的结果未知`,
          en: `This row has no cell for column(s) ${args.columns}: results that depend on them are unknown`,
        },
      };
    case 'missing-value':
      return { code, message: { zh: `必填的“${args.column}”列为空`, en: `Required column “${args.column}” is empty` } };
    case 'extra-cells':
      return {
        code,
        message: {
          zh: '本行的单元格比表头多，各列可能错位，请核对',
          en: 'This row has more cells than the header: its columns may be shifted; check it',
        },
      };
    case 'rule-conflict':
      return {
        code,
        message: {
          zh: `结果“${args.name}”有多条规则同时适用且未说明取舍`,
          en: `Several rules of “${args.name}” apply and no precedence is stated`,
        },
      };
    case 'unreadable-value': {
      const guess = args.suggestion
        ? [`（是否为“${args.suggestion}”？）`, ` (did you mean “${args.suggestion}”?)`]
        : ['', ''];
      return {
        code,
        message: {
          zh: `“${args.column}”列的“${args.text}”无法识别${guess[0]}，依赖它的结果未知`,
          en: `“${args.text}” in column “${args.column}” could not be read${guess[1]}; results that depend on it are unknown`,
        },
      };
    }
    case 'rule-without-value':
      return {
        code,
        message: {
          zh: `结果“${args.name}”有一条适用的规则没有值（如空白单元格），无法合计或比较：请补全数据`,
          en: `A rule of “${args.name}” applies but has no value (an empty cell, say), so it cannot be summed or compared: fill in the data`,
        },
      };
    case 'unknown-outcome':
      return {
        code,
        message: {
          zh: `“${args.name}”无法确定，结果未知`,
          en: `“${args.name}” could not be determined: the result is unknown`,
        },
      };
    case 'date-without-time':
      return {
        code,
        message: {
          zh: `日期 ${args.name} 没有时间，与当天的截止时刻比较无法确定先后，结果未知：请在花名册中写明时间（如 ${args.name} 16:30）并把该列声明为“时刻”`,
          en: `The date ${args.name} has no time of day, so it cannot be compared with a moment on that day: the result is unknown; give the time in the roster (${args.name} 16:30) and declare the column 时刻`,
        },
      };
    case 'invariant':
      return { code, message: { zh: `核对未通过：${args.message}`, en: `Invariant broken: ${args.message}` } };
    case 'collection-mismatch':
      return {
        code,
        message:
          args.problem === 'waived-with-fee'
            ? {
                zh: '资助方式为免征代缴，但个人缴费不是0元：柜面应收、事后补助、个人实际负担无法确定，请核对政策',
                en: 'The mechanic is 免征代缴 (nothing collected) but the personal fee is not 0 yuan: amounts due, credited and borne are unknown; check the policy',
              }
            : {
                zh: '政府资助大于0元，但没有资助方式（缴费时抵扣、先缴后补或免征代缴）：柜面应收、事后补助、个人实际负担无法确定',
                en: 'The subsidy is above 0 yuan but no mechanic (upfront, after payment or waived) is given: amounts due, credited and borne are unknown',
              },
      };
    case 'division-by-zero':
      return {
        code,
        message: {
          zh: `${args.at}（${args.owner}）的除法除数为零，无法计算，依赖它的结果未知：请核对政策或花名册中的除数`,
          en: `The division at ${args.at} (${args.ownerEn}) divides by zero: results that depend on it are unknown; check the divisor in the policy or the roster`,
        },
      };
    case 'arithmetic-overflow':
      return {
        code,
        message: {
          zh: `${args.at}（${args.owner}）的计算结果超出可精确计算的范围（超过 90 万亿元，即 2^53 − 1 分），依赖它的结果未知：请核对政策或花名册中的数值`,
          en: `The result at ${args.at} (${args.ownerEn}) is beyond exact arithmetic (past 2^53 − 1 fen, some 90 trillion yuan): results that depend on it are unknown; check the numbers in the policy or the roster`,
        },
      };
    case 'no-rule':
      return {
        code,
        message: {
          zh: `结果“${args.name}”对此人没有适用的规则（政策未写“否则”），无法确定`,
          en: `No rule of “${args.name}” applies to this person and the policy states no “otherwise”: unknown`,
        },
      };
  }
}
