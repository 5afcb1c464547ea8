/**
 * The fixtures of tests/e2e/page-shapes.test.ts that need code on the test's side: the React app's
 * client bundle and server page, what live.html should show, the state of text fields and of the
 * editor's selection, and choosing a pack file in the options page.
 */
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'puppeteer-core';
import { ROOT } from '../../../build/build';
import { highlightPlaces, waitForPlaces } from './page-shapes';

export const SHAPES = join(ROOT, 'tests/fixtures/pages/shapes');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The React fixture: the client bundle (hydrateRoot, React's development build for its warnings). */
export async function reactClient(): Promise<string> {
  const out = await esbuild.build({
    stdin: {
      contents: `import { createElement } from 'react';
        import { hydrateRoot } from 'react-dom/client';
        import { App } from './react-app';
        // With ?late the app hydrates when the test says so: after Backstory has read the page.
        const hydrate = () => hydrateRoot(document.getElementById('root'), createElement(App));
        if (new URLSearchParams(location.search).has('late')) document.addEventListener('hydrate-now', hydrate, { once: true });
        else hydrate();`,
      resolveDir: SHAPES,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** The server's page around the server-rendered markup of the app. */
export const reactPage = (markup: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A server-rendered React app</title></head>
<body><div id="root">${markup}</div><script src="/shapes/react-client.js"></script></body></html>`;


/** The selection or caret of a text field, with its value and whether it has focus. */
export function fieldState(page: Page, selector: string): Promise<{ start: number; end: number; direction: string; value: string; focused: boolean }> {
  return page.$eval(selector, (el) => {
    const f = el as HTMLInputElement | HTMLTextAreaElement;
    return { start: f.selectionStart ?? -1, end: f.selectionEnd ?? -1, direction: f.selectionDirection ?? '', value: f.value, focused: document.activeElement === f };
  });
}

/** The document selection in the editor, its nodes named by their path of child indexes from the editor. */
export function editorSelection(page: Page): Promise<{ anchor: string; anchorOffset: number; focus: string; focusOffset: number }> {
  return page.evaluate(`(() => {
    const editor = document.querySelector('#editor');
    const path = (node) => { const p = []; for (let n = node; n && n !== editor; n = n.parentNode) p.unshift([...n.parentNode.childNodes].indexOf(n)); return p.join('/'); };
    const s = getSelection();
    return { anchor: path(s.anchorNode), anchorOffset: s.anchorOffset, focus: path(s.focusNode), focusOffset: s.focusOffset };
  })()`) as Promise<{ anchor: string; anchorOffset: number; focus: string; focusOffset: number }>;
}

/** Adds a sentence to the page's intro, as a live page does while the reader edits: Backstory re-reads. */
export async function pageChanges(page: Page, sentence: string, name: string): Promise<void> {
  const before = await highlightPlaces(page);
  await page.$eval('#intro', (p, s) => p.append(s), sentence);
  await waitForPlaces(page, [...before, `intro:${name}`]);
}

/** Names on live.html, and what the page should show: the mentions of every block in view, and over the whole page. */
export const LIVE_NAMES = ['Elon Musk', 'Donald Trump', 'Hezbollah', 'Hamas', 'Sina Toossi', 'Volodymyr Zelenskyy', 'SpaceX', 'Benjamin Netanyahu'];
const LIVE_EXPECTED = `(() => {
  const names = ${JSON.stringify(LIVE_NAMES)};
  const re = new RegExp(names.join('|'), 'g');
  const blocks = [...document.querySelectorAll('#ticker li, #feed article p')];
  const label = (el) => el.tagName === 'LI' ? 'ticker' + [...el.parentNode.children].indexOf(el) : el.parentNode.id;
  const inView = (el) => { const b = el.getBoundingClientRect(); return b.bottom > 0 && b.top < innerHeight; };
  const view = [];
  const counts = {};
  for (const el of blocks) {
    for (const m of el.textContent.matchAll(re)) {
      counts[m[0]] = (counts[m[0]] ?? 0) + 1;
      if (inView(el)) view.push(label(el) + ':' + m[0]);
    }
  }
  const painted = [];
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('backstory-')) continue;
    for (const r of h) {
      if (!r.startContainer.isConnected) { painted.push('(detached)'); continue; }
      const el = r.startContainer.parentElement.closest('li, article p');
      if (!el || !inView(el)) continue;
      let text;
      try { const range = document.createRange(); range.setStart(r.startContainer, r.startOffset); range.setEnd(r.endContainer, r.endOffset); text = range.toString(); }
      catch { text = '(out of bounds)'; }
      painted.push(label(el) + ':' + text);
    }
  }
  return { view: view.sort(), painted: painted.sort(), counts };
})()`;

/** Waits until every mention in view is painted, and nothing else in view (nor anything detached). */
export async function settledInView(page: Page, timeout = 15_000): Promise<{ view: string[]; painted: string[]; counts: Record<string, number> }> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const seen = (await page.evaluate(LIVE_EXPECTED)) as { view: string[]; painted: string[]; counts: Record<string, number> };
    if (JSON.stringify(seen.view) === JSON.stringify(seen.painted) || Date.now() > deadline) return seen;
    await sleep(100);
  }
}
