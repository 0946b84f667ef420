// Reads a Chrome trace (devtools.timeline events) and says, per phase, what the page's long main-thread tasks were made of.
// Phases are marked from the page with console.timeStamp('phase:NAME') (a TimeStamp event in the trace).

/** Events that are work of their own (self time is counted under these names; everything else is folded into its parent). */
const KINDS = new Map([
  ['Layout', 'Layout'],
  ['UpdateLayoutTree', 'RecalculateStyle'],
  ['ScheduleStyleRecalculation', 'RecalculateStyle'],
  ['Paint', 'Paint'],
  ['PrePaint', 'Paint'],
  ['Layerize', 'Paint'],
  ['UpdateLayer', 'Paint'],
  ['Commit', 'Paint'],
  ['HitTest', 'HitTest'],
  ['ParseHTML', 'ParseHTML'],
  ['FunctionCall', 'Script'],
  ['EvaluateScript', 'Script'],
  ['v8.evaluateModule', 'Script'],
  ['v8.compile', 'Compile'],
  ['v8.compileModule', 'Compile'],
  ['V8.CompileCode', 'Compile'],
  ['v8.parseOnBackground', 'Compile'],
  ['MinorGC', 'GC'],
  ['MajorGC', 'GC'],
  ['V8.GC_SCAVENGER', 'GC'],
  ['BlinkGC.AtomicPhase', 'GC'],
  ['ThreadState::performIdleLazySweep', 'GC'],
  ['V8.DeserializeContext', 'Compile'],
  ['v8.deserialize', 'Deserialize'],
  ['SerializedScriptValueFactory::deserialize', 'Deserialize'],
  ['MessagePort::dispatchMessage', 'Deserialize'],
]);

/** The renderer main thread that logged our phase marks. */
function mainThread(events) {
  const mark = events.find((e) => e.name === 'TimeStamp' && String(e.args?.data?.message ?? '').startsWith('phase:'));
  if (!mark) throw new Error('no phase marks in the trace');
  return { pid: mark.pid, tid: mark.tid };
}

/** Complete events (X, or B/E paired) of one thread, sorted by start. */
function spans(events, { pid, tid }) {
  const out = [];
  const open = [];
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid) continue;
    if (e.ph === 'X' && e.dur !== undefined) out.push({ name: e.name, ts: e.ts, end: e.ts + e.dur, args: e.args });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) out.push({ name: b.name, ts: b.ts, end: e.ts, args: { ...b.args, ...e.args } });
    }
  }
  return out.sort((a, b) => a.ts - b.ts || b.end - a.end);
}

/**
 * The long tasks (≥ `minMs`) per phase, each with its self time by kind (Layout, RecalculateStyle, Paint, Script, GC …),
 * the layouts' object counts and root nodes, and the script functions that took longest.
 */
export function analyse(events, minMs = 50) {
  const main = mainThread(events);
  const marks = events
    .filter((e) => e.pid === main.pid && e.name === 'TimeStamp' && String(e.args?.data?.message).startsWith('phase:'))
    .map((e) => ({ name: String(e.args.data.message).slice(6), ts: e.ts }))
    .sort((a, b) => a.ts - b.ts);
  const all = spans(events, main);
  // Outermost tasks only (a RunTask inside another is the same task).
  const tasks = [];
  for (const s of all)
    if ((s.name === 'RunTask' || s.name === 'ThreadControllerImpl::RunTask') && !(tasks.at(-1)?.end >= s.end))
      tasks.push(s);
  const phaseOf = (ts) => {
    let p = 'before';
    for (const m of marks) if (m.ts <= ts) p = m.name;
    return p;
  };
  const phases = new Map();
  let j = 0;
  for (const task of tasks) {
    const ms = (task.end - task.ts) / 1000;
    const phase = phaseOf(task.ts);
    if (!phases.has(phase)) phases.set(phase, { longestMs: 0, busyMs: 0, over50: 0, over100: 0, tasks: [] });
    const p = phases.get(phase);
    p.longestMs = Math.max(p.longestMs, ms);
    p.busyMs += ms;
    if (ms < minMs) continue;
    if (ms >= 50) p.over50++;
    if (ms >= 100) p.over100++;
    // Children of this task: self time by kind (a stack of open spans; a child's time is taken from its parent).
    while (j < all.length && all[j].ts < task.ts) j++;
    const self = new Map();
    const raw = new Map();
    const layouts = [];
    const styles = [];
    const functions = new Map();
    const stack = [{ kind: 'Other', name: 'task', end: task.end, child: 0, ts: task.ts }];
    const close = (until) => {
      while (stack.length > 1 && stack[stack.length - 1].end <= until) {
        const s = stack.pop();
        const t = s.end - s.ts - s.child;
        self.set(s.kind, (self.get(s.kind) ?? 0) + t);
        raw.set(s.name, (raw.get(s.name) ?? 0) + t);
        stack[stack.length - 1].child += s.end - s.ts;
      }
    };
    for (let k = j; k < all.length && all[k].ts < task.end; k++) {
      const s = all[k];
      if (s === task) continue;
      close(s.ts);
      const kind = KINDS.get(s.name);
      if (s.name === 'Layout')
        layouts.push({
          ms: +((s.end - s.ts) / 1000).toFixed(1),
          dirty: s.args?.beginData?.dirtyObjects,
          total: s.args?.beginData?.totalObjects,
          root: s.args?.endData?.rootNode ?? s.args?.endData?.root,
          forced: Boolean(s.args?.beginData?.stackTrace),
        });
      if (s.name === 'UpdateLayoutTree')
        styles.push({ ms: +((s.end - s.ts) / 1000).toFixed(1), elements: s.args?.elementCount });
      if (s.name === 'FunctionCall' || s.name === 'TimerFire' || s.name === 'EventDispatch') {
        const d = s.args?.data ?? {};
        const key = `${s.name} ${d.functionName || d.type || ''}:${d.lineNumber ?? ''}:${d.columnNumber ?? ''}`;
        functions.set(key, (functions.get(key) ?? 0) + (s.end - s.ts) / 1000);
      }
      if (s.end > s.ts && s.end <= task.end)
        stack.push({ kind: kind ?? 'Other', name: s.name, end: s.end, child: 0, ts: s.ts });
    }
    close(Infinity);
    const root = stack[0];
    self.set('Other', (self.get('Other') ?? 0) + (root.end - root.ts - root.child));
    p.tasks.push({
      ms: +ms.toFixed(1),
      atMs: +((task.ts - (marks[0]?.ts ?? task.ts)) / 1000).toFixed(0),
      self: Object.fromEntries([...self].map(([k, v]) => [k, +(v / 1000).toFixed(1)]).filter(([, v]) => v >= 1)),
      byEvent: Object.fromEntries(
        [...raw]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([k, v]) => [k, +(v / 1000).toFixed(1)]),
      ),
      layouts: layouts.filter((l) => l.ms >= 5),
      styles: styles.filter((s) => s.ms >= 5),
      functions: [...functions]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([k, v]) => `${k} ${v.toFixed(1)}ms`),
    });
  }
  return Object.fromEntries(
    [...phases].map(([k, v]) => [
      k,
      {
        ...v,
        longestMs: +v.longestMs.toFixed(1),
        busyMs: Math.round(v.busyMs),
        tasks: v.tasks.sort((a, b) => b.ms - a.ms).slice(0, 8),
      },
    ]),
  );
}

// node scripts/trace-tasks.mjs TRACE.json [MIN_MS]: the analysis of a saved trace.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const events = JSON.parse(readFileSync(process.argv[2], 'utf8')).traceEvents;
  console.log(JSON.stringify(analyse(events, Number(process.argv[3] ?? 50)), null, 1));
}
