// The checker's message catalog: one entry per code, Chinese with English beside. Tests assert codes, not wording.
import type { Bilingual } from '../diagnostic.js';

type Args = Record<string, string | number>;
const fill = (s: string, a: Args) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(a[k] ?? ''));

const CATALOG = {
  'unknown-name': ['不认识的名称“{name}”', 'Unknown name “{name}”'],
  'unknown-function': ['不认识的函数“{name}”', 'Unknown function “{name}”'],
  'duplicate-name': ['名称“{name}”已在第 {line} 行定义过', '“{name}” is already defined on line {line}'],
  'reserved-name': ['“{name}”是内置名称，不能另行定义', '“{name}” is built in and cannot be redefined'],
  'ambiguous-name': ['“{name}”既是已定义的名称又是类别值', '“{name}” is both a defined name and a category value'],
  'type-mismatch': ['此处需要{expected}，但这里是{actual}', 'Expected {expected} here but found {actual}'],
  'bad-operands': ['“{op}”不能用于{left}和{right}', '“{op}” cannot combine {left} and {right}'],
  'bad-argument-count': [
    '函数“{name}”需要 {expected} 个参数，这里给了 {actual} 个',
    'Function “{name}” takes {expected} argument(s), got {actual}',
  ],
  'unknown-category-value': ['“{name}”不是“{field}”的类别值', '“{name}” is not a value of “{field}”'],
  'missing-standard-outcome': [
    '缺少标准结果“{name}”（{en}）：应用依赖它',
    'Standard outcome “{name}” ({en}) is missing: the app relies on it',
  ],
  'standard-outcome-type': [
    '标准结果“{name}”的类型应为{expected}',
    'Standard outcome “{name}” must be of type {expected}',
  ],
  'attribute-not-outcome': [
    '“主体(…)”只能读取结果的主体，“{name}”不是结果',
    '“主体(…)” reads the paying body of an outcome; “{name}” is not an outcome',
  ],
  'empty-payer': ['主体不能是空文字', 'A paying body (主体) cannot be empty text'],
  'payer-partial': [
    '结果“{name}”的其他规则写了主体，此规则没有：它适用时主体为“无”',
    'Other rules of “{name}” name a paying body (主体) and this one does not: where it applies the body is none',
  ],
  'no-rules': ['结果“{name}”没有任何规则', 'Outcome “{name}” has no rules'],
  'rule-after-default': ['“否则”之后的规则永远不会适用', 'A rule after “otherwise” can never apply'],
  'several-defaults': ['一个结果只能有一条“否则”规则', 'An outcome may have only one “otherwise” rule'],
  'rule-never-fires': [
    '此规则在所有例子及其变体中都未适用，可能永远不会成立',
    'This rule applies to no example nor any variation of one; it may never hold',
  ],
  'rule-shadowed': [
    '第 {by} 条规则总是先于此规则适用（合并 优先），此规则从不生效',
    'Rule {by} always applies first (combine first): this rule never takes effect',
  ],
  'rule-never-wins': [
    '此规则在“合并 {mode}”中从未决定结果：它适用时，其他规则或“否则”总给出同样的结果',
    'Under “combine {mode}” this rule never decides: whenever it applies, the other rules or “otherwise” give the same result',
  ],
  'unknown-flag': [
    '“{name}”不是本政策的标记，也不是内置标记',
    '“{name}” is neither a flag of this policy nor a built-in flag',
  ],
  'rules-overlap': [
    '结果“{name}”的第 {a} 条和第 {b} 条规则可能同时适用，但未说明如何取舍（用“合并 优先/就高/就低”）',
    'Rules {a} and {b} of “{name}” can both apply and no precedence is stated (use “combine first/max/min”)',
  ],
  'outcome-gap': [
    '结果“{name}”在某些情形下没有规则适用（没有“否则”），此时结果无法确定',
    'Outcome “{name}” has no applicable rule in some cases (no “otherwise”): it is then unknown',
  ],
  'target-sum-mismatch': [
    '目标任务各项之和为 {sum}，与合计 {total} 不符',
    'Targets add up to {sum}, not the stated total {total}',
  ],
  'duplicate-target': ['“{name}”在目标表中出现了两次', '“{name}” appears twice in the target table'],
  'inherited-from-last-year': [
    '{what}“{name}”沿用上一年度的值（{file} 第 {line} 行：{value}）：新年度请确认或改写',
    "{whatEn} “{name}” keeps last year's value ({file} line {line}: {value}): confirm or change it for the new year",
  ],
  'parameter-without-value': [
    '参数“{name}”没有值，但此处无法以标记代替（{where}）',
    'Parameter “{name}” has no value and is used where no flag is possible ({where})',
  ],
  'assertion-failed': ['核对未通过：{message}', 'Check failed: {message}'],
  cycle: ['“{name}”的值依赖于它自身，无法计算：{path}', '“{name}” depends on itself and cannot be computed: {path}'],
  'invariant-broken': ['有人不符合“核对 每人”：{message}', 'A person breaks an invariant (assert each): {message}'],
  'not-constant': ['此处只能用常量（不能引用花名册字段）', 'Only constants are allowed here (no roster fields)'],
  'extends-not-found': ['找不到继承的政策文件“{path}”', 'Inherited policy file “{path}” not found'],
  'negative-literal': [
    '此处不能是负数：参数值、个人缴费和政府资助的金额与时长都不为负',
    'No negative value here: parameter values and the amounts of fees and subsidies are never negative',
  ],
  'division-by-zero': [
    '除数为 0：这个除法对每个人都无法计算（结果都是未知）',
    'Division by zero: this division cannot be computed for anyone (every result would be unknown)',
  ],
  'too-complex': [
    '表达式嵌套过深，超过 {limit} 层（括号、“如果”和一连串的 + 或 且 每一项都算一层）：请用“定义”分成几步',
    'Expression nested deeper than {limit} levels (brackets, “如果” and each term of a chain of + or 且 count as one): split it into steps with “定义”',
  ],
  'policy-too-large': [
    '政策文件过长：{size} 个字符，上限为 {limit}',
    'The policy file is too long: {size} characters, the limit is {limit}',
  ],
  'extends-refused': ['不能继承“{path}”：{whyZh}', 'Cannot inherit “{path}”: {whyEn}'],
  'extends-path': [
    '继承的路径“{path}”须是相对于本文件所在文件夹的 .policy 文件',
    "The inherited path “{path}” must name a .policy file relative to this file's folder",
  ],
  'extends-cycle': ['政策文件相互继承，形成循环：{chain}', 'Policy files inherit from each other in a cycle: {chain}'],
  'base-outside-extends': [
    '“原值”只能用于覆盖所继承政策中的参数',
    '“base” may only be used to override an inherited parameter',
  ],
  'unknown-clause': ['引用了未登记原文的条款“{id}”', 'Clause “{id}” is cited but its text is not recorded'],
  'unknown-group': ['“{name}”不是群体', '“{name}” is not a group'],
  'bad-role': ['“用作 {role}”需要{expected}类型的字段', 'Role “{role}” needs a field of type {expected}'],
  'missing-role': ['没有字段“用作 {role}”：{why}', 'No field has role “{role}”: {why}'],
  'too-many-categories': ['类别“{name}”最多 31 个值', 'Category “{name}” may have at most 31 values'],
  'alias-clash': ['别名“{alias}”同时指向“{a}”和“{b}”', 'Alias “{alias}” points to both “{a}” and “{b}”'],
  'default-not-constant': [
    '字段“{input}”的缺省值不能引用“{name}”：只能写常量或参数',
    'The default of field “{input}” cannot refer to “{name}”: write a constant or a parameter',
  ],
  'default-unused': [
    '参数“{name}”已有值，“缺省”永远用不到：删去“= …”或删去“缺省 …”',
    'Parameter “{name}” has a value, so its “default” never applies: remove the “= …” or the “default …”',
  ],
  'months-only': [
    '函数“{name}”按月计数，只接受月数（如 3个月、1年），这里是{actual}：请改写为月数',
    'Function “{name}” counts months and takes months only (3个月, 1年), not {actual}: write it in months',
  ],
  'mixed-duration-compare': [
    '不能比较{left}与{right}：一个月的天数不固定（请统一用“日”或统一用“个月”）',
    'Cannot compare {left} with {right}: a month has no fixed number of days',
  ],
  'bad-header-year': [
    '“年度”应为四位数的年份（如 2025），这里是“{value}”',
    '“年度” (year) must be a four-digit year such as 2025, not “{value}”',
  ],
  'missing-header': ['缺少政策头（政策 { … }）中的“{key}”', 'The policy header lacks “{key}”'],
  'example-unknown-field': ['例子中的“{name}”不是输入字段', '“{name}” in an example is not an input field'],
  'example-unknown-outcome': ['期望中的“{name}”不是结果', '“{name}” expected in an example is not an outcome'],
  // ── inheritance: amending inherited outcomes, templates ──
  'amend-unknown-outcome': [
    '所继承的政策中没有结果“{name}”，无法“扩展”它',
    'The inherited policies have no outcome “{name}” to amend (扩展)',
  ],
  'amend-own-outcome': [
    '结果“{name}”就在本文件第 {line} 行：请直接修改它（“扩展 结果”只用于继承来的结果）',
    'Outcome “{name}” is defined in this file on line {line}: edit it there (扩展 amends inherited outcomes only)',
  ],
  'amend-no-rule': [
    '所继承的结果“{name}”中没有{whatZh}为“{id}”的规则',
    'The inherited outcome “{name}” has no rule with {whatEn} “{id}”',
  ],
  'amend-ambiguous': [
    '所继承的结果“{name}”中有 {count} 条规则都对应“{id}”（{lines}），无法确定要修改哪一条',
    'In the inherited outcome “{name}”, {count} rules match “{id}” ({lines}): it is unclear which one to amend',
  ],
  'amend-second-default': [
    '结果“{name}”已有“否则”规则（第 {line} 行），不能再增加一条',
    'Outcome “{name}” already has an otherwise rule (line {line}); a second cannot be added',
  ],
  'amend-default-mismatch': [
    '结果“{name}”：“否则”规则与条件规则不能互相替换',
    'Outcome “{name}”: an otherwise rule and a conditional rule cannot replace each other',
  ],
  'duplicate-label': [
    '结果“{name}”中标签“{label}”已用于 {other} 的规则',
    'In outcome “{name}” the label “{label}” is already used by the rule at {other}',
  ],
  'param-value-not-inherited': [
    '所继承的政策中没有参数“{name}”：新参数须写明类型（参数 {name}：类型 = 值）',
    'The inherited policies have no parameter “{name}”: declare a new one with its type (参数 {name}：类型 = 值)',
  ],
  'param-type-changed': [
    '参数“{name}”在 {file} 第 {line} 行的类型是{parent}，这里不能改为{child}',
    'Parameter “{name}” is of type {parent} in {file} line {line}; it cannot become {child} here',
  ],
  'bad-header-template': [
    '“模板”只能写“是”或“否”，这里是“{value}”',
    '“模板” (template) must be 是 or 否, not “{value}”',
  ],
  'template-not-evaluable': [
    '“{path}”是模板（模板：是）：只供县级政策文件“继承”，不能单独计算花名册',
    '“{path}” is a template (模板：是): county policy files inherit it, it cannot evaluate a roster alone',
  ],
  'unknown-type': ['不认识的类型“{name}”', 'Unknown type “{name}”'],
  'named-type-kind': [
    '“类型 {name}”须是类别或类别集（如 类型 {name} = 类别集 {甲, 乙}）',
    '“类型 {name}” must be a category or category set (e.g. 类型 {name} = 类别集 {甲, 乙})',
  ],
  'empty-group': ['群体“{name}”暂无成员：任何人都不属于它', 'Group “{name}” has no members yet: nobody belongs to it'],
  'message-brace': [
    '消息中的花括号不成对：插入值写作 {值}，字面的花括号写作 {{ 和 }}',
    'Unbalanced brace in a message: insert a value as {value}; write a literal brace as {{ or }}',
  ],
  'message-expression': [
    '消息中“{text}”不是有效的表达式：{why}',
    '“{text}” in a message is not a valid expression: {why}',
  ],
  'summary-dimension': [
    '“汇总 按 {name}”：{name} 须是类别输入或类别结果（不是{actual}）',
    '“汇总 按 {name}”: {name} must be a category input or outcome (not {actualEn})',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type CheckCode = keyof typeof CATALOG;

export function message(code: CheckCode, args: Args = {}): Bilingual {
  const [zh, en] = CATALOG[code];
  return { zh: fill(zh, args), en: fill(en, args) };
}
