/**
 * Issue 7, "Privacy": Backstory makes no network request, ever, from any context. Each browser
 * runs through a loopback recording proxy (tests/e2e/harness.ts, build/recording-proxy.ts) that
 * sees every request, loopback included. Here every context is exercised (the content script
 * annotating a page and showing a card, the context menu's "Explain", the popup and its search,
 * the options page importing a pack, the background behind them all), and the proxy must have
 * seen the fixture pages load and nothing else. Then requests planted on purpose, from a page, an
 * extension page and the background, must show up in the log: the proxy does see traffic.
 *
 * (Every other e2e file is held to the same rule by the harness at its end; this one says it
 * out loud and proves the instrument works.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { ProxiedRequest } from '../../build/recording-proxy';
import { ROOT } from '../../build/build';
import { ANNOTATED_TAB_ID, BACKSTORY_LIVE_RANGES } from '../../build/page-snippets';
import { BROWSERS, BROWSER_OWN_REQUESTS, describeRequests, useBrowser, waitForHighlightedTexts, type E2EContext } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kestrel = readFileSync(join(ROOT, 'tests/fixtures/packs/kestrel-harbour.json'), 'utf8');

/** The fixture pages these tests open: all the proxy may see, with the browser's favicon look-up. */
const PAGES = ['/card.html', '/imported.html'];
const ALLOWED_FIXTURE_PATHS = new Set([...PAGES, '/favicon.ico']);

const HIGHLIGHTED = `(() => { let n = 0; for (const [k, h] of CSS.highlights) if (k.startsWith('backstory-')) n += h.size; return n >= 5; })()`;
const CARD_NAME = `(() => { const h = document.querySelector('backstory-card'); const n = h && h.shadowRoot && h.shadowRoot.querySelector('.card:not(.placing) .name'); return n ? n.textContent : null; })()`;

async function openAnnotated(ctx: E2EContext, path = 'card.html'): Promise<Page> {
  const page = await ctx.openPage(path);
  await page.bringToFront();
  await page.waitForFunction(HIGHLIGHTED, { polling: 50, timeout: 10_000 });
  return page;
}

/** Waits until the open card's name matches `name` (a RegExp source). */
async function waitForCard(page: Page, name: RegExp): Promise<void> {
  const deadline = Date.now() + 5_000;
  let shown: string | null = null;
  while (Date.now() < deadline) {
    shown = (await page.evaluate(CARD_NAME)) as string | null;
    if (shown !== null && name.test(shown)) return;
    await sleep(50);
  }
  throw new Error(`no card matching ${String(name)} (open: ${JSON.stringify(shown)})`);
}

/** Waits until the proxy has seen a request whose host starts with `hostname`. */
async function waitForRecorded(ctx: E2EContext, hostname: string, timeout = 10_000): Promise<ProxiedRequest> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = ctx.network.all.find((r) => r.host.startsWith(`${hostname}:`));
    if (found) return found;
    await sleep(50);
  }
  throw new Error(`the proxy never saw ${hostname}; it saw:\n${describeRequests(ctx.network.all)}`);
}

for (const name of BROWSERS) {
  describe(`no network request from Backstory in ${name}`, () => {
    const ctx = useBrowser(name, { variant: 'test' });

    it('annotates a page and opens a card by hovering a name (content script)', async () => {
      const page = await openAnnotated(ctx());
      const point = (await page.evaluate(`(() => {
        for (const range of ${BACKSTORY_LIVE_RANGES}) {
          if (range.toString() !== 'Elon Musk') continue;
          const box = range.getClientRects()[0];
          return { x: box.left + Math.min(box.width / 2, 20), y: box.top + box.height / 2 };
        }
        return null;
      })()`)) as { x: number; y: number } | null;
      expect(point).not.toBeNull();
      await page.mouse.move(5, 5);
      await page.mouse.move(point!.x, point!.y);
      await waitForCard(page, /^Elon Musk$/);
      // Pinned, with its related names: the card's fullest state.
      await page.evaluate(`document.querySelector('backstory-card').shadowRoot.querySelector('.pin').click()`);
      await page.keyboard.press('Escape');
      await page.close();
    });

    it('explains a selection, as the context menu does (content script and background)', async () => {
      const page = await openAnnotated(ctx());
      await page.evaluate(`(() => {
        const node = document.querySelector('h1').firstChild;
        getSelection().setBaseAndExtent(node, 0, node, Math.min(12, node.data.length));
        document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: 'explain:Quds Force' }));
      })()`);
      await waitForCard(page, /Quds Force/);
      await page.keyboard.press('Escape');
      await page.close();
    });

    it('opens the popup for the tab and searches the packs (popup and background)', async () => {
      const page = await openAnnotated(ctx());
      const finder = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      const tabId = (await finder.evaluate(ANNOTATED_TAB_ID)) as number | null;
      await finder.close();
      expect(tabId).not.toBeNull();
      const popup = await ctx().ext.openExtensionPage(`popup.html?tab=${tabId!}`, '#enabled');
      await popup.waitForFunction(`document.querySelectorAll('#entities button').length > 0`, { polling: 50, timeout: 10_000 });
      await popup.type('#search', 'toossi');
      await popup.waitForFunction(`document.querySelectorAll('#results button').length > 0`, { polling: 50, timeout: 5_000 });
      await popup.evaluate(`document.querySelector('#results button').click()`);
      await popup.waitForFunction(`!document.querySelector('#card-view').hidden`, { polling: 50, timeout: 5_000 });
      await popup.close();
      await page.close();
    });

    it('imports a pack and changes a setting on the options page (options and background)', async () => {
      const page = await ctx().openPage('imported.html');
      await waitForHighlightedTexts(page, ['Elon Musk']);
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li');
      await options.evaluate(`(() => {
        const input = document.querySelector('#import-file');
        const files = new DataTransfer();
        files.items.add(new File([${JSON.stringify(kestrel)}], 'kestrel-harbour.json', { type: 'application/json' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      })()`);
      await options.waitForFunction(`document.querySelectorAll('#packs li').length === 2`, { polling: 50, timeout: 10_000 });
      await waitForHighlightedTexts(page, ['Ellison', 'Elon Musk', 'KDU', 'Kestrel Dockworkers Union', 'Mara Ellison', 'Port of Kestrel']);
      // A setting round trip through the background, applied live to the open tab.
      await options.click('#type-person');
      await options.click('#type-person');
      await options.close();
      await page.close();
    });

    it('the proxy saw the fixture pages load and nothing else', async () => {
      // Anything sent late (a timer, a retry) has a moment to arrive.
      await sleep(2_000);
      const network = ctx().network;
      expect(network.violations(), `requests Backstory must not make:\n${describeRequests(network.violations())}`).toEqual([]);
      // Loopback goes through the proxy too: the pages' loads were seen, and only they.
      const fixture = network.toFixture().map((r) => ({ method: r.method, path: new URL(r.url).pathname }));
      expect(fixture.map((r) => r.path)).toEqual(expect.arrayContaining(PAGES));
      expect(fixture.filter((r) => r.method !== 'GET' || !ALLOWED_FIXTURE_PATHS.has(r.path))).toEqual([]);
      // The browser's own requests, where it has any that cannot be turned off, are only those listed.
      const own = BROWSER_OWN_REQUESTS[name];
      expect(network.browserOwn().every((r) => own.some((o) => o.method === r.method && o.host === r.host))).toBe(true);
    });

    it('does see a request planted in a page, and one the extension opens from its pages and background', async () => {
      const network = ctx().network;
      const hosts = ['planted-page.backstory.invalid', 'planted-page-tls.backstory.invalid', 'planted-extension.backstory.invalid', 'planted-background.backstory.invalid'];
      for (const host of hosts) network.plant(host);

      // From a page: a plain request and a TLS one (a CONNECT), both seen.
      const page = await ctx().openPage('card.html');
      await page.evaluate(`fetch('http://planted-page.backstory.invalid/from-page').catch(() => null); fetch('https://planted-page-tls.backstory.invalid/').catch(() => null); 0`);
      expect(await waitForRecorded(ctx(), 'planted-page.backstory.invalid')).toMatchObject({ method: 'GET', url: 'http://planted-page.backstory.invalid/from-page', outcome: 'refused' });
      expect(await waitForRecorded(ctx(), 'planted-page-tls.backstory.invalid')).toMatchObject({ method: 'CONNECT', host: 'planted-page-tls.backstory.invalid:443', outcome: 'refused' });

      // From an extension page: the extension's own CSP (default-src 'self') refuses a fetch before
      // it leaves, so a tab it opens stands in for "the extension asked for something".
      const extensionPage = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      const api = '(globalThis.browser ?? globalThis.chrome)';
      const fetched = await extensionPage.evaluate(`fetch('http://planted-extension.backstory.invalid/fetch').then(() => 'sent', () => 'refused')`);
      expect(fetched).toBe('refused');
      await extensionPage.evaluate(`${api}.tabs.create({ url: 'http://planted-extension.backstory.invalid/tab', active: false }).then(() => 0)`);
      expect(await waitForRecorded(ctx(), 'planted-extension.backstory.invalid')).toMatchObject({ method: 'GET', url: 'http://planted-extension.backstory.invalid/tab' });
      expect(network.all.some((r) => r.url.endsWith('/fetch'))).toBe(false);

      // From the background: Chromium's service worker is a driver target; Firefox's background
      // page is not, so its window is reached from the extension page.
      const fromBackground = `fetch('http://planted-background.backstory.invalid/fetch').then(() => 'sent', () => 'refused')
        .then((fetchResult) => API.tabs.create({ url: 'http://planted-background.backstory.invalid/tab', active: false }).then(() => fetchResult))`;
      let backgroundFetch: unknown;
      if (name === 'chromium') {
        const { browser, extensionBase } = ctx().ext;
        const target = await browser.waitForTarget((t) => String(t.type()) === 'service_worker' && t.url().startsWith(extensionBase), { timeout: 10_000 });
        const worker = await target.worker();
        backgroundFetch = await worker!.evaluate(fromBackground.replace('API', 'chrome'));
      } else {
        backgroundFetch = await extensionPage.evaluate(`browser.runtime.getBackgroundPage().then((bg) => { const fetch = bg.fetch.bind(bg); return ${fromBackground.replace('API', 'bg.browser')}; })`);
      }
      expect(backgroundFetch).toBe('refused');
      expect(await waitForRecorded(ctx(), 'planted-background.backstory.invalid')).toMatchObject({ method: 'GET', url: 'http://planted-background.backstory.invalid/tab' });

      // Planted on purpose: not counted against Backstory; nothing else appeared meanwhile.
      expect(network.planted().length).toBeGreaterThanOrEqual(hosts.length);
      expect(network.violations(), describeRequests(network.violations())).toEqual([]);
      for (const tab of await ctx().ext.browser.pages()) if (tab.url().includes('.backstory.invalid')) await tab.close();
      await extensionPage.close();
      await page.close();
    });
  });
}
