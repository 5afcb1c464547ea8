/**
 * The real-page corpus in real browsers (tests/fixtures/real; README.md there): on a sample of its
 * pages, served with `Content-Security-Policy: script-src 'none'` so that nothing of the page's
 * own runs, Backstory in Chromium and Firefox ESR
 * - shows exactly the golden file's correct mentions and known false hits (read through the test
 *   build's hook, near the viewport or not), which the Node test checks on every page;
 * - changes nothing of the page's DOM;
 * - logs no console error that does not also appear without it;
 * - asks the network for nothing: the page's requests are the same with Backstory off and on.
 * Each page is loaded once with Backstory switched off, then once with it on.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_DIR, readGolden, type Mention } from '../../build/corpus/golden';
import { BROWSERS, collectErrors, routeFavicon, serializeDom, setEnabled, stateOf, useBrowser } from './harness';

/**
 * The sample: the pages with the most mentions and false hits, the story page and the traps
 * written here, pages in French and Japanese, the largest page (4,000 elements, no name), and Persian
 * pages (one with Arabic letters and no joiners, one trap) and the Arabic trap.
 */
const SAMPLE = [
  'written--story-meeting.html', 'www.nytimes.com--recent.html', 'nymag.com.html', 'www.cnn.com.html',
  'www.huffingtonpost.com.html', 'abcnews.go.com.html', 'www.bloomberg.com.html', 'www.vox.com.html',
  'www.buzzfeed.com--splash.html', 'www.westernjournalism.com.html', 'www.prospectmagazine.co.uk.html',
  'www.rawstory.com.html', 'www.nbcnews.com.html', 'deadline.com.html', 'www.theverge.com.html',
  'www.engadget.com.html', 'www.reddit.com--embedded.html', 'www.lemonde.fr.html', 'ici.radio-canada.ca.html',
  'written--dogecoin-musk.html', 'written--pump-pressure.html', 'written--other-countries.html',
  'www.reddit.com.html', 'japan.cnet.com.html',
  'fa--denial-yeh.html', 'fa--dari-afghan.html', 'fa--trap-mask.html', 'ar--trap.html',
];

const CSP = { 'content-security-policy': "script-src 'none'" };

/** Every mention the tab shows, from the test build's hook, in the golden files' terms, in page order. */
async function shown(page: Page): Promise<Mention[]> {
  const json = await page.evaluate(() => new Promise<string>((resolve) => {
    document.addEventListener('backstory-test-mentions', (e) => resolve((e as CustomEvent<string>).detail), { once: true });
    document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: 'mentions' }));
  }));
  return sorted((JSON.parse(json) as Mention[]).map(({ entity, text, start, end }) => ({ entity: entity.slice(entity.indexOf(':') + 1), text, start, end })));
}

function sorted(list: Mention[]): Mention[] {
  return [...list].sort((a, b) => a.start - b.start || a.end - b.end || a.entity.localeCompare(b.entity));
}

/** What the golden file says Backstory shows on `page`: its correct mentions and its known false hits. */
function expected(page: string): Mention[] {
  const golden = readGolden(page);
  if (!golden) throw new Error(`${page} has no golden file`);
  return sorted([...golden.correct, ...golden.falseHits].map(({ entity, text, start, end }) => ({ entity, text, start, end })));
}

/** The fallback <style> Firefox content scripts add (content/highlight-style.ts): Backstory's one node, marked as its own. */
const OWN_STYLE = /<style data-backstory-ui="">[\s\S]*?<\/style>/;

for (const name of BROWSERS) {
  describe(name, () => {
    const ctx = useBrowser(name, { variant: 'test' });

    it(`shows the golden mentions on ${SAMPLE.length} real pages under a strict CSP, and changes, logs and asks for nothing`, async () => {
      const c = ctx();
      for (const page of SAMPLE) c.server.route(`/real/${page}`, readFileSync(join(REAL_DIR, page), 'utf8'), CSP);
      routeFavicon(c.server);
      // The browser asks for /favicon.ico of its own accord, once per origin or so: not the page's, nor Backstory's.
      const requestsOf = (from: number): string[] => c.network.toFixture().slice(from)
        .map((r) => `${r.method} ${new URL(r.url, c.server.origin).pathname}`).filter((r) => r !== 'GET /favicon.ico').sort();

      // Without Backstory: what each page is, logs and asks for on its own.
      await setEnabled(c, false);
      const without = new Map<string, { dom: string; errors: string[]; requests: string[] }>();
      for (const page of SAMPLE) {
        const from = c.network.toFixture().length;
        const tab = await c.ext.browser.newPage();
        const errors = collectErrors(tab, c.ext);
        await tab.goto(`${c.server.origin}real/${page}`, { waitUntil: 'load' });
        without.set(page, { dom: await serializeDom(tab), errors: errors(), requests: requestsOf(from) });
        await tab.close();
      }

      await setEnabled(c, true);
      for (const page of SAMPLE) {
        const want = expected(page);
        const from = c.network.toFixture().length;
        const tab = await c.ext.browser.newPage();
        const errors = collectErrors(tab, c.ext);
        await tab.goto(`${c.server.origin}real/${page}`, { waitUntil: 'load' });
        // Until Backstory has settled (ruled the page out, or painted it) and shows what the golden file says.
        let last: Mention[] = [];
        let state = '';
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          state = await stateOf(tab);
          last = await shown(tab);
          if ((state === 'dormant' || state === 'painted') && JSON.stringify(last) === JSON.stringify(want)) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect({ page, state }).toEqual({ page, state: want.length === 0 ? state : 'painted' });
        expect({ page, mentions: last }).toEqual({ page, mentions: want });
        const off = without.get(page)!;
        expect({ page, dom: (await serializeDom(tab)).replace(OWN_STYLE, '') }).toEqual({ page, dom: off.dom });
        await tab.close();
        // Nothing appears with Backstory that did not appear without it.
        expect({ page, errors: errors().filter((e) => !off.errors.includes(e)) }).toEqual({ page, errors: [] });
        expect({ page, requests: requestsOf(from) }).toEqual({ page, requests: off.requests });
      }
    });
  });
}
