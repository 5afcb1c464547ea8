/**
 * The recognition engine in real browsers: what is highlighted on fixture pages, how it follows a
 * changing page, frames and shadow roots, and that switching off restores the DOM byte for byte.
 */
import { describe, expect, it } from 'vitest';
import {
  BROWSERS, countsByType, highlightedTexts, serializeDom, setEnabled, useBrowser, waitForHighlightTotal,
  waitForHighlightedTexts,
} from './harness';

for (const name of BROWSERS) {
  describe(name, () => {
    const ctx = useBrowser(name);

    it('highlights each name once even when split across inline elements, by type', async () => {
      const page = await ctx().openPage('basic.html');
      await waitForHighlightTotal(page, 5);
      expect(await highlightedTexts(page)).toEqual(['Donald Trump', 'Elon Musk', 'Hamas', 'Hezbollah', 'Iran']);
      expect(await countsByType(page)).toEqual({ person: 2, organization: 2, place: 1 });
      await page.close();
    });

    it('picks up added text, edited text and removed text', async () => {
      const page = await ctx().openPage('basic.html');
      await waitForHighlightTotal(page, 5);
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'Volodymyr Zelenskyy thanked him.';
        document.body.append(p);
      });
      await waitForHighlightTotal(page, 6);
      expect(await highlightedTexts(page)).toContain('Volodymyr Zelenskyy');

      // An edit inside a text node: "Hamas" becomes "Qassim Soleimani".
      await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          if (t.nodeValue?.includes('and Hamas.')) t.nodeValue = t.nodeValue.replace('Hamas', 'Qassim Soleimani');
        }
      });
      await page.waitForFunction(() => [...(CSS.highlights.get('backstory-person') ?? [])].length === 4, { polling: 50, timeout: 10_000 });
      expect(await highlightedTexts(page)).toEqual(['Donald Trump', 'Elon Musk', 'Hezbollah', 'Iran', 'Qassim Soleimani', 'Volodymyr Zelenskyy']);

      // Removing a paragraph drops its mentions.
      await page.evaluate(() => document.querySelector('p:nth-of-type(2)')!.remove());
      await waitForHighlightTotal(page, 3);
      expect(await highlightedTexts(page)).toEqual(['Elon Musk', 'Iran', 'Volodymyr Zelenskyy']);
      await page.close();
    });

    it('follows a single-page app that swaps its view with the History API', async () => {
      const page = await ctx().openPage('spa.html');
      await waitForHighlightTotal(page, 3);
      expect(await highlightedTexts(page)).toEqual(['Donald Trump', 'Elon Musk', 'Iran']);
      await page.click('#next');
      await waitForHighlightedTexts(page, ['Baghdad', 'Hamas', 'Hezbollah']);
      expect(page.url()).toMatch(/\?story=2$/);
      await page.close();
    });

    it('reads open shadow roots', async () => {
      const page = await ctx().openPage('shadow.html');
      await waitForHighlightTotal(page, 4);
      expect(await highlightedTexts(page)).toEqual(['Donald Trump', 'Elon Musk', 'Hamas', 'Hezbollah']);
      await page.close();
    });

    it('annotates same-origin and cross-origin frames, each on its own', async () => {
      const page = await ctx().openPage('frames.html');
      const frames = () => page.frames().filter((f) => f !== page.mainFrame() && f.url().endsWith('basic.html'));
      await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
      const deadline = Date.now() + 15_000;
      while (frames().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(frames().map((f) => new URL(f.url()).hostname).sort()).toEqual(['127.0.0.1', 'localhost']);
      for (const frame of frames()) {
        await frame.waitForFunction(() => [...CSS.highlights].reduce((n, [k, h]) => n + (k.startsWith('backstory-') ? h.size : 0), 0) === 5, { polling: 50, timeout: 15_000 });
      }
      // The parent names nobody, so nothing is painted in it.
      expect(await countsByType(page)).toEqual({});
      await page.close();
    });

    it('paints mentions near the viewport, and the rest as they scroll into view', async () => {
      const page = await ctx().openPage('long.html');
      await page.waitForFunction(() => (CSS.highlights.get('backstory-person')?.size ?? 0) > 0, { polling: 50, timeout: 10_000 });
      const texts = await highlightedTexts(page);
      // 1,501 mentions on the page; only those within about a screen of the viewport are registered.
      expect(texts.length).toBeGreaterThan(10);
      expect(texts.length).toBeLessThan(600);
      expect(texts).not.toContain('Qassim Soleimani');
      // Last in the document but placed on screen by CSS, far from its neighbours in document order.
      await page.waitForFunction(() => {
        for (const r of CSS.highlights.get('backstory-person') ?? []) if (r.startContainer.parentElement?.id === 'aside') return true;
        return false;
      }, { polling: 50, timeout: 10_000 });
      await page.evaluate(() => document.querySelector('#last')!.scrollIntoView());
      await page.waitForFunction(() => {
        for (const r of CSS.highlights.get('backstory-person') ?? []) {
          if (r.startContainer.parentElement?.id === 'last') return true;
        }
        return false;
      }, { polling: 50, timeout: 10_000 });
      // What scrolled far out of view is no longer registered.
      const first = await page.evaluate(() => {
        const p = document.querySelector('p')!;
        for (const [name, h] of CSS.highlights) {
          if (!name.startsWith('backstory-')) continue;
          for (const r of h) if (r.startContainer.parentElement === p) return true;
        }
        return false;
      });
      expect(first).toBe(false);
      await page.close();
    });

    it('switching off leaves the DOM byte for byte as it was before switching on', async () => {
      await setEnabled(ctx(), false);
      const page = await ctx().openPage('basic.html');
      await new Promise((r) => setTimeout(r, 300));
      const pristine = await serializeDom(page);
      await setEnabled(ctx(), true);
      await waitForHighlightTotal(page, 5);
      await setEnabled(ctx(), false);
      await waitForHighlightTotal(page, 0);
      expect(await serializeDom(page)).toBe(pristine);
      await setEnabled(ctx(), true);
      await page.close();
    });
  });
}
