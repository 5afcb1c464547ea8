/**
 * Pages that name nobody: a frame rules itself out before loading anything (dormant), and is
 * annotated all the same when a name arrives later: an app's next view, an endless feed, a frame
 * filled in after load, a pack imported while the page is open. "Explain with Backstory" works in a
 * dormant frame. The test build answers where a frame's lifecycle is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { ROOT } from '../../build/build';
import { BROWSERS, chooseFile, highlightedTexts, stateOf, useBrowser, waitForHighlightedTexts } from './harness';

const kestrelPack = readFileSync(join(ROOT, 'tests/fixtures/packs/kestrel-harbour.json'), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the frame's content script is in `state`. */
async function waitForState(target: Page | Frame, state: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await stateOf(target);
    if (last === state) return;
    await sleep(50);
  }
  throw new Error(`the content script is ${last}, not ${state}`);
}

for (const name of BROWSERS) {
  describe(name, () => {
    const ctx = useBrowser(name, { variant: 'test' });

    it('rules out a page that names nobody: dormant, nothing highlighted', async () => {
      const page = await ctx().openPage('nameless/quiet.html');
      await waitForState(page, 'dormant');
      expect(await highlightedTexts(page)).toEqual([]);
      // A page that names someone is read and painted as ever.
      const story = await ctx().openPage('basic.html');
      await waitForHighlightedTexts(story, ['Donald Trump', 'Elon Musk', 'Hamas', 'Hezbollah', 'Iran']);
      await waitForState(story, 'painted');
      await story.close();
      await page.close();
    });

    it('wakes for a single-page app’s next view that names someone', async () => {
      const page = await ctx().openPage('nameless/spa.html');
      await waitForState(page, 'dormant');
      await page.click('#next');
      await waitForHighlightedTexts(page, ['Donald Trump', 'Elon Musk', 'Hamas', 'Iran']);
      await page.close();
    });

    it('wakes when an endless feed brings an item that names someone', async () => {
      const page = await ctx().openPage('nameless/feed.html');
      await waitForHighlightedTexts(page, ['Hamas', 'Hezbollah']);
      await page.close();
    });

    it('wakes in a frame whose text is filled in after load', async () => {
      const page = await ctx().openPage('nameless/frame-later.html');
      const frame = (await (await page.waitForSelector('#late'))!.contentFrame())!;
      const deadline = Date.now() + 10_000;
      let texts: string[] = [];
      while (Date.now() < deadline) {
        texts = await highlightedTexts(frame);
        if (texts.length === 2) break;
        await sleep(50);
      }
      expect(texts).toEqual(['Donald Trump', 'Elon Musk']);
      // The page around it names nobody, and stays dormant.
      expect(await stateOf(page)).toBe('dormant');
      await page.close();
    });

    it('wakes when a pack that names the page’s people is imported while it is open', async () => {
      const page = await ctx().openPage('nameless/kestrel.html');
      await waitForState(page, 'dormant');
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li');
      await chooseFile(options, kestrelPack);
      await options.waitForSelector('#packs li[data-pack="kestrel-harbour"]', { timeout: 10_000 });
      await page.bringToFront();
      await waitForHighlightedTexts(page, ['KDU', 'Kestrel Dockworkers Union', 'Mara Ellison', 'Port of Kestrel']);
      // Removed again: the page names nobody once more, and shows nothing (the engine, loaded, stays).
      await options.bringToFront();
      await options.click('#packs li[data-pack="kestrel-harbour"] button[aria-label^="Remove"]');
      await options.waitForFunction(`!document.querySelector('#packs li[data-pack="kestrel-harbour"]')`, { polling: 50, timeout: 10_000 });
      await options.close();
      await page.bringToFront();
      await waitForHighlightedTexts(page, []);
      await waitForState(page, 'painted');
      await page.close();
    });

    it('rules out accented and Persian pages that name nobody', async () => {
      for (const path of ['nameless/accented.html', 'nameless/persian.html']) {
        const page = await ctx().openPage(path);
        await waitForState(page, 'dormant');
        expect(await highlightedTexts(page)).toEqual([]);
        await page.close();
      }
    });

    it('the popup of a tab that names nobody says so, with its switches, not a way out', async () => {
      const page = await ctx().openPage('nameless/quiet.html');
      await waitForState(page, 'dormant');
      // The tab: the one opened last before this page (Chromium tells no tab's address without the
      // "tabs" permission, and asking the tab would wake it before the popup does).
      const finder = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      const tabId = (await finder.evaluate(`(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const self = await api.tabs.getCurrent();
        const before = (await api.tabs.query({})).map((t) => t.id).filter((id) => id < self.id);
        return before.length > 0 ? Math.max(...before) : null;
      })()`)) as number | null;
      await finder.close();
      expect(tabId).not.toBeNull();
      const popup = await ctx().ext.openExtensionPage(`popup.html?tab=${tabId}`, '#enabled');
      // The top frame does not listen until the popup asks it to, through storage; then the engine
      // is loaded to answer, reads the page and finds nobody: the list says so.
      await popup.waitForFunction(`(() => { const e = document.querySelector('#entities'); return e && !e.hidden && e.textContent.trim().length > 0 && document.querySelectorAll('#entities button').length === 0; })()`, { polling: 50, timeout: 10_000 });
      expect(await popup.evaluate(`document.querySelector('#unavailable').hidden`)).toBe(true);
      expect(await popup.evaluate(`document.querySelector('#enabled').checked`)).toBe(true);
      await popup.close();
      await waitForState(page, 'painted');
      expect(await highlightedTexts(page)).toEqual([]);
      await page.close();
    });

    it('a dormant frame hears the context menu’s “Explain” once the reader opens a menu in it', async () => {
      const page = await ctx().openPage('nameless/frame-quiet.html');
      const frame = (await (await page.waitForSelector('#quiet'))!.contentFrame())!;
      await waitForState(frame, 'dormant');
      // The menu opens in the frame first; the menu item's message comes after, as the background sends it.
      await frame.evaluate(`document.body.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))`);
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li');
      await options.evaluate(`(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        // Every frame of every tab (Chromium tells no tab's address without the "tabs" permission).
        for (const tab of await api.tabs.query({})) await api.tabs.sendMessage(tab.id, { type: 'backstory/explain', text: 'Hezbollah' }).catch(() => undefined);
      })()`);
      await options.close();
      await frame.waitForFunction(`(() => { const h = document.querySelector('backstory-card'); const c = h && h.shadowRoot.querySelector('.card:not(.placing) .name'); return c && c.textContent === 'Hezbollah'; })()`, { polling: 50, timeout: 10_000 });
      await page.close();
    });

    it('answers “Explain with Backstory” in a frame that ruled itself out', async () => {
      const page = await ctx().openPage('nameless/quiet.html');
      await waitForState(page, 'dormant');
      await page.evaluate(`document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: 'explain:Hezbollah' }))`);
      await page.waitForFunction(`(() => { const h = document.querySelector('backstory-card'); const c = h && h.shadowRoot.querySelector('.card:not(.placing) .name'); return c && c.textContent === 'Hezbollah'; })()`, { polling: 50, timeout: 10_000 });
      await page.close();
    });
  });
}
