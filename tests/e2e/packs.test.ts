/**
 * Pack import and management in real Chromium and Firefox, through the options page as a reader
 * uses it: a bad pack shows its problems and changes nothing; a good one is highlighted in an open
 * tab at once; the same version asks first; a pack can be switched off, exported and removed.
 * (Surviving a restart is in restart.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../build/build';
import { BROWSERS, chooseFile, highlightedTexts, useBrowser, waitForHighlightedTexts } from './harness';
import { scan } from '../../src/cli/commands';
import type { Pack } from '../../src/core';

const good = readFileSync(join(ROOT, 'tests/fixtures/packs/kestrel-harbour.json'), 'utf8');
const bad = readFileSync(join(ROOT, 'tests/fixtures/invalid-packs/kestrel-harbour-bad.json'), 'utf8');
const newer = JSON.stringify({ ...JSON.parse(good), version: '1.1.0', title: 'Kestrel harbour strike, revised (test fixture)' });

/** What the bundled pack alone highlights on imported.html ("Iran" is broad: too few other names). */
const BUNDLED_ONLY = ['Elon Musk'];
/** With the Kestrel pack imported. */
const WITH_KESTREL = ['Ellison', 'Elon Musk', 'KDU', 'Kestrel Dockworkers Union', 'Mara Ellison', 'Port of Kestrel'];


/** The second pack, for another story (examples/), and a page about that story. */
const openaiPack = readFileSync(join(ROOT, 'examples/packs/openai-board-2023.json'), 'utf8');
const openaiArticle = join(ROOT, 'examples/openai/article.html');

const resultText = (options: Page) => options.$eval('#import-result', (el) => el.textContent ?? '');
const storedKeys = (options: Page) =>
  options.evaluate(`(globalThis.browser ?? globalThis.chrome).storage.local.get(null).then((all) => Object.keys(all).sort())`) as Promise<string[]>;

for (const name of BROWSERS) {
  describe(`packs in ${name}`, () => {
    const ctx = useBrowser(name, { variant: 'test' });

    it('a bad pack shows every problem with its path and changes nothing', async () => {
      const page = await ctx().openPage('imported.html');
      await waitForHighlightedTexts(page, BUNDLED_ONLY);
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li');
      const before = await storedKeys(options);
      await chooseFile(options, bad);
      await options.waitForSelector('#import-result .problems li');
      const problems = await options.$$eval('#import-result .problems li', (lis) => lis.map((li) => li.textContent));
      expect(problems).toEqual(expect.arrayContaining([
        expect.stringContaining('$.version'),
        expect.stringContaining('$.entities[0].related[0]'),
        expect.stringContaining('$.entities[1].sources[0].url'),
        expect.stringContaining('$.entities[2].facts[0].date'),
      ]));
      expect(await storedKeys(options)).toEqual(before);
      expect(await options.$$eval('#packs li', (lis) => lis.length)).toBe(1);
      expect(await highlightedTexts(page)).toEqual(BUNDLED_ONLY);
      await options.close();
      await page.close();
    });

    it('a good pack is listed and its names are highlighted in an open tab at once; the same version asks first', async () => {
      const page = await ctx().openPage('imported.html');
      await waitForHighlightedTexts(page, BUNDLED_ONLY);
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li');
      await chooseFile(options, good);
      await options.waitForFunction(`document.querySelectorAll('#packs li').length === 2`, { polling: 50, timeout: 10_000 });
      // The list follows storage, the message follows the background's answer: either may come first.
      await options.waitForFunction(`document.querySelector('#import-result').textContent.includes('Imported')`, { polling: 50, timeout: 10_000 });
      expect(await resultText(options)).toContain('Imported “Kestrel harbour strike (test fixture)” (4 entries)');
      expect(await options.$eval('#packs li[data-pack="kestrel-harbour"] .hint', (el) => el.textContent)).toContain('Version 1.0.0');
      await waitForHighlightedTexts(page, WITH_KESTREL);

      // The same version again: asked, and "keep" changes nothing.
      await chooseFile(options, good);
      await options.waitForSelector('#import-confirm:not([hidden])');
      expect(await options.$eval('#import-question', (el) => el.textContent)).toContain('version 1.0.0 is already installed');
      await options.click('#import-keep');
      expect(await resultText(options)).toContain('nothing changed');

      // A newer version replaces it without asking.
      await chooseFile(options, newer);
      await options.waitForFunction(`document.querySelector('#import-result').textContent.includes('with version 1.1.0')`, { polling: 50, timeout: 10_000 });
      expect(await options.$eval('#packs li[data-pack="kestrel-harbour"] h3', (el) => el.textContent)).toBe('Kestrel harbour strike, revised (test fixture)');
      await options.close();
      await page.close();
    });

    it('where two packs share a name, the card shows both and lets the reader switch', async () => {
      const page = await ctx().openPage('imported.html');
      await waitForHighlightedTexts(page, WITH_KESTREL);
      // Hover "Elon Musk" for its card: the bundled pack's entity, with the Kestrel pack's as the other meaning.
      const box = (await page.evaluate(`(() => { const p = [...document.querySelectorAll('p')][2]; const r = document.createRange();
        r.setStart(p.firstChild, 0); r.setEnd(p.firstChild, 9); const b = r.getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; })()`)) as { x: number; y: number };
      await page.mouse.move(box.x, box.y);
      const inCard = (expr: string) => `(() => { const h = document.querySelector('backstory-card'); const c = h && h.shadowRoot.querySelector('.card:not(.placing)'); return c && ${expr}; })()`;
      await page.waitForFunction(inCard(`c.querySelector('.alternatives button')`), { polling: 50, timeout: 10_000 });
      expect(await page.evaluate(inCard(`c.querySelector('.summary').textContent`))).not.toContain('made-up');
      expect(await page.evaluate(inCard(`c.querySelector('.alternatives button').textContent`))).toBe('Elon Musk (Kestrel harbour strike, revised (test fixture))');
      await page.evaluate(inCard(`c.querySelector('.alternatives button').click()`));
      await page.waitForFunction(inCard(`c.querySelector('.summary').textContent.includes('made-up story')`), { polling: 50, timeout: 5_000 });
      await page.evaluate(inCard(`c.querySelector('.back').click()`));
      await page.waitForFunction(inCard(`!c.querySelector('.summary').textContent.includes('made-up')`), { polling: 50, timeout: 5_000 });
      await page.close();
    });

    it('a pack for another story (examples/) highlights what the command line finds on a page about it', async () => {
      ctx().server.route('/openai-article.html', readFileSync(openaiArticle, 'utf8'));
      const bundled = JSON.parse(readFileSync(join(ROOT, 'assets/packs/musk-iran-2024.json'), 'utf8')) as Pack;
      const { out } = await scan([openaiArticle], [bundled, JSON.parse(openaiPack) as Pack], true);
      // Every mention, by entity (`packId:entityId`) with its count, as the command line finds them.
      const expected: Record<string, number> = {};
      for (const m of (JSON.parse(out[0]!) as { mentions: { entity: string }[] }).mentions) expected[m.entity] = (expected[m.entity] ?? 0) + 1;
      expect(Object.keys(expected).length).toBeGreaterThanOrEqual(20);
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li');
      await chooseFile(options, openaiPack);
      await options.waitForSelector('#packs li[data-pack="openai-board-2023"]', { timeout: 10_000 });
      const page = await ctx().openPage('openai-article.html');
      // What the page found, whether painted yet or not (only mentions near the screen are painted):
      // asked the way the popup asks.
      const found = `(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        // (Chromium hides tab addresses without the tabs permission: find the tab by what it shows.)
        for (const tab of await api.tabs.query({})) {
          const info = await Promise.race([
            api.tabs.sendMessage(tab.id, { type: 'backstory/page-info' }, { frameId: 0 }).catch(() => null),
            new Promise((resolve) => setTimeout(() => resolve(null), 500)),
          ]);
          if (info && info.entities.some((e) => e.key.startsWith('openai-board-2023:'))) return Object.fromEntries(info.entities.map((e) => [e.key, e.count]));
        }
        return {};
      })()`;
      const deadline = Date.now() + 10_000;
      let shown: Record<string, number> = {};
      while (Date.now() < deadline) {
        shown = (await options.evaluate(found)) as Record<string, number>;
        if (JSON.stringify(Object.entries(shown).sort()) === JSON.stringify(Object.entries(expected).sort())) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(shown).toEqual(expected);
      // (Chromium's headless background tabs do not render, so nothing in them can be clicked.)
      await options.bringToFront();
      await options.click('#packs li[data-pack="openai-board-2023"] button[aria-label^="Remove"]');
      await options.waitForFunction(`!document.querySelector('#packs li[data-pack="openai-board-2023"]')`, { polling: 50, timeout: 10_000 });
      await options.close();
      await page.close();
    });

    it('switching a pack off, exporting it and removing it', async () => {
      const page = await ctx().openPage('imported.html');
      await waitForHighlightedTexts(page, WITH_KESTREL);
      const options = await ctx().ext.openExtensionPage('options.html', '#packs li[data-pack="kestrel-harbour"]');
      await options.click('#packs li[data-pack="kestrel-harbour"] .pack-use');
      await waitForHighlightedTexts(page, BUNDLED_ONLY);
      await options.click('#packs li[data-pack="kestrel-harbour"] .pack-use');
      await waitForHighlightedTexts(page, WITH_KESTREL);

      // Export: the file offered is the pack as imported.
      // The blob is caught as it is made (the page's CSP rightly forbids fetching it back in
      // Firefox), and the download as it is clicked. Wrapped in void: evaluate would otherwise
      // wait for the promise it is given.
      await options.evaluate(`void (window.__exported = new Promise((resolve) => {
        let blob = null;
        const make = URL.createObjectURL;
        URL.createObjectURL = (b) => { blob = b; return make(b); };
        HTMLAnchorElement.prototype.click = function () { const name = this.download; blob.text().then((text) => resolve({ name, text })); };
      }))`);
      await options.click('#packs li[data-pack="kestrel-harbour"] button[aria-label^="Export"]');
      const exported = (await options.evaluate('window.__exported')) as { name: string; text: string };
      expect(exported.name).toBe('kestrel-harbour-1.1.0.json');
      expect(exported.text).toBe(newer);

      await options.click('#packs li[data-pack="kestrel-harbour"] button[aria-label^="Remove"]');
      await options.waitForFunction(`document.querySelectorAll('#packs li').length === 1`, { polling: 50, timeout: 10_000 });
      await waitForHighlightedTexts(page, BUNDLED_ONLY);
      expect((await storedKeys(options)).filter((k) => k.startsWith('index') || k.startsWith('pack:'))).toEqual([]);
      await options.close();
      await page.close();
    });
  });
}
