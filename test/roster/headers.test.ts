// The bundled policies recognise every header clerks' rosters use (the list agreed for the two counties).
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/index.js';
import { matchColumns } from '../../src/roster/index.js';
import { fromDisk } from '../helpers.js';

const HEADERS = [
  ['姓名', '姓名'],
  ['身份证号码', '身份证号码', '身份证号', '公民身份号码', '证件号码'],
  ['登记性别', '性别'],
  ['登记出生日期', '出生日期'],
  ['户号', '户号', '户编号', '家庭编号'],
  ['与户主关系', '与户主关系'],
  ['乡镇', '乡镇', '乡镇(街道)', '乡镇（街道）'],
  ['村', '村(社区)', '村', '社区', '村社区'],
  ['人员类别', '人员类别', '资助类别', '参保人员类别'],
  ['是否本县户籍', '是否本县户籍', '户籍'],
  ['上年度是否参保', '上年度是否参保'],
  ['缴费日期', '缴费日期', '缴费时间', '到账日期'],
  ['中途参保原因', '中途参保原因'],
  ['其他保险', '其他保险'],
  ['建档立卡认定日期', '建档立卡认定日期'],
];

describe('bundled policies recognise the roster headers', () => {
  for (const path of ['policies/kaijiang-2020.policy', 'policies/gaotai-2021.policy']) {
    it(path, () => {
      const fields = loadPolicy(path, fromDisk).policy!.fields;
      for (const [field, ...headers] of HEADERS) {
        for (const h of headers)
          expect(matchColumns([h], fields).mapping.find((m) => m.index === 0)?.field, `${h} → ${field}`).toBe(field);
      }
    });
  }
});
