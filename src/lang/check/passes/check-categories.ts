// Category checks beyond types: an empty group (`群体 暂无 = {}`) is allowed with a warning; each `汇总 按`
// dimension must be a category input or outcome.
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { declaredType } from '../typecheck.js';
import { lookup } from '../program.js';
import { typeName } from '../types.js';

export const checkCategories: Pass = ({ program: p, checker, report }) => {
  for (const g of p.groups.values()) {
    if (g.members.length === 0) {
      const d = diag('empty-group', g.name.loc, { name: g.name.name }, 'warning');
      d.hint = {
        zh: '通知中此类人员暂无时可以这样写；有了成员再填入 {…}',
        en: 'Fine while the notice names no such people; list them in {…} once there are some',
      };
      report(d);
    }
  }
  for (const dim of p.summaryBy) {
    const s = lookup(p, dim.name);
    if (!s) {
      checker.unknown(dim.name, dim.loc);
      continue;
    }
    const decl = s.kind === 'input' || s.kind === 'outcome' ? s.decl : null;
    const t = decl ? declaredType(p, decl.type, decl.name.name) : null;
    if (t?.k === 'category' || t?.k === 'error') continue;
    const kind = s.kind === 'group' ? { zh: '群体', en: 'a group' } : null;
    report(
      diag('summary-dimension', dim.loc, {
        name: dim.name,
        actual: kind?.zh ?? (t ? typeName(t, 'zh') : '非输入或结果'),
        actualEn: kind?.en ?? (t ? typeName(t, 'en') : 'neither an input nor an outcome'),
      }),
    );
  }
};
