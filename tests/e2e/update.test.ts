/**
 * After the extension is reloaded under an open tab (what an update does), the old content script
 * must not leave its highlights, styles or card behind. Chrome leaves it running, cut off: it notices
 * within seconds and cleans up (the tab shows nothing until reloaded). Firefox tears it down and
 * injects the new one, which clears the leftovers and paints afresh: one set of highlights, not two.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, highlightTotal, useBrowser } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const name of BROWSERS) {
  describe(`an update under an open tab in ${name}`, () => {
    const ctx = useBrowser(name);

    it('leaves no stale highlights or styles', async () => {
      const page = await ctx().openPage('card.html');
      await page.bringToFront();
      await page.waitForFunction(`(() => { let n = 0; for (const [k, h] of CSS.highlights) if (k.startsWith('backstory-')) n += h.size; return n >= 5; })()`, { polling: 50, timeout: 10_000 });
      const before = await highlightTotal(page);
      const sheetsBefore = (await page.evaluate('document.adoptedStyleSheets.length')) as number;
      const ext = await ctx().ext.openExtensionPage('popup.html', '#enabled');
      await ext.evaluate('(globalThis.browser ?? globalThis.chrome).runtime.reload()').catch(() => undefined);
      // Chromium paints only the front tab. (Firefox closes the reloaded add-on's own pages, and its
      // driver then refuses to switch tabs; it paints background tabs anyway.)
      if (name === 'chromium') await page.bringToFront();
      await sleep(7_000);
      const after = await highlightTotal(page);
      const sheetsAfter = (await page.evaluate('document.adoptedStyleSheets.length')) as number;
      if (name === 'chromium') {
        expect(after).toBe(0);
        expect(sheetsAfter).toBe(sheetsBefore - 1);
      } else {
        expect(after).toBeLessThanOrEqual(before);
        expect(sheetsAfter).toBeLessThanOrEqual(sheetsBefore);
      }
      expect(await page.evaluate(`document.querySelectorAll('style[data-backstory-ui], backstory-card').length`)).toBe(0);
      await page.close();
    }, 30_000);
  });
}
