// Every label in Simplified Chinese and English; the English catalog must have exactly the Chinese keys.
const zh = {
  appTitle: '医保筹资规则', privacy: '花名册数据不离开本机',
  navPolicies: '政策', navRosters: '花名册', navResults: '结果', navSummary: '汇总', navExport: '导出', navSettings: '设置',
  language: 'English', memoryOnly: '数据仅保存在本次会话内',
  bundled: '内置', mine: '我的', save: '保存', saved: '已保存', newYear: '新一年度', importPolicy: '导入 .policy', exportPolicy: '导出 .policy',
  versions: '历史版本', restore: '恢复', noProblems: '没有发现问题', examples: '例子', passed: '通过', failed: '失败', checking: '检查中…',
  policyErrors: '政策有错误，请先修正', chooseFile: '选择文件（CSV 或 XLSX）', dropHere: '或把文件拖到这里', samples: '示例花名册',
  policy: '政策', mapping: '列对应', field: '字段', header: '表头列', how: '匹配方式', notMapped: '（未对应）', problems: '无法读取的数据',
  rows: '行', commit: '导入并计算', cancel: '取消', importing: '正在导入', phase_read: '读取', phase_evaluate: '计算', phase_store: '保存', phase_load: '载入',
  storedRosters: '已保存的花名册', open: '打开', delete: '删除', noRoster: '请先在“花名册”中导入或打开一个花名册',
  how_exact: '完全一致', how_alias: '别名', how_normalized: '忽略空格/全角', how_manual: '手动', how_missing: '缺失',
  all: '全部', township: '乡镇', village: '村(社区)', category: '人员类别', flag: '标记', eligibility: '参保资格', search: '搜索姓名或身份证号码',
  row: '行号', name: '姓名', idNumber: '身份证号码', eligible: '符合', notEligible: '不符合', personalFee: '个人缴费', subsidy: '政府资助',
  timing: '资助方式', upfront: '缴费时抵扣', afterPayment: '先缴后补', benefitStart: '待遇开始', benefitEnd: '待遇结束', flags: '标记', results: '条结果',
  explain: '说明', close: '关闭', clause: '条款', county: '全县', target: '目标任务', enrolled: '已参保', rate: '参保率', goal: '目标',
  collected: '应收个人缴费', subsidyUpfront: '缴费时抵扣资助', subsidyAfter: '先缴后补资助', flagCounts: '标记统计', special: '特殊人员',
  exportXlsx: '导出结果 XLSX', exportCsv: '导出结果 CSV（UTF-8）', exportSummary: '导出乡镇汇总 XLSX', print: '打印报告（A4）',
  storage: '存储', used: '已用', available: '可用', clearAll: '清除全部数据', confirmClear: '确定清除全部政策修改和花名册？此操作不可撤销。', cleared: '已清除',
  rosterName: '名称', created: '导入时间', yuan: '元', none: '—', params: '参数（通知未给出数额时可在此补上）',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'yibao-rules', privacy: 'Roster data never leaves this computer',
  navPolicies: 'Policies', navRosters: 'Rosters', navResults: 'Results', navSummary: 'Summary', navExport: 'Export', navSettings: 'Settings',
  language: '中文', memoryOnly: 'Data is kept for this session only',
  bundled: 'Bundled', mine: 'Mine', save: 'Save', saved: 'Saved', newYear: 'New year', importPolicy: 'Import .policy', exportPolicy: 'Export .policy',
  versions: 'Versions', restore: 'Restore', noProblems: 'No problems found', examples: 'Examples', passed: 'passed', failed: 'failed', checking: 'Checking…',
  policyErrors: 'The policy has errors; fix them first', chooseFile: 'Choose a file (CSV or XLSX)', dropHere: 'or drop a file here', samples: 'Sample rosters',
  policy: 'Policy', mapping: 'Column mapping', field: 'Field', header: 'Column', how: 'Matched by', notMapped: '(not mapped)', problems: 'Values that could not be read',
  rows: 'rows', commit: 'Import and compute', cancel: 'Cancel', importing: 'Importing', phase_read: 'reading', phase_evaluate: 'computing', phase_store: 'saving', phase_load: 'loading',
  storedRosters: 'Stored rosters', open: 'Open', delete: 'Delete', noRoster: 'Import or open a roster under “Rosters” first',
  how_exact: 'exact', how_alias: 'alias', how_normalized: 'ignoring spaces/full-width', how_manual: 'manual', how_missing: 'missing',
  all: 'All', township: 'Township', village: 'Village', category: 'Category', flag: 'Flag', eligibility: 'Eligibility', search: 'Search name or ID number',
  row: 'Row', name: 'Name', idNumber: 'ID number', eligible: 'Eligible', notEligible: 'Not eligible', personalFee: 'Personal fee', subsidy: 'Subsidy',
  timing: 'Timing', upfront: 'Deducted at payment', afterPayment: 'Credited after payment', benefitStart: 'Benefit start', benefitEnd: 'Benefit end', flags: 'Flags', results: 'results',
  explain: 'Explain', close: 'Close', clause: 'Clause', county: 'County', target: 'Target', enrolled: 'Enrolled', rate: 'Rate', goal: 'Goal',
  collected: 'Personal fees due', subsidyUpfront: 'Subsidy at payment', subsidyAfter: 'Subsidy after payment', flagCounts: 'Flags by kind', special: 'Special groups',
  exportXlsx: 'Export results XLSX', exportCsv: 'Export results CSV (UTF-8)', exportSummary: 'Export township summary XLSX', print: 'Print report (A4)',
  storage: 'Storage', used: 'Used', available: 'Available', clearAll: 'Clear all data', confirmClear: 'Clear all policy edits and rosters? This cannot be undone.', cleared: 'Cleared',
  rosterName: 'Name', created: 'Imported', yuan: 'yuan', none: '—', params: 'Parameters (fill in amounts the notice leaves out)',
};

export type Lang = 'zh' | 'en';
export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { zh, en };
