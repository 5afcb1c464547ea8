/**
 * Page-side helpers for tests/e2e/page-shapes.test.ts: where Backstory's highlights are, whether
 * they are visibly painted, whether the page's DOM is still the one it was served as, and what the
 * content script reports for the whole page. Page code is passed as source text: page.evaluate
 * needs self-contained code (see build/page-snippets.ts).
 */
import type { Page } from 'puppeteer-core';
import { BACKSTORY_LIVE_RANGES } from '../../../build/page-snippets';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every highlighted range as "id:text", sorted: the text, and the id of the nearest element with
 * an id around it ("?" when none, "(detached)" for a range into a node no longer in the page).
 */
export function highlightPlaces(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('backstory-')) continue;
      for (const r of h) {
        if (!r.startContainer.isConnected) { out.push('(detached)'); continue; }
        let text;
        try {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          text = range.toString();
        } catch {
          text = '(out of bounds)';
        }
        const home = r.startContainer.parentElement && r.startContainer.parentElement.closest('[id]');
        out.push((home ? home.id : '?') + ':' + text);
      }
    }
    return out.sort();
  })()`) as Promise<string[]>;
}

/** Waits until highlightPlaces is exactly `expected` (sorted here); throws with the last seen otherwise. */
export async function waitForPlaces(page: Page, expected: string[], timeout = 10_000): Promise<void> {
  const want = JSON.stringify([...expected].sort());
  const deadline = Date.now() + timeout;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await highlightPlaces(page);
    if (JSON.stringify(last) === want) return;
    await sleep(50);
  }
  throw new Error(`highlighted ${JSON.stringify(last)}, expected ${want}`);
}

/**
 * Whether the highlight of the first mention reading `text` is visibly painted: a screenshot of
 * its box with Backstory's highlights in the registry differs from one with them taken out (they
 * are put back at once). Catches a registered highlight whose styles a page blocked or overrode.
 */
export async function washPainted(page: Page, text: string): Promise<boolean> {
  await page.bringToFront();
  const box = (await page.evaluate(`(() => {
    for (const range of ${BACKSTORY_LIVE_RANGES}) {
      if (range.toString() !== ${JSON.stringify(text)}) continue;
      const b = range.getBoundingClientRect();
      // Screenshot clips are in document coordinates.
      return { x: Math.max(0, b.left + scrollX - 2), y: Math.max(0, b.top + scrollY - 2), width: b.width + 4, height: b.height + 4 };
    }
    return null;
  })()`)) as { x: number; y: number; width: number; height: number } | null;
  if (!box) throw new Error(`no highlighted "${text}"`);
  const shot = () => page.screenshot({ clip: box, encoding: 'base64' });
  const painted = await shot();
  await page.evaluate(`(() => {
    window.__backstorySaved = [...CSS.highlights].filter(([name]) => name.startsWith('backstory-'));
    for (const [name] of window.__backstorySaved) CSS.highlights.delete(name);
  })()`);
  try {
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    return (await shot()) !== painted;
  } finally {
    await page.evaluate(`(() => {
      for (const [name, h] of window.__backstorySaved) CSS.highlights.set(name, h);
      delete window.__backstorySaved;
    })()`);
  }
}

/**
 * The page's DOM now, and the DOM its source parses to before any script or extension touches
 * it (DOMParser runs no script), both serialised. Backstory's one permitted node, the fallback
 * <style> it adds where a browser refuses it a constructed stylesheet (Firefox 140), is left out.
 */
export async function domNowAndAsServed(page: Page, source: string): Promise<{ now: string; served: string }> {
  const [now, served] = (await page.evaluate(`(() => [
    document.documentElement.outerHTML,
    new DOMParser().parseFromString(${JSON.stringify(source)}, 'text/html').documentElement.outerHTML,
  ])()`)) as [string, string];
  return { now: now.replace(/<style data-backstory-ui="">[^<]*<\/style>/, ''), served };
}

/**
 * What the content script of the tab at `url` reports for the whole page (the popup's list):
 * mentions per entity name, read or not, painted or not. Asked from an extension page until it
 * equals `expected` or `timeout` passes; returns the last answer.
 */
export async function pageMentionCounts(
  openExtensionPage: (path: string, ready: string) => Promise<Page>,
  url: string,
  expected: Record<string, number>,
  timeout = 10_000,
): Promise<Record<string, number>> {
  const ext = await openExtensionPage('popup.html', '#enabled');
  try {
    return (await ext.evaluate(`(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const want = JSON.stringify(Object.entries(${JSON.stringify(expected)}).sort());
      const deadline = Date.now() + ${timeout};
      let last = {};
      for (;;) {
        for (const tab of await api.tabs.query({})) {
          if (tab.url !== undefined && tab.url !== ${JSON.stringify(url)}) continue;
          try {
            const info = await api.tabs.sendMessage(tab.id, { type: 'backstory/page-info' }, { frameId: 0 });
            if (!info || info.entities.length === 0) continue;
            last = Object.fromEntries(info.entities.map((e) => [e.name, e.count]));
          } catch {}
        }
        if (JSON.stringify(Object.entries(last).sort()) === want || Date.now() > deadline) return last;
        await new Promise((r) => setTimeout(r, 200));
      }
    })()`)) as Record<string, number>;
  } finally {
    await ext.close();
  }
}
