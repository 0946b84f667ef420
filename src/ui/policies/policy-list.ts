// The policy list (grouped by county and year, read from each file's header) and the "new year" file.

export interface PolicyEntry {
  path: string;
  county: string | null;
  year: number | null;
  title: string | null;
  bundled: boolean;
  /** The clerk has saved a version (of a bundled file, or a file of their own). */
  edited: boolean;
  /** Edited in this session and not saved yet. */
  unsaved: boolean;
}

export interface PolicyGroup {
  county: string | null;
  entries: PolicyEntry[];
}

interface HeaderFields {
  county: string | null;
  year: number | null;
  title: string | null;
  parent: string | null;
}

/** Reads the `政策 { … }` header fields and `继承` line by pattern (display only: the checker is the authority). */
export function headerOf(text: string): HeaderFields {
  const block = /(?:^|\n)\s*(?:政策|policy)\s*[{｛]([\s\S]*?)[}｝]/.exec(text)?.[1] ?? '';
  const field = (names: string) =>
    new RegExp(`(?:^|\\n)\\s*(?:${names})\\s*[:：]\\s*([^\\n]*)`).exec(block)?.[1]?.trim() || null;
  const year = field('年度|year');
  const parent = /(?:^|\n)\s*(?:继承|extends)\s*["“]([^"”]+)["”]/.exec(text)?.[1] ?? null;
  return {
    county: field('县|county'),
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    title: field('标题|title'),
    parent,
  };
}

const baseName = (p: string) => p.split('/').pop()!;

/** Header fields with `继承` followed for what the file itself leaves out (county, usually). */
function resolvedHeader(path: string, sources: Record<string, string>, depth = 0): HeaderFields {
  const own = headerOf(sources[path] ?? '');
  if (!own.parent || depth > 8) return own;
  const parent = resolvedHeader(baseName(own.parent), sources, depth + 1);
  return {
    county: own.county ?? parent.county,
    year: own.year ?? parent.year,
    title: own.title ?? parent.title,
    parent: own.parent,
  };
}

/** Policies grouped by county (named ones first, in collation order), newest year first within a county. */
export function groupPolicies(
  sources: Record<string, string>,
  bundled: ReadonlySet<string>,
  edited: ReadonlySet<string>,
  unsaved: ReadonlySet<string> = new Set(),
): PolicyGroup[] {
  const entries = Object.keys(sources).map((path): PolicyEntry => {
    const h = resolvedHeader(path, sources);
    return {
      path,
      county: h.county,
      year: h.year,
      title: h.title,
      bundled: bundled.has(path),
      edited: edited.has(path),
      unsaved: unsaved.has(path),
    };
  });
  const collator = new Intl.Collator('zh-CN');
  const groups = new Map<string | null, PolicyEntry[]>();
  for (const e of entries) groups.set(e.county, [...(groups.get(e.county) ?? []), e]);
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : collator.compare(a, b)))
    .map(([county, list]) => ({
      county,
      entries: list.sort((x, y) => (y.year ?? 0) - (x.year ?? 0) || collator.compare(x.path, y.path)),
    }));
}

/** Next year's file: its name, and text that inherits the parent and restates the header for year + 1. */
export function newYearFile(
  parentPath: string,
  parentText: string,
  taken: ReadonlySet<string>,
): { path: string; text: string } {
  const h = resolvedHeader(parentPath, { [parentPath]: parentText });
  const m = /^(.*?)(\d{4})(\D*)\.policy$/.exec(parentPath);
  const year = h.year !== null ? h.year + 1 : m ? Number(m[2]) + 1 : null;
  const stem = m && year !== null ? `${m[1]}${year}${m[3]}` : `${parentPath.replace(/\.policy$/, '')}-next`;
  let path = `${stem}.policy`;
  for (let n = 2; taken.has(path); n++) path = `${stem}-${n}.policy`;
  const title = h.title && h.year !== null ? h.title.split(String(h.year)).join(String(h.year + 1)) : null;
  const lines = [
    `继承 "${baseName(parentPath)}"`,
    `# ${year ?? ''} 年度政策：只写与上一年度（${baseName(parentPath)}）不同之处。`,
    `# Next year's policy: state only what changed from ${baseName(parentPath)}.`,
    '',
    '政策 {',
    ...(title ? [`  标题：${title}`] : []),
    ...(year !== null ? [`  年度：${year}`] : []),
    '  文号：（待填）',
    '}',
    '',
  ];
  return { path, text: lines.join('\n') };
}
