/**
 * Finds and launches the real browsers with the built extension loaded, for `npm start`,
 * `npm run screenshots`, the e2e tests and the benchmark. Never downloads a browser: it uses
 * what is installed (Debian's chromium and firefox-esr on CI). See ../shared/notes/e2e.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';

/** The gecko id from manifest.json; Firefox keys the pinned moz-extension UUID on it. */
export const GECKO_ID = 'backstory@backstory-reader.org';

const CANDIDATES: Record<BrowserName, string[]> = {
  // Debian's /usr/bin/chromium is a shell wrapper that adds flags; the real binary takes ours as given.
  chromium: [
    '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  firefox: [
    '/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
};

/** The path of an installed browser, from CHROME_PATH / FIREFOX_PATH or the usual places; null if none. */
export function findBrowser(name: BrowserName): string | null {
  const fromEnv = name === 'chromium' ? process.env.CHROME_PATH : process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES[name].find((p) => existsSync(p)) ?? null;
}

/** How to get a browser, for messages where none is installed. */
export const INSTALL_HINT =
  'Install Chromium and Firefox ESR (Debian/Ubuntu: sudo apt-get install -y chromium firefox-esr), ' +
  'or point CHROME_PATH / FIREFOX_PATH at an installed Chrome/Chromium or Firefox.';

/**
 * Chromium flags for this closed network (../shared/notes/e2e.md): no sandbox as root, no background
 * traffic. Seen through the recording proxy (build/recording-proxy.ts), Chromium 156 still asked
 * clients2.google.com for the time with only the first line, hence NetworkTimeServiceQuerying, and
 * content-autofill.googleapis.com about any page with a form, hence AutofillServerCommunication.
 * (Puppeteer adds its own --disable-features list, OptimizationHints and Translate among them, and
 * merges this one into it.)
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--no-default-browser-check',
  '--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication',
];

/**
 * Chromium asks update.googleapis.com for its on-device AI models' manifest (component
 * ceofaddefefcbblgcgnibnonglccbfja) whatever --disable-component-update says. Its own test switch
 * --optimization-guide-manifest-override reads the manifest from a folder instead: an empty one,
 * inside the profile, so no model is ever asked for.
 */
function chromiumModelManifestArgs(profile: string): string[] {
  const folder = join(profile, 'no-model-manifest');
  mkdirSync(folder, { recursive: true });
  return [`--optimization-guide-manifest-override=${folder}`];
}

export interface LaunchedBrowser {
  name: BrowserName;
  browser: Browser;
  /** The extension's base URL: chrome-extension://<id>/ or moz-extension://<uuid>/. */
  extensionBase: string;
  /**
   * Errors logged by the browser process so far: Firefox reports extension pages' console errors
   * and uncaught exceptions only there (WebDriver BiDi does not see moz-extension pages). Empty in
   * Chromium, whose pages report through the driver.
   */
  processErrors(): string[];
  /** Opens one of the extension's own pages (popup.html, options.html) in a tab. */
  openExtensionPage(path: string, readySelector: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Absolute path of dist/chrome or dist/firefox. */
  extensionPath: string;
  headless: boolean;
  /** Extra arguments, e.g. a window size. */
  args?: string[];
  /**
   * A profile folder to use and keep (a browser restart in a test); by default each launch gets a
   * fresh one, deleted on close.
   */
  profileDir?: string;
  /**
   * Runs once the browser is up, before the extension is installed: to open a tab Backstory was
   * not there for (Chromium injects no content script into a tab opened before the install;
   * Firefox does).
   */
  beforeInstall?: (browser: Browser) => Promise<void>;
  /** Extra Firefox preferences for this launch. */
  firefoxPrefs?: Record<string, string | number | boolean>;
  /**
   * An HTTP proxy, `http://127.0.0.1:<port>` (build/recording-proxy.ts), that every request of
   * every scheme goes through, loopback included: the e2e privacy check records what it sees.
   */
  proxy?: string;
}

/** Chromium's flags to send everything, loopback included, through `proxy`. */
export function chromiumProxyArgs(proxy: string): string[] {
  // Chromium bypasses the proxy for loopback by default; "<-loopback>" takes that rule away.
  return [`--proxy-server=${proxy}`, '--proxy-bypass-list=<-loopback>'];
}

/**
 * Firefox's preferences to send everything, loopback included, through `proxy`, and to keep its
 * own background traffic off. Most of it already is (puppeteer's profile defaults turn off safe
 * browsing, updates, telemetry and more); seen through the proxy, only Remote Settings was left.
 */
export function firefoxProxyPrefs(proxy: string): Record<string, string | number | boolean> {
  const { hostname, port } = new URL(proxy);
  return {
    'network.proxy.type': 1, // manual
    'network.proxy.http': hostname,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': hostname, // https and wss, as CONNECT
    'network.proxy.ssl_port': Number(port),
    'network.proxy.socks': '',
    'network.proxy.socks_remote_dns': true,
    // Firefox never proxies loopback unless told to, whatever no_proxies_on says.
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.no_proxies_on': '',
    // Never fall back to a direct connection if the proxy refuses.
    'network.proxy.failover_direct': false,
    // No DNS over HTTPS, no speculative DNS or link prefetches, no captive-portal or connectivity probes.
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // Remote Settings (firefox.settings.services.mozilla.com: blocklists, certificate revocations
    // and a dozen more collections, fetched at startup) skips all remote activity with this
    // server, but only in Mozilla's own test mode, MOZ_DISABLE_NONLOCAL_CONNECTIONS=1, which
    // launchFirefox sets with a proxy. (Without test mode Firefox 153 ignores any other server.)
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
  };
}

/**
 * The environment Firefox runs in with a proxy: Mozilla's test mode, which lets Remote Settings
 * stay quiet (see firefoxProxyPrefs) and refuses any connection to a non-loopback address. Every
 * request goes to the loopback proxy anyway, so the proxy still sees (and records) each one; only
 * something that bypassed it would be refused rather than let out.
 */
const FIREFOX_QUIET_ENV = { MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' };

/** Launches Chromium with a fresh profile and the unpacked extension. */
export async function launchChromium(options: LaunchOptions): Promise<LaunchedBrowser> {
  const executablePath = findBrowser('chromium');
  if (!executablePath) throw new Error(`No Chromium or Chrome found. ${INSTALL_HINT}`);
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'backstory-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: options.headless,
    pipe: true,
    // Puppeteer passes --disable-extensions by default: the extension would "load" and never run.
    // With a hook to run first, extensions are enabled and this one is installed after it.
    enableExtensions: options.beforeInstall ? true : [options.extensionPath],
    userDataDir: profile,
    args: [...CHROMIUM_ARGS, ...chromiumModelManifestArgs(profile), ...(options.proxy ? chromiumProxyArgs(options.proxy) : []), ...(options.args ?? [])],
    defaultViewport: null,
  });
  if (options.beforeInstall) {
    await options.beforeInstall(browser);
    await browser.installExtension(options.extensionPath);
  }
  const worker = await browser.waitForTarget((t) => String(t.type()) === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 15_000 });
  const extensionBase = new URL('/', worker.url()).href;
  return {
    name: 'chromium',
    browser,
    extensionBase,
    processErrors: () => [],
    async openExtensionPage(path, readySelector) {
      const page = await browser.newPage();
      await page.goto(extensionBase + path);
      await page.waitForSelector(readySelector);
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Launches Firefox over WebDriver BiDi and installs the extension as a temporary add-on. */
export async function launchFirefox(options: LaunchOptions): Promise<LaunchedBrowser> {
  const executablePath = findBrowser('firefox');
  if (!executablePath) throw new Error(`No Firefox found. ${INSTALL_HINT}`);
  // A kept profile keeps its extension address too, so the add-on finds its storage again.
  const uuidFile = options.profileDir ? join(options.profileDir, 'backstory-uuid.txt') : null;
  const uuid = (uuidFile && existsSync(uuidFile) ? readFileSync(uuidFile, 'utf8').trim() : '') || randomUUID();
  if (uuidFile) writeFileSync(uuidFile, uuid);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless,
    ...(options.profileDir ? { userDataDir: options.profileDir } : {}),
    // Firefox 153 refuses to navigate to moz-extension:// from the driver without it.
    args: ['-remote-allow-system-access', ...(options.args ?? [])],
    defaultViewport: null,
    ...(options.proxy ? { env: { ...process.env, ...FIREFOX_QUIET_ENV } } : {}),
    extraPrefsFirefox: {
      // Pin the moz-extension UUID so the popup and options pages have a known address.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // A temporary add-on's storage is dropped on uninstall unless kept.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      // Quiet, offline profile.
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.startup.homepage_override.mstone': 'ignore',
      // Print privileged and content consoles to stdout, where processErrors() reads them.
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
      ...(options.proxy ? firefoxProxyPrefs(options.proxy) : {}),
      ...options.firefoxPrefs,
    },
  });
  const output: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    output.push(...lines);
  };
  browser.process()?.stdout?.on('data', onData);
  browser.process()?.stderr?.on('data', onData);
  await options.beforeInstall?.(browser);
  await browser.installExtension(options.extensionPath);
  const extensionBase = `moz-extension://${uuid}/`;
  return {
    name: 'firefox',
    browser,
    extensionBase,
    processErrors: () => output.filter((line) =>
      (line.startsWith('JavaScript error: moz-extension://') || line.startsWith('console.error:')) &&
      // The remote agent that puppeteer drives logs its own errors here too, and Firefox's window
      // actors complain when a tab closes while they are talking: neither a page's nor the extension's.
      !/chrome:\/\/remote|NavigationManager|JSWindowActorChild cannot send at the moment/.test(line)),
    async openExtensionPage(path, readySelector) {
      const page = await browser.newPage();
      await gotoExtensionPage(page, extensionBase + path, readySelector);
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/**
 * Navigates a Firefox tab to a moz-extension:// page and waits for `readySelector`.
 * page.goto to moz-extension:// never resolves although the page loads (../shared/notes/e2e.md),
 * so it is not awaited; and now and then the navigation is dropped, so it is retried.
 */
export async function gotoExtensionPage(page: Page, url: string, readySelector: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let navigatedAt = Date.now();
  page.goto(url).catch(() => undefined);
  while (Date.now() < deadline) {
    // Polled by hand: while the tab swaps documents, BiDi's script.evaluate can fail outright
    // ("right-hand side of 'in' should be an object"), which would end a waitForSelector at once.
    const found = await page.$(readySelector).then((h) => h !== null, () => false);
    if (found) return;
    if (Date.now() - navigatedAt > 5_000 && !page.url().startsWith(url)) {
      navigatedAt = Date.now();
      page.goto(url).catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: ${readySelector} did not appear within ${timeout} ms`);
}

/** Launches the named browser with its build of the extension. */
export function launch(name: BrowserName, options: LaunchOptions): Promise<LaunchedBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
