/**
 * Turns runs into figures: medians (the machine has 2 shared cores, so one run says little and the
 * mean is dragged by the odd stall), and the per-size record that `--json` prints.
 */
import type { BackstoryRun } from './drive';
import type { BaselineResult } from './page-baselines';

/** The median of `values` (NaN when there are none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to one decimal for printing and JSON (timings are not more precise than that). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs `fn` `n` times, one after the other (never in parallel: they would share the 2 cores). */
export async function repeat<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}

/** Medians of Backstory's runs on one page. */
export function summariseBackstory(runs: readonly BackstoryRun[], traced: readonly BackstoryRun[]): Record<string, number> {
  const m = (f: (r: BackstoryRun) => number | undefined, from: readonly BackstoryRun[] = runs) =>
    round(median(from.map(f).filter((v): v is number => v !== undefined && !Number.isNaN(v))));
  return {
    backstory_script_ms: m((r) => r.scriptMs),
    backstory_painted_ms: m((r) => r.paintedMs),
    backstory_read_ms: m((r) => r.readMs),
    first_paint_ms: m((r) => r.firstPaintMs),
    index_ms: m((r) => r.indexMs),
    start_after_navigation_ms: m((r) => r.startAt),
    mentions: m((r) => r.mentions),
    slice_ms: m((r) => r.phases.slice),
    resolve_ms: m((r) => r.phases.resolve),
    paint_flush_ms: m((r) => r.phases.paint),
    max_own_span_ms: m((r) => r.maxSpanMs),
    // From the traced runs (a trace slows the page a little, so these are not mixed with the above).
    scan_ms_traced: m((r) => r.phases.scan, traced),
    slice_ms_traced: m((r) => r.phases.slice, traced),
    longest_task_ms: m((r) => r.trace?.annotate?.longestTaskMs, traced),
    first_frame_done_ms_traced: m((r) => r.trace?.firstFrame?.endMs, traced),
    first_frame_task_ms_traced: m((r) => r.trace?.firstFrame?.durMs, traced),
    tasks_over_16ms: m((r) => r.trace?.annotate?.tasksOver16, traced),
    index_longest_task_ms: m((r) => r.trace?.index?.longestTaskMs, traced),
    heap_with_backstory_mb: m((r) => r.heapMb, traced),
    runs: runs.length,
    traced_runs: traced.length,
  };
}

/** Medians of one baseline's runs, keyed with `prefix` (e.g. highlight_script_ms, highlight_painted_ms). */
export function summariseBaseline(prefix: string, runs: readonly BaselineResult[]): Record<string, number> {
  return {
    [`${prefix}_script_ms`]: round(median(runs.map((r) => r.scriptMs))),
    [`${prefix}_painted_ms`]: round(median(runs.map((r) => r.paintedMs))),
    [`${prefix}_matches`]: median(runs.map((r) => r.matches)),
    [`${prefix}_runs`]: runs.length,
  };
}

/** Trace event names with ms per run, largest first. */
export interface Breakdown {
  /** backstory:start to backstory:painted. */
  window: [string, number][];
  /** The longest task in that window. */
  longest: [string, number][];
  /** The frame (task) that shows the first batch. */
  firstFrame: [string, number][];
  /** Content script injected to index loaded. */
  index: [string, number][];
}

/**
 * Where the page's time went while Backstory worked, summed over the traced runs' windows
 * (backstory:start to backstory:painted) and divided by the number of runs: the evidence for where
 * Backstory is slow. Names are Chromium's trace event names (PrePaint, UpdateLayoutTree, ...).
 */
export function traceBreakdown(traced: readonly BackstoryRun[]): Breakdown {
  const add = (into: Map<string, number>, pairs: [string, number][] | undefined) => {
    for (const [name, ms] of pairs ?? []) into.set(name, (into.get(name) ?? 0) + ms / traced.length);
  };
  const window = new Map<string, number>();
  const longest = new Map<string, number>();
  const firstFrame = new Map<string, number>();
  const index = new Map<string, number>();
  for (const r of traced) {
    add(window, r.trace?.annotate?.breakdown);
    add(longest, r.trace?.annotate?.longestBreakdown);
    add(firstFrame, r.trace?.firstFrame?.breakdown);
    add(index, r.trace?.index?.breakdown);
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, v]): [string, number] => [n, round(v)]);
  return { window: top(window), longest: top(longest), firstFrame: top(firstFrame), index: top(index) };
}
