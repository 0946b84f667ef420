// The roster worker: read → map → evaluate → store in chunks → summary; then queries, explanations and exports.
/// <reference lib="webworker" />
import { evaluateRoster, explainRow, loadPolicy, type CompiledPolicy, type PersonResult, type RosterRow, type RosterSummary } from '../lang/index.js';
import type { Bilingual } from '../lang/diagnostic.js';
import { readRosterBytes, toCsv, toXlsx } from '../roster/index.js';
import { formatDate } from '../lang/runtime/calendar.js';
import { formatYuan } from '../lang/runtime/money.js';
import { CHUNK_ROWS, Store, StorageError, type RosterChunk, type RosterMeta } from '../store/index.js';
import type { ExportFile, ImportDone, InspectResult, PolicyRef, QueryResult, Request, Response, ResultView } from './protocol.js';

interface Loaded {
  id: string;
  meta: RosterMeta;
  policy: CompiledPolicy;
  rows: RosterRow[];
  results: PersonResult[];
  cells: string[][];
  roles: { township?: string; village?: string; category?: string };
  order: { key: string; index: Uint32Array } | null;
}

let current: Loaded | null = null;
/** The roster being loaded by `open`: queries wait for it instead of failing. */
let loading: Promise<unknown> | null = null;
/** The last file read by `inspect`, reused by the `import` that follows (a county takes seconds to parse). */
let lastRead: { key: string; read: ReturnType<typeof readRosterBytes> } | null = null;

function readOnce(file: { name: string; bytes: Uint8Array }, policy: CompiledPolicy, policyKey: string, overrides: Record<string, string | null>, onProgress?: (done: number, total: number) => void) {
  const key = JSON.stringify([file.name, file.bytes.length, policyKey, overrides]);
  if (lastRead?.key === key) return lastRead.read;
  const read = readRosterBytes(file.bytes, file.name, policy.fields, { overrides, ...(onProgress ? { onProgress } : {}) });
  lastRead = { key, read };
  return read;
}
const cancelled = new Set<number>();
let storePromise: Promise<Store> | null = null;
const store = () => (storePromise ??= Store.open());

class Cancelled extends Error {}

function post(m: Response) {
  (self as unknown as Worker).postMessage(m);
}

function compile(ref: PolicyRef): CompiledPolicy {
  const { policy, diagnostics } = loadPolicy(ref.entry, (p) => ref.sources[p.split('/').pop()!] ?? ref.sources[p] ?? null);
  if (!policy) {
    const first = diagnostics.find((d) => d.severity === 'error');
    throw new UserError({ zh: `政策有错误，无法计算：${first?.message.zh ?? ''}`, en: `The policy has errors and cannot be used: ${first?.message.en ?? ''}` });
  }
  return policy;
}

class UserError extends Error {
  constructor(readonly bilingual: Bilingual) { super(bilingual.en); }
}

function rolesOf(policy: CompiledPolicy): Loaded['roles'] {
  const by = (role: string) => policy.fields.find((f) => f.role === role)?.name;
  const category = policy.fields.find((f) => f.kind === 'category-set' && f.name.includes('类别'))?.name;
  return { ...(by('township') ? { township: by('township')! } : {}), ...(by('village') ? { village: by('village')! } : {}), ...(category ? { category } : {}) };
}

async function inspect(req: Extract<Request, { kind: 'inspect' }>): Promise<InspectResult> {
  const policy = compile(req.policy);
  const r = readOnce(req.file, policy, JSON.stringify(req.policy), req.overrides);
  const problems = r.rows.flatMap((row) => row.problems);
  return {
    headers: r.headers, mapping: r.mapping, encoding: r.encoding ?? null, sheetNames: r.sheetNames ?? [], rowCount: r.rows.length,
    problems: problems.slice(0, 500), problemCount: problems.length, diagnostics: r.diagnostics,
    unsetParameters: policy.parameters.filter((p) => p.value === null).map((p) => ({ name: p.name, type: p.type })),
  };
}

async function importRoster(id: number, req: Extract<Request, { kind: 'import' }>): Promise<ImportDone> {
  const check = () => { if (cancelled.has(id)) throw new Cancelled(); };
  const policy = compile(req.policy);
  const read = readOnce(req.file, policy, JSON.stringify(req.policy), req.overrides, (done, total) => post({ id, kind: 'progress', phase: 'read', done, total }));
  lastRead = null;
  await yieldToMessages();
  check();
  const { results, summary } = evaluateRoster(policy, read.rows, {
    params: req.params, onProgress: (done, total) => post({ id, kind: 'progress', phase: 'evaluate', done, total }),
  });
  await yieldToMessages();
  check();
  const rosterId = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const chunks: RosterChunk[] = [];
  for (let i = 0, index = 0; i < read.rows.length; i += CHUNK_ROWS, index++) {
    chunks.push({ rosterId, index, rows: read.rows.slice(i, i + CHUNK_ROWS), results: results.slice(i, i + CHUNK_ROWS), cells: read.cells.slice(i, i + CHUNK_ROWS) });
  }
  const meta: RosterMeta = {
    id: rosterId, name: req.name, fileName: req.file.name, policyPath: req.policy.entry, createdAt: new Date().toISOString(),
    rowCount: read.rows.length, chunkCount: chunks.length, headers: read.headers, params: req.params, summary,
  };
  post({ id, kind: 'progress', phase: 'store', done: 0, total: 1 });
  const s = await store();
  check();
  await s.saveRoster(meta, chunks);
  post({ id, kind: 'progress', phase: 'store', done: 1, total: 1 });
  current = { id: rosterId, meta, policy, rows: read.rows, results, cells: read.cells, roles: rolesOf(policy), order: null };
  return { rosterId, summary, rowCount: read.rows.length, memoryOnly: s.memoryOnly };
}

async function open(id: number, req: Extract<Request, { kind: 'open' }>): Promise<ImportDone> {
  const s = await store();
  const meta = await s.getRoster(req.rosterId);
  if (!meta) throw new UserError({ zh: '找不到此花名册（可能已删除）', en: 'This roster was not found (it may have been deleted)' });
  if (current?.id === meta.id) return { rosterId: meta.id, summary: meta.summary as RosterSummary, rowCount: meta.rowCount, memoryOnly: s.memoryOnly };
  const policy = compile(req.policy);
  const rows: RosterRow[] = [], results: PersonResult[] = [], cells: string[][] = [];
  for (let i = 0; i < meta.chunkCount; i++) {
    const chunk = await s.getChunk(meta.id, i);
    if (!chunk) throw new UserError({ zh: `花名册数据不完整（缺第 ${i + 1} 块）`, en: `Roster data is incomplete (chunk ${i + 1} missing)` });
    rows.push(...(chunk.rows as RosterRow[]));
    results.push(...(chunk.results as PersonResult[]));
    cells.push(...chunk.cells);
    post({ id, kind: 'progress', phase: 'load', done: i + 1, total: meta.chunkCount });
  }
  current = { id: meta.id, meta, policy, rows, results, cells, roles: rolesOf(policy), order: null };
  return { rosterId: meta.id, summary: meta.summary as RosterSummary, rowCount: meta.rowCount, memoryOnly: s.memoryOnly };
}

function loaded(rosterId: string): Loaded {
  if (!current || current.id !== rosterId) throw new UserError({ zh: '请先打开此花名册', en: 'Open this roster first' });
  return current;
}

const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join('、') : '');

function view(l: Loaded, i: number): ResultView {
  const r = l.results[i]!;
  const v = l.rows[i]!.values;
  return {
    row: r.row, name: r.name ?? '', idNumber: r.idNumber ?? '', township: text(l.roles.township ? v[l.roles.township] : ''),
    village: text(l.roles.village ? v[l.roles.village] : ''), category: text(l.roles.category ? v[l.roles.category] : ''),
    eligible: r.eligible, reason: r.reason, personalFee: r.personalFee, subsidy: r.subsidy, subsidyTiming: r.subsidyTiming,
    benefitStart: r.benefitStart, benefitEnd: r.benefitEnd, flags: r.flags,
  };
}

function query(req: Extract<Request, { kind: 'query' }>): QueryResult {
  const l = loaded(req.rosterId);
  const f = req.filter;
  const key = JSON.stringify([f, req.sort]);
  if (l.order?.key !== key) {
    const keep: number[] = [];
    const search = f.search?.trim();
    for (let i = 0; i < l.results.length; i++) {
      const r = l.results[i]!;
      const v = l.rows[i]!.values;
      if (f.township && text(l.roles.township ? v[l.roles.township] : '') !== f.township) continue;
      if (f.village && text(l.roles.village ? v[l.roles.village] : '') !== f.village) continue;
      if (f.category) { const c = l.roles.category ? v[l.roles.category] : null; if (!(Array.isArray(c) && c.includes(f.category))) continue; }
      if (f.flag && !r.flags.some((x) => x.code === f.flag)) continue;
      if (f.eligible === 'yes' && r.eligible !== true) continue;
      if (f.eligible === 'no' && r.eligible !== false) continue;
      if (search && !(r.name ?? '').includes(search) && !(r.idNumber ?? '').includes(search.toUpperCase())) continue;
      keep.push(i);
    }
    const sortKey = (i: number): string | number => {
      const r = l.results[i]!;
      switch (req.sort.column) {
        case 'row': return r.row;
        case 'name': return r.name ?? '';
        case 'idNumber': return r.idNumber ?? '';
        case 'township': return text(l.roles.township ? l.rows[i]!.values[l.roles.township] : '');
        case 'personalFee': return r.personalFee ?? -1;
        case 'subsidy': return r.subsidy ?? -1;
        case 'benefitStart': return r.benefitStart ?? -1;
        case 'eligible': return r.eligible === true ? 1 : r.eligible === false ? 0 : -1;
        case 'flags': return r.flags.length;
      }
    };
    if (req.sort.column !== 'row' || req.sort.descending) {
      const keys = keep.map(sortKey);
      const idx = keep.map((_, k) => k);
      const collator = new Intl.Collator('zh-CN');
      idx.sort((a, b) => { const x = keys[a]!, y = keys[b]!; const c = typeof x === 'number' ? (x as number) - (y as number) : collator.compare(x as string, y as string); return (req.sort.descending ? -c : c) || a - b; });
      l.order = { key, index: Uint32Array.from(idx.map((k) => keep[k]!)) };
    } else l.order = { key, index: Uint32Array.from(keep) };
  }
  const index = l.order.index;
  const rows: ResultView[] = [];
  for (let k = req.offset; k < Math.min(index.length, req.offset + req.limit); k++) rows.push(view(l, index[k]!));
  const uniq = (field?: string) => field ? [...new Set(l.rows.map((r) => r.values[field]).flatMap((v) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : [])))].sort() : [];
  return {
    total: index.length, rows,
    townships: uniq(l.roles.township), villages: uniq(l.roles.village), categories: uniq(l.roles.category),
    flagCodes: Object.keys((l.meta.summary as RosterSummary).flags).sort(),
  };
}

const TIMING = { upfront: '缴费时抵扣', 'after-payment': '先缴后补' } as const;

function exportRoster(req: Extract<Request, { kind: 'export' }>): ExportFile {
  const l = loaded(req.rosterId);
  const base = l.meta.fileName.replace(/\.[^.]+$/, '');
  if (req.format === 'summary-xlsx' || req.format === 'summary-csv') {
    const s = l.meta.summary as RosterSummary;
    const headers = ['乡镇', '人数', '符合条件', '已参保', '目标任务', '参保率', '应收个人缴费(元)', '缴费时抵扣资助(元)', '先缴后补资助(元)'];
    const rows = [s.county, ...s.townships].map((t) => [t.name, t.rows, t.eligible, t.enrolled, t.target, t.rate === null ? null : `${(t.rate * 100).toFixed(2)}%`, formatYuan(t.collected), formatYuan(t.subsidyUpfront), formatYuan(t.subsidyAfterPayment)]);
    return req.format === 'summary-csv'
      ? { fileName: `${base}-乡镇汇总.csv`, bytes: toCsv(headers, rows), mime: 'text/csv' }
      : { fileName: `${base}-乡镇汇总.xlsx`, bytes: toXlsx([{ name: '乡镇汇总', headers, rows }]), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  const extra = ['参保资格', '原因', '个人缴费(元)', '政府资助(元)', '资助方式', '待遇开始', '待遇结束', '标记'];
  const headers = [...l.meta.headers, ...extra];
  const rows = l.results.map((r, i) => [
    ...l.meta.headers.map((_, k) => l.cells[i]![k] ?? ''),
    r.eligible === null ? null : r.eligible ? '是' : '否', r.reason, r.personalFee === null ? null : formatYuan(r.personalFee),
    r.subsidy === null ? null : formatYuan(r.subsidy), r.subsidyTiming ? TIMING[r.subsidyTiming] : null,
    r.benefitStart === null ? null : formatDate(r.benefitStart), r.benefitEnd === null ? null : formatDate(r.benefitEnd),
    r.flags.map((f) => f.message.zh).join('；'),
  ]);
  return req.format === 'csv'
    ? { fileName: `${base}-结果.csv`, bytes: toCsv(headers, rows), mime: 'text/csv' }
    : { fileName: `${base}-结果.xlsx`, bytes: toXlsx([{ name: '结果', headers, rows }]), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

/** Lets a cancel message in between phases. */
const yieldToMessages = () => new Promise((r) => setTimeout(r, 0));

self.onmessage = async (e: MessageEvent<Request & { id: number }>) => {
  const req = e.data;
  if (req.kind === 'cancel') { cancelled.add(req.target); return; }
  try {
    let value: unknown;
    switch (req.kind) {
      case 'inspect': value = await inspect(req); break;
      case 'import': value = await importRoster(req.id, req); break;
      case 'open': value = await (loading = open(req.id, req).finally(() => { loading = null; })); break;
      case 'query': await loading?.catch(() => {}); value = query(req); break;
      case 'explain': {
        await loading?.catch(() => {}); const l = loaded(req.rosterId); const i = l.rows.findIndex((r) => r.row === req.row); value = i >= 0 ? explainRow(l.policy, l.rows[i]!, l.meta.params) : []; break; }
      case 'export': await loading?.catch(() => {}); value = exportRoster(req); break;
    }
    post({ id: req.id, kind: 'ok', value });
  } catch (err) {
    const message = err instanceof Cancelled ? { zh: '已取消，未保存任何数据', en: 'Cancelled; nothing was saved' }
      : err instanceof UserError || err instanceof StorageError ? err.bilingual
      : { zh: `处理失败：${err instanceof Error ? err.message : String(err)}`, en: `Failed: ${err instanceof Error ? err.message : String(err)}` };
    post({ id: req.id, kind: 'error', message });
  } finally {
    cancelled.delete(req.id);
  }
};
