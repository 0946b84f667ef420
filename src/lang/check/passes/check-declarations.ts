// Types every declaration other than outcomes: inputs and their roles, parameters, groups, definitions, periods, flags.
import type { Pass } from './pass.js';
import { diag } from '../merge.js';
import { declaredType } from '../typecheck.js';
import { lookup } from '../program.js';
import { T } from '../types.js';
import { checkDefaults } from './check-defaults.js';

const ROLE_KINDS: Record<string, string[]> = {
  'id-number': ['id-number', 'text'],
  name: ['text'],
  township: ['text', 'category'],
  village: ['text', 'category'],
  household: ['text', 'integer'],
  'payment-date': ['date'],
  'continuous-years': ['integer'],
  'broken-years': ['integer'],
  'back-paid-years': ['integer'],
  'benefit-last-year': ['boolean'],
};

export const checkDeclarations: Pass = ({ program: p, checker, report }) => {
  for (const input of p.inputs.values()) {
    if (input.role && !ROLE_KINDS[input.role]!.includes(input.type.name)) {
      report(diag('bad-role', input.name.loc, { role: input.role, expected: ROLE_KINDS[input.role]!.join('/') }));
    }
  }
  // A template may leave the roster's fields to the files that inherit it.
  if (!p.template && ![...p.inputs.values()].some((i) => i.type.name === 'id-number')) {
    report(
      diag('missing-role', undefined, {
        role: '身份证号',
        why: '需要一个“身份证”类型的字段 a field of type 身份证 is needed',
      }),
    );
  }
  checkDefaults(p, checker, report);
  for (const { decl, base } of p.params.values()) {
    if (!decl.value) continue;
    const want = declaredType(p, decl.type, decl.name.name);
    checker.constant = true;
    if (decl.value.kind === 'table') {
      for (const entry of decl.value.entries) {
        if (want.k === 'table') {
          checker.expect(entry.key, want.key);
          checker.expect(entry.value, want.value);
        }
      }
      p.types.set(decl.value, want);
    } else checker.expect(decl.value, want);
    checker.constant = false;
    if (!base && containsBase(decl.value)) report(diag('base-outside-extends', decl.value.loc));
  }
  for (const g of p.groups.values()) {
    for (const m of g.members) {
      const s = lookup(p, m.name);
      if (s?.kind !== 'value' && s?.kind !== 'group') checker.unknown(m.name, m.loc);
    }
  }
  for (const name of p.defines.keys()) checker.typeOfDefine(name);
  for (const period of p.periods.values()) {
    checker.constant = true;
    checker.expect(period.start, T.date);
    checker.expect(period.end, T.date);
    checker.constant = false;
  }
  for (const d of p.deadlines.values()) {
    checker.constant = true;
    checker.expect(d.date, d.date.kind === 'moment' ? T.moment : T.date);
    checker.constant = false;
  }
  if (p.cashLimit) {
    checker.constant = true;
    checker.expect(p.cashLimit.amount, T.money);
    checker.expect(p.cashLimit.days, T.duration);
    checker.constant = false;
  }
  for (const f of p.flags) checker.expect(f.when, T.boolean);
  for (const a of p.asserts) {
    checker.constant = true;
    checker.expect(a.expr, T.boolean);
    checker.constant = false;
  }
  for (const a of p.invariants) checker.expect(a.expr, T.boolean);
  if (p.household) {
    const field = p.inputs.get(p.household.field.name);
    if (!field) checker.unknown(p.household.field.name, p.household.field.loc);
    if (p.household.except) checker.expect(p.household.except, T.boolean);
  }
  for (const goal of p.goals) {
    if (goal.group && !p.groups.has(goal.group.name))
      report(diag('unknown-group', goal.group.loc, { name: goal.group.name }));
  }
};

function containsBase(e: import('../../ast.js').Expr): boolean {
  switch (e.kind) {
    case 'base':
      return true;
    case 'binary':
      return containsBase(e.left) || containsBase(e.right);
    case 'not':
    case 'neg':
      return containsBase(e.operand);
    case 'call':
      return e.args.some(containsBase);
    case 'if':
      return containsBase(e.cond) || containsBase(e.then) || containsBase(e.else);
    case 'index':
      return containsBase(e.target) || containsBase(e.key);
    default:
      return false;
  }
}
