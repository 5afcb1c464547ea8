/**
 * The real-browser harness: each e2e file launches each browser once (the machine has 2 cores and
 * a launch costs 1-4 s), serves fixture pages from loopback, and reuses both across its cases.
 *
 * Every launch goes through its own loopback recording proxy (build/recording-proxy.ts), and the
 * file fails at the end if the proxy saw any request that was not to the fixture server (issue 7:
 * Backstory makes no network request, from any context). The log is on the context
 * (`ctx().network`) for a test to assert on.
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
import { startRecordingProxy, type ProxiedRequest, type RecordingProxy } from '../../build/recording-proxy';
import { DIST, ROOT } from '../../build/build';

/** The browsers this run covers. */
export const BROWSERS: BrowserName[] = (process.env.E2E_BROWSERS ?? 'chromium,firefox')
  .split(',').map((s) => s.trim()).filter((s): s is BrowserName => s === 'chromium' || s === 'firefox');

export interface E2EContext {
  ext: LaunchedBrowser;
  server: StaticServer;
  /** What the browser asked the network for, through the recording proxy. */
  network: NetworkLog;
  /** Opens a fixture page (path under tests/fixtures/pages, or a routed path) in a new tab. */
  openPage(path: string): Promise<Page>;
}

/**
 * Requests a browser makes of its own accord that no flag or preference turns off, by exact
 * method and host. Everything else the browsers would send is turned off in build/browsers.ts.
 */
export const BROWSER_OWN_REQUESTS: Record<BrowserName, readonly { method: string; host: string; why: string }[]> = {
  chromium: [{
    method: 'CONNECT',
    host: 'accounts.google.com:443',
    // IdentityManager::OnNetworkInitialized lists the Google accounts in the cookie jar
    // (ListAccounts) for every profile once its network is up, and retries with back-off.
    // --allow-browser-signin=false, signin.allowed=false in the profile and --disable-sync leave it
    // on; no feature flag gates it in Chromium 156. It comes from the browser process, never from
    // an extension, and carries no page data.
    why: 'Chromium lists the Google accounts signed in to the profile (ListAccounts) at start-up; nothing turns it off',
  }],
  firefox: [],
};

export interface NetworkLog {
  /** Every request the proxy saw since launch, in order (method, URL or CONNECT host, time). */
  readonly all: readonly ProxiedRequest[];
  /** The fixture server's origins: http://127.0.0.1:<port>/ and its alias http://localhost:<port>/. */
  readonly fixtureOrigins: readonly string[];
  /** Requests to the fixture server (the pages the tests opened, and what those pages asked for). */
  toFixture(): ProxiedRequest[];
  /** Requests of the browser's own that cannot be turned off (BROWSER_OWN_REQUESTS). */
  browserOwn(): ProxiedRequest[];
  /** Requests to hosts a test planted on purpose (plant()). */
  planted(): ProxiedRequest[];
  /** Everything else: each one a request Backstory (or the browser) must not make. */
  violations(): ProxiedRequest[];
  /**
   * Declares a host name a test asks for on purpose, to prove the proxy sees traffic: requests
   * to it are then not violations. Use a name of your own under .invalid.
   */
  plant(hostname: string): void;
}

/** host:port of an origin, the default port made explicit (the proxy's `host`). */
function authorityOf(origin: string): string {
  const u = new URL(origin);
  return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

/**
 * The fixture server's origins: its own, and the same port as `localhost`, which tests use as a
 * second (cross-origin) site on the same server.
 */
export function fixtureOrigins(server: StaticServer): string[] {
  const alias = new URL(server.origin);
  alias.hostname = 'localhost';
  return [server.origin, alias.href];
}

/** The network log over `proxy`'s records, for `name` with `server` as the fixture server. */
export function networkLog(name: BrowserName, proxy: RecordingProxy, server: StaticServer): NetworkLog {
  const origins = fixtureOrigins(server);
  const fixture = new Set(origins.map(authorityOf));
  const plantedHosts = new Set<string>();
  const own = BROWSER_OWN_REQUESTS[name];
  const hostnameOf = (r: ProxiedRequest) => r.host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const isFixture = (r: ProxiedRequest) => fixture.has(r.host);
  const isOwn = (r: ProxiedRequest) => own.some((o) => o.method === r.method && o.host === r.host);
  const isPlanted = (r: ProxiedRequest) => plantedHosts.has(hostnameOf(r));
  return {
    all: proxy.log,
    fixtureOrigins: origins,
    toFixture: () => proxy.log.filter(isFixture),
    browserOwn: () => proxy.log.filter((r) => !isFixture(r) && isOwn(r)),
    planted: () => proxy.log.filter((r) => !isFixture(r) && isPlanted(r)),
    violations: () => proxy.log.filter((r) => !isFixture(r) && !isOwn(r) && !isPlanted(r)),
    plant(hostname) {
      if (!hostname.endsWith('.invalid')) throw new Error(`plant a name under .invalid, not ${hostname}`);
      plantedHosts.add(hostname);
    },
  };
}

/** One line per request, for a failure message. */
export function describeRequests(requests: readonly ProxiedRequest[], since = requests[0]?.time ?? 0): string {
  return requests.map((r) => `  ${r.method} ${r.url} (${r.outcome}, +${r.time - since} ms)`).join('\n');
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
  let proxy: RecordingProxy | undefined;
  let server: StaticServer | undefined;
  let startedAt = 0;
  beforeAll(async () => {
    server = await serveStatic(join(ROOT, 'tests/fixtures/pages'));
    // The proxy forwards to the fixture server only; anything else is answered 502 and recorded.
    proxy = await startRecordingProxy({ forwardTo: fixtureOrigins(server) });
    startedAt = Date.now();
    const fixtures = server;
    const { beforeInstall } = options;
    const ext = await launch(name, {
      // The test variant (build/test-variant.ts) has the card's shadow root open and the commands' test hook.
      extensionPath: join(DIST, ...(options.variant === 'test' ? ['test'] : []), name === 'chromium' ? 'chrome' : 'firefox'),
      headless: true,
      proxy: proxy.url,
      ...(beforeInstall ? { beforeInstall: (browser: Browser) => beforeInstall(browser, fixtures) } : {}),
      ...(options.firefoxPrefs ? { firefoxPrefs: options.firefoxPrefs } : {}),
    });
    ctx = {
      ext,
      server,
      network: networkLog(name, proxy, server),
      async openPage(path) {
        const page = await ext.browser.newPage();
        await page.goto(fixtures.origin + path, { waitUntil: 'load' });
        return page;
      },
    };
  });
  afterAll(async () => {
    // Closed first, so a request sent on the way out is seen too.
    await ctx?.ext.close();
    await proxy?.close();
    await server?.close();
    const violations = ctx?.network.violations() ?? [];
    if (violations.length > 0) {
      throw new Error(`${name} sent ${violations.length} request(s) to somewhere other than the fixture server ` +
        `(Backstory promises none; see tests/e2e/privacy.test.ts):\n${describeRequests(violations, startedAt)}`);
    }
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

/**
 * Serves a tiny icon at /favicon.ico: a browser asks each new origin for its icon when it likes, and
 * a 404 (Chromium) or a body it cannot read (Firefox) would be logged as an error of the page.
 */
export function routeFavicon(server: StaticServer): void {
  server.route('/favicon.ico', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>', { 'content-type': 'image/svg+xml' });
}

/** Where the frame's content script is (off, dormant, loading, reading, painted), asked through the test hook. */
export function stateOf(target: Page | Frame): Promise<string> {
  return target.evaluate(() => new Promise<string>((resolve) => {
    document.addEventListener('backstory-test-state', (e) => resolve((e as CustomEvent<string>).detail), { once: true });
    document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: 'state' }));
  }));
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

/** Chooses a file in the options page's file input, as a reader picking it would. */
export async function chooseFile(options: Page, text: string, name = 'pack.json'): Promise<void> {
  await options.evaluate(`(() => {
    const input = document.querySelector('#import-file');
    const files = new DataTransfer();
    files.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'application/json' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
}
