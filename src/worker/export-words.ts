// The words of exported files (column headers, values, sheet and file names), each written in one language only.
import type { Bilingual } from '../lang/diagnostic.js';

/** The language of an export: the one the clerk chose for the screens. */
export type ExportLang = 'zh' | 'en';

const WORDS = {
  township: { zh: '乡镇', en: 'Township' },
  persons: { zh: '人数', en: 'Persons' },
  eligibleCount: { zh: '符合条件', en: 'Eligible' },
  enrolled: { zh: '已参保', en: 'Enrolled' },
  target: { zh: '目标任务', en: 'Target' },
  rate: { zh: '参保率', en: 'Rate' },
  collected: { zh: '应收个人缴费(元)', en: 'Fees (yuan)' },
  subsidyUpfront: { zh: '缴费时抵扣资助(元)', en: 'Upfront subsidy (yuan)' },
  subsidyAfter: { zh: '先缴后补资助(元)', en: 'After-payment subsidy (yuan)' },
  backPayment: { zh: '历年补缴(元)', en: 'Back payments (yuan)' },
  subsidyWaived: { zh: '免征代缴资助(元)', en: 'Subsidy, nothing collected (yuan)' },
  due: { zh: '柜面应收(元)', en: 'Due at the counter (yuan)' },
  credited: { zh: '事后补助(元)', en: 'Credited afterwards (yuan)' },
  netCost: { zh: '个人实际负担(元)', en: 'Net cost to persons (yuan)' },
  collectionUnknown: { zh: '征缴金额未知(人)', en: 'Collection unknown (people)' },
  payerPrefix: { zh: '资助主体：', en: 'Paid by: ' },
  payerNone: { zh: '（未注明主体）', en: '(no paying body stated)' },
  unknown: { zh: '金额未知(人)', en: 'Amounts unknown (people)' },
  eligible: { zh: '参保资格', en: 'Eligible' },
  reason: { zh: '原因', en: 'Reason' },
  personalFee: { zh: '个人缴费(元)', en: 'Personal fee (yuan)' },
  subsidy: { zh: '政府资助(元)', en: 'Government subsidy (yuan)' },
  timing: { zh: '资助方式', en: 'Subsidy timing' },
  benefitStart: { zh: '待遇开始', en: 'Benefits from' },
  benefitEnd: { zh: '待遇结束', en: 'Benefits until' },
  flags: { zh: '标记', en: 'Flags' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  upfront: { zh: '缴费时抵扣', en: 'Deducted at payment' },
  afterPayment: { zh: '先缴后补', en: 'Credited after payment' },
  waived: { zh: '免征代缴', en: 'Nothing collected (waived)' },
  flagSeparator: { zh: '；', en: '; ' },
  resultsSheet: { zh: '结果', en: 'Results' },
  resultsFile: { zh: '结果', en: 'results' },
  summaryFile: { zh: '乡镇汇总', en: 'township-summary' },
  summarySheet: { zh: '乡镇汇总', en: 'Township summary' },
  duplicateSheet: { zh: '重复身份证号码', en: 'Repeated ID numbers' },
  row: { zh: '行号', en: 'Row' },
  sameIdAs: { zh: '与第几行重复', en: 'Same ID as row' },
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '身份证号码', en: 'ID number' },
  village: { zh: '村(社区)', en: 'Village' },
  feeDue: { zh: '应缴个人缴费(元)', en: 'Fee due (yuan)' },
  status: { zh: '状态', en: 'Status' },
  statusNotEnrolled: { zh: '未参保', en: 'Not enrolled' },
  statusUnknown: { zh: '无法确定，请核实', en: 'Unknown, to check' },
  listedInVillage: { zh: '本村名单人数', en: 'Listed in village' },
  notEnrolledCount: { zh: '未参保(人)', en: 'Not enrolled (people)' },
  unknownCount: { zh: '无法确定(人)', en: 'Unknown (people)' },
  feesDueTotal: { zh: '应缴合计(元)', en: 'Fees due (yuan)' },
  toPayFile: { zh: '待缴费名单', en: 'to-pay-list' },
  toPaySheet: { zh: '待缴费名单', en: 'To pay' },
  toPayCountSheet: { zh: '各村人数', en: 'Per village' },
  sheetLine: { zh: '表格行号', en: 'Spreadsheet line' },
  problem: { zh: '问题', en: 'Problem' },
  problemDetail: { zh: '说明', en: 'Details' },
  problemsFile: { zh: '问题行清单', en: 'problem-rows' },
  problemsSheet: { zh: '问题行清单', en: 'Problem rows' },
  feeOld: { zh: '原个人缴费(元)', en: 'Fee before (yuan)' },
  feeNew: { zh: '新个人缴费(元)', en: 'Fee after (yuan)' },
  feeChange: { zh: '个人缴费变化(元)', en: 'Fee change (yuan)' },
  subsidyOld: { zh: '原政府资助(元)', en: 'Subsidy before (yuan)' },
  subsidyNew: { zh: '新政府资助(元)', en: 'Subsidy after (yuan)' },
  subsidyChange: { zh: '政府资助变化(元)', en: 'Subsidy change (yuan)' },
  change: { zh: '变化', en: 'Change' },
  changeMore: { zh: '多缴', en: 'Pays more' },
  changeLess: { zh: '少缴', en: 'Pays less' },
  changeSame: { zh: '不变', en: 'Same' },
  changeUnknown: { zh: '无法比较', en: 'Cannot compare' },
  county: { zh: '全县', en: 'County' },
  compareFile: { zh: '政策对比', en: 'policy-comparison' },
  compareSheet: { zh: '逐人对比', en: 'Per person' },
  compareSummarySheet: { zh: '乡镇对比', en: 'Per township' },
  breakdownSheet: { zh: '分类汇总', en: 'Summary by category' },
  breakdownBy: { zh: '汇总项', en: 'Summary by' },
  breakdownValue: { zh: '类别', en: 'Value' },
  subsidyTotal: { zh: '政府资助(元)', en: 'Subsidy (yuan)' },
  noneValue: { zh: '无', en: 'None' },
  unknownValue: { zh: '未知', en: 'Unknown' },
} as const satisfies Record<string, Bilingual>;

/** Every export word in `lang`. */
export function exportWords(lang: ExportLang): Record<keyof typeof WORDS, string> {
  return Object.fromEntries(Object.entries(WORDS).map(([k, w]) => [k, w[lang]])) as Record<keyof typeof WORDS, string>;
}

/** The two columns of a special group (人数 and 已参保) in the summary, e.g. `低保对象 已参保`. */
export function groupHeaders(lang: ExportLang, group: string): [string, string] {
  return lang === 'zh' ? [`${group} 人数`, `${group} 已参保`] : [`${group}: persons`, `${group}: enrolled`];
}

/** The note under the repeated-ID sheet's rows when more rows repeat than it lists. */
export function moreDuplicates(lang: ExportLang, more: number): string {
  return lang === 'zh'
    ? `另有 ${more} 行（结果中标记 duplicate-id）`
    : `${more} more (flag duplicate-id in the results)`;
}
