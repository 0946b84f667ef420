// Resolves `继承`: reads the chain of policy files and merges them, the child's declarations replacing the parent's.
import type * as A from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { SourceReader, SourceRefusal } from '../api.js';
import { parsePolicy } from '../parse/index.js';
import { message, type CheckCode } from './messages.js';
import { amendOutcome } from './amend.js';
import type { Program } from './program.js';
import type { Domain } from './types.js';
import { closest } from './suggest.js';
import { TYPE } from '../print/index.js';
import { resolveCategoryTypes } from './named-types.js';

export function diag(
  code: CheckCode,
  loc: A.Loc | undefined,
  args: Record<string, string | number> = {},
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  const d: Diagnostic = { code, severity, message: message(code, args) };
  if (loc) d.span = { file: loc.source, start: loc.start, end: loc.end };
  return d;
}

/**
 * Resolves `path` relative to the folder of the file that includes it (POSIX-style paths, as in the store and
 * the CLI): a `..` past the start of a relative path is kept, so the result still names the same file.
 */
export function resolvePath(from: string, path: string): string {
  if (path.startsWith('/')) return path;
  const parts = from.split('/').slice(0, -1);
  for (const seg of path.split('/')) {
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') {
      if (parts.length > 1 || parts[0] !== '') parts.pop(); // the root's parent is the root
    } else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** A path `继承` may name: relative, and a .policy file (so no other kind of file is ever read as a policy). */
export function isInheritablePath(path: string): boolean {
  return !path.startsWith('/') && !path.includes('\\') && /\.policy$/.test(path);
}

const REFUSED: Record<SourceRefusal['refused'], [string, string]> = {
  folder: ['它是一个文件夹', 'it is a folder'],
  device: ['它不是普通文件（设备、管道或系统文件）', 'it is not a regular file (a device, pipe or system file)'],
  'too-large': ['文件过大，不像政策文件', 'the file is too large to be a policy file'],
  unreadable: ['无法读取此文件', 'the file cannot be read'],
};

const HEADER_DEFAULT = { title: '', province: '', city: '', county: '', year: 0, documentNumber: '', issued: null };

/** Reads `entry` and its ancestors and merges them into one program (types not yet checked). */
export function mergePolicy(entry: string, read: SourceReader, diagnostics: Diagnostic[]): Program | null {
  const program: Program = {
    path: entry,
    header: { ...HEADER_DEFAULT },
    clauses: new Map(),
    inputs: new Map(),
    domains: new Map(),
    params: new Map(),
    groups: new Map(),
    defines: new Map(),
    outcomes: new Map(),
    periods: new Map(),
    deadlines: new Map(),
    flags: [],
    asserts: [],
    invariants: [],
    household: null,
    targets: null,
    goals: [],
    cashLimit: null,
    examples: [],
    typeDecls: new Map(),
    summaryBy: [],
    templates: new Map(),
    types: new Map(),
    defineTypes: new Map(),
    sources: new Map(),
  };
  const chain: A.PolicyFile[] = [];
  const seen: string[] = [];
  let path: string | null = entry;
  let includedAt: A.Loc | undefined;
  while (path !== null) {
    if (seen.includes(path)) {
      diagnostics.push(diag('extends-cycle', includedAt, { chain: [...seen, path].join(' → ') }));
      return null;
    }
    seen.push(path);
    const text = read(path);
    if (text === null) {
      diagnostics.push(diag('extends-not-found', includedAt, { path }));
      return null;
    }
    if (typeof text !== 'string') {
      const [whyZh, whyEn] = REFUSED[text.refused];
      diagnostics.push(diag('extends-refused', includedAt, { path, whyZh, whyEn }));
      return null;
    }
    program.sources.set(path, text);
    const parsed = parsePolicy(text, path);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.file) return null;
    chain.unshift(parsed.file);
    const ext = parsed.file.items.find((i): i is A.ExtendsDecl => i.kind === 'extends');
    includedAt = ext?.loc;
    if (seen.length === 1 && ext) program.extendsAt = ext.loc;
    if (ext && !isInheritablePath(ext.path)) {
      diagnostics.push(diag('extends-path', ext.loc, { path: ext.path }));
      return null;
    }
    path = ext ? resolvePath(path, ext.path) : null;
  }
  for (const file of chain) apply(program, file, diagnostics);
  program.template = program.templateFiles?.has(entry) ?? false;
  resolveCategoryTypes(program, diagnostics);
  // Without a year, 年度开始/年度结束 and every date built on them would be of year 0: say so, where it belongs.
  const last = chain[chain.length - 1]!;
  if (program.header.year === 0 && !diagnostics.some((d) => d.code === 'bad-header-year')) {
    const header = last.items.find((i) => i.kind === 'header');
    diagnostics.push(diag('missing-header', header?.loc ?? last.loc, { key: '年度' }));
  }
  return program;
}

function apply(p: Program, file: A.PolicyFile, diagnostics: Diagnostic[]): void {
  const local = new Map<string, A.Loc>();
  const claim = (name: A.Ident) => {
    const prev = local.get(name.name);
    if (prev) diagnostics.push(diag('duplicate-name', name.loc, { name: name.name, line: prev.start.line }));
    else local.set(name.name, name.loc);
  };
  // A child's examples and constant checks are about its own year; the parent's do not carry over (its
  // per-person invariants do).
  p.examples = [];
  p.asserts = [];
  for (const item of file.items) {
    switch (item.kind) {
      case 'header':
        for (const f of item.fields) {
          if (f.key === 'year') {
            const year = /^\d{4}$/.test(f.value) ? Number(f.value) : 0;
            if (year === 0) diagnostics.push(diag('bad-header-year', f.loc, { value: f.value }));
            p.header.year = year;
            p.yearAt = f.loc;
          } else if (f.key === 'template') {
            if (!/^(是|否|yes|no|true|false)$/.test(f.value))
              diagnostics.push(diag('bad-header-template', f.loc, { value: f.value }));
            if (/^(是|yes|true)$/.test(f.value)) (p.templateFiles ??= new Set()).add(file.loc.source);
          } else if (f.key === 'issued') p.header.issued = /^\d{4}-\d{2}-\d{2}$/.test(f.value) ? f.value : null;
          else p.header[f.key] = f.value;
        }
        break;
      case 'clause':
        p.clauses.set(item.id.id, item.text);
        break;
      case 'input':
        claim(item.name);
        p.inputs.set(item.name.name, item);
        break;
      case 'param-value': {
        claim(item.name);
        const parent = p.params.get(item.name.name);
        if (!parent) {
          const d = diag('param-value-not-inherited', item.name.loc, { name: item.name.name });
          const guess = closest(item.name.name, [...p.params.keys()]);
          if (guess) d.hint = { zh: `是不是“${guess}”？`, en: `Did you mean “${guess}”?` };
          diagnostics.push(d);
          break;
        }
        const decl: A.ParamDecl = {
          ...parent.decl,
          name: item.name,
          value: item.value,
          clause: item.clause ?? parent.decl.clause,
          loc: item.loc,
        };
        p.params.set(item.name.name, { decl, base: parent.decl.value });
        break;
      }
      case 'param': {
        claim(item.name);
        const parent = p.params.get(item.name.name);
        if (parent && typeText(parent.decl.type) !== typeText(item.type)) {
          diagnostics.push(
            diag('param-type-changed', item.type.loc, {
              name: item.name.name,
              file: parent.decl.loc.source.split('/').pop()!,
              line: parent.decl.loc.start.line,
              parent: typeText(parent.decl.type),
              child: typeText(item.type),
            }),
          );
        }
        p.params.set(item.name.name, { decl: item, base: parent?.decl.value ?? null });
        break;
      }
      case 'group':
        claim(item.name);
        p.groups.set(item.name.name, item);
        break;
      case 'define':
        claim(item.name);
        p.defines.set(item.name.name, item);
        break;
      case 'outcome':
        claim(item.name);
        p.outcomes.set(item.name.name, item);
        break;
      case 'period':
        claim(item.name);
        p.periods.set(item.name.name, item);
        break;
      case 'deadline':
        claim(item.name);
        p.deadlines.set(item.name.name, item);
        break;
      case 'flag':
        claim(item.name);
        p.flags = p.flags.filter((f) => f.name.name !== item.name.name).concat(item);
        break;
      case 'assert':
        (item.each ? p.invariants : p.asserts).push(item);
        break;
      case 'household':
        p.household = item;
        break;
      case 'targets':
        p.targets = item;
        break;
      case 'goal':
        p.goals = p.goals.filter((g) => (g.group?.name ?? null) !== (item.group?.name ?? null)).concat(item);
        break;
      case 'cash-limit':
        p.cashLimit = item;
        break;
      case 'example':
        p.examples.push(item);
        break;
      case 'extend-outcome': {
        const own = local.get(item.name.name);
        const inherited = p.outcomes.get(item.name.name);
        if (own && inherited?.loc.source === file.loc.source) {
          diagnostics.push(diag('amend-own-outcome', item.name.loc, { name: item.name.name, line: own.start.line }));
        } else if (!inherited) {
          const d = diag('amend-unknown-outcome', item.name.loc, { name: item.name.name });
          const guess = closest(item.name.name, [...p.outcomes.keys()]);
          if (guess) d.hint = { zh: `是不是“${guess}”？`, en: `Did you mean “${guess}”?` };
          diagnostics.push(d);
        } else {
          claim(item.name);
          p.outcomes.set(
            item.name.name,
            amendOutcome(inherited, item, (d) => diagnostics.push(d)),
          );
          (p.amended ??= new Map()).set(item.name.name, [...(p.amended.get(item.name.name) ?? []), item.loc]);
        }
        break;
      }
      case 'type-decl':
        claim(item.name);
        p.typeDecls.set(item.name.name, item);
        break;
      case 'summary':
        p.summaryBy = item.by;
        break;
      case 'extends':
        break;
    }
  }
}

/** A type as the printer writes it (category values included), to tell whether a redeclaration changes it. */
function typeText(t: A.TypeExpr): string {
  return t.name === 'table'
    ? `表 ${TYPE[t.key!.name]} -> ${TYPE[t.value!.name]}`
    : t.values
      ? `${TYPE[t.name]}{${t.values.map((v) => v.name.name).join('、')}}`
      : TYPE[t.name]!;
}

/** The domain of a category type declared for `owner` (an input, outcome, parameter or `类型`). */
export function domainOf(owner: A.Ident, type: A.TypeExpr, diagnostics: Diagnostic[]): Domain {
  const values = (type.values ?? []).map((v) => ({ name: v.name.name, aliases: v.aliases }));
  if (values.length > 31) diagnostics.push(diag('too-many-categories', owner.loc, { name: owner.name }));
  const owners = new Map<string, string>();
  for (const v of values) {
    for (const alias of [v.name, ...v.aliases]) {
      const prev = owners.get(alias);
      if (prev && prev !== v.name) diagnostics.push(diag('alias-clash', owner.loc, { alias, a: prev, b: v.name }));
      owners.set(alias, v.name);
    }
  }
  return { field: owner.name, values, names: new Set(owners.keys()) };
}
