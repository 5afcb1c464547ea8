/**
 * The benchmark's hostile-page scenarios (issue 7), Chromium with Backstory on:
 * - a live ticker rewriting 1,000 nodes a second for 10 s: Backstory's main-thread share of that time;
 * - a page of 10 MB of text: the longest task (trace) and the heap Backstory adds;
 * - 100 History-API navigations in a row, each replacing the article: the heap before, after 50 and
 *   after 100 (it must level off, not grow with every navigation).
 * Backstory's own time comes from its bench build, which sums the time of every slice, resolve and
 * paint flush (src/content/bench-marks.ts) and reports it on request.
 */
import type { Page } from 'puppeteer-core';
import type { LaunchedBrowser } from '../browsers';
import type { StaticServer } from '../serve';
import { generatePage } from './page';
import { heapWithoutBackstory, runBackstory } from './drive';
import { median, round } from './summary';

const HEADLINES = [
  'Elon Musk met Iran’s ambassador to the United Nations, officials said',
  'Donald Trump weighs new sanctions on Iran as Hezbollah regroups',
  'Hamas and Israel talks stall; Qatar mediates',
  'Starlink terminals reach Ukraine as the war goes on',
  'Vivek Ramaswamy and Elon Musk to lead DOGE',
  'Abbas Araghchi denies the meeting with Musk',
  'Markets steady; weather mild; no names here',
];

/** A ticker of 100 items under an article; `window.runTicker(ms)` rewrites every item each 100 ms. */
function tickerPage(): string {
  const article = generatePage(60_000, 7).html;
  const items = Array.from({ length: 100 }, (_, i) => `<li>${HEADLINES[i % HEADLINES.length]}</li>`).join('');
  const script = `<script>
    window.runTicker = (ms) => new Promise((resolve) => {
      const items = [...document.querySelectorAll('#ticker li')];
      const headlines = ${JSON.stringify(HEADLINES)};
      let round = 0;
      const timer = setInterval(() => {
        round++;
        items.forEach((li, i) => { li.textContent = headlines[(i + round) % headlines.length] + ' (' + round + ')'; });
      }, 100);
      setTimeout(() => { clearInterval(timer); resolve(round * items.length); }, ms);
    });
  </script>`;
  return article.replace('</body>', `<aside><h2>Live</h2><ul id="ticker">${items}</ul></aside>${script}</body>`);
}

/** An app that replaces its article on each step of `window.runSpa()`, with pushState, like a news SPA. */
function spaPage(): string {
  const articles = [1, 2, 3, 4, 5].map((seed) => {
    const html = generatePage(8_000, 100 + seed).html;
    return html.slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'));
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPA</title></head><body>
    <nav><a href="/spa">Home</a></nav><main id="app">${articles[0]}</main>
    <script>
      const articles = ${JSON.stringify(articles).replace(/</g, '\\u003c')};
      let n = 0;
      window.runSpa = (times, gapMs) => new Promise((resolve) => {
        let left = times;
        const step = () => {
          if (left-- === 0) return resolve(n);
          n++;
          history.pushState({ n }, '', '/spa/' + n);
          document.querySelector('#app').innerHTML = articles[n % articles.length];
          setTimeout(step, gapMs);
        };
        step();
      });
    </script></body></html>`;
}

const SPENT = `new Promise((resolve) => {
  document.dispatchEvent(new Event('backstory-bench-spent'));
  setTimeout(() => { const m = performance.getEntriesByName('backstory:spent').pop(); resolve(m ? m.detail : null); }, 50);
})`;

async function waitPainted(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(`performance.getEntriesByName('backstory:painted').length > 0`, { polling: 100, timeout: timeoutMs });
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  return ((await page.metrics()).JSHeapUsedSize ?? 0) / (1024 * 1024);
}

interface Spent { ms: number; spans: number; maxSpan: number }

/** Figures of the hostile scenarios, Chromium. */
export type HostileFigures = Record<string, number>;

export async function hostilePhase(ext: LaunchedBrowser, server: StaticServer, log: (m: string) => void, quick: boolean): Promise<HostileFigures> {
  const out: HostileFigures = {};
  server.route('/ticker.html', tickerPage());
  server.route('/spa', spaPage());
  server.route('/10mb.html', generatePage(10 * 1024 * 1024, 3).html);

  // The ticker: 10 s of 1,000 node changes a second, then half a second to settle.
  const STORM_MS = quick ? 3_000 : 10_000;
  const SETTLE_MS = 500;
  const shares: number[] = [];
  const spans: number[] = [];
  for (let run = 0; run < (quick ? 1 : 3); run++) {
    log(`chromium: live ticker, ${STORM_MS / 1000} s of 1,000 changes a second (${run + 1})`);
    const page = await ext.browser.newPage();
    try {
      await page.goto(`${server.origin}ticker.html`, { waitUntil: 'load' });
      await page.bringToFront();
      await waitPainted(page, 60_000);
      const before = (await page.evaluate(SPENT)) as Spent;
      const changed = (await page.evaluate(`window.runTicker(${STORM_MS})`)) as number;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const after = (await page.evaluate(SPENT)) as Spent;
      shares.push((100 * (after.ms - before.ms)) / (STORM_MS + SETTLE_MS));
      spans.push(after.maxSpan);
      out.ticker_changes = changed;
    } finally {
      await page.close().catch(() => undefined);
    }
  }
  out.ticker_share_pct = round(median(shares), 2);
  out.ticker_longest_span_ms = round(median(spans), 1);

  // 10 MB of text: the longest task from a trace, and the heap over the same page with Backstory off
  // (measured in the baseline phase's way: a fresh load, settled, after a GC).
  if (!quick) {
    log('chromium: a page of 10 MB of text (traced)');
    const big = await runBackstory(ext, `${server.origin}10mb.html`, { trace: true, timeoutMs: 300_000 });
    out.page10mb_longest_task_ms = round(big.trace?.annotate?.longestTaskMs ?? NaN, 1);
    out.page10mb_tasks_over_16ms = big.trace?.annotate?.tasksOver16 ?? NaN;
    out.page10mb_painted_ms = round(big.paintedMs);
    out.page10mb_heap_with_mb = round(big.heapMb ?? NaN, 1);
  }

  // 100 navigations, 200 ms apart (Backstory rereads a changed page at most every 150 ms).
  log('chromium: 100 History-API navigations');
  const page = await ext.browser.newPage();
  try {
    await page.goto(`${server.origin}spa`, { waitUntil: 'load' });
    await page.bringToFront();
    await waitPainted(page, 60_000);
    await new Promise((r) => setTimeout(r, 1_000));
    out.spa_heap_start_mb = round(await heapAfterGc(page), 2);
    await page.evaluate('window.runSpa(50, 200)');
    await new Promise((r) => setTimeout(r, 1_000));
    out.spa_heap_50_mb = round(await heapAfterGc(page), 2);
    await page.evaluate('window.runSpa(50, 200)');
    await new Promise((r) => setTimeout(r, 1_000));
    out.spa_heap_100_mb = round(await heapAfterGc(page), 2);
  } finally {
    await page.close().catch(() => undefined);
  }
  return out;
}

/** The 10 MB page's heap with Backstory off (call with the extension switched off). */
export async function hostileHeapOff(ext: LaunchedBrowser, server: StaticServer): Promise<number> {
  return round(await heapWithoutBackstory(ext, `${server.origin}10mb.html`), 1);
}
