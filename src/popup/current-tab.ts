/**
 * The tab the popup is about, and what it last learnt of it. main.ts keeps the one record and
 * rewrites it with every answer; the other parts read the fields they need from it, so none holds
 * a copy that could fall behind.
 */
import type { PageInfo } from '../core';
import { activeTabId, type TabDetails } from '../platform/tab-access';

/** What the popup knows of its tab. */
export interface CurrentTab {
  /** The tab's id; null where the browser names no active tab. */
  id: number | null;
  /** The content script's last answer; null where it did not answer (not running, or no tab). */
  info: PageInfo | null;
  /** The tab's address and window kind, as last read. */
  details: TabDetails;
}

/** `?tab=<id>`: how the tests open the popup as a page about another tab (without activeTab). */
export function askedTab(): number | null {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(asked) && asked > 0 ? asked : null;
}

/** The tab the popup is about: the active one, or the one asked for. */
export async function targetTab(): Promise<number | null> {
  const asked = askedTab();
  if (asked !== null) return asked;
  return activeTabId();
}

/**
 * The tab's site where a per-site choice can be stored, else null. A private window's sites are
 * never stored (the tab keeps such choices to itself), so there it offers nothing to apply them to.
 */
export function storableSite(tab: Readonly<Pick<CurrentTab, 'info' | 'details'>>): string | null {
  return tab.details.incognito ? null : tab.info?.site ?? null;
}
