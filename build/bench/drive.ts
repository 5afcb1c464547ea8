/**
 * One measured page load at a time, in Chromium or Firefox: Backstory as the real extension (its
 * content script leaves marks, see src/content/bench-marks.ts), or a baseline injected into the
 * page's main world with the extension switched off. Every run is a fresh tab and a fresh load,
 * closed afterwards, so no run inherits another's heap, highlights or caches of the DOM.
 *
 * Page-side code is passed as strings: tsx compiles this file with esbuild, which may wrap inner
 * functions in a `__name` helper the page does not have.
 */
import type { Page } from 'puppeteer-core';
import type { LaunchedBrowser } from '../browsers';
import { parseTrace, type MarkedTask, type TraceWindow } from './trace';
import { ANNOTATED_TAB_ID, BACKSTORY_LIVE_RANGES } from '../page-snippets';
import type { BaselineKind, BaselineResult } from './page-baselines';

/** What one Backstory page load measured (ms from backstory:start unless said otherwise). */
export interface BackstoryRun {
  scriptMs: number;
  paintedMs: number;
  firstPaintMs: number;
  readMs: number;
  /** From the content script asking for its index to the index being loaded. */
  indexMs: number;
  /** From the page's time origin to backstory:start (load, document_idle, settings, index). */
  startAt: number;
  mentions: number;
  phases: { slice: number; scan: number; resolve: number; paint: number };
  spans: number;
  /** The longest single piece of work the content script timed itself (slice, resolve or flush). */
  maxSpanMs: number;
  /** Which kind of work that was. */
  maxSpanPhase: string;
  trace?: {
    annotate: TraceWindow | null;
    index: TraceWindow | null;
    /** The frame that painted the first batch: it ends firstFrame.endMs after backstory:start. */
    firstFrame: MarkedTask | null;
  };
  heapMb?: number;
}

interface MarkEntry { name: string; t: number; detail: unknown }

const READ_MARKS = `performance.getEntriesByType('mark').filter((m) => m.name.startsWith('backstory:'))
  .map((m) => ({ name: m.name, t: m.startTime, detail: m.detail }))`;

/** Resolves in the page once `name` has been marked (an observer, so nothing polls the page meanwhile). */
function waitForMark(page: Page, name: string, timeoutMs: number): Promise<unknown> {
  return page.evaluate(`new Promise((resolve, reject) => {
    if (performance.getEntriesByName(${JSON.stringify(name)}).length > 0) return resolve(true);
    const timer = setTimeout(() => reject(new Error('no mark ' + ${JSON.stringify(name)} + ' within ${timeoutMs} ms')), ${timeoutMs});
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName(${JSON.stringify(name)}).length === 0) return;
      observer.disconnect(); clearTimeout(timer); resolve(true);
    }).observe({ type: 'mark', buffered: true });
  })`);
}

/** Opens `url` in a fresh tab and waits for its load event. */
async function openFresh(ext: LaunchedBrowser, url: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  return page;
}

/** Chromium only: JS heap in use after a full garbage collection, MB. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  const metrics = await page.metrics();
  return (metrics.JSHeapUsedSize ?? 0) / (1024 * 1024);
}

export interface BackstoryOptions {
  /** Chromium: record a trace for the longest task, and measure the heap afterwards. */
  trace?: boolean;
  timeoutMs?: number;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];

/** Loads `url` with Backstory on and returns its marks as times. */
export async function runBackstory(ext: LaunchedBrowser, url: string, options: BackstoryOptions = {}): Promise<BackstoryRun> {
  const timeout = options.timeoutMs ?? 120_000;
  let page: Page | undefined;
  try {
    if (options.trace) {
      page = await ext.browser.newPage();
      await page.tracing.start({ categories: TRACE_CATEGORIES });
      await page.goto(url, { waitUntil: 'load', timeout });
    } else {
      page = await openFresh(ext, url);
    }
    await waitForMark(page, 'backstory:script', timeout);
    const marks = (await page.evaluate(READ_MARKS)) as MarkEntry[];
    const at = (name: string): number => {
      const m = marks.find((e) => e.name === `backstory:${name}`);
      if (!m) throw new Error(`no backstory:${name} mark`);
      return m.t;
    };
    const detail = marks.find((m) => m.name === 'backstory:script')!.detail as
      { ms: number; slice: number; scan: number; resolve: number; paint: number; spans: number; maxSpan: number; maxPhase?: string; mentions: number };
    const start = at('start');
    const run: BackstoryRun = {
      scriptMs: detail.ms,
      paintedMs: at('painted') - start,
      firstPaintMs: at('first-paint') - start,
      readMs: at('read') - start,
      indexMs: at('index-ready') - at('index-request'),
      startAt: start,
      mentions: detail.mentions,
      phases: { slice: detail.slice, scan: detail.scan, resolve: detail.resolve, paint: detail.paint },
      spans: detail.spans,
      maxSpanMs: detail.maxSpan,
      maxSpanPhase: detail.maxPhase ?? '',
    };
    if (options.trace) {
      const trace = await page.tracing.stop();
      if (trace) {
        const model = parseTrace(trace);
        run.trace = {
          annotate: model.window('backstory:start', 'backstory:painted'),
          index: model.window('backstory:index-request', 'backstory:index-ready', true),
          firstFrame: model.taskOf('backstory:first-paint', 'backstory:start'),
        };
      }
      run.heapMb = await heapAfterGc(page);
    }
    return run;
  } finally {
    await page?.close().catch(() => undefined);
  }
}

/**
 * Scrolls the page 300 px per frame for 40 frames and returns the median and the 95th percentile of
 * the frames' durations (animation-frame callbacks to after the paint), ms: what a reader feels.
 */
export const SCROLL_FRAMES = `(async () => {
  const frame = (change) => new Promise((resolve) => requestAnimationFrame(() => {
    const t = performance.now();
    if (change) change();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now() - t);
    channel.port2.postMessage(null);
  }));
  for (let i = 0; i < 5; i++) await frame();
  const ms = [];
  for (let i = 0; i < 40; i++) ms.push(await frame(() => window.scrollBy(0, 300)));
  ms.sort((a, b) => a - b);
  return { median: ms[ms.length >> 1], p95: ms[Math.floor(ms.length * 0.95)] };
})()`;

/** Loads `url` (Backstory on), waits until it has painted, then scrolls: see SCROLL_FRAMES. */
export async function scrollWithBackstory(ext: LaunchedBrowser, url: string, timeoutMs = 120_000): Promise<{ median: number; p95: number }> {
  const page = await openFresh(ext, url);
  try {
    await waitForMark(page, 'backstory:painted', timeoutMs);
    return (await page.evaluate(SCROLL_FRAMES)) as { median: number; p95: number };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** What opening the first card of a page cost (Chromium, traced). */
export interface CardRun {
  /** From the card being asked for (hover delay passed) to the frame showing it painted, ms. */
  openMs: number;
  /** The longest main-thread task in that window, and the time in all its tasks, ms. */
  longestTaskMs: number;
  busyMs: number;
  /** What the longest task did (trace). */
  longest: [string, number][];
}

/**
 * Loads `url` (Backstory on), waits until it has painted, rests the pointer on the first name on
 * screen, and times the first card: the cold case, which also fetches and parses the pack's text.
 */
export async function runCard(ext: LaunchedBrowser, url: string, timeoutMs = 60_000): Promise<CardRun> {
  const page = await ext.browser.newPage();
  try {
    // A window of a laptop's size, so names are on screen below the generated page's header.
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await page.bringToFront();
    await waitForMark(page, 'backstory:painted', timeoutMs);
    const point = (await page.evaluate(`(() => {
      for (const range of ${BACKSTORY_LIVE_RANGES}) {
        const box = range.getClientRects()[0];
        if (box && box.top > 0 && box.bottom < innerHeight) return { x: box.left + 3, y: box.top + box.height / 2 };
      }
      return null;
    })()`)) as { x: number; y: number } | null;
    if (!point) throw new Error('no highlighted name on screen');
    await page.tracing.start({ categories: TRACE_CATEGORIES });
    await page.mouse.move(point.x, point.y);
    await waitForMark(page, 'backstory:card-shown', timeoutMs);
    const trace = await page.tracing.stop();
    const marks = (await page.evaluate(READ_MARKS)) as MarkEntry[];
    const at = (name: string) => marks.find((m) => m.name === name)?.t ?? NaN;
    const window = trace ? parseTrace(trace).window('backstory:card-request', 'backstory:card-shown') : null;
    return {
      openMs: at('backstory:card-shown') - at('backstory:card-request'),
      longestTaskMs: window?.longestTaskMs ?? NaN,
      busyMs: window ? window.breakdown.reduce((sum, [, ms]) => sum + ms, 0) : NaN,
      longest: window?.longestBreakdown ?? [],
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * The popup on a page Backstory has painted: ms from the popup's navigation start (the click) to
 * its entity list shown, for `runs` openings. Puppeteer cannot press the toolbar button, so the
 * popup opens as a page told which tab it is about.
 */
export async function runPopup(ext: LaunchedBrowser, url: string, runs: number, timeoutMs = 60_000): Promise<number[]> {
  const page = await openFresh(ext, url);
  try {
    await page.bringToFront();
    await waitForMark(page, 'backstory:painted', timeoutMs);
    const finder = await ext.openExtensionPage('popup.html', '#enabled');
    const tabId = (await finder.evaluate(ANNOTATED_TAB_ID)) as number | null;
    await finder.close();
    if (tabId === null) throw new Error('no tab answers the popup');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`, '#enabled');
      await waitForMark(popup, 'backstory:popup-list', timeoutMs);
      times.push((await popup.evaluate(`performance.getEntriesByName('backstory:popup-list')[0].startTime`)) as number);
      await popup.close();
    }
    return times;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The scripts a baseline page needs: the bundled baselines and, for mark.js, its minified build. */
export interface BaselineScripts {
  baselines: string;
  markjs: string;
}

/** How long a page is left alone after load before a baseline starts: the first paint and the (switched-off) content script settle. */
const SETTLE_MS = 300;

/** Loads `url` (Backstory switched off), injects the baseline and runs it once. */
export async function runBaseline(
  ext: LaunchedBrowser, url: string, kind: BaselineKind, aliases: string[], scripts: BaselineScripts,
): Promise<BaselineResult> {
  const page = await openFresh(ext, url);
  try {
    if (kind === 'scroll') {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const frames = (await page.evaluate(SCROLL_FRAMES)) as { median: number; p95: number };
      return { scriptMs: frames.median, paintedMs: frames.p95, nodes: 0, chars: 0, matches: 0 };
    }
    const call = `window.__backstoryBench.runBaseline(${JSON.stringify(kind)}, ${JSON.stringify(aliases)})`;
    if (kind === 'regex-isolated') {
      // A world of its own beside the page's, like a content script's (Chromium's DevTools protocol).
      const cdp = await page.createCDPSession();
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'backstory-bench-baseline' });
      await cdp.send('Runtime.evaluate', { expression: scripts.baselines, contextId: executionContextId });
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: call, contextId: executionContextId, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(`isolated baseline failed: ${exceptionDetails.text}`);
      return result.value as BaselineResult;
    }
    await page.addScriptTag({ content: scripts.baselines });
    if (kind.startsWith('markjs')) await page.addScriptTag({ content: scripts.markjs });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return (await page.evaluate(call)) as BaselineResult;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Chromium: the JS heap of `url` with Backstory switched off, after GC, MB. */
export async function heapWithoutBackstory(ext: LaunchedBrowser, url: string): Promise<number> {
  const page = await openFresh(ext, url);
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return await heapAfterGc(page);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Turns Backstory on or off through the popup's switch, as a reader would (and as the e2e harness does). */
export async function setEnabled(ext: LaunchedBrowser, enabled: boolean): Promise<void> {
  const popup = await ext.openExtensionPage('popup.html', '#enabled');
  try {
    const checked = await popup.$eval('#enabled', (el) => (el as HTMLInputElement).checked);
    if (checked !== enabled) await popup.click('#enabled');
    await popup.waitForFunction(`document.querySelector('#enabled').checked === ${enabled}`);
  } finally {
    await popup.close().catch(() => undefined);
  }
}
