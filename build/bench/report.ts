/**
 * The benchmark's verdicts and its two outputs: a table for the terminal and docs/benchmarks.md.
 * Targets come from the issue that asked for the benchmark; each is reported with the measured
 * value and PASS or MISS. Timing on shared machines is noisy, so a MISS fails the run only with
 * `--strict`.
 */
import { round, type Breakdown } from './summary';
import type { NamelessFigures } from './nameless';
import { namelessTargetsOver } from './nameless-report';
import type { HighlightFigures } from './first-highlight';
import { firstHighlightTargetsOver } from './first-highlight-report';

export type SizeFigures = Record<string, number>;

/** Everything one run of the benchmark measured. */
export interface BenchResults {
  machine: { nproc: number; cpu: string; chromium: string; firefox: string | null; date: string; node: string };
  aliases: number;
  sizes: Record<string, SizeFigures>;
  firefox?: { sizes: Record<string, SizeFigures> };
  pack_100k?: SizeFigures;
  breakdown?: Breakdown;
  /** Where loading the 100,000-alias index spends its time (trace, ms per run). */
  pack_100k_index_breakdown?: [string, number][];
  /** The hostile pages (build/bench/hostile.ts): live ticker, 10 MB of text, 100 SPA navigations. */
  hostile?: SizeFigures;
  /** Pages that name nobody (build/bench/nameless.ts). */
  nameless?: NamelessFigures;
  /** The first highlight on the story pages (build/bench/first-highlight.ts). */
  first_highlight?: HighlightFigures;
  targets?: Target[];
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  pass: boolean;
}

const MB = 1024 * 1024;

/** Judges the results against the issue's targets (Chromium, 1 MB page unless said otherwise). */
export function evaluateTargets(r: BenchResults): Target[] {
  const out: Target[] = [];
  const one = r.sizes['1mb'];
  const add = (name: string, goal: string, value: number, unit: string, pass: boolean) => {
    if (!Number.isNaN(value)) out.push({ name, goal, value: `${round(value, 2)}${unit}`, pass });
  };
  if (one) {
    add('script time vs the RegExp scan', '<= 1.0x', one.backstory_script_ms! / one.regex_ms!, 'x', one.backstory_script_ms! <= one.regex_ms!);
    add('whole page painted vs plain Highlight-API annotator', '<= 0.75x', one.backstory_painted_ms! / one.highlight_painted_ms!, 'x',
      one.backstory_painted_ms! <= 0.75 * one.highlight_painted_ms!);
    add('faster to paint than mark.js markRegExp', '>= 5x', one.markjs_regexp_painted_ms! / one.backstory_painted_ms!, 'x',
      one.markjs_regexp_painted_ms! >= 5 * one.backstory_painted_ms!);
    add('longest task (trace)', '<= 16 ms', one.longest_task_ms!, ' ms', one.longest_task_ms! <= 16);
    if (one.card_longest_task_ms !== undefined) {
      add('opening the first card: longest task (trace)', '<= 16 ms', one.card_longest_task_ms, ' ms', one.card_longest_task_ms <= 16);
    }
    if (one.popup_list_ms !== undefined) {
      add('popup: click to the entity list shown', '<= 100 ms', one.popup_list_ms, ' ms', one.popup_list_ms <= 100);
    }
    if (one.scroll_frame_p95_ms !== undefined) {
      add('scrolling after painting: 95th-percentile frame', '<= 16 ms', one.scroll_frame_p95_ms, ' ms', one.scroll_frame_p95_ms <= 16);
    }
    if (one.frame_registry_change_ms !== undefined) {
      // Not a target of its own: the floor under the one above, which no Highlight-API painter can go below.
      add('(browser alone: frame after one highlight-registry change)', 'engine floor', one.frame_registry_change_ms, ' ms', one.frame_registry_change_ms <= 16);
    }
    add('first screenful painted after start', '<= 50 ms', one.first_paint_ms!, ' ms', one.first_paint_ms! <= 50);
    add('heap growth', '< 10 MB', one.heap_mb!, ' MB', one.heap_mb! < 10);
  }
  const five = r.sizes['5mb'];
  if (one && five) {
    // "Linear" allows a quarter more per MB at 5 MB than at 1 MB: caches and GC do not scale perfectly.
    add('painted ms per MB at 5 MB vs at 1 MB (linear)', '<= 1.25x', five.painted_ms_per_mb! / one.painted_ms_per_mb!, 'x',
      five.painted_ms_per_mb! <= 1.25 * one.painted_ms_per_mb!);
    add('script ms per MB at 5 MB vs at 1 MB (linear)', '<= 1.25x', five.script_ms_per_mb! / one.script_ms_per_mb!, 'x',
      five.script_ms_per_mb! <= 1.25 * one.script_ms_per_mb!);
  }
  const big = r.pack_100k;
  if (big) {
    add('100,000-alias pack: painted time vs the bundled pack', '<= 1.3x', big.painted_ratio!, 'x', big.painted_ratio! <= 1.3);
    add('100,000-alias pack: index ready', '<= 100 ms', big.index_ms!, ' ms', big.index_ms! <= 100);
    add('100,000-alias pack: longest task while loading the index', '<= 16 ms', big.index_longest_task_ms!, ' ms', big.index_longest_task_ms! <= 16);
  }
  const h = r.hostile;
  if (h) {
    add('live ticker (1,000 changes a second): Backstory\'s main-thread share', '< 10%', h.ticker_share_pct!, '%', h.ticker_share_pct! < 10);
    if (h.page10mb_longest_task_ms !== undefined) {
      add('10 MB page: longest task (trace)', '<= 16 ms', h.page10mb_longest_task_ms, ' ms', h.page10mb_longest_task_ms <= 16);
    }
    // Bounded: the second 50 navigations add (almost) nothing to what the first 50 left.
    const growth = h.spa_heap_100_mb! - h.spa_heap_50_mb!;
    add('100 SPA navigations: heap growth over the last 50', '< 1 MB', growth, ' MB', growth < 1);
  }
  if (r.nameless) out.push(...namelessTargetsOver([r.nameless]));
  if (r.first_highlight) out.push(...firstHighlightTargetsOver([r.first_highlight]));
  return out;
}

/** Integers above 100, one decimal above 10, two below (ratios). */
const fmt = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? '-' : v >= 100 ? String(Math.round(v)) : String(round(v, v >= 10 ? 1 : 2));
const pairs = (list: [string, number][]) => list.map(([n, v]) => `${n} ${v}`).join(', ');

/** Rows of the main table: [label, key] per size. */
const ROWS: [string, string][] = [
  ['Text read (characters)', 'text_chars'],
  ['Mentions found by Backstory (painted while near the viewport)', 'mentions'],
  ['Matches of the combined RegExp', 'regex_matches'],
  ['Backstory: own script time', 'backstory_script_ms'],
  ['Backstory: first batch handed to the browser', 'first_paint_ms'],
  ['Backstory: frame showing the first batch done (trace)', 'first_frame_done_ms_traced'],
  ['Backstory: that frame\'s task (trace)', 'first_frame_task_ms_traced'],
  ['Backstory: page read and resolved', 'backstory_read_ms'],
  ['Backstory: whole page painted', 'backstory_painted_ms'],
  ['Backstory: longest task (trace)', 'longest_task_ms'],
  ['Backstory: tasks of 16 ms or more (trace)', 'tasks_over_16ms'],
  ['Backstory: heap growth, MB', 'heap_mb'],
  ['Backstory: index loaded (from the request)', 'index_ms'],
  ['Floor: TreeWalker read with the skip rules', 'floor_ms'],
  ['RegExp scan, changing nothing', 'regex_ms'],
  ['RegExp scan, in an isolated world as a content script runs (for comparison)', 'regex_isolated_script_ms'],
  ['Highlight-API annotator: script', 'highlight_script_ms'],
  ['Highlight-API annotator: painted', 'highlight_painted_ms'],
  ['mark.js markRegExp: script', 'markjs_regexp_script_ms'],
  ['mark.js markRegExp: painted', 'markjs_regexp_painted_ms'],
  ['mark.js mark(aliasArray): painted', 'markjs_array_painted_ms'],
  ['Popup: from the click to the entity list shown', 'popup_list_ms'],
  ['First card: from the hover delay to the card painted', 'card_open_ms'],
  ['First card: main-thread time in that window (trace)', 'card_busy_ms'],
  ['First card: longest task (trace)', 'card_longest_task_ms'],
  ['Scrolling after painting, Backstory on: frame, median (p95 below)', 'scroll_frame_ms'],
  ['Scrolling after painting, Backstory on: frame, 95th percentile', 'scroll_frame_p95_ms'],
  ['Scrolling, Backstory off: frame, median', 'scroll_frame_off_ms'],
  ['Scrolling, Backstory off: frame, 95th percentile', 'scroll_frame_off_p95_ms'],
  ['Browser alone: a frame with no change (no extension)', 'frame_unchanged_ms'],
  ['Browser alone: a frame that registers one highlight of one range', 'frame_registry_change_ms'],
  ['Backstory painted, ms per MB of text', 'painted_ms_per_mb'],
  ['Backstory script, ms per MB of text', 'script_ms_per_mb'],
  ['Painted: Highlight-API annotator / Backstory', 'ratio_highlight_over_backstory'],
  ['Painted: mark.js markRegExp / Backstory', 'ratio_markjs_over_backstory'],
  ['Script: Backstory / RegExp scan', 'ratio_script_over_regex'],
  ['Script: Backstory / RegExp scan in an isolated world', 'ratio_script_over_regex_isolated'],
];

/** Adds the derived figures (per MB, ratios) to one size's record. */
export function derive(f: SizeFigures): SizeFigures {
  const mb = f.text_chars! / MB;
  return {
    ...f,
    // The issue's names: the floor and the RegExp scan are script times (they paint nothing).
    floor_ms: f.floor_script_ms!,
    regex_ms: f.regex_script_ms!,
    heap_mb: round(f.heap_with_backstory_mb! - f.heap_without_backstory_mb!, 2),
    painted_ms_per_mb: round(f.backstory_painted_ms! / mb),
    script_ms_per_mb: round(f.backstory_script_ms! / mb),
    ratio_highlight_over_backstory: round(f.highlight_painted_ms! / f.backstory_painted_ms!, 2),
    ratio_markjs_over_backstory: round(f.markjs_regexp_painted_ms! / f.backstory_painted_ms!, 2),
    ratio_script_over_regex: round(f.backstory_script_ms! / f.regex_script_ms!, 2),
    ...(f.regex_isolated_script_ms !== undefined ? { ratio_script_over_regex_isolated: round(f.backstory_script_ms! / f.regex_isolated_script_ms, 2) } : {}),
  };
}

function table(sizes: Record<string, SizeFigures>, rows: [string, string][] = ROWS): string {
  const names = Object.keys(sizes);
  const present = rows.filter(([, key]) => names.some((n) => sizes[n]![key] !== undefined));
  const lines = [`| ms, median | ${names.join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`];
  for (const [label, key] of present) lines.push(`| ${label} | ${names.map((n) => fmt(sizes[n]![key])).join(' | ')} |`);
  return lines.join('\n');
}

function targetLines(targets: Target[]): string {
  return ['| Target (Chromium, 1 MB unless said) | Goal | Measured | |', '|---|---|---:|---|',
    ...targets.map((t) => `| ${t.name} | ${t.goal} | ${t.value} | ${t.pass ? 'PASS' : 'MISS'} |`)].join('\n');
}

/** The report for the terminal. */
export function consoleReport(r: BenchResults): string {
  const parts = [`Chromium ${r.machine.chromium}, ${r.aliases} aliases, ${r.machine.nproc} cores (${r.machine.cpu})`, '', table(r.sizes)];
  if (r.firefox) parts.push('', `Firefox ${r.machine.firefox}`, table(r.firefox.sizes));
  if (r.pack_100k) parts.push('', '100,000-alias pack, 1 MB page', table({ '100k aliases': r.pack_100k }, PACK_ROWS));
  if (r.breakdown) {
    parts.push('', `Renderer main thread while Backstory works (1 MB, trace, ms per run): ${pairs(r.breakdown.window)}`);
    parts.push(`Inside the longest task: ${pairs(r.breakdown.longest)}`);
    parts.push(`The frame that shows the first batch: ${pairs(r.breakdown.firstFrame)}`);
  }
  if (r.pack_100k_index_breakdown) parts.push(`Loading the 100,000-alias index: ${pairs(r.pack_100k_index_breakdown)}`);
  parts.push('', targetLines(r.targets ?? []));
  return parts.join('\n');
}

const PACK_ROWS: [string, string][] = [
  ['Aliases in the index', 'aliases'],
  ['Painted, 100k pack', 'backstory_painted_ms'],
  ['Painted, bundled pack (same runs, interleaved)', 'normal_painted_ms'],
  ['Painted ratio', 'painted_ratio'],
  ['Script, 100k pack', 'backstory_script_ms'],
  ['Script, bundled pack', 'normal_script_ms'],
  ['Index loaded, from the request (short page)', 'index_ms'],
  ['Longest task of Backstory while loading the index (trace)', 'index_longest_task_ms'],
  ['Mentions', 'mentions'],
];

/** docs/benchmarks.md: the latest results, how to read them and how they are measured. */
export function markdownReport(r: BenchResults): string {
  const m = r.machine;
  return `# Benchmarks

Written by \`npm run bench\` (build/bench.ts) on every run: these are the latest results, not a curated best.
Run on ${m.date} with ${m.nproc} cores (${m.cpu}), Node ${m.node}, Chromium ${m.chromium}${m.firefox ? `, Firefox ${m.firefox}` : ''};
the bundled pack's ${r.aliases} aliases.

## How to read this

- Every figure is the **median of fresh page loads** (the run counts are in the JSON, \`npm run bench -- --json\`).
  The machine's cores are shared: absolute times drift by 10-20% between runs, the ratios less. Compare
  ratios, and re-run before believing a small change.
- Times are in ms from the moment the work starts: for Backstory, \`backstory:start\` (the content script
  has its settings and its index and begins reading the page); for a baseline, the moment its script starts.
- **Script** is JavaScript time only (Backstory sums its own slices, resolves and painter flushes).
  **Painted** runs until the frame that shows the last highlight has been painted, so it includes the
  browser's style, layout and paint work that the script caused. Backstory registers only the mentions
  within one viewport of the visible area (the rest as they scroll near), because Chromium re-validates
  every registered highlight range on each change to the registry: for Backstory, painted means the whole
  page is read and decided and every mention near the viewport is on screen.
- The **floor** is what merely reading the same text costs (a TreeWalker applying Backstory's skip rules).
  The **RegExp scan** is one combined regular expression of every alias (Unicode word boundaries, flags \`giu\`)
  over each text node, changing nothing, run as the page's own script (the issue's baseline). The same scan
  is also run in an isolated world of its own, where a content script runs and every DOM call costs more:
  that row is for comparison only, the target is against the page-world scan. The **Highlight-API annotator** is that RegExp plus one Range per
  match in one CSS Custom Highlight. **mark.js** wraps every match in a \`<mark>\` element.
- **Longest task** and the breakdown come from a Chromium trace (the long-task API only reports tasks of
  50 ms or more); **heap growth** is the JS heap after a forced GC with Backstory on, minus the same page with it off.
- **Popup** opens the popup (as a page, told which tab it is about: a test driver cannot press the toolbar
  button) on the painted 1 MB page and times its navigation start to its entity list shown.
- **First card** loads the page, waits until Backstory has painted, rests the pointer on the first name on
  screen and times its card from the moment the hover delay has passed to the frame that shows it painted:
  the cold case, which also fetches and parses the pack's full text. Its main-thread cost is from a trace.
- **Scrolling** loads the page, waits until Backstory has painted (or, off, lets the page settle), then scrolls
  300 px per frame for 40 frames and times each frame from its animation-frame callbacks to after its paint:
  what a reader feels. Backstory watches only the blocks near the ones on screen (src/content/painter.ts):
  watching every block of a 5 MB page made each scroll frame 35-80 ms.
- **First batch handed to the browser** is the issue's "first screenful": the painter's first flush. The frame that
  then shows it can take far longer (style, prepaint): its end is the "frame ... done (trace)" row.
- Runs: 5 fresh loads per scenario (3 at 5 MB, 3 for mark.js with the alias array), plus 2 traced loads of
  Backstory per size (1 at 5 MB) for the trace figures, the scan split and the heap.
- **In turns** (Chromium): the baselines the ratio targets compare with (the RegExp scan in both worlds,
  the Highlight-API annotator, mark.js \`markRegExp\`) are timed in the same rounds as Backstory's timed
  loads, one load of each after each of Backstory's, in a second browser with the extension switched off.
  Taken minutes apart, a build's script ratio read 2.49x where the same build, loaded in turns with
  the scan within the hour, measured 1.63x (2026-12-05): the machine's load drifts. The other baselines, and Firefox's, are timed after
  Backstory's runs.
- A MISS is a finding, not a failed build: the bench exits 0 unless run with \`--strict\`.

## Chromium

${table(r.sizes)}
${r.breakdown ? `
Where the renderer's main thread spent its time between \`backstory:start\` and \`backstory:painted\` on the 1 MB
page (trace, ms per run, top-level work inside each task): ${pairs(r.breakdown.window)}.
Inside the longest task: ${pairs(r.breakdown.longest)}.
The frame that shows the first batch: ${pairs(r.breakdown.firstFrame)}.
(BlinkScheduler_PerformMicrotaskCheckpoint is the content script's own JavaScript: it resumes after each
\`scheduler.yield()\` in a microtask. PrePaint, UpdateLayoutTree and Paint are the browser's rendering work.)
` : ''}
${r.hostile ? hostileSection(r.hostile) : ''}
## Targets

${targetLines(r.targets ?? [])}
${r.pack_100k ? `
## A pack of 100,000 aliases

A generated pack (33,235 synthetic entities with 3 aliases each, plus the bundled pack) compiled into the
extension's index in place of the bundled one, against the normal build, runs interleaved on the 1 MB page.

${table({ '100k aliases': r.pack_100k }, PACK_ROWS)}
${r.pack_100k_index_breakdown ? `\nLoading the 100,000-alias index on a short page (trace, Backstory's tasks from the request to the index loaded, ms per run): ${pairs(r.pack_100k_index_breakdown)}.\n` : ''}` : ''}${r.firefox ? `
## Firefox

Firefox has no long-task or heap API for the page: its figures are times only.

${table(r.firefox.sizes)}
` : ''}
## Known limits (measured, Chromium 156)

- **An underline on a highlight makes every change to the highlight registry cost a pass over the whole
  document.** While any \`::highlight\` rule draws a \`text-decoration\`, Chromium 156 re-walks the whole
  document (PrePaint) in the frame after each change: registering one Highlight of one range, or adding one
  range, cost 16-30 ms on the 1 MB page and 80-125 ms at 5 MB (measured by hand on 2026-11-27, page world, no
  extension; \`text-decoration-skip-ink: none\` does not help). With \`background-color\`, \`color\` or
  \`text-shadow\` only, the same change costs about 2 ms: the "Browser alone" rows measure it on every run,
  with Backstory's style. So Backstory's highlights are a background wash without an underline; with the
  underline its longest task on the 1 MB page was 17-19 ms, without it 11 ms.
- **How much the extension's isolated world costs depends on the machine.** On 2026-11-27 the floor's
  TreeWalker with its filter ran in 45-49 ms in an isolated world against 53-72 ms in the page's world
  (1 MB, by hand), and Backstory's own read took 26-40 ms. On 2026-12-05 (a 2.1 GHz AMD EPYC, Chromium
  156.0.8078.114, where every figure of the bench is 1.5-3x the earlier machine's), the same DOM calls
  cost 1.4-2x as much in an isolated world, medians of 5 fresh loads of the 1 MB page, by hand:
  - a bare TreeWalker over all 56,964 nodes: 15.6 ms in the page's world, 27.0 ms isolated;
  - Backstory's block reader alone (src/dom/blocks.ts, no matching): 45 ms against 73 ms;
  - the RegExp scan: 93-113 ms in the page's world against 159-162 ms isolated (the "in an isolated
    world" row measures it on every run).

  There, Backstory with matching switched off after its first 100 blocks (reading, blocks, slices) took
  83 ms, 75-90% of the page-world scan's whole time. That leaves 10-30 ms for matching, deciding and
  painting 6,500 mentions, about what the native RegExp spends on matching alone: on that machine the
  script ratio can reach 1.0x only if the page is read in the page's own world, which is not done, for
  privacy (see docs/reliability.md).
- **The matcher runs cold on every page, and cold JavaScript is what it costs.** On 2026-12-05, scanning
  the 1 MB page's 14,233 blocks (already read, in a fresh page, no DOM) took 47 ms the first time, 23-35
  the second and 19-25 the third; the native prefilter alone 8 ms. In Node, warm, the same scan takes
  10.6 ms. Tried that day and not shipped, each on fresh pages:
  - **Finding where names start with the prefilter's pattern**, then following the trie only from
    there (in a block of ASCII text every alias match starts within a match of the global pattern):
    55.4 ms against 42.1 ms (5 pages each). The second native pass and its match objects cost more
    than the automaton's pass they replaced.
  - **A table of the automaton's moves** (state by character class, filled as the page is read, so a
    character costs one array read instead of a search and a walk down failure links): 47.2 ms
    against 46.9 ms cold, 30.6 against 33.0 ms warm (11 pages each, in turns). Cold, the cost is
    the loop over every character, not the search.
  - **Warming the matcher first** on 10-100 KB of other text: the whole took as long (36-40 ms).
  - What did pay that day: dropping the leaves the prefilter rules out before a block object is made
    of them (0.92x script, 0.90x painted, 14 loads of each in turns), and reading on while a frame
    is due instead of waiting idle for it (0.94x painted, 12 loads of each in turns).
  - What remains a lever, not tried: a matcher in WebAssembly, which runs at native speed from its
    first call. A Manifest V3 extension compiles WebAssembly only with \`'wasm-unsafe-eval'\` in
    its content security policy (MDN, content_security_policy); how each browser applies that to
    content scripts was not checked.

- **Measured in turns, Backstory's script time was 1.05-1.11x the scan's, and far noisier.** On 2026-11-27,
  two browsers loaded the 1 MB page in turns, one with Backstory and one running the scan. Backstory
  measured 63.7 ms (51.8-76.7 over 20 loads) against 60.7 ms (59.6-64.7), and 68.1 ms against 61.2 ms
  over 12 loads. Backstory's work spans about a dozen tasks, and the scan is one. The page still settling
  is not the cause: starting Backstory 300 ms after load, as the baselines start, gave 66.4 ms against
  68.0 ms (12 loads each, in turns). Traces of 10 loads show where Backstory's cold start goes:
  - scavenges, 4.2-7.6 ms;
  - compiling about 120 functions on first call, 2.9-4.4 ms;
  - the optimising compilers' main-thread part, 1.0-5.6 ms.

  Making V8 optimise sooner did not help: \`--always-sparkplug\` gave 70.2 ms, earlier Maglev and
  Turbofan gave 85.1 ms, and \`--no-lazy\` 69 ms, against 68.2 ms without flags.
- **Scanning in the background instead of the page does not pay** (a trial, not shipped, 2026-11-27). After
  the first screenful, the trial sent each slice's candidate blocks through a port to the background,
  where the matcher stays warm from page to page. The content script's scan phase fell from 19-27 ms to
  2-3 ms, but its slices took as long as before: sending the text and reading the answers cost what
  scanning had. Script time was 60.3 against 61.9 ms (12 loads each, in turns). Posting 1 MB of text
  through a port alone costs 6-18 ms of the page's main thread.

## How it is measured

- Pages are generated (build/bench/page.ts, seeded): an article with headings, paragraphs with links and
  emphasis, names split across inline elements, lists, tables, nested cards, quotes, and blocks that must be
  skipped (script, style, textarea, contenteditable, pre/code), naming the bundled pack's entities about
  as densely as news copy does. Sizes count readable text only.
- Backstory runs as the real extension, built with \`__BACKSTORY_BENCH__\` on (dist/bench/): its content
  script leaves \`performance.mark\`s (src/content/bench-marks.ts) that the driver reads from the page. The
  normal build compiles all of that out, and the bench checks it does.
- The baselines run in the page's main world on a fresh load each, with Backstory switched off from its
  popup, as a reader would; mark.js is injected from node_modules, nothing comes from the network.
- Each run is a new tab and a new load; runs never overlap.
`;
}

/** The hostile pages' figures, for docs/benchmarks.md. */
function hostileSection(h: SizeFigures): string {
  const row = (label: string, key: string) => `| ${label} | ${fmt(h[key])} |`;
  return `## Hostile pages (Chromium)

A live ticker of 100 items rewritten every 100 ms (1,000 node changes a second) for 10 s under a short
article; Backstory's share is the time its bench build spent in its own slices, resolves and paint
flushes during the storm and half a second after, over that wall time. A page of 10 MB of text, traced.
A single-page app that replaces its article and calls pushState 100 times, 200 ms apart; heap after a GC.

| Figure | Value |
|---|---:|
${[
    row('Ticker: node changes made', 'ticker_changes'),
    row('Ticker: Backstory main-thread share, %', 'ticker_share_pct'),
    row('Ticker: Backstory\'s longest piece of work, ms', 'ticker_longest_span_ms'),
    row('10 MB: longest task (trace), ms', 'page10mb_longest_task_ms'),
    row('10 MB: tasks of 16 ms or more (trace)', 'page10mb_tasks_over_16ms'),
    row('10 MB: whole page painted, ms', 'page10mb_painted_ms'),
    row('10 MB: heap with Backstory, MB', 'page10mb_heap_with_mb'),
    row('10 MB: heap without Backstory, MB', 'page10mb_heap_without_mb'),
    row('10 MB: heap Backstory adds, MB', 'page10mb_heap_overhead_mb'),
    row('SPA: heap before navigating, MB', 'spa_heap_start_mb'),
    row('SPA: heap after 50 navigations, MB', 'spa_heap_50_mb'),
    row('SPA: heap after 100 navigations, MB', 'spa_heap_100_mb'),
  ].join('\n')}
`;
}
