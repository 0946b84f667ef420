// Simplified Chinese: the default catalog, and the source of the key list the English catalog must match.
export const zh = {
  appTitle: '医保筹资规则', appSubtitle: '城乡居民基本医疗保险缴费计算工作台', privacy: '花名册数据不离开本机', privacyShort: '数据不离本机',
  navPolicies: '政策', navRosters: '花名册', navResults: '结果', navSummary: '汇总', navExport: '导出', navSettings: '设置',
  langToggle: 'English', langName: '中文', language: '界面语言',
  memoryOnly: '数据仅保存在本次会话内', slowEvaluator: '未能使用生成的计算代码（浏览器不允许载入时会如此），已改用较慢的方式计算，结果相同。', loading: '正在打开本地数据…', close: '关闭', cancel: '取消', delete: '删除', open: '打开',
  activeRoster: '当前花名册', noActiveRoster: '未打开花名册', noRoster: '还没有打开花名册。', goImport: '到“花名册”导入或打开一个',
  // Policies
  policiesTitle: '政策文件', bundled: '内置', mine: '已修改', userOnly: '我的', otherCounty: '其他',
  save: '保存', saved: '已保存为新版本', savedWithProblems: '已保存为新版本，但政策有错误或例子未通过：有错误时不能用于计算花名册',
  saveProblems: '此政策有 {errors} 个错误、{failed} 个例子未通过。有错误的政策不能用于计算花名册。仍要保存为新版本吗？', saveFailedExamples: '此政策有 {failed} 个例子未通过：按它算出的结果与例子所写的不同。仍要保存为新版本吗？', saveAnyway: '仍然保存',
  bundledVersion: '内置版本', restoreBundled: '恢复内置版本', restoredBundled: '已把内置版本放回编辑器（保存后生效）', isBundledText: '与内置版本相同', unsaved: '未保存的修改', unsavedShort: '未保存', newYear: '新一年度', newYearHint: '以此政策为上一年度，新建下一年度文件', newYearConfirm: '已新建下一年度文件：检查结果列出了沿用上一年度的日期、期限和金额，请逐项确认或改写',
  importPolicy: '导入 .policy 文件', exportPolicy: '导出 .policy',
  versions: '历史版本', currentVersion: '当前', restore: '恢复此版本', restored: '已恢复到编辑器（保存后生效）', noVersions: '保存后，此前的版本会列在这里',
  diagnostics: '检查结果', noProblems: '没有发现问题', errorsCount: '个错误', warningsCount: '个提示', checking: '检查中…',
  examples: '例子', examplesNotRun: '政策有错误，例子未运行', noExamples: '此政策没有例子', passed: '通过', failed: '未通过',
  hint: '建议', position: '第{line}行，第{column}列', clause: '条款',
  // Rosters
  rostersTitle: '导入花名册', policy: '政策', chooseFile: '选择文件', fileTypes: 'CSV（UTF-8 或 GBK）或 XLSX', dropHere: '把花名册文件拖到这里，或',
  samples: '示例花名册', sampleRows: '行',
  mapping: '列对应', mappingHint: '每个政策字段对应花名册的哪一列；可手动改正，改正会按这组表头记住。',
  field: '政策字段', header: '花名册表头', how: '匹配方式', required: '必填', notMapped: '（不对应）',
  how_exact: '完全一致', how_alias: '别名', how_normalized: '忽略空格/全角', how_manual: '手动', how_missing: '缺失',
  params: '补充参数', paramUnset: '未设置', paramFormat: '填写格式如：{example}', paramUnknown: '未设置：{count} 人的结果将无法计算', paramsHint: '通知未给出数额的参数，可在此为本次导入补上；不填的人会被标记“缺少参数”。',
  problems: '数据问题', problemsNone: '所有行都能读取，没有重复的身份证号码', problemRows: '如第 {rows} 行', problemsMore: '另有', problemReason: '问题',
  rosterName: '名称', commit: '导入并计算', importing: '正在导入',
  phase_read: '读取文件', phase_evaluate: '逐人计算', phase_store: '保存到本机', phase_load: '载入', phase_export: '生成文件',
  storedRosters: '已保存的花名册', policyChanged: '政策已修改',
  staleTitle: '当前结果按旧版政策计算，与现在的政策不符：', staleUsedBundled: '按内置版本计算', staleUsedSaved: '按 {time} 保存的版本计算', staleUsedUnknown: '按一个已不在历史版本中的版本计算', staleChanged: '，此后已修改', staleDeleted: '，此文件已删除',
  staleHint: '表中的金额、日期和计算说明仍是旧版的结果。', recompute: '按当前政策重新计算', confirmDelete: '删除“{name}”及其全部结果？不可撤销', confirmDeleteYes: '确定删除', noStoredRosters: '还没有保存的花名册', created: '导入时间', rows: '人数', opened: '已打开',
  // Results
  all: '全部', township: '乡镇', village: '村（社区）', category: '人员类别', flag: '标记', eligibility: '参保资格',
  search: '搜索姓名或身份证号码', clearFilters: '清除筛选', results: '人', of: '共',
  row: '行号', name: '姓名', idNumber: '身份证号码', eligible: '符合', notEligible: '不符合', personalFee: '个人缴费', subsidy: '政府资助',
  timing: '资助方式', upfront: '缴费时抵扣', afterPayment: '先缴后补', benefitStart: '待遇开始', benefitEnd: '待遇结束', flags: '标记',
  sortHint: '点击表头排序', noResults: '没有符合条件的人',
  explain: '计算说明', explainFor: '第{row}行', explainHint: '点击任一行，查看逐步计算过程及所依据的通知条款；打开后可用 ↑ ↓ 键逐人查看，Esc 关闭', showAllQuotes: '每一步都显示原文', sameAbove: '（原文见上）',
  // Summary
  summaryTitle: '乡镇汇总', eligibleCount: '符合条件', county: '全县', target: '目标任务', enrolled: '已参保', rate: '参保率', goal: '目标', noGoal: '政策未设参保率目标',
  collected: '应收个人缴费（元）', unknownPeople: '金额未知（人）', unknownHint: '参保资格、个人缴费或政府资助无法计算的人（如缺少参数）：左侧金额未计入他们',
  duplicatesNote: '有 {count} 行的身份证号码与前面的行重复，汇总中每人只计一次（按第一次出现的行）；重复的行：{rows}', duplicateOf: '（同第 {first} 行）',
  unknownNote: '有 {count} 人的参保资格或金额无法计算（见“标记统计”，如缺少参数）：表中金额未计入这些人，不是全部应收应补数额。', subsidyUpfront: '缴费时抵扣资助（元）', subsidyAfter: '先缴后补资助（元）', backPayment: '历年补缴（元，另行征缴）',
  expandHint: '点击乡镇展开各村', chartTitle: '各乡镇参保率', belowGoal: '低于目标', atGoal: '达到目标',
  flagCounts: '标记统计', flagCountsHint: '点击数字，查看带此标记的人', noFlags: '没有标记', operations: '经办规则',
  // Export
  exportTitle: '导出', exportXlsx: '结果 XLSX', exportCsv: '结果 CSV（UTF-8）', exportSummary: '乡镇汇总 XLSX', exportSummaryCsv: '乡镇汇总 CSV', print: '打印报告（A4）',
  exportRosterHint: '花名册原有各列，加上参保资格、个人缴费、政府资助、资助方式、待遇期和标记',
  exportSummaryHint: '各乡镇人数、参保率和金额', printHint: '下方报告按 A4 纸打印', exporting: '正在生成…', exported: '已生成',
  reportTitle: '城乡居民基本医疗保险参保缴费汇总报告', reportPolicy: '依据政策', reportRoster: '花名册', reportDate: '生成日期', reportDocument: '文号', preparedBy: '制表人', checkedBy: '审核人', reportRows: '花名册人数',
  // Settings
  settingsTitle: '设置', storage: '本机存储', used: '已用', available: '可用', storageUnknown: '此浏览器未提供存储用量', persisted: '已设为持久存储（浏览器不会自动清除）', notPersisted: '未设为持久存储：磁盘紧张时浏览器可能清除数据，请及时导出', rejected: '读取时发现损坏的记录（已保留，未自动删除）', damagedExport: '导出（JSON）', damagedDelete: '删除', confirmDamagedDelete: '确定删除这条损坏的记录？删除后无法恢复，建议先导出。',
  clearAll: '清除全部数据', clearAllHint: '删除本机保存的全部政策修改、花名册和设置', confirmClear: '确定清除全部政策修改和花名册？此操作不可撤销。', cleared: '已清除全部数据',
  colon: '：', yes: '是', no: '否', none: '—',
} as const;

export type MessageKey = keyof typeof zh;
