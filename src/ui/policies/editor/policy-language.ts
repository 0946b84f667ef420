// Syntax highlighting for .policy files in CodeMirror: keywords, quoted text, amounts/dates/durations, comments.
import { HighlightStyle, StreamLanguage, type StringStream } from '@codemirror/language';
import { tags } from '@lezer/highlight';

const KEYWORDS = new Set([
  '政策',
  '继承',
  '条款',
  '输入',
  '参数',
  '群体',
  '定义',
  '结果',
  '当',
  '否则',
  '如果',
  '则',
  '且',
  '并且',
  '或',
  '或者',
  '非',
  '属于',
  '不属于',
  '合并',
  '就高',
  '就低',
  '优先',
  '唯一',
  '合计',
  '标记',
  '消息',
  '原因',
  '核对',
  '整户参保',
  '按',
  '除外',
  '目标',
  '参保率目标',
  '缴费期',
  '至',
  '到',
  '期限',
  '现金双限',
  '例子',
  '期望',
  '列',
  '别名',
  '用作',
  '必填',
  '原值',
  '每人',
  'policy',
  'extends',
  'clause',
  'input',
  'param',
  'group',
  'define',
  'outcome',
  'when',
  'otherwise',
  'else',
  'if',
  'then',
  'and',
  'or',
  'not',
  'in',
  'combine',
  'max',
  'min',
  'first',
  'unique',
  'sum',
  'flag',
  'message',
  'reason',
  'assert',
  'household',
  'by',
  'except',
  'targets',
  'total',
  'goal',
  'period',
  'to',
  'deadline',
  'example',
  'expect',
  'columns',
  'alias',
  'role',
  'required',
  'base',
  'each',
]);
const ATOMS = new Set([
  '是',
  '否',
  '无',
  '缴费时抵扣',
  '先缴后补',
  '先缴费后资助',
  '免征代缴',
  '差额征缴',
  'yes',
  'no',
  'none',
  'true',
  'false',
  'upfront',
]);
const TYPES = new Set([
  '金额',
  '日期',
  '时长',
  '百分比',
  '整数',
  '是否',
  '文本',
  '类别',
  '类别集',
  '期间',
  '时机',
  '身份证',
  '表',
]);
const CLOSE: Record<string, string> = { '"': '"', '“': '”', '「': '」' };

export const policyLanguage = StreamLanguage.define<null>({
  name: 'policy',
  token(stream: StringStream): string | null {
    if (stream.eatSpace()) return null;
    if (stream.match('#') || stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    const ch = stream.peek()!;
    const close = CLOSE[ch];
    if (close) {
      stream.next();
      while (!stream.eol() && stream.next() !== close) {
        /* consume */
      }
      return 'string';
    }
    if (stream.match(/^\d{4}-\d{2}-\d{2}/) || stream.match(/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]/))
      return 'number';
    if (stream.match(/^\d+(\.\d+)?\s*(万元|元|%|％|日|天|个月|月|年)?/)) return 'number';
    if (stream.match(/^[A-Za-z_\u3400-\u4DBF\u4E00-\u9FFF][A-Za-z0-9_\u3400-\u4DBF\u4E00-\u9FFF-]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return 'keyword';
      if (ATOMS.has(word)) return 'atom';
      if (TYPES.has(word)) return 'typeName';
      return 'variableName';
    }
    stream.next();
    return 'punctuation';
  },
});

/** Colours: keywords blue, types teal, values (是/否/缴费时抵扣) purple, amounts/dates green, quoted text brown, comments grey. */
export const policyHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#0b4f9c', fontWeight: '600' },
  { tag: tags.typeName, color: '#0a7167' },
  { tag: tags.atom, color: '#7a3e9d' },
  { tag: tags.number, color: '#1d7a2e' },
  { tag: tags.string, color: '#a0522d' },
  { tag: tags.comment, color: '#7b8794', fontStyle: 'italic' },
  { tag: tags.punctuation, color: '#52606d' },
]);
