/**
 * Reads a Chromium trace (page.tracing) for what the page's own APIs cannot tell: the longest task
 * on the renderer's main thread while Backstory works (the long-task API only reports tasks of
 * 50 ms or more), and what those tasks spent their time on.
 *
 * Trace timestamps are µs on the trace clock, performance.now() is ms since the page's time origin:
 * the two are aligned through the user-timing events the marks themselves leave in the trace
 * (category blink.user_timing), which also tell which renderer process and thread are the page's.
 */

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: unknown };
}

/** What one trace says about one window between two marks. */
export interface TraceWindow {
  /** Longest task (RunTask) on the page's main thread overlapping the window, ms. */
  longestTaskMs: number;
  /** Tasks of 16 ms or more in the window. */
  tasksOver16: number;
  /** Time inside the window's tasks by the kind of work directly under the task, ms, largest first. */
  breakdown: [string, number][];
  /** The same for the longest task alone. */
  longestBreakdown: [string, number][];
}

/** The frame (task) in which a mark was made: when it ended, and what it did. */
export interface MarkedTask {
  /** From mark `since` to the end of the task holding the mark, ms. */
  endMs: number;
  durMs: number;
  breakdown: [string, number][];
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Work directly under a task that is (or can be) the content script's: its script, its fetch's data. */
const OWN_WORK = new Set(['BlinkScheduler_PerformMicrotaskCheckpoint', 'FunctionCall', 'RunMicrotasks', 'SimpleWatcher::OnHandleReady', 'v8.callFunction']);

/** A parsed trace, read through the page's marks. */
export interface TraceModel {
  /**
   * The renderer main thread's tasks between marks `from` and `to`; null if a mark is missing.
   * With `own`, only tasks that do some of Backstory's work (script, or reading the index's bytes),
   * leaving out the page's own parsing, layout and paint that happen to fall in the window.
   */
  window(from: string, to: string, own?: boolean): TraceWindow | null;
  /** The task in which `mark` was made (for a painter flush: the whole frame), timed from mark `since`. */
  taskOf(mark: string, since: string): MarkedTask | null;
}

/** Parses a trace from page.tracing.stop(). */
export function parseTrace(trace: Uint8Array | string): TraceModel {
  const text = typeof trace === 'string' ? trace : new TextDecoder().decode(trace);
  const events = (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = new Map<string, TraceEvent>();
  for (const e of events) if (e.cat.includes('user_timing') && e.name.startsWith('backstory:') && !marks.has(e.name)) marks.set(e.name, e);
  const anyMark = marks.values().next().value;
  // The marks are made from an isolated world on the page's main thread: that thread is CrRendererMain.
  const pid = anyMark?.pid;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  const tid = main?.tid ?? anyMark?.tid;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  // RunTask and ThreadControllerImpl::RunTask wrap the same task: keep the outermost of nested ones.
  const tasks = onMain.filter((e) => TASK_NAMES.has(e.name)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const outer: TraceEvent[] = [];
  for (const t of tasks) {
    const last = outer.at(-1);
    if (!last || t.ts >= last.ts + last.dur!) outer.push(t);
  }
  const containing = (ts: number) => outer.find((t) => t.ts <= ts && ts <= t.ts + t.dur!);
  return {
    window(from, to, own = false) {
      const start = marks.get(from);
      const end = marks.get(to);
      if (!start || !end) return null;
      const overlapping = outer.filter((t) => t.ts + t.dur! >= start.ts && t.ts <= end.ts);
      const inside = own ? overlapping.filter((t) => ownWorkMs(onMain, t) >= OWN_MIN_MS) : overlapping;
      let longest: TraceEvent | undefined;
      for (const t of inside) if (!longest || t.dur! > longest.dur!) longest = t;
      return {
        longestTaskMs: (longest?.dur ?? 0) / 1000,
        tasksOver16: inside.filter((t) => t.dur! >= 16_000).length,
        breakdown: childBreakdown(onMain, inside),
        longestBreakdown: longest ? childBreakdown(onMain, [longest]) : [],
      };
    },
    taskOf(mark, since) {
      const m = marks.get(mark);
      const from = marks.get(since);
      const task = m && containing(m.ts);
      if (!m || !from || !task) return null;
      return { endMs: (task.ts + task.dur! - from.ts) / 1000, durMs: task.dur! / 1000, breakdown: childBreakdown(onMain, [task]) };
    },
  };
}

/**
 * A task is counted as Backstory's when at least this much of it, in ms, is its kind of work. The
 * page's own tasks end with a microtask checkpoint too (7 µs where nothing of Backstory's waits):
 * counting any task that has one made a 28 ms task of the page's parsing and layout (ParseHTML,
 * UpdateLayoutTree, Layout as the task's own children, not under Backstory's script) Backstory's
 * longest task. Layout that Backstory's script forces is inside its script's event and counts.
 */
const OWN_MIN_MS = 1;

function ownWorkMs(onMain: TraceEvent[], task: TraceEvent): number {
  return childBreakdown(onMain, [task]).reduce((sum, [name, ms]) => (OWN_WORK.has(name) ? sum + ms : sum), 0);
}

/** Sums the events directly inside each task (the first level below it) by name, in ms. */
function childBreakdown(onMain: TraceEvent[], tasks: TraceEvent[]): [string, number][] {
  const sums = new Map<string, number>();
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur! <= end && !TASK_NAMES.has(e.name))
      .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    let coveredUntil = -1;
    for (const e of inside) {
      if (e.ts < coveredUntil) continue; // nested in an event already counted
      coveredUntil = e.ts + e.dur!;
      sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur! / 1000);
    }
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}
