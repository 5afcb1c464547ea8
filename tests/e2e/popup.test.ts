/**
 * The popup in real Chromium and Firefox. Puppeteer cannot click the toolbar button, so the popup
 * is opened as a page and told which tab it is about (`popup.html?tab=<id>`), the tab id being
 * found from the popup itself, the way the extension finds it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../build/build';
import { ANNOTATED_TAB_ID } from '../../build/page-snippets';
import { BROWSERS, highlightTotal, highlightedTexts, useBrowser, waitForHighlightTotal } from './harness';

const axeSource = readFileSync(createRequire(join(ROOT, 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on `page` (an extension page). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.help))`)) as string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


async function openPopupFor(ctx: () => { ext: { openExtensionPage(path: string, sel: string): Promise<Page> } }): Promise<{ popup: Page; tabId: number }> {
  const finder = await ctx().ext.openExtensionPage('popup.html', '#enabled');
  const tabId = (await finder.evaluate(ANNOTATED_TAB_ID)) as number | null;
  await finder.close();
  if (tabId === null) throw new Error('no tab answers for 127.0.0.1');
  const popup = await ctx().ext.openExtensionPage(`popup.html?tab=${tabId}`, '#enabled');
  await popup.waitForFunction(`document.querySelectorAll('#entities button').length > 0`, { polling: 50, timeout: 10_000 });
  return { popup, tabId };
}

function entitiesShown(popup: Page): Promise<{ group: string; name: string; count: number }[]> {
  return popup.evaluate(`[...document.querySelectorAll('#entities ul')].flatMap((ul) => [...ul.querySelectorAll('button')].map((b) => ({
    group: ul.previousElementSibling.textContent, name: b.firstChild.textContent, count: Number(b.lastChild.textContent) })))`) as Promise<{ group: string; name: string; count: number }[]>;
}

for (const name of BROWSERS) {
  describe(`the popup in ${name}`, () => {
    const ctx = useBrowser(name, { variant: 'test' });

    async function openFixture(): Promise<Page> {
      const page = await ctx().openPage('card.html');
      await page.bringToFront();
      await page.waitForFunction(`(() => { let n = 0; for (const [k, h] of CSS.highlights) if (k.startsWith('backstory-')) n += h.size; return n >= 5; })()`, { polling: 50, timeout: 10_000 });
      return page;
    }

    it('lists the entities of the tab by type with their mention counts, and the badge counts them', async () => {
      const page = await openFixture();
      const { popup, tabId } = await openPopupFor(ctx);
      const shown = await entitiesShown(popup);
      expect(shown).toEqual(expect.arrayContaining([
        { group: 'People', name: 'Elon Musk', count: 1 },
        { group: 'People', name: 'Donald Trump', count: 1 },
        { group: 'Organisations', name: 'Center for International Policy', count: 1 },
      ]));
      // Groups in a fixed order, each entity once.
      expect(new Set(shown.map((e) => e.name)).size).toBe(shown.length);
      const badge = (await popup.evaluate(`(globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId: ${tabId} })`)) as string;
      expect(Number(badge)).toBe(shown.length);
      // The tab says it has read its page, so the popup stops asking.
      const answer = (await popup.evaluate(`(globalThis.browser ?? globalThis.chrome).tabs.sendMessage(${tabId}, { type: 'backstory/page-info' }, { frameId: 0 })`)) as { reading?: boolean };
      expect(answer.reading).toBe(false);
      await popup.close();
      await page.close();
    });

    it('choosing an entity scrolls the tab to it and opens its card', async () => {
      const page = await openFixture();
      const { popup } = await openPopupFor(ctx);
      // The popup closes itself after the click (as a real popup does once the card is asked for).
      await popup.evaluate(`setTimeout(() => [...document.querySelectorAll('#entities button')].find((b) => b.firstChild.textContent === 'Hezbollah').click(), 0)`);
      await sleep(300);
      await page.waitForFunction(`(() => { const h = document.querySelector('backstory-card'); const n = h && h.shadowRoot.querySelector('.card:not(.placing) .name'); return n && n.textContent === 'Hezbollah'; })()`, { polling: 50, timeout: 5_000 });
      if (!popup.isClosed()) await popup.close().catch(() => undefined);
      await page.close();
    });

    it('the site switch pauses and resumes the site at once', async () => {
      const page = await openFixture();
      const { popup } = await openPopupFor(ctx);
      expect(await popup.$eval('#site-enabled', (el) => (el as HTMLInputElement).checked)).toBe(true);
      expect(await popup.$eval('#site-label', (el) => el.textContent)).toContain('127.0.0.1');
      await popup.click('#site-enabled');
      await page.waitForFunction(`(() => { for (const [k, h] of CSS.highlights) if (k.startsWith('backstory-') && h.size > 0) return false; return true; })()`, { polling: 50, timeout: 5_000 });
      await popup.click('#site-enabled');
      await page.bringToFront();
      const deadline = Date.now() + 5_000;
      while ((await highlightedTexts(page)).length === 0 && Date.now() < deadline) await sleep(50);
      expect(await highlightedTexts(page)).toContain('Elon Musk');
      await popup.close();
      await page.close();
    });

    it('finds any entity of the packs by name or alias, and shows its card in the popup', async () => {
      const page = await openFixture();
      const { popup } = await openPopupFor(ctx);
      await popup.type('#search', 'qassim');
      await popup.waitForFunction(`[...document.querySelectorAll('#results button')].some((b) => b.firstChild.textContent === 'Qasem Soleimani')`, { polling: 50, timeout: 5_000 });
      await popup.evaluate(`[...document.querySelectorAll('#results button')].find((b) => b.firstChild.textContent === 'Qasem Soleimani').click()`);
      await popup.waitForFunction(`(() => { const v = document.querySelector('#card-view'); const n = !v.hidden && v.shadowRoot && v.shadowRoot.querySelector('.name'); return n && n.textContent === 'Qasem Soleimani'; })()`, { polling: 50, timeout: 5_000 });
      // The card's related entities open in place, with Back.
      await popup.evaluate(`document.querySelector('#card-view').shadowRoot.querySelector('.related-entity').click()`);
      await popup.waitForFunction(`!!document.querySelector('#card-view').shadowRoot.querySelector('.back')`, { polling: 50, timeout: 5_000 });
      await popup.evaluate(`document.querySelector('#card-view').shadowRoot.querySelector('.back').click()`);
      await popup.waitForFunction(`document.querySelector('#card-view').shadowRoot.querySelector('.name').textContent === 'Qasem Soleimani'`, { polling: 50, timeout: 5_000 });
      await popup.close();
      await page.close();
    });

    it('the options page’s kinds of names and mention mode apply live to open tabs', async () => {
      const page = await openFixture();
      const options = await ctx().ext.openExtensionPage('options.html', '#type-person');
      expect(await options.$eval('#type-person', (el) => (el as HTMLInputElement).checked)).toBe(true);
      await options.click('#type-person');
      await page.bringToFront();
      const until = async (check: (texts: string[]) => boolean) => {
        const deadline = Date.now() + 5_000;
        let texts = await highlightedTexts(page);
        while (!check(texts) && Date.now() < deadline) {
          await sleep(50);
          texts = await highlightedTexts(page);
        }
        return texts;
      };
      let texts = await until((t) => !t.includes('Elon Musk'));
      expect(texts).not.toContain('Elon Musk');
      expect(texts).toContain('Center for International Policy');
      await options.bringToFront();
      await options.click('#type-person');
      await page.bringToFront();
      texts = await until((t) => t.includes('Elon Musk'));
      expect(texts).toContain('Elon Musk');
      // First mention only: on a page naming the same people 300 times, each is painted once.
      const long = await ctx().openPage('long.html');
      await long.bringToFront();
      await long.waitForFunction(`(() => { let n = 0; for (const [k, h] of CSS.highlights) if (k.startsWith('backstory-')) n += h.size; return n > 10; })()`, { polling: 50, timeout: 10_000 });
      await options.bringToFront();
      await options.click('#mode-first');
      await long.bringToFront();
      const deadline = Date.now() + 5_000;
      let firsts = await highlightedTexts(long);
      while (firsts.filter((t) => t === 'Elon Musk').length !== 1 && Date.now() < deadline) {
        await sleep(50);
        firsts = await highlightedTexts(long);
      }
      expect(firsts.filter((t) => t === 'Elon Musk')).toHaveLength(1);
      await options.bringToFront();
      await options.click('#mode-all');
      await options.close();
      await long.close();
      await page.close();
    });

    it('the options page’s highlight style applies live: an underline, or nothing until Alt is held', async () => {
      const page = await openFixture();
      const total = await highlightTotal(page);
      const options = await ctx().ext.openExtensionPage('options.html', '#highlight-style');
      const choose = (value: string) => options.$eval('#highlight-style', (el, v) => {
        (el as HTMLSelectElement).value = v;
        el.dispatchEvent(new Event('change'));
      }, value);
      const ruleText = `[...document.adoptedStyleSheets, ...[...document.querySelectorAll('style')].map((s) => s.sheet)]
        .flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).filter((t) => t.includes('backstory-')).join(' ')`;
      await choose('underline');
      await page.bringToFront();
      await page.waitForFunction(`${ruleText}.includes('underline')`, { polling: 50, timeout: 5_000 });
      expect(await highlightTotal(page)).toBe(total);

      await options.bringToFront();
      await choose('modifier');
      await page.bringToFront();
      await waitForHighlightTotal(page, 0, 5_000);
      expect(await page.evaluate(`${ruleText}.includes('background-color')`)).toBe(true);
      await page.keyboard.down('Alt');
      await waitForHighlightTotal(page, total, 5_000);
      await page.keyboard.up('Alt');
      await waitForHighlightTotal(page, 0, 5_000);

      await options.bringToFront();
      await choose('background');
      await page.bringToFront();
      await waitForHighlightTotal(page, total, 5_000);
      await options.close();
      await page.close();
    });

    it('the popup, with its list and a card, and the options page have no serious or critical accessibility violations', async () => {
      const page = await openFixture();
      const { popup } = await openPopupFor(ctx);
      await popup.type('#search', 'toossi');
      await popup.waitForFunction(`document.querySelectorAll('#results button').length > 0`, { polling: 50, timeout: 5_000 });
      await popup.evaluate(`document.querySelector('#results button').click()`);
      await popup.waitForFunction(`!document.querySelector('#card-view').hidden`, { polling: 50, timeout: 5_000 });
      expect(await axeProblems(popup)).toEqual([]);
      await popup.close();
      const options = await ctx().ext.openExtensionPage('options.html', '#type-person');
      expect(await axeProblems(options)).toEqual([]);
      await options.close();
      await page.close();
    });

    it('says plainly when it cannot read the tab', async () => {
      const blank = await ctx().ext.browser.newPage();
      const finder = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      // A tab without Backstory's content script: none answers there.
      const tabId = (await finder.evaluate(`(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        for (const tab of await api.tabs.query({})) {
          try { await api.tabs.sendMessage(tab.id, { type: 'backstory/page-info' }, { frameId: 0 }); } catch { return tab.id; }
        }
        return null;
      })()`)) as number | null;
      await finder.close();
      expect(tabId).not.toBeNull();
      const popup = await ctx().ext.openExtensionPage(`popup.html?tab=${tabId!}`, '#enabled');
      await popup.waitForFunction(`!document.querySelector('#unavailable').hidden`, { polling: 50, timeout: 5_000 });
      expect(await popup.$eval('#unavailable', (el) => el.textContent)).toMatch(/cannot read this tab/);
      expect(await popup.$eval('#page', (el) => (el as HTMLElement).hidden)).toBe(true);
      await popup.close();
      await blank.close();
    });
  });
}
