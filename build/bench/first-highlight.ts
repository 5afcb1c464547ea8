/**
 * "First highlight": how soon a reader of a story page sees a name highlighted. The generated story
 * pages (200 KB, 1 MB, 5 MB of text) are loaded in turns in a Chromium with Backstory (the bench
 * build: the shipped one plus performance marks, see src/content/bench-marks.ts) and a Chromium with
 * an empty MV3 content script (document_start, every frame), and, where asked, in Firefox with
 * Backstory. Each load is timed from the page's own world, from navigation start:
 *
 * - first highlight: the frame in which `CSS.highlights` first holds a range of Backstory's, by a
 *   requestAnimationFrame watch the page runs from its first script (the time is that frame's own
 *   timestamp; a range registered during the same frame's callbacks counts from the next frame, so
 *   the figure errs late by at most a frame, never early);
 * - DOMContentLoaded and the page's first contentful paint;
 * - the index: from the engine asking for it to having it (Backstory's marks).
 *
 * Timing from navigation start means asking for the index later cannot improve the figures.
 */
import type { Page } from 'puppeteer-core';
import type { LaunchedBrowser } from '../browsers';
import { median, round } from './summary';

/** The page's watch, run before any of its own scripts: the first frame holding one of Backstory's ranges. */
const WATCH = `(() => {
  const seen = { at: NaN };
  Object.defineProperty(window, '__firstHighlight', { value: seen });
  const tick = (now) => {
    if (typeof CSS !== 'undefined' && CSS.highlights) {
      for (const [name, h] of CSS.highlights) {
        if (name.startsWith('backstory-') && h.size > 0) { seen.at = now; return; }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** What one load measured, ms from navigation start (NaN where it does not apply). */
export interface HighlightLoad {
  firstHighlight: number;
  dcl: number;
  fcp: number;
  /** From the engine asking for the index to having it. */
  index: number;
}

const READ = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = (n) => performance.getEntriesByName('backstory:' + n)[0]?.startTime ?? NaN;
  return {
    firstHighlight: window.__firstHighlight ? window.__firstHighlight.at : NaN,
    dcl: nav ? nav.domContentLoadedEventStart : NaN,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    index: mark('index-ready') - mark('index-request'),
  };
})()`;

/** How long a load may take to show its first highlight (5 MB in a busy Firefox), ms. */
const TIMEOUT_MS = 60_000;

/**
 * Loads `url` in a fresh tab of `ext` and returns its figures. With `highlights`, waits for the
 * first highlight (and for the index mark); otherwise for the first contentful paint and a moment.
 */
export async function loadForHighlight(ext: LaunchedBrowser, url: string, highlights: boolean): Promise<HighlightLoad> {
  let page: Page | undefined;
  try {
    page = await ext.browser.newPage();
    await page.evaluateOnNewDocument(WATCH);
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    const ready = highlights
      ? `!Number.isNaN(window.__firstHighlight.at) && performance.getEntriesByName('backstory:index-ready').length > 0`
      : `performance.getEntriesByName('first-contentful-paint').length > 0`;
    await page.waitForFunction(ready, { timeout: TIMEOUT_MS, polling: 100 });
    return (await page.evaluate(READ)) as HighlightLoad;
  } finally {
    await page?.close().catch(() => undefined);
  }
}

/** The setups of a run: Backstory in Chromium, the empty script in Chromium, and Backstory in Firefox (optional). */
export interface HighlightSetups {
  chromium: LaunchedBrowser;
  empty: LaunchedBrowser;
  firefox?: LaunchedBrowser;
}

/** Per size: medians and ranges of each setup's figures, and the first paint's difference from the empty script. */
export type HighlightFigures = Record<string, Record<string, number>>;

const KEYS = ['firstHighlight', 'dcl', 'fcp', 'index'] as const;

/**
 * `loads` loads of each size's page (`urls`) in each setup, in turns. Besides each figure's median
 * and range: `after_dcl` (first highlight minus DOMContentLoaded, load by load) and `fcp_vs_empty`
 * (the median of each round's difference from the empty script's first paint: a busy spell of the
 * machine weighs on both sides).
 */
export async function firstHighlightPhase(setups: HighlightSetups, urls: Record<string, string>, loads: (size: string) => number, log: (m: string) => void): Promise<HighlightFigures> {
  const out: HighlightFigures = {};
  for (const [size, url] of Object.entries(urls)) {
    const runs: Record<'chromium' | 'empty' | 'firefox', HighlightLoad[]> = { chromium: [], empty: [], firefox: [] };
    for (let i = 0; i < loads(size); i++) {
      runs.chromium.push(await loadForHighlight(setups.chromium, url, true));
      runs.empty.push(await loadForHighlight(setups.empty, url, false));
      if (setups.firefox) runs.firefox.push(await loadForHighlight(setups.firefox, url, true));
      log(`first highlight ${size}: round ${i + 1} of ${loads(size)}`);
    }
    const row: Record<string, number> = { loads: loads(size) };
    const put = (name: string, values: number[]) => {
      const ok = values.filter((v) => !Number.isNaN(v));
      if (ok.length === 0) return;
      row[name] = round(median(ok));
      row[`${name}_min`] = round(Math.min(...ok));
      row[`${name}_max`] = round(Math.max(...ok));
    };
    for (const setup of ['chromium', 'empty', 'firefox'] as const) {
      const list = runs[setup];
      if (list.length === 0) continue;
      for (const key of KEYS) if (setup !== 'empty' || key === 'dcl' || key === 'fcp') put(`${setup}_${key}`, list.map((r) => r[key]));
      if (setup !== 'empty') put(`${setup}_after_dcl`, list.map((r) => r.firstHighlight - r.dcl));
    }
    put('fcp_vs_empty', runs.chromium.map((r, i) => r.fcp - runs.empty[i]!.fcp));
    out[size] = row;
  }
  return out;
}
