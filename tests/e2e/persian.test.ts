/**
 * The Persian UI in real browsers: the options page and the popup are Persian and right to left,
 * and the hover card's chrome is too while an English pack's text stays English, left to right.
 * (tests/dom/rtl.test.ts checks the same parts in happy-dom.)
 *
 * How each browser is put in Persian:
 * - Chromium: `--lang=fa`. On Linux that picks the extension's fa messages although
 *   i18n.getUILanguage() still says "en-US" and `@@bidi_dir` "ltr" (the browser's own locale comes
 *   from LANGUAGE and needs Debian's chromium-l10n); Backstory takes its language and direction from
 *   the messages in use (src/platform/i18n.ts), so this is all it needs.
 * - Firefox: the pref intl.locale.requested = "fa", which takes only with Firefox's Persian
 *   language pack installed (Debian: firefox-esr-l10n-fa, which .ci/run installs).
 *
 * Launches its own browsers (the test build, for the card's open shadow root) with those settings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DIST, ROOT } from '../../build/build';
import { launch, type LaunchedBrowser } from '../../build/browsers';
import { BACKSTORY_LIVE_RANGES } from '../../build/page-snippets';
import { serveStatic, type StaticServer } from '../../build/serve';
import { BROWSERS } from './harness';

const LANGPACK_HINT = 'Firefox showed English: intl.locale.requested=fa needs its Persian language pack (Debian: apt-get install firefox-esr-l10n-fa).';

interface PageSeen { lang: string; dir: string; direction: string; heading: string; mirrored: boolean }

/** The page's language and direction, its heading, and whether the header bar is laid out right to left. */
function pageSeen(page: Page, heading: string): Promise<PageSeen> {
  return page.evaluate(`(() => {
    const img = document.querySelector('.bar img').getBoundingClientRect();
    const h1 = document.querySelector('.bar h1').getBoundingClientRect();
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      heading: document.querySelector(${JSON.stringify(heading)}).textContent,
      mirrored: img.left > h1.right,
    };
  })()`) as Promise<PageSeen>;
}

/** Waits for a highlight of `text`, moves the pointer onto it, and waits until its card is open and placed. */
async function hoverUntilCard(page: Page, text: string): Promise<void> {
  const found = `${BACKSTORY_LIVE_RANGES}.find((r) => r.toString() === ${JSON.stringify(text)})`;
  await page.waitForFunction(`!!${found}`, { polling: 50, timeout: 10_000 });
  const point = (await page.evaluate(`(() => {
    const box = ${found}.getClientRects()[0];
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  })()`)) as { x: number; y: number };
  await page.mouse.move(5, 5);
  await page.mouse.move(point.x, point.y);
  await page.waitForFunction(`(() => {
    const root = document.querySelector('backstory-card')?.shadowRoot?.querySelector('.card');
    return !!root && !root.classList.contains('placing') && !!root.querySelector('.footer');
  })()`, { polling: 50, timeout: 10_000 });
}

for (const name of BROWSERS) {
  describe(name, () => {
    let ext: LaunchedBrowser;
    let server: StaticServer;
    const hint = name === 'firefox' ? LANGPACK_HINT : 'Chromium did not pick the fa messages with --lang=fa.';

    beforeAll(async () => {
      server = await serveStatic(join(ROOT, 'tests/fixtures/pages'));
      ext = await launch(name, {
        extensionPath: join(DIST, 'test', name === 'chromium' ? 'chrome' : 'firefox'),
        headless: true,
        ...(name === 'chromium' ? { args: ['--lang=fa'] } : { firefoxPrefs: { 'intl.locale.requested': 'fa' } }),
      });
    });
    afterAll(async () => {
      await ext?.close();
      await server?.close();
    });

    it('shows the options page in Persian, right to left', async () => {
      const page = await ext.openExtensionPage('options.html', '#enabled');
      await page.waitForFunction(`document.documentElement.dir !== ''`, { timeout: 10_000 });
      const seen = await pageSeen(page, 'h1');
      expect(seen.lang, hint).toBe('fa');
      expect(seen).toEqual({ lang: 'fa', dir: 'rtl', direction: 'rtl', heading: 'تنظیمات Backstory', mirrored: true });
      expect(await page.$eval('#hover-delay-hint', (el) => el.textContent)).toContain('۲۰۰۰');
      await page.close();
    });

    it('shows the popup in Persian, right to left', async () => {
      const page = await ext.openExtensionPage('popup.html', '#enabled');
      await page.waitForFunction(`document.documentElement.dir !== ''`, { timeout: 10_000 });
      const seen = await pageSeen(page, 'label.switch span');
      expect(seen.lang, hint).toBe('fa');
      expect(seen).toEqual({ lang: 'fa', dir: 'rtl', direction: 'rtl', heading: 'برجسته کردن نام‌ها در صفحه‌ها', mirrored: true });
      await page.close();
    });

    it('opens a card whose chrome is Persian and right to left, with the English pack’s text left to right', async () => {
      const page = await ext.browser.newPage();
      await page.goto(server.origin + 'basic.html', { waitUntil: 'load' });
      await page.bringToFront();
      await hoverUntilCard(page, 'Iran');
      const seen = await page.evaluate(`(() => {
        const root = document.querySelector('backstory-card').shadowRoot.querySelector('.card');
        const part = (sel) => {
          const el = root.querySelector(sel);
          return [el.lang, el.dir, getComputedStyle(el).direction];
        };
        const type = root.querySelector('.type').getBoundingClientRect();
        const close = root.querySelector('.close').getBoundingClientRect();
        return {
          card: [root.lang, root.dir, getComputedStyle(root).direction],
          name: root.querySelector('.name').textContent,
          type: root.querySelector('.type').textContent,
          close: root.querySelector('.close').textContent,
          // The header mirrors: the type label at the right, the buttons at the left.
          mirrored: type.left > close.right,
          parts: ['.name', '.summary', '.facts', '.sources', ':scope > .related .related-entity span'].map(part),
        };
      })()`);
      expect(seen).toEqual({
        card: ['fa', 'rtl', 'rtl'],
        name: 'Iran',
        type: 'مکان',
        close: 'بستن',
        mirrored: true,
        parts: Array(5).fill(['en', 'ltr', 'ltr']),
      });
      await page.close();
    });

    it('highlights the names of a Persian news page as its golden file records, and opens their cards, in English', async () => {
      // A page of the real-page corpus: Persian spellings, ZWNJs present and missing, titles before names.
      const real = join(ROOT, 'tests/fixtures/real');
      server.route('/fa-meeting.html', readFileSync(join(real, 'fa--meeting-report.html'), 'utf8'));
      const golden = JSON.parse(readFileSync(join(real, 'fa--meeting-report.golden.json'), 'utf8')) as { correct: { text: string }[]; falseHits: { text: string }[] };
      const expected = [...golden.correct, ...golden.falseHits].map((m) => m.text).sort();
      const page = await ext.browser.newPage();
      await page.goto(server.origin + 'fa-meeting.html', { waitUntil: 'load' });
      await page.bringToFront();
      // Every mention the tab shows, near the viewport or not, from the test build's hook.
      const shown = async () => ((JSON.parse(await page.evaluate(() => new Promise<string>((resolve) => {
        document.addEventListener('backstory-test-mentions', (e) => resolve((e as CustomEvent<string>).detail), { once: true });
        document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: 'mentions' }));
      }))) as { text: string }[]).map((m) => m.text).sort());
      let seen: string[] = [];
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        seen = await shown();
        if (seen.length >= expected.length) break;
      }
      expect(seen).toEqual(expected);
      await hoverUntilCard(page, 'ایلان ماسک');
      const card = await page.evaluate(`(() => {
        const root = document.querySelector('backstory-card').shadowRoot.querySelector('.card');
        const name = root.querySelector('.name');
        return { name: name.textContent, lang: name.lang, dir: name.dir };
      })()`);
      expect(card).toEqual({ name: 'Elon Musk', lang: 'en', dir: 'ltr' });
      await page.close();
    });
  });
}
