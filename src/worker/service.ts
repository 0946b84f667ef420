// The roster work, independent of the worker global (so Node tests drive it): read → evaluate → store → summary; queries, explain, export.
import {
  evaluateRoster,
  explainRow,
  loadPolicy,
  notEvaluable,
  type CompiledPolicy,
  type ExplainStep,
  type FieldValue,
  type PersonResult,
  type RosterRow,
  type RosterSummary,
} from '../lang/index.js';
import type { Bilingual } from '../lang/diagnostic.js';
import { formatDate } from '../lang/runtime/calendar.js';
import {
  duplicateIds,
  headerSignature,
  problemKinds,
  readRosterBytes,
  readTable,
  RowReader,
  toCsv,
  toXlsx,
  type Cell,
  type RosterRead,
  type Sheet,
} from '../roster/index.js';
import { exportWords, groupHeaders, moreDuplicates, type ExportLang } from './export-words.js';
import {
  CHUNK_ROWS,
  encodeCells,
  encodeResults,
  importLockName,
  Store,
  StorageError,
  storedRow,
  type CellChunk,
  type RoleTexts,
  type RosterMeta,
} from '../store/index.js';
import { loadAsBlobScript } from './load-code.js';
import { outlinePolicy, policyReader, reviewPolicy } from './review.js';
import type {
  Calls,
  CompareRequest,
  ExportFile,
  ImportDone,
  InspectResult,
  Phase,
  PolicyCheckResult,
  PolicyOutline,
  PolicyRef,
  PolicyReview,
  QueryResult,
  RosterListItem,
  StorageInfo,
} from './protocol.js';
import { storedOverrides, storedTable } from './stored-roster.js';
import { Cancelled, UserError } from './errors.js';
import { unsetParameters } from './unset-parameters.js';
import { choices, filterRows, positionOf, sortRows } from './query.js';
import { emptyTable, fill, viewOf, type Table } from './table.js';
import {
  compareCells,
  compareHeaders,
  compareResults,
  compareSummaryCells,
  compareSummaryHeaders,
  type Comparison,
} from './compare.js';
import { problemCells, problemHeaders, problemRows, type ProblemRow } from './problem-rows.js';
import { toPayCountHeaders, toPayCounts, toPayHeaders, toPayList, toPayRows, type ToPayVillage } from './topay.js';
import { extraCell } from './extra-cell.js';
import { breakdownSheet, withBreakdownRows } from './breakdown-sheet.js';

export { Cancelled, UserError };

/** What a long call may report and how it learns it was cancelled. */
export interface CallContext {
  progress(phase: Phase, done: number, total: number): void;
  cancelled(): boolean;
}
const QUIET: CallContext = { progress() {}, cancelled: () => false };

/** Chunks written per transaction: small enough for progress every ~100 ms, large enough to keep transactions few. */
const CHUNKS_PER_WRITE = 8;

interface Loaded {
  meta: RosterMeta;
  table: Table;
  /** A few cell chunks, read from the store on demand (a county's cells are not kept in memory). */
  cells: Map<number, CellChunk>;
  /** The policy the roster was evaluated with, compiled on the first explanation. */
  policy: CompiledPolicy | null;
  /** Reads stored rows again for explanations, made with `policy`. */
  reader?: RowReader;
  order: { key: string; index: Uint32Array } | null;
  choices: { townships: string[]; villages: string[]; categories: string[] } | null;
}

/** Texts by policy file name (a prototype-free object: the names are the clerk's). */
const fileTexts = () => Object.create(null) as Record<string, string>;

/** Compiles a policy; `read`, when given, receives the text of every file the policy reads (entry and `继承` chain). */
function compile(ref: PolicyRef, read?: Record<string, string>): CompiledPolicy {
  const { policy, diagnostics } = loadPolicy(ref.entry, policyReader(ref, read));
  const template = policy ? notEvaluable(policy) : null;
  if (template) throw new UserError(template.message);
  if (!policy) {
    const first = diagnostics.find((d) => d.severity === 'error');
    throw new UserError({
      zh: `政策有错误，无法计算：${first?.message.zh ?? ''}`,
      en: `The policy has errors and cannot be used: ${first?.message.en ?? ''}`,
    });
  }
  return policy;
}

const text = (v: FieldValue | undefined): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.join('、') : '');

/** The texts the Results screen filters on (township, village, category set), per roster row. */
export function roleTexts(policy: CompiledPolicy, rows: readonly RosterRow[]): RoleTexts {
  const field = (role: string) => policy.fields.find((f) => f.role === role)?.name;
  const township = field('township'),
    village = field('village');
  const category =
    policy.fields.find((f) => f.kind === 'category-set' && f.name.includes('类别'))?.name ??
    policy.fields.find((f) => f.kind === 'category-set' || f.kind === 'category')?.name;
  const col = (name: string | undefined) => rows.map((r) => (name ? text(r.values[name]) : ''));
  return { township: col(township), village: col(village), category: col(category) };
}

/** Runs `fn` holding the import's Web Lock where the browser has Web Locks (another tab's sweep then leaves it alone). */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lm = (globalThis.navigator as Navigator | undefined)?.locks;
  return lm ? (lm.request(name, fn) as Promise<T>) : fn();
}

const rosterId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const yieldNow = () => new Promise((r) => setTimeout(r, 0));

export class RosterService {
  private storePromise: Promise<Store> | null = null;
  private current: Loaded | null = null;
  /** The roster being opened: queries wait for it instead of failing. */
  private opening: Promise<unknown> | null = null;
  /** Per roster: the texts of the policy files its results were computed with (what a list shows as stale or not). */
  private readonly filesUsed = new Map<string, Record<string, string>>();
  /** The last file read by `inspect`, reused by the `import` that follows (a county takes seconds to parse). */
  private lastRead: { key: string; read: RosterRead } | null = null;
  /** The open roster computed under another policy, for the comparison and its export. */
  private compared: { key: string; results: PersonResult[] } | null = null;

  constructor(private readonly openStore: () => Promise<Store> = () => Store.open()) {}

  store(): Promise<Store> {
    return (this.storePromise ??= this.openStore());
  }

  check({ policy: ref }: Calls['check']['req']): PolicyCheckResult {
    const { policy, diagnostics } = loadPolicy(ref.entry, policyReader(ref));
    return {
      ok: policy !== null,
      diagnostics,
      unsetParameters: policy
        ? policy.parameters.filter((p) => p.value === null).map((p) => ({ name: p.name, type: p.type }))
        : [],
      fields: policy ? policy.fields.map((f) => ({ name: f.name, columns: f.columns, required: f.required })) : [],
    };
  }

  /** The editor's check of a policy as typed, with its examples run. */
  review({ policy }: Calls['review']['req']): PolicyReview {
    return reviewPolicy(policy);
  }

  /** A policy's header and operational rules (null when it does not check). */
  outline({ policy }: Calls['outline']['req']): PolicyOutline | null {
    return outlinePolicy(policy);
  }

  private async read(req: Calls['inspect']['req'], policy: CompiledPolicy, ctx: CallContext): Promise<RosterRead> {
    const f = req.file;
    const identity = 'blob' in f ? [f.blob.size, (f.blob as File).lastModified ?? 0, 'blob'] : [f.bytes.length];
    const key = JSON.stringify([f.name, identity, req.policy, req.overrides]);
    if (this.lastRead?.key === key) return this.lastRead.read;
    this.lastRead = null; // free the previous county before reading the next
    const bytes = 'blob' in f ? new Uint8Array(await f.blob.arrayBuffer()) : f.bytes;
    const read = readRosterBytes(bytes, f.name, policy.fields, {
      overrides: req.overrides,
      onProgress: (d, t) => ctx.progress('read', d, t),
    });
    this.lastRead = { key, read };
    return read;
  }

  async inspect(req: Calls['inspect']['req'], ctx: CallContext = QUIET): Promise<InspectResult> {
    const policy = compile(req.policy);
    const r = await this.read(req, policy, ctx);
    const idColumn =
      r.mapping.find((m) => m.field === policy.fields.find((f) => f.kind === 'id-number')?.name)?.header ?? '';
    // Row order, a duplicate beside the row's other problems (the sort is stable).
    const problems = [...r.rows.flatMap((row) => row.problems), ...duplicateIds(r.rows, idColumn)].sort(
      (a, b) => a.row! - b.row!,
    );
    return {
      headers: r.headers,
      mapping: r.mapping,
      encoding: r.encoding ?? null,
      sheetNames: r.sheetNames ?? [],
      rowCount: r.rows.length,
      problems: problems.slice(0, 500),
      problemCount: problems.length,
      problemKinds: problemKinds(problems),
      diagnostics: r.diagnostics,
      unsetParameters: unsetParameters(policy, r.rows, loadAsBlobScript),
    };
  }

  /** Reads, evaluates and stores a roster; it is listed only once every chunk is written (cancel or failure leaves nothing). */
  async import(req: Calls['import']['req'], ctx: CallContext = QUIET): Promise<ImportDone> {
    const files = fileTexts();
    const policy = compile(req.policy, files);
    const read = await this.read(req, policy, ctx);
    this.lastRead = null;
    return this.evaluateAndStore(
      policy,
      req.policy,
      files,
      read,
      { name: req.name, fileName: req.file.name, params: req.params },
      ctx,
    );
  }

  /**
   * Computes a stored roster again with the policy as it is now (its cells, row numbers, column choices and parameters
   * kept), stores it under the same name and then deletes the old results.
   */
  async recompute(req: Calls['recompute']['req'], ctx: CallContext = QUIET): Promise<ImportDone> {
    const store = await this.store();
    const old = await store.getRoster(req.rosterId);
    if (!old)
      throw new UserError({
        zh: '找不到此花名册（可能已删除）',
        en: 'This roster was not found (it may have been deleted)',
      });
    const files = fileTexts();
    const policy = compile(req.policy, files);
    const read = readTable(await storedTable(store, old), old.fileName, policy.fields, {
      overrides: storedOverrides(old),
    });
    const missing = read.diagnostics.find((d) => d.severity === 'error');
    if (missing)
      throw new UserError({
        zh: `无法按当前政策重新计算：${missing.message.zh}`,
        en: `Cannot compute again with the current policy: ${missing.message.en}`,
      });
    const done = await this.evaluateAndStore(
      policy,
      req.policy,
      files,
      read,
      { name: old.name, fileName: old.fileName, params: old.params },
      ctx,
    );
    await this.delete({ rosterId: old.id });
    return done;
  }

  /** Evaluates what was read and stores it as a new roster; it is listed only once every chunk is written. */
  private async evaluateAndStore(
    policy: CompiledPolicy,
    ref: PolicyRef,
    files: Record<string, string>,
    read: RosterRead,
    req: { name: string; fileName: string; params: Record<string, string> },
    ctx: CallContext,
  ): Promise<ImportDone> {
    const check = () => {
      if (ctx.cancelled()) throw new Cancelled();
    };
    await yieldNow();
    check();
    const { results, summary, evaluator } = evaluateRoster(policy, read.rows, {
      params: req.params,
      onProgress: (d, t) => ctx.progress('evaluate', d, t),
      loadCode: loadAsBlobScript,
    });
    await yieldNow();
    check();
    const store = await this.store();
    const id = rosterId();
    const n = read.rows.length;
    const chunkCount = Math.ceil(n / CHUNK_ROWS);
    const roles = roleTexts(policy, read.rows);
    const width = read.headers.length;
    const meta: RosterMeta = {
      id,
      status: 'committed',
      name: req.name,
      fileName: req.fileName,
      policyPath: ref.entry,
      createdAt: new Date().toISOString(),
      rowCount: n,
      chunkCount,
      headers: read.headers,
      headerSignature: headerSignature(read.headers),
      mapping: read.mapping.map((m) => ({ field: m.field, index: m.index })),
      params: req.params,
      policy: ref,
      summary,
    };
    const table = emptyTable(n, policy.extraOutcomes);
    const { summary: _s, status: _st, ...record } = meta;
    await withLock(importLockName(id), async () => {
      try {
        await store.beginRoster(record);
        for (let index = 0; index < chunkCount; index += CHUNKS_PER_WRITE) {
          check();
          const batchCells: CellChunk[] = [],
            batchResults = [];
          for (let c = index; c < Math.min(chunkCount, index + CHUNKS_PER_WRITE); c++) {
            const from = c * CHUNK_ROWS,
              to = Math.min(n, from + CHUNK_ROWS);
            const cell = encodeCells(id, c, read.cells, width, from, to, read.sparse ? '' : null);
            const result = encodeResults(id, c, results, roles, policy.extraOutcomes, from, to);
            batchCells.push(cell);
            batchResults.push(result);
            fill(table, result);
          }
          await store.putChunks(batchCells, batchResults);
          ctx.progress('store', Math.min(chunkCount, index + CHUNKS_PER_WRITE), chunkCount);
        }
        check();
        await store.commitRoster(id, summary);
      } catch (e) {
        await store.deleteRoster(id).catch(() => {
          /* the next open sweeps it */
        });
        throw e;
      }
    });
    this.current = { meta, table, cells: new Map(), policy, order: null, choices: null };
    this.filesUsed.set(id, files);
    return { rosterId: id, summary, rowCount: n, memoryOnly: store.memoryOnly, evaluator };
  }

  /** Loads a stored roster's results into memory (cells stay in the store until needed). */
  open(req: Calls['open']['req'], ctx: CallContext = QUIET): Promise<ImportDone> {
    const p = this.load(req.rosterId, ctx);
    this.opening = p.finally(() => {
      if (this.opening === p) this.opening = null;
    });
    return p;
  }

  private async load(id: string, ctx: CallContext): Promise<ImportDone> {
    const store = await this.store();
    if (this.current?.meta.id === id)
      return {
        rosterId: id,
        summary: this.current.meta.summary,
        rowCount: this.current.meta.rowCount,
        memoryOnly: store.memoryOnly,
      };
    const meta = await store.getRoster(id);
    if (!meta)
      throw new UserError({
        zh: '找不到此花名册（可能已删除）',
        en: 'This roster was not found (it may have been deleted)',
      });
    this.current = null;
    const extras = Object.keys((await store.getResultChunk(id, 0))?.extras ?? {});
    const table = emptyTable(meta.rowCount, extras);
    for (let i = 0; i < meta.chunkCount; i++) {
      if (ctx.cancelled()) throw new Cancelled();
      const chunk = await store.getResultChunk(id, i);
      const expected = Math.min(CHUNK_ROWS, meta.rowCount - i * CHUNK_ROWS);
      if (!chunk || chunk.count !== expected)
        throw new UserError({
          zh: `花名册数据不完整或已损坏（第 ${i + 1} 块），请删除后重新导入`,
          en: `Roster data is incomplete or damaged (chunk ${i + 1}): delete it and import again`,
        });
      fill(table, chunk);
      ctx.progress('load', i + 1, meta.chunkCount);
    }
    this.current = { meta, table, cells: new Map(), policy: null, order: null, choices: null };
    return { rosterId: id, summary: meta.summary, rowCount: meta.rowCount, memoryOnly: store.memoryOnly };
  }

  private async loaded(rosterId: string): Promise<Loaded> {
    await this.opening?.catch(() => {});
    if (this.current?.meta.id !== rosterId) await this.load(rosterId, QUIET);
    return this.current!;
  }

  async query(req: Calls['query']['req']): Promise<QueryResult> {
    const l = await this.loaded(req.rosterId);
    const key = JSON.stringify([req.filter, req.sort]);
    if (l.order?.key !== key)
      l.order = {
        key,
        index: sortRows(l.table, filterRows(l.table, req.filter), req.sort.column, req.sort.descending),
      };
    l.choices ??= {
      townships: choices(l.table.township),
      villages: choices(l.table.village),
      categories: choices(l.table.category, true),
    };
    const index = l.order.index;
    const rows = [];
    for (let k = Math.max(0, req.offset); k < Math.min(index.length, req.offset + req.limit); k++)
      rows.push(viewOf(l.table, index[k]!));
    const answer: QueryResult = {
      total: index.length,
      rows,
      ...l.choices,
      flagCodes: Object.keys(l.meta.summary.flags).sort(),
    };
    if (req.find !== undefined) answer.found = positionOf(l.table, index, req.find);
    return answer;
  }

  private async cellChunk(l: Loaded, index: number): Promise<CellChunk> {
    let c = l.cells.get(index);
    if (!c) {
      const got = await (await this.store()).getCellChunk(l.meta.id, index);
      if (!got)
        throw new UserError({
          zh: `花名册原始数据缺失或已损坏（第 ${index + 1} 块）`,
          en: `The roster's cells are missing or damaged (chunk ${index + 1})`,
        });
      if (l.cells.size >= 4) l.cells.delete(l.cells.keys().next().value!);
      l.cells.set(index, (c = got));
    }
    return c;
  }

  /** The roster row as read, rebuilt from its stored cells with the policy it was evaluated with. */
  private async rosterRow(l: Loaded, i: number): Promise<RosterRow> {
    l.policy ??= compile(l.meta.policy);
    l.reader ??= new RowReader(l.meta.headers, l.meta.mapping, l.policy.fields);
    const chunk = await this.cellChunk(l, Math.floor(i / CHUNK_ROWS));
    return l.reader.read(storedRow(chunk, i % CHUNK_ROWS), l.table.row[i]!);
  }

  /** The index of a data row number in the roster's table, or null. Row numbers ascend: binary search. */
  private indexOfRow(l: Loaded, row: number): number | null {
    let lo = 0,
      hi = l.table.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1,
        r = l.table.row[mid]!;
      if (r === row) return mid;
      if (r < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  async explain(req: Calls['explain']['req']): Promise<ExplainStep[]> {
    const l = await this.loaded(req.rosterId);
    const i = this.indexOfRow(l, req.row);
    if (i === null) return [];
    return explainRow(l.policy ?? (l.policy = compile(l.meta.policy)), await this.rosterRow(l, i), l.meta.params);
  }

  /** 试算此人: a person's cells as the roster held them, by the policy field they were read for ({} if no such row). */
  async personCells(req: Calls['personCells']['req']): Promise<Record<string, string>> {
    const l = await this.loaded(req.rosterId);
    const i = this.indexOfRow(l, req.row);
    const out = Object.create(null) as Record<string, string>;
    if (i === null) return out;
    const raw = storedRow(await this.cellChunk(l, Math.floor(i / CHUNK_ROWS)), i % CHUNK_ROWS);
    for (const m of l.meta.mapping) if (m.index !== null && m.index < raw.length) out[m.field] = raw[m.index]!;
    return out;
  }

  async export(req: Calls['export']['req'], ctx: CallContext = QUIET): Promise<ExportFile> {
    const l = await this.loaded(req.rosterId);
    const base = l.meta.fileName.replace(/\.[^.]+$/, '');
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const lang = req.lang ?? 'zh';
    const w = exportWords(lang);
    if (req.format === 'summary-xlsx' || req.format === 'summary-csv') {
      const s = l.meta.summary as RosterSummary;
      // 历年补缴 only for a policy that defines 补缴金额: its own column, apart from the year's fees.
      const back = s.county.backPayment != null;
      // Each special group with a participation goal: its people and those enrolled, as the summary screen shows.
      const groups = s.goals.flatMap((g) => (g.group === null ? [] : [g.group]));
      // The collection mechanics' totals (summaries made before them lack them) and 政府资助 by paying body (主体).
      const collection = s.county.due != null;
      const payers = Object.keys(s.county.subsidyByPayer ?? {});
      const payerHeader = (b: string) =>
        `${w.payerPrefix}${b === '' ? w.payerNone : b}(${lang === 'zh' ? '元' : 'yuan'})`;
      const headers = [
        w.township,
        w.persons,
        w.eligibleCount,
        w.enrolled,
        w.target,
        w.rate,
        ...groups.flatMap((g) => groupHeaders(lang, g)),
        w.collected,
        w.subsidyUpfront,
        w.subsidyAfter,
        ...(collection ? [w.subsidyWaived, w.due, w.credited, w.netCost, w.collectionUnknown] : []),
        ...payers.map(payerHeader),
        ...(back ? [w.backPayment] : []),
        w.unknown,
      ];
      const rows = [...s.townships, s.county].map((t) => [
        t.name,
        t.rows,
        t.eligible,
        t.enrolled,
        t.target,
        t.rate === null ? null : `${(t.rate * 100).toFixed(2)}%`,
        ...groups.flatMap((g) => [t.groups[g]?.rows ?? 0, t.groups[g]?.enrolled ?? 0]),
        { fen: t.collected },
        { fen: t.subsidyUpfront },
        { fen: t.subsidyAfterPayment },
        ...(collection
          ? [
              { fen: t.subsidyWaived ?? 0 },
              { fen: t.due ?? 0 },
              { fen: t.credited ?? 0 },
              { fen: t.netCost ?? 0 },
              t.collectionUnknown ?? 0,
            ]
          : []),
        // Bodies are user text, and a stored summary's records have a prototype again: own keys only.
        ...payers.map((b) => ({
          fen: t.subsidyByPayer && Object.hasOwn(t.subsidyByPayer, b) ? t.subsidyByPayer[b]! : 0,
        })),
        ...(back ? [{ fen: t.backPayment ?? 0 }] : []),
        t.unknown ?? 0,
      ]);
      return req.format === 'summary-csv'
        ? {
            fileName: `${base}-${w.summaryFile}.csv`,
            bytes: toCsv(headers, withBreakdownRows(rows, s, lang)),
            mime: 'text/csv',
          }
        : {
            fileName: `${base}-${w.summaryFile}.xlsx`,
            bytes: toXlsx([
              { name: w.summarySheet, headers, rows },
              ...breakdownSheet(s, lang),
              ...duplicateSheet(s, lang),
            ]),
            mime: XLSX,
          };
    }
    if (req.format === 'topay-xlsx' || req.format === 'topay-csv') {
      const list = toPayList(l.table);
      const rows = toPayRows(list, lang);
      const headers = toPayHeaders(lang);
      return req.format === 'topay-csv'
        ? { fileName: `${base}-${w.toPayFile}.csv`, bytes: toCsv(headers, rows), mime: 'text/csv;charset=utf-8' }
        : {
            fileName: `${base}-${w.toPayFile}.xlsx`,
            bytes: toXlsx([
              { name: w.toPaySheet, headers, rows },
              { name: w.toPayCountSheet, headers: toPayCountHeaders(lang), rows: toPayCounts(list) },
            ]),
            mime: XLSX,
          };
    }
    if (req.format === 'problems-xlsx' || req.format === 'problems-csv') {
      const headers = problemHeaders(lang);
      const rows = problemCells(problemRows(l.table), lang);
      return req.format === 'problems-csv'
        ? { fileName: `${base}-${w.problemsFile}.csv`, bytes: toCsv(headers, rows), mime: 'text/csv;charset=utf-8' }
        : {
            fileName: `${base}-${w.problemsFile}.xlsx`,
            bytes: toXlsx([{ name: w.problemsSheet, headers, rows }]),
            mime: XLSX,
          };
    }
    const t = l.table;
    const extras = Object.keys(t.extras);
    const headers = [
      ...l.meta.headers,
      w.eligible,
      w.reason,
      w.personalFee,
      w.subsidy,
      w.timing,
      w.enrolled,
      w.benefitStart,
      w.benefitEnd,
      w.flags,
      ...extras,
    ];
    const rows: Cell[][] = new Array(t.n);
    for (let c = 0; c < l.meta.chunkCount; c++) {
      if (ctx.cancelled()) throw new Cancelled();
      const chunk = await this.cellChunk(l, c);
      for (let k = 0; k < chunk.count; k++) {
        const i = c * CHUNK_ROWS + k;
        const v = viewOf(t, i);
        const row: Cell[] = l.meta.headers.map((_, col) => chunk.columns[col]?.[k] ?? '');
        row.push(
          v.eligible === null ? null : v.eligible ? w.yes : w.no,
          v.reason,
          v.personalFee === null ? null : { fen: v.personalFee },
          v.subsidy === null ? null : { fen: v.subsidy },
          v.subsidyTiming === null
            ? null
            : v.subsidyTiming === 'upfront'
              ? w.upfront
              : v.subsidyTiming === 'waived'
                ? w.waived
                : w.afterPayment,
          v.enrolled === null ? null : v.enrolled ? w.yes : w.no,
          v.benefitStart === null ? null : formatDate(v.benefitStart),
          v.benefitEnd === null ? null : formatDate(v.benefitEnd),
          v.flags.map((f) => f.message[lang]).join(w.flagSeparator),
          ...extras.map((e) => extraCell(t.extras[e]![i] ?? null, w)),
        );
        rows[i] = row;
      }
      ctx.progress('export', c + 1, l.meta.chunkCount);
      if (c % 10 === 9) await yieldNow(); // lets a cancel message in
    }
    return req.format === 'csv'
      ? { fileName: `${base}-${w.resultsFile}.csv`, bytes: toCsv(headers, rows), mime: 'text/csv;charset=utf-8' }
      : {
          fileName: `${base}-${w.resultsFile}.xlsx`,
          bytes: toXlsx([{ name: w.resultsSheet, headers, rows }]),
          mime: XLSX,
        };
  }

  /** 待缴费名单 for the print view: per township and village, the eligible people not yet enrolled. */
  async toPay(req: Calls['toPay']['req']): Promise<ToPayVillage[]> {
    return toPayList((await this.loaded(req.rosterId)).table);
  }

  /** The open roster's rows computed under another policy, in roster order (the last one asked for is kept). */
  private async computedUnder(req: CompareRequest, ctx: CallContext): Promise<{ l: Loaded; results: PersonResult[] }> {
    const l = await this.loaded(req.rosterId);
    const params = req.params ?? l.meta.params;
    const key = JSON.stringify([req.rosterId, req.policy, params]);
    if (this.compared?.key === key) return { l, results: this.compared.results };
    this.compared = null;
    const files = fileTexts();
    const policy = compile(req.policy, files);
    const read = readTable(await storedTable(await this.store(), l.meta), l.meta.fileName, policy.fields, {
      overrides: storedOverrides(l.meta),
    });
    const missing = read.diagnostics.find((d) => d.severity === 'error');
    if (missing)
      throw new UserError({
        zh: `无法按“${req.policy.entry}”计算此花名册：${missing.message.zh}`,
        en: `This roster cannot be computed under “${req.policy.entry}”: ${missing.message.en}`,
      });
    await yieldNow();
    const { results } = evaluateRoster(policy, read.rows, {
      params,
      onProgress: (d, t) => ctx.progress('evaluate', d, t),
      loadCode: loadAsBlobScript,
    });
    this.compared = { key, results };
    return { l, results };
  }

  async compare(req: Calls['compare']['req'], ctx: CallContext = QUIET): Promise<Comparison> {
    const { l, results } = await this.computedUnder(req, ctx);
    return this.comparison(l, results, req);
  }

  async exportCompare(req: Calls['exportCompare']['req'], ctx: CallContext = QUIET): Promise<ExportFile> {
    const { l, results } = await this.computedUnder(req, ctx);
    const lang = req.lang ?? 'zh';
    const w = exportWords(lang);
    const base = `${l.meta.fileName.replace(/\.[^.]+$/, '')}-${w.compareFile}`;
    const people = compareCells(l.table, results, lang);
    if (req.format === 'csv')
      return { fileName: `${base}.csv`, bytes: toCsv(compareHeaders(lang), people), mime: 'text/csv;charset=utf-8' };
    const c = this.comparison(l, results, req);
    return {
      fileName: `${base}.xlsx`,
      bytes: toXlsx([
        { name: w.compareSummarySheet, headers: compareSummaryHeaders(lang), rows: compareSummaryCells(c, w.county) },
        { name: w.compareSheet, headers: compareHeaders(lang), rows: people },
      ]),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  private comparison(l: Loaded, results: PersonResult[], req: CompareRequest): Comparison {
    const order = l.meta.summary.townships.map((t) => t.name);
    return compareResults(l.table, results, { before: l.meta.policyPath, after: req.policy.entry }, order);
  }

  async problemRows(req: Calls['problemRows']['req']): Promise<ProblemRow[]> {
    return problemRows((await this.loaded(req.rosterId)).table);
  }

  /** Stored rosters with the policy files each was computed with (the whole snapshot stays in the worker). */
  async list(): Promise<RosterListItem[]> {
    return (await (await this.store()).listRosters()).map(({ policy, ...meta }) => ({
      ...meta,
      policyFiles: this.usedFiles(meta.id, policy),
    }));
  }

  private usedFiles(id: string, snapshot: PolicyRef): Record<string, string> {
    let files = this.filesUsed.get(id);
    if (!files) {
      files = fileTexts();
      try {
        compile(snapshot, files);
      } catch {
        /* a snapshot that no longer compiles: the files it did read */
      }
      this.filesUsed.set(id, files);
    }
    return files;
  }

  async delete({ rosterId }: Calls['delete']['req']): Promise<null> {
    if (this.current?.meta.id === rosterId) this.current = null;
    await (await this.store()).deleteRoster(rosterId);
    this.filesUsed.delete(rosterId);
    return null;
  }

  async clear(): Promise<null> {
    this.current = null;
    this.lastRead = null;
    await (await this.store()).clearAll();
    return null;
  }

  async storage(): Promise<StorageInfo> {
    const store = await this.store();
    const e = await Store.estimate();
    const persisted =
      (await (globalThis.navigator as Navigator | undefined)?.storage?.persisted?.().catch(() => false)) ?? false;
    return {
      usage: e?.usage ?? null,
      quota: e?.quota ?? null,
      persisted,
      memoryOnly: store.memoryOnly,
      rejected: await store.damaged(),
    };
  }

  /** A damaged record as stored, as a JSON file for support. */
  async damagedExport({ store: name, ref }: Calls['damagedExport']['req']): Promise<ExportFile> {
    const json = await (await this.store()).damagedJson(name, ref);
    if (json === null) throw new UserError({ zh: '该损坏记录已不存在', en: 'That damaged record is no longer there' });
    const key = String(ref)
      .slice(0, 40)
      .replace(/[^\p{L}\p{N}._-]/gu, '_');
    return {
      fileName: `损坏记录-${name}-${key}.json`,
      bytes: new TextEncoder().encode(json),
      mime: 'application/json;charset=utf-8',
    };
  }

  async damagedDelete({ store: name, ref }: Calls['damagedDelete']['req']): Promise<null> {
    await (await this.store()).deleteDamaged(name, ref);
    if (name === 'rosters' && typeof ref === 'string') this.filesUsed.delete(ref);
    return null;
  }
}

/** The bilingual message for any failure a call ends with. */
export function failureMessage(err: unknown): { message: Bilingual; cancelled: boolean } {
  if (err instanceof Cancelled)
    return { message: { zh: '已取消，未保存任何数据', en: 'Cancelled; nothing was saved' }, cancelled: true };
  if (err instanceof UserError || err instanceof StorageError) return { message: err.bilingual, cancelled: false };
  const text = err instanceof Error ? err.message : String(err);
  return { message: { zh: `处理失败：${text}`, en: `Failed: ${text}` }, cancelled: false };
}

/** The rows the summary did not count again because their ID number repeats an earlier row's (none: no sheet). */
function duplicateSheet(s: RosterSummary, lang: ExportLang): Sheet[] {
  const d = s.duplicates;
  if (!d || d.count === 0) return [];
  const w = exportWords(lang);
  const rows: Cell[][] = d.rows.map((r) => [r.row, r.first]);
  const more = d.count - d.rows.length;
  if (more > 0) rows.push([moreDuplicates(lang, more), '']);
  return [{ name: w.duplicateSheet, headers: [w.row, w.sameIdAs], rows }];
}
