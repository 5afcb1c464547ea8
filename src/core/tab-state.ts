/**
 * What the popup can offer for a tab, decided from what the browser says about it. Pure: the
 * popup gathers the facts through src/platform/tab-access.ts and shows the outcome.
 *
 * Where Backstory's content script does not answer, there are three reasons, each with its own
 * way out (or none):
 * - the tab shows a page the browser keeps closed to every extension (its own pages, the extension
 *   stores, local files unless the reader allowed them): nothing to offer;
 * - the reader withheld Backstory's access to the site (Chrome's "on click" or "on specific
 *   sites", Firefox's per-site or per-add-on host permissions): ask for it;
 * - Backstory has access but its script is not in the tab (the tab was opened before Backstory
 *   was installed or updated, or before the reader granted access): inject it now.
 */

/** What the popup knows about the tab it is about. */
export interface TabFacts {
  /** Whether Backstory's content script in the tab's top frame answered. */
  readonly answered: boolean;
  /**
   * The tab's address; undefined where the browser does not tell it (Chrome and Firefox hide it
   * from an extension without access to the tab, unless the toolbar button granted activeTab).
   */
  readonly url: string | undefined;
  /**
   * The popup was opened from the toolbar button (or its shortcut) over this tab, which grants
   * activeTab: the browser then shows the address of any page an extension may see at all, so a
   * hidden one is a page closed to extensions (Chrome hides its chrome:// pages even then).
   */
  readonly activeTab: boolean;
  /**
   * Whether Backstory holds host access to the tab's site (`permissions.contains` for
   * `accessPatterns(url)`); undefined where it was not asked or the browser could not say.
   */
  readonly siteAccess: boolean | undefined;
  /** Whether the reader let Backstory into file:// pages (Chrome's "Allow access to file URLs"). */
  readonly fileAccess: boolean;
}

/** What the popup shows for a tab. */
export type TabState =
  /** The content script answered: list what it shows. */
  | { readonly kind: 'answers' }
  /** No answer and no address to go by (no activeTab): say only that Backstory cannot read the tab. */
  | { readonly kind: 'unknown' }
  /** A page the browser keeps closed to extensions: say so, offer nothing. */
  | { readonly kind: 'closed' }
  /** The reader withheld access to `site`: offer to ask for `origins`, then annotate. */
  | { readonly kind: 'withheld'; readonly site: string; readonly origins: readonly string[] }
  /** Access, but no script in the tab: offer to annotate it now. */
  | { readonly kind: 'not-injected' };

/**
 * Sites every browser keeps closed to extensions whatever their permissions: the extension stores.
 * (Firefox's list, the `extensions.webextensions.restrictedDomains` preference, holds more of
 * Mozilla's own sites; an attempt to annotate those fails, and the popup then says so.)
 */
const CLOSED_SITES: readonly { host: string; path?: string }[] = [
  { host: 'chromewebstore.google.com' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'addons.mozilla.org' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
];

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isWeb(parsed: URL): boolean {
  return parsed.protocol === 'http:' || parsed.protocol === 'https:';
}

function isClosedSite(parsed: URL): boolean {
  const host = parsed.hostname.toLowerCase();
  return CLOSED_SITES.some((s) => s.host === host && (!s.path || parsed.pathname === s.path || parsed.pathname.startsWith(`${s.path}/`)));
}

/**
 * The host permission patterns that cover the tab's site, e.g. `https://news.example/*`, for
 * `permissions.contains` and `permissions.request`; null for an address that is not an http(s)
 * page Backstory may run on. No port: a match pattern without one covers every port (and Firefox
 * accepts none).
 */
export function accessPatterns(url: string | undefined): string[] | null {
  const parsed = parse(url);
  if (!parsed || !isWeb(parsed) || !parsed.hostname || isClosedSite(parsed)) return null;
  return [`${parsed.protocol}//${parsed.hostname}/*`];
}

/** Which of the popup's states applies to a tab (see the module's comment). */
export function tabState(facts: TabFacts): TabState {
  if (facts.answered) return { kind: 'answers' };
  const parsed = parse(facts.url);
  if (!parsed) return facts.activeTab ? { kind: 'closed' } : { kind: 'unknown' };
  if (parsed.protocol === 'file:') return facts.fileAccess ? { kind: 'not-injected' } : { kind: 'closed' };
  const origins = accessPatterns(facts.url);
  if (!origins) return { kind: 'closed' };
  if (facts.siteAccess === false) return { kind: 'withheld', site: parsed.hostname, origins };
  return { kind: 'not-injected' };
}
