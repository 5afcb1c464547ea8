/**
 * The popup's view of a tab Backstory may not be running in: its address and window, whether
 * Backstory may read its site, and the two ways out (ask for the site, inject the script now).
 * The decision between them is pure: src/core/tab-state.ts. The background's side of the same:
 * hearing that the reader granted a site, finding its open tabs, annotating them.
 */
import { browser } from './browser';

export interface TabDetails {
  /**
   * The tab's address; undefined where the browser hides it: from an extension without access to
   * the tab, unless the toolbar button granted activeTab (which opening the popup from it does).
   */
  readonly url: string | undefined;
  /** The tab is in a private (incognito) window. */
  readonly incognito: boolean;
}

/** The tab's address and window kind; nothing known if the tab is gone. */
export async function tabDetails(tabId: number): Promise<TabDetails> {
  try {
    const tab = await browser.tabs.get(tabId);
    return { url: tab.url || tab.pendingUrl || undefined, incognito: tab.incognito };
  } catch {
    return { url: undefined, incognito: false };
  }
}

/**
 * Whether Backstory holds host access to `origins` (match patterns). False where the reader
 * withheld it: Chrome's "on click" and "on specific sites", Firefox's per-site or per-add-on
 * switches. Undefined if the browser cannot say.
 */
export async function hasSiteAccess(origins: readonly string[]): Promise<boolean | undefined> {
  try {
    return await browser.permissions.contains({ origins: [...origins] });
  } catch {
    return undefined;
  }
}

/**
 * Asks the reader to let Backstory read `origins`; true once granted. Call it straight from a
 * click handler, before anything is awaited: both browsers accept the request only while they
 * are handling the reader's input. No `optional_host_permissions` is needed: Chrome lets an
 * extension ask again for host access it declared (content script matches count) and the reader
 * withheld; Firefox treats a Manifest V3 add-on's declared host access as optional, to be asked for.
 */
export function requestSiteAccess(origins: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...origins] });
}

/**
 * Background: calls `listener` with the origins (match patterns) each time the reader grants
 * permissions; empty for a grant with no host access in it. Call it at the background's top
 * level, synchronously (see src/background/main.ts): a background started by the grant hears it
 * only through a listener added while its script first ran.
 */
export function onPermissionsAdded(listener: (origins: string[]) => void): void {
  browser.permissions.onAdded.addListener((permissions) => listener(permissions.origins ?? []));
}

/** The ids of the open tabs whose address matches one of `patterns` (match patterns). */
export async function tabsMatching(patterns: readonly string[]): Promise<number[]> {
  const tabs = await browser.tabs.query({ url: [...patterns] });
  return tabs.flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
}

/** Whether the reader let Backstory into file:// pages (Chrome's "Allow access to file URLs"). */
export async function fileAccessAllowed(): Promise<boolean> {
  try {
    return await browser.extension.isAllowedFileSchemeAccess();
  } catch {
    return false;
  }
}

/**
 * Injects the content script into every frame of `tabId` now, as the manifest would have on
 * load: for a tab opened before Backstory was installed or updated, or before the reader let it
 * in. Needs host access or activeTab; the script ignores a second injection into the same frame.
 * Rejects where the browser refuses (a page closed to extensions, no access).
 */
export async function annotateTab(tabId: number): Promise<void> {
  const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? ['content.js'];
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files });
}

/** Popup: the id of the active tab of the current window, or null. */
export async function activeTabId(): Promise<number | null> {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

/** An extension page or the background: opens the settings page (a popup then closes itself). */
export function openSettingsPage(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
