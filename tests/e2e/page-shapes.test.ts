/**
 * Real-world page shapes, served from loopback, with the built extension in Chromium and Firefox
 * ESR: nothing a reader would notice breaks. Covered elsewhere and not repeated here: names split
 * across inline elements, added/edited/removed text, a History-API SPA, open shadow roots, frames,
 * a long page painted near the viewport (engine.test.ts); the card on RTL, zoomed, dark, hostile
 * and strict-CSP pages (card.test.ts). Here: a server-rendered React app that hydrates; editors,
 * forms and fields while the reader types; an endless feed with a live ticker; RTL, dark, zoomed,
 * hostile-CSS and strict-CSP pages for the highlights and the DOM; page text and pack text that
 * look like markup or script. Fixtures: tests/fixtures/pages/shapes/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, chooseFile, collectErrors, routeFavicon, serializeDom, useBrowser } from './harness';
import { domNowAndAsServed, highlightPlaces, pageMentionCounts, waitForPlaces, washPainted } from './support/page-shapes';
import { SHAPES, editorSelection, fieldState, pageChanges, reactClient, reactPage, settledInView } from './support/shape-fixtures';
import { App, STORIES } from '../fixtures/pages/shapes/react-app';

const source = (file: string) => readFileSync(join(SHAPES, file), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/**
 * Static shapes: each is served as is (or with a header), shows `expected` ("id:text") highlighted,
 * `painted` visibly so, and keeps the DOM it was served as.
 */
const STATIC: { file: string; expected: string[]; painted: string; headers?: Record<string, string>; ready?: string }[] = [
  { file: 'rtl.html', expected: ['he:Elon Musk', 'he:Donald Trump', 'ar:Sina Toossi', 'ar:Hezbollah', 'ar:Hamas', 'mixed:Volodymyr Zelenskyy'], painted: 'Elon Musk' },
  { file: 'dark.html', expected: ['one:Elon Musk', 'one:Donald Trump', 'two:Hezbollah', 'two:Hamas', 'two:Sina Toossi'], painted: 'Hezbollah' },
  { file: 'zoom.html', expected: ['top:Elon Musk', 'small:Donald Trump', 'scaled:Sina Toossi'], painted: 'Elon Musk' },
  // Hidden, shown, hidden and shown again by the page: painted once it is shown.
  { file: 'hostile.html', expected: ['one:Elon Musk', 'one:Donald Trump', 'two:Hezbollah', 'two:Hamas'], painted: 'Donald Trump', ready: 'window.__shown === true' },
  {
    file: 'csp.html', expected: ['one:Elon Musk', 'one:Donald Trump', 'two:Hezbollah', 'two:Hamas'], painted: 'Elon Musk',
    headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'none'" },
  },
  { file: 'inert.html', expected: ['script-text:Elon Musk', 'entities:Trump', 'entities:Donald Trump', 'img-text:Hezbollah'], painted: 'Elon Musk' },
];

for (const name of BROWSERS) {
  describe(`page shapes in ${name}`, () => {
    const ctx = useBrowser(name, { variant: 'test' });
    beforeAll(() => routeFavicon(ctx().server));
    /** The page's errors and the extension's (Firefox's own noise is left out by processErrors). */
    const pageErrors = (page: Page): (() => string[]) => collectErrors(page, ctx().ext);

    it('a server-rendered React 19 app hydrates cleanly after Backstory read it, keeps its clicks, its text and its names', async () => {
      const markup = renderToString(createElement(App));
      ctx().server.route('/shapes/react.html', reactPage(markup));
      ctx().server.route('/shapes/react-client.js', await reactClient(), { 'content-type': 'text/javascript; charset=utf-8' });
      const page = await ctx().ext.browser.newPage();
      const errors = pageErrors(page);
      await page.goto(`${ctx().server.origin}shapes/react.html?late`, { waitUntil: 'load' });
      await waitForPlaces(page, ['s1:Elon Musk', 's2:Donald Trump', 's2:Sina Toossi']);
      const read = await serializeDom(page);
      await page.evaluate(() => document.dispatchEvent(new Event('hydrate-now')));
      await page.waitForFunction('window.__hydrated === true', { timeout: 10_000 });
      // Hydration adopted the server's DOM as Backstory left it: the same nodes, the same text.
      expect(await serializeDom(page)).toBe(read);
      expect(await page.$eval('#root', (el) => el.innerHTML)).toBe(markup);
      // Its handlers work: state updates re-render, and names a click adds are highlighted.
      await page.click('#s1 .like');
      await page.click('#s1 .like');
      await page.waitForFunction(`document.querySelector('#s1 .likes').textContent === 'Liked 2 times'`, { timeout: 5_000 });
      await page.click('#more');
      await waitForPlaces(page, ['s1:Elon Musk', 's2:Donald Trump', 's2:Sina Toossi', 's3:Hezbollah', 's3:Hamas']);
      expect(await page.$eval('#s1 .likes', (el) => el.textContent)).toBe('Liked 2 times');
      await sleep(200);
      expect(errors()).toEqual([]);
      await page.close();
    });

    it('the hydration check can fail: a server/client mismatch is reported', async () => {
      // The server renders one story, the client two: React reports the mismatch and re-renders.
      ctx().server.route('/shapes/react-mismatch.html', reactPage(renderToString(createElement(App, { initial: STORIES.slice(0, 1) }))));
      ctx().server.route('/shapes/react-client.js', await reactClient(), { 'content-type': 'text/javascript; charset=utf-8' });
      const page = await ctx().ext.browser.newPage();
      const errors = pageErrors(page);
      await page.goto(`${ctx().server.origin}shapes/react-mismatch.html`, { waitUntil: 'load' });
      await page.waitForFunction('window.__hydrated === true', { timeout: 10_000 });
      const deadline = Date.now() + 5_000;
      while (!errors().some((e) => /hydrat/i.test(e)) && Date.now() < deadline) await sleep(50);
      expect(errors().join('\n')).toMatch(/hydrat/i);
      await page.close();
    });

    it('highlights nothing inside an editor, a form, its fields or a textbox', async () => {
      const page = await ctx().openPage('shapes/editing.html');
      await waitForPlaces(page, ['intro:Elon Musk']);
      await sleep(300);
      expect(await highlightPlaces(page)).toEqual(['intro:Elon Musk']);
      await page.close();
    });

    it('typing in a textarea, an input and a rich-text editor: the text lands as typed, caret and selection stay put', async () => {
      const page = await ctx().openPage('shapes/editing.html');
      await page.bringToFront();
      await waitForPlaces(page, ['intro:Elon Musk']);

      // Textarea: typed at a caret in the middle. The page's live preview shows the text, which
      // Backstory re-reads (and highlights): the caret is where typing left it.
      await page.focus('#body');
      await page.$eval('#body', (t) => (t as HTMLTextAreaElement).setSelectionRange(9, 9));
      await page.keyboard.type(' and Hamas');
      const typed = await fieldState(page, '#body');
      expect(typed).toMatchObject({ start: 19, end: 19, value: 'Elon Musk and Hamas wrote to Volodymyr Zelenskyy.', focused: true });
      await waitForPlaces(page, ['intro:Elon Musk', 'preview:Elon Musk', 'preview:Hamas', 'preview:Volodymyr Zelenskyy']);
      expect(await fieldState(page, '#body')).toEqual(typed);
      // A backward selection survives a change elsewhere on the page, and typing replaces exactly it.
      await page.$eval('#body', (t) => (t as HTMLTextAreaElement).setSelectionRange(0, 9, 'backward'));
      const selected = await fieldState(page, '#body');
      await pageChanges(page, ' Benjamin Netanyahu replied.', 'Benjamin Netanyahu');
      expect(await fieldState(page, '#body')).toEqual(selected);
      await page.keyboard.type('Elon Reeve Musk');
      await waitForPlaces(page, ['intro:Elon Musk', 'intro:Benjamin Netanyahu', 'preview:Elon Reeve Musk', 'preview:Hamas', 'preview:Volodymyr Zelenskyy']);
      expect(await fieldState(page, '#body')).toMatchObject({ start: 15, end: 15, value: 'Elon Reeve Musk and Hamas wrote to Volodymyr Zelenskyy.', focused: true });

      // Input: typed at the end.
      await page.focus('#name');
      await page.$eval('#name', (i) => (i as HTMLInputElement).setSelectionRange(11, 11));
      await page.keyboard.type(' and Hamas');
      const input = await fieldState(page, '#name');
      expect(input).toMatchObject({ start: 21, end: 21, value: 'Sina Toossi and Hamas', focused: true });
      await waitForPlaces(page, ['intro:Elon Musk', 'intro:Benjamin Netanyahu', 'preview:Sina Toossi', 'preview:Hamas']);
      expect(await fieldState(page, '#name')).toEqual(input);

      // Rich-text editor: typed inside a bold name, then a backward selection across elements.
      await page.focus('#editor');
      await page.evaluate(`(() => { const t = document.querySelector('#editor b').firstChild; getSelection().setBaseAndExtent(t, 7, t, 7); })()`);
      await page.keyboard.type('J. ');
      const caret = await editorSelection(page);
      expect(caret).toEqual({ anchor: '0/1/0', anchorOffset: 10, focus: '0/1/0', focusOffset: 10 });
      await waitForPlaces(page, ['intro:Elon Musk', 'intro:Benjamin Netanyahu', 'preview:Donald J. Trump', 'preview:Hezbollah', 'preview:Hamas']);
      expect(await editorSelection(page)).toEqual(caret);
      expect(await page.$eval('#editor', (el) => el.innerHTML)).toBe(
        '<p>Dear editor, <b>Donald J. Trump</b> and Hezbollah were in the news.</p><p>A second paragraph, on Hamas.</p>');
      await page.evaluate(`(() => {
        const p = document.querySelector('#editor p');
        getSelection().setBaseAndExtent(p.querySelector('b').firstChild, 4, p.firstChild, 5);
      })()`);
      const range = await editorSelection(page);
      expect(range).toEqual({ anchor: '0/1/0', anchorOffset: 4, focus: '0/0', focusOffset: 5 });
      await pageChanges(page, ' SpaceX declined to comment.', 'SpaceX');
      expect(await editorSelection(page)).toEqual(range);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('editor');
      await page.close();
    });

    it('an endless feed of 200 articles and a ticker changing 1,000 nodes a second: once settled, every mention is there and none is stale', async () => {
      const url = `${ctx().server.origin}shapes/live.html?seconds=3`;
      const page = await ctx().ext.browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.bringToFront();
      // Scroll to the end until the feed has all its articles, while the ticker runs.
      const articles = () => page.evaluate(() => document.querySelectorAll('#feed article').length);
      for (let n = await articles(); n < 200; n = await articles()) {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForFunction((before: number) => document.querySelectorAll('#feed article').length > before, { polling: 50, timeout: 5_000 }, n);
      }
      await page.waitForFunction('window.__tickerDone === true', { timeout: 15_000 });
      // At the end of the feed: every mention in view painted, and nothing else.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const bottom = await settledInView(page);
      expect(bottom.view.length).toBeGreaterThan(4);
      expect(bottom.painted).toEqual(bottom.view);
      // Over the whole page, painted or not: as many mentions of each name as the final DOM holds.
      expect(await pageMentionCounts((p, s) => ctx().ext.openExtensionPage(p, s), url, bottom.counts)).toEqual(bottom.counts);
      // Back at the top, the ticker as it last changed.
      await page.bringToFront();
      await page.evaluate(() => window.scrollTo(0, 0));
      const top = await settledInView(page);
      expect(top.view.filter((m) => m.startsWith('ticker')).length).toBeGreaterThan(20);
      expect(top.painted).toEqual(top.view);
      await page.close();
    });

    // A bug found with this page: a text node re-read in a block that named nobody stayed "claimed"
    // by that discarded block, so the next re-read skipped it (fixed in Annotator.reread; DOM test too).
    it('text rewritten in place, twice: the name it gains is highlighted, and a name completed later is highlighted whole', async () => {
      const page = await ctx().openPage('shapes/in-place.html');
      await page.bringToFront();
      await waitForPlaces(page, ['lead:Donald Trump']);
      // Each step changes the page elsewhere too, in the same task: once that is highlighted, the
      // whole batch has been re-read.
      await page.evaluate(() => {
        (document.querySelector('#status')!.firstChild as Text).data = 'Still waiting for the guest…';
        document.querySelector('#arrival')!.append('Volodymyr ');
        document.querySelector('#other')!.append(' Hamas.');
      });
      await waitForPlaces(page, ['lead:Donald Trump', 'other:Hamas']);
      await page.evaluate(() => {
        (document.querySelector('#status')!.firstChild as Text).data = 'Elon Musk has arrived.';
        document.querySelector('#arrival')!.append(Object.assign(document.createElement('b'), { textContent: 'Zelenskyy' }));
        document.querySelector('#other')!.append(' Hezbollah.');
      });
      await waitForPlaces(page, ['lead:Donald Trump', 'other:Hamas', 'other:Hezbollah', 'status:Elon Musk', 'arrival:Volodymyr Zelenskyy'], 3_000);
      await page.close();
    });

    for (const shape of STATIC) {
      it(`${shape.file}: highlights where expected, visibly painted, and the DOM as served`, async () => {
        const html = source(shape.file);
        let path = `shapes/${shape.file}`;
        if (shape.headers) {
          path = `shapes/served-${shape.file}`;
          ctx().server.route(`/${path}`, html, shape.headers);
        }
        const page = await ctx().ext.browser.newPage();
        const errors = pageErrors(page);
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(ctx().server.origin + path, { waitUntil: 'load' });
        await page.bringToFront();
        if (shape.ready) await page.waitForFunction(shape.ready, { timeout: 5_000 });
        await waitForPlaces(page, shape.expected);
        expect(await washPainted(page, shape.painted)).toBe(true);
        const dom = await domNowAndAsServed(page, html);
        expect(dom.now).toBe(dom.served);
        if (shape.file === 'zoom.html') {
          // Far below the fold of a zoomed page: painted once scrolled to.
          await page.evaluate(() => document.querySelector('#last')!.scrollIntoView());
          await page.waitForFunction(`(() => { for (const r of CSS.highlights.get('backstory-person') ?? []) if (r.startContainer.parentElement.id === 'last') return true; return false; })()`, { polling: 50, timeout: 10_000 });
          expect(await washPainted(page, 'Volodymyr Zelenskyy')).toBe(true);
        }
        if (shape.file === 'hostile.html') {
          // The page's own highlight in the shared registry is untouched.
          expect(await page.evaluate(`CSS.highlights.get('page-search')?.size`)).toBe(1);
        }
        if (shape.file === 'inert.html') {
          expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
          expect(await page.evaluate(() => document.querySelectorAll('body script, body img, body b').length)).toBe(0);
        }
        expect(dialogs).toEqual([]);
        if (!shape.headers) expect(errors()).toEqual([]);
        await page.close();
      });
    }

    it('page text that looks like markup stays text in the card too (“Explain with Backstory” on it)', async () => {
      const page = await ctx().openPage('shapes/inert.html');
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.bringToFront();
      await waitForPlaces(page, STATIC.find((s) => s.file === 'inert.html')!.expected);
      const quoted = '<script>alert(1)</script>';
      await page.evaluate(`(() => {
        const node = document.querySelector('#script-text').firstChild;
        getSelection().setBaseAndExtent(node, 0, node, ${quoted.length});
        document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: ${JSON.stringify(`explain:${quoted}`)} }));
      })()`);
      await page.waitForFunction(`(() => { const h = document.querySelector('backstory-card'); return h && h.shadowRoot.querySelector('.notice:not(.placing)'); })()`, { polling: 50, timeout: 5_000 });
      const notice = (await page.evaluate(`(() => {
        const root = document.querySelector('backstory-card').shadowRoot;
        return { text: root.querySelector('.notice .summary').textContent, markup: root.querySelectorAll('script, img, iframe').length };
      })()`)) as { text: string; markup: number };
      expect(notice.text).toContain(`“${quoted}”`);
      expect(notice.markup).toBe(0);
      await sleep(200);
      expect(dialogs).toEqual([]);
      await page.keyboard.press('Escape');
      await page.close();
    });

    // Last: it imports a pack (and removes it again).
    it('a pack whose strings are HTML and script: shown as text in the options page and the card, nothing run', async () => {
      const packText = source('hostile-pack.json');
      const pack = JSON.parse(packText) as {
        title: string;
        entities: { name: string; summary: string; context: string; facts: { label: string; value: string }[]; sources: { title: string; publisher: string; url: string }[] }[];
      };
      const entity = pack.entities[0]!;
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li');
      await chooseFile(options, packText);
      await options.waitForSelector('#packs li[data-pack="markup-fixture"]', { timeout: 10_000 });
      await options.waitForFunction(`document.querySelector('#import-result').textContent.startsWith('Imported')`, { polling: 50, timeout: 10_000 });
      const listed = (await options.evaluate(`(() => {
        const li = document.querySelector('#packs li[data-pack="markup-fixture"]');
        return { title: li.querySelector('h3').textContent, markup: document.querySelectorAll('#packs img, #packs script, #packs svg, #import-result img, #import-result script').length,
          result: document.querySelector('#import-result').textContent, pwned: window.__pwned };
      })()`)) as { title: string; markup: number; result: string; pwned?: unknown };
      expect(listed).toEqual({ title: pack.title, markup: 0, result: expect.stringContaining(pack.title) as unknown, pwned: undefined });

      const page = await ctx().openPage('shapes/inert.html');
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.bringToFront();
      await page.waitForFunction(`(() => { for (const r of CSS.highlights.get('backstory-person') ?? []) if (r.startContainer.parentElement.id === 'pack-name') return true; return false; })()`, { polling: 50, timeout: 10_000 });
      expect(await highlightPlaces(page)).toContain(`pack-name:${entity.name}`);
      await page.evaluate(`(() => {
        const node = document.querySelector('#pack-name').firstChild;
        getSelection().setBaseAndExtent(node, 0, node, 0);
        document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: 'open-card' }));
      })()`);
      // Completed (sources and footer added) once placed.
      await page.waitForFunction(`(() => { const h = document.querySelector('backstory-card'); return h && h.shadowRoot.querySelector('.card:not(.placing) .sources a'); })()`, { polling: 50, timeout: 5_000 });
      await sleep(300);
      const shown = (await page.evaluate(`(() => {
        const root = document.querySelector('backstory-card').shadowRoot;
        const text = (s) => root.querySelector(s).textContent;
        const link = root.querySelector('.sources a');
        return {
          name: text('.name'), summary: text('.summary'), context: text('.context'),
          label: text('.facts .label'), value: text('.facts .value'), source: link.textContent, href: link.href,
          meta: text('.sources .meta'), pack: text('.footer .pack'),
          markup: root.querySelectorAll('script, img, iframe, svg, i, b, .context a, [onerror], [onload], [onmouseover]').length,
          pwned: window.__pwned,
        };
      })()`)) as Record<string, unknown>;
      expect(shown).toEqual({
        name: entity.name,
        summary: entity.summary,
        context: entity.context,
        label: `${entity.facts[0]!.label}: `,
        value: entity.facts[0]!.value,
        source: entity.sources[0]!.title,
        href: entity.sources[0]!.url,
        meta: expect.stringContaining(entity.sources[0]!.publisher) as unknown,
        pack: expect.stringContaining(pack.title) as unknown,
        markup: 0,
        pwned: undefined,
      });
      expect(dialogs).toEqual([]);
      await page.keyboard.press('Escape');
      await page.close();

      await options.bringToFront();
      await options.click('#packs li[data-pack="markup-fixture"] button[aria-label^="Remove"]');
      await options.waitForFunction(`!document.querySelector('#packs li[data-pack="markup-fixture"]')`, { polling: 50, timeout: 10_000 });
      await options.close();
    });
  });
}
