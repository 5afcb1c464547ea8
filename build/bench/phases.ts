/**
 * The benchmark's phases, each with one browser: Backstory's runs with the extension on, then the
 * baselines with it switched off (so the content script does not compete with them), in Chromium
 * and in Firefox; and the 100,000-alias pack against the normal build, interleaved.
 */
import type { LaunchedBrowser } from '../browsers';
import { heapWithoutBackstory, runBackstory, runBaseline, runCard, runPopup, scrollWithBackstory, setEnabled, type BackstoryRun, type BaselineScripts } from './drive';
import type { BaselineKind, BaselineResult } from './page-baselines';
import { median, repeat, round, summariseBackstory, summariseBaseline, traceBreakdown } from './summary';
import type { SizeFigures } from './report';

/** How many loads of what, per size. */
export interface Plan {
  sizes: string[];
  /** Page URL per size; `phases` is the same page asking for per-block scan timing (traced runs). */
  url(size: string, phases?: boolean): string;
  runs(size: string): number;
  traced(size: string): number;
  aliases: string[];
  scripts: BaselineScripts;
  log(message: string): void;
}

const KEYS: Record<BaselineKind, string> = {
  floor: 'floor',
  regex: 'regex',
  'regex-isolated': 'regex_isolated',
  highlight: 'highlight',
  'markjs-regexp': 'markjs_regexp',
  'markjs-array': 'markjs_array',
  'registry-change': 'registry_change',
  scroll: 'scroll_off',
};

/** Fresh loads per size for the scrolling figures (each scrolls 40 frames). */
const SCROLL_RUNS = 3;

/**
 * Baselines timed in turns with Backstory's timed loads: `off` is a second browser with the
 * extension switched off, and each round loads the page once with Backstory and once per kind.
 */
export interface Turns {
  off: LaunchedBrowser;
  kinds: readonly BaselineKind[];
}

/**
 * Backstory's timed and traced runs at every size (extension on). With `turns`, the baselines the
 * targets compare Backstory with are timed in the same rounds, one load of each after each load of
 * Backstory's: on a shared machine the load drifts over minutes, and a build's script ratio read
 * 2.49x from figures taken minutes apart against 1.63x in turns (2026-12-05).
 */
export async function backstoryPhase(
  ext: LaunchedBrowser, plan: Plan, traced: boolean, turns?: Turns,
): Promise<{ figures: Record<string, SizeFigures>; tracedRuns: Record<string, BackstoryRun[]> }> {
  const figures: Record<string, SizeFigures> = {};
  const tracedRuns: Record<string, BackstoryRun[]> = {};
  await setEnabled(ext, true);
  if (turns) await setEnabled(turns.off, false);
  for (const size of plan.sizes) {
    plan.log(`${ext.name} ${size}: Backstory x${plan.runs(size)}${turns ? `, in turns with ${turns.kinds.join(', ')}` : ''}`);
    const baselineRuns = new Map<BaselineKind, BaselineResult[]>((turns?.kinds ?? []).map((k) => [k, []]));
    const runs = await repeat(plan.runs(size), async () => {
      const run = await runBackstory(ext, plan.url(size));
      for (const [kind, list] of baselineRuns) list.push(await runBaseline(turns!.off, plan.url(size), kind, plan.aliases, plan.scripts));
      return run;
    });
    const withTrace = traced ? await repeat(plan.traced(size), () => runBackstory(ext, plan.url(size, true), { trace: true })) : [];
    figures[size] = summariseBackstory(runs, withTrace);
    for (const [kind, list] of baselineRuns) Object.assign(figures[size], summariseBaseline(KEYS[kind], list));
    tracedRuns[size] = withTrace;
    if (traced) {
      plan.log(`${ext.name} ${size}: scrolling with Backstory x${SCROLL_RUNS}`);
      const scrolls = await repeat(SCROLL_RUNS, () => scrollWithBackstory(ext, plan.url(size)));
      figures[size].scroll_frame_ms = round(median(scrolls.map((s) => s.median)));
      figures[size].scroll_frame_p95_ms = round(median(scrolls.map((s) => s.p95)));
      plan.log(`${ext.name} ${size}: first card x${SCROLL_RUNS}`);
      const cards = await repeat(SCROLL_RUNS, () => runCard(ext, plan.url(size)));
      figures[size].card_open_ms = round(median(cards.map((c) => c.openMs)));
      figures[size].card_longest_task_ms = round(median(cards.map((c) => c.longestTaskMs)));
      figures[size].card_busy_ms = round(median(cards.map((c) => c.busyMs)));
      plan.log(`${ext.name} ${size}: popup x5`);
      figures[size].popup_list_ms = round(median(await runPopup(ext, plan.url(size), 5)));
    }
  }
  return { figures, tracedRuns };
}

/** The baselines at every size, with Backstory switched off; plus the heap without Backstory (Chromium). */
export async function baselinePhase(ext: LaunchedBrowser, plan: Plan, kinds: (size: string) => BaselineKind[], heap: boolean): Promise<Record<string, SizeFigures>> {
  const figures: Record<string, SizeFigures> = {};
  await setEnabled(ext, false);
  try {
    for (const size of plan.sizes) {
      const f: SizeFigures = {};
      if (heap) {
        const heaps = await repeat(Math.max(2, plan.traced(size)), () => heapWithoutBackstory(ext, plan.url(size)));
        f.heap_without_backstory_mb = round(median(heaps), 2);
      }
      for (const kind of kinds(size)) {
        // mark.js with an alias array makes one pass over the page per alias: a few runs are plenty.
        const n = kind === 'markjs-array' || kind === 'scroll' ? Math.min(3, plan.runs(size)) : plan.runs(size);
        plan.log(`${ext.name} ${size}: ${kind} x${n}`);
        const runs = await repeat(n, () => runBaseline(ext, plan.url(size), kind, plan.aliases, plan.scripts));
        Object.assign(f, summariseBaseline(KEYS[kind], runs));
        if (kind === 'floor') f.text_nodes = runs[0]!.nodes;
      }
      if (f.scroll_off_runs !== undefined) {
        f.scroll_frame_off_ms = f.scroll_off_script_ms!;
        f.scroll_frame_off_p95_ms = f.scroll_off_painted_ms!;
      }
      if (f.registry_change_runs !== undefined) {
        f.frame_unchanged_ms = f.registry_change_script_ms!;
        f.frame_registry_change_ms = f.registry_change_painted_ms!;
      }
      figures[size] = f;
    }
  } finally {
    await setEnabled(ext, true);
  }
  return figures;
}

/** The index figures of a summary (the rest of a short page's figures mean nothing here). */
function pickIndex(summary: SizeFigures): SizeFigures {
  return { index_ms: summary.index_ms!, index_longest_task_ms: summary.index_longest_task_ms! };
}

/**
 * The 100,000-alias build against the normal one on the same page, alternating runs so both see the
 * same machine load; then traced runs of the big build for its index-loading tasks.
 */
export async function bigPackPhase(
  normal: LaunchedBrowser, big: LaunchedBrowser, plan: Plan, size: string, aliases: number,
): Promise<{ figures: SizeFigures; indexBreakdown: [string, number][] }> {
  plan.log(`chromium ${size}: 100,000-alias pack vs bundled pack x${plan.runs(size)}`);
  const bigRuns: BackstoryRun[] = [];
  const normalRuns: BackstoryRun[] = [];
  for (let i = 0; i < plan.runs(size); i++) {
    bigRuns.push(await runBackstory(big, plan.url(size)));
    normalRuns.push(await runBackstory(normal, plan.url(size)));
  }
  // The index's own loading, timed and traced on a short page (see the route in build/bench.ts).
  const traced = await repeat(Math.max(3, plan.traced(size)), () => runBackstory(big, plan.url('small', true), { trace: true }));
  const b = { ...summariseBackstory(bigRuns, []), ...pickIndex(summariseBackstory(traced, traced)) };
  const n = summariseBackstory(normalRuns, []);
  const figures: SizeFigures = {
    aliases,
    backstory_painted_ms: b.backstory_painted_ms!,
    normal_painted_ms: n.backstory_painted_ms!,
    painted_ratio: round(b.backstory_painted_ms! / n.backstory_painted_ms!, 2),
    backstory_script_ms: b.backstory_script_ms!,
    normal_script_ms: n.backstory_script_ms!,
    script_ratio: round(b.backstory_script_ms! / n.backstory_script_ms!, 2),
    index_ms: b.index_ms!,
    normal_index_ms: n.index_ms!,
    index_longest_task_ms: b.index_longest_task_ms!,
    heap_with_backstory_mb: b.heap_with_backstory_mb!,
    mentions: b.mentions!,
    runs: bigRuns.length,
  };
  return { figures, indexBreakdown: traceBreakdown(traced).index };
}
