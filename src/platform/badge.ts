/** The toolbar button's badge, set per tab. */
import { browser } from './browser';

/** Background: shows `text` (empty: no badge) on the toolbar button in tab `tabId`, on `color`. */
export async function setTabBadge(tabId: number, text: string, color: string): Promise<void> {
  await browser.action.setBadgeText({ tabId, text });
  await browser.action.setBadgeBackgroundColor({ tabId, color });
}
