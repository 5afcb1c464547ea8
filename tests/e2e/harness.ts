/**
 * The real-browser harness: each e2e file launches each browser once (the machine has 2 cores and
 * a launch costs 1-4 s), serves fixture pages from loopback, and reuses both across its cases.
 *
 * Which browsers run comes from E2E_BROWSERS (set by build/test.ts after checking what is
 * installed), defaulting to both. The built extension in dist/ is used as is: build/test.ts builds
 * it first.
 */
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { launch, type BrowserName, type LaunchedBrowser } from '../../build/browsers';
import { serveStatic, type StaticServer } from '../../build/serve';
import { DIST, ROOT } from '../../build/build';

/** The browsers this run covers. */
export const BROWSERS: BrowserName[] = (process.env.E2E_BROWSERS ?? 'chromium,firefox')
  .split(',').map((s) => s.trim()).filter((s): s is BrowserName => s === 'chromium' || s === 'firefox');

export interface E2EContext {
  ext: LaunchedBrowser;
  server: StaticServer;
  /** Opens a fixture page (path under tests/fixtures/pages, or a routed path) in a new tab. */
  openPage(path: string): Promise<Page>;
}

/**
 * Registers beforeAll/afterAll hooks that launch `name` with the extension and a fixture server,
 * and returns a getter for the context (valid inside tests).
 */
export function useBrowser(name: BrowserName, options: {
  variant?: 'test';
  /** Runs before the extension is installed, e.g. to open a tab it was not there for. */
  beforeInstall?: (browser: Browser, server: StaticServer) => Promise<void>;
  firefoxPrefs?: Record<string, string | number | boolean>;
} = {}): () => E2EContext {
  let ctx: E2EContext | undefined;
  beforeAll(async () => {
    const server = await serveStatic(join(ROOT, 'tests/fixtures/pages'));
    const { beforeInstall } = options;
    const ext = await launch(name, {
      // The test variant (build/test-variant.ts) has the card's shadow root open and the commands' test hook.
      extensionPath: join(DIST, ...(options.variant === 'test' ? ['test'] : []), name === 'chromium' ? 'chrome' : 'firefox'),
      headless: true,
      ...(beforeInstall ? { beforeInstall: (browser: Browser) => beforeInstall(browser, server) } : {}),
      ...(options.firefoxPrefs ? { firefoxPrefs: options.firefoxPrefs } : {}),
    });
    ctx = {
      ext,
      server,
      async openPage(path) {
        const page = await ext.browser.newPage();
        await page.goto(server.origin + path, { waitUntil: 'load' });
        return page;
      },
    };
  });
  afterAll(async () => {
    await ctx?.ext.close();
    await ctx?.server.close();
  });
  return () => {
    if (!ctx) throw new Error('browser not launched');
    return ctx;
  };
}

/** Number of ranges in each of Backstory's highlights, read from the page (the registry is shared). */
export function highlightCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const [name, h] of CSS.highlights) if (name.startsWith('backstory')) out[name] = h.size;
    return out;
  });
}

/** Total ranges over all of Backstory's highlights. */
export async function highlightTotal(page: Page): Promise<number> {
  return Object.values(await highlightCounts(page)).reduce((a, b) => a + b, 0);
}

/** Waits until Backstory's highlights hold exactly `n` ranges (0 = none registered). */
export async function waitForHighlightTotal(page: Page, n: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction((want: number) => {
    let total = 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('backstory')) total += h.size;
    return total === want;
  }, { timeout, polling: 50 }, n);
}

/** The page's DOM as markup, to prove Backstory changed nothing. */
export function serializeDom(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

/**
 * Collects console errors and uncaught exceptions of `page` from now on; the returned function
 * lists them. Firefox's extension pages report only to the browser's own output, so those lines
 * (logged after this call) are included too.
 */
export function collectErrors(page: Page, ext: LaunchedBrowser): () => string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  const before = ext.processErrors().length;
  return () => [...errors, ...ext.processErrors().slice(before)];
}

/** Backstory's highlight ranges per type name, e.g. { person: 2 } (without the prefix). */
export async function countsByType(page: Page | Frame): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const [name, h] of CSS.highlights) if (name.startsWith('backstory-') && h.size > 0) out[name.slice(10)] = h.size;
    return out;
  });
}

/** The text of every highlighted range, sorted, to compare with what a reader should see. */
export function highlightedTexts(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('backstory-')) continue;
      for (const r of h) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push(range.toString());
      }
    }
    return out.sort();
  });
}

/** Turns Backstory on or off through the popup's switch, as a reader would. */
export async function setEnabled(ctx: E2EContext, enabled: boolean): Promise<void> {
  const popup = await ctx.ext.openExtensionPage('popup.html', '#enabled');
  const checked = await popup.$eval('#enabled', (el) => (el as HTMLInputElement).checked);
  if (checked !== enabled) await popup.click('#enabled');
  await popup.waitForFunction((want: boolean) => (document.querySelector('#enabled') as HTMLInputElement).checked === want, {}, enabled);
  await popup.close();
}

/** Waits until the highlighted texts (sorted) are exactly `expected`. */
export async function waitForHighlightedTexts(page: Page, expected: string[], timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await highlightedTexts(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`highlighted ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}
