/**
 * The foundation's end-to-end path, in real Chromium and real Firefox ESR: the content script
 * paints on a localhost page, the popup's switch clears and restores highlights in an open tab
 * without a reload, and the extension pages load cleanly.
 */
import { describe, expect, it } from 'vitest';
import { gotoExtensionPage } from '../../build/browsers';
import { BROWSERS, collectErrors, highlightTotal, serializeDom, useBrowser, waitForHighlightTotal } from './harness';

/** basic.html: Elon Musk, Iran, Donald Trump, Hezbollah, Hamas; none of the copies in form fields, code or the editor. */
const VISIBLE_MENTIONS = 5;

for (const name of BROWSERS) {
  describe(name, () => {
    const ctx = useBrowser(name);

    it('paints highlights on a localhost page, and none inside editors, forms or code', async () => {
      const page = await ctx().openPage('basic.html');
      await waitForHighlightTotal(page, VISIBLE_MENTIONS);
      expect(await highlightTotal(page)).toBe(VISIBLE_MENTIONS);
      await page.close();
    });

    it("the popup's switch clears highlights from every open tab and brings them back, without a reload", async () => {
      const pages = [await ctx().openPage('basic.html'), await ctx().openPage('basic.html?second')];
      for (const page of pages) {
        await page.bringToFront();
        await waitForHighlightTotal(page, VISIBLE_MENTIONS);
      }
      const domBefore = await Promise.all(pages.map(serializeDom));
      for (const page of pages) await page.evaluate(() => { (window as unknown as { marker: number }).marker = 1; });

      const popup = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      expect(await popup.$eval('#enabled', (el) => (el as HTMLInputElement).checked)).toBe(true);
      await popup.click('#enabled');
      for (const [i, page] of pages.entries()) {
        await waitForHighlightTotal(page, 0);
        // Nothing of Backstory's is left in the page, and the page was not reloaded.
        expect(await serializeDom(page)).toBe(domBefore[i]!.replace(/<style>::highlight\(backstory[\s\S]*?<\/style>/, ''));
        expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      }

      await popup.bringToFront();
      await popup.click('#enabled');
      // Mentions are painted while near the viewport, which a background tab has not got: each
      // tab paints when it is shown.
      for (const page of pages) {
        await page.bringToFront();
        await waitForHighlightTotal(page, VISIBLE_MENTIONS);
      }
      expect(await popup.$eval('#enabled', (el) => (el as HTMLInputElement).checked)).toBe(true);
      await popup.close();
      for (const page of pages) await page.close();
    });

    it('a tab opened while switched off stays unpainted until switched on', async () => {
      const popup = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      await popup.click('#enabled');
      await popup.waitForFunction(() => !(document.querySelector('#enabled') as HTMLInputElement).checked);
      const page = await ctx().openPage('basic.html');
      // Give the content script time to run; it must paint nothing.
      await new Promise((r) => setTimeout(r, 500));
      expect(await highlightTotal(page)).toBe(0);
      // A background tab is throttled in Chromium: bring the popup forward before clicking in it.
      await popup.bringToFront();
      await popup.click('#enabled');
      await page.bringToFront();
      await waitForHighlightTotal(page, VISIBLE_MENTIONS);
      await popup.close();
      await page.close();
    });

    it.each(['popup.html', 'options.html'])('%s loads with its strings and no console errors', async (path) => {
      const page = await ctx().ext.browser.newPage();
      const errors = collectErrors(page, ctx().ext);
      if (name === 'chromium') await page.goto(ctx().ext.extensionBase + path);
      else await gotoExtensionPage(page, ctx().ext.extensionBase + path, '#enabled');
      await page.waitForFunction(() => !!document.querySelector('#enabled') && !document.title.startsWith('__MSG'), { timeout: 10_000 });
      // Localised text is filled in from _locales, not left as keys.
      const label = await page.$eval('label.switch span', (el) => el.textContent);
      expect(label).toBe('Highlight names on pages');
      await new Promise((r) => setTimeout(r, 300));
      expect(errors()).toEqual([]);
      await page.close();
    });

    it('reports an error thrown in an extension page (the check above can fail)', async () => {
      const page = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      const errors = collectErrors(page, ctx().ext);
      await page.evaluate(() => { setTimeout(() => { throw new Error('deliberate failure'); }); });
      await new Promise((r) => setTimeout(r, 500));
      expect(errors().join('\n')).toMatch(/deliberate failure/);
      await page.close();
    });
  });
}
