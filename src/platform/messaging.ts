/**
 * Messaging between the content script and the background, over the typed maps of
 * src/core/messages. Each side claims only its own message types (a listener that returned a
 * Promise for every message would claim the others' too). The content script's side is in
 * ./content-messages.ts.
 */
import { browser, type Runtime } from './browser';
import { isMessageOf, type Command, type PageInfo, type ToBackground, type ToContent } from '../core';
import { isSettingsChange, siteOf, type Settings, type SettingsChange } from '../core/settings';
import type { ImportResult } from './pack-store';
import { WAKE_KEY } from './stored-index';

/** Background: asks frame `frameId` of tab `tabId` to explain `text`. */
export async function sendExplain(tabId: number, frameId: number, text: string): Promise<void> {
  await browser.tabs.sendMessage(tabId, { type: 'backstory/explain', text }, { frameId });
}

/** How long the popup waits, in turn, for a woken top frame to answer (about 0.6 s in all). */
const WAKE_RETRY_MS = [20, 40, 80, 160, 320];

/**
 * Popup: asks tab `tabId`'s top frame what it shows; null where no content script answers. A top
 * frame whose page names nobody does not listen for messages (the extension messaging's first use
 * would cost every such page about 1 ms: see src/content/main.ts), so where none answers, the top
 * frames are asked through storage to listen (./stored-index.ts WAKE_KEY), and this one is asked again.
 */
export async function askPageInfo(tabId: number): Promise<PageInfo | null> {
  const first = await askOnce(tabId);
  if (first) return first;
  try {
    await browser.storage.local.set({ [WAKE_KEY]: Date.now() });
    for (const ms of WAKE_RETRY_MS) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      const answer = await askOnce(tabId);
      if (answer) return answer;
    }
    return null;
  } finally {
    void browser.storage.local.remove(WAKE_KEY).catch(() => undefined);
  }
}

async function askOnce(tabId: number): Promise<PageInfo | null> {
  try {
    const answer: unknown = await browser.tabs.sendMessage(tabId, { type: 'backstory/page-info' }, { frameId: 0 });
    return isPageInfo(answer) ? answer : null;
  } catch {
    return null;
  }
}

function isPageInfo(value: unknown): value is PageInfo {
  return typeof value === 'object' && value !== null && Array.isArray((value as PageInfo).entities);
}

/** Popup: has tab `tabId` scroll to the entity's first mention and open its card. */
export async function showEntityInTab(tabId: number, key: string): Promise<void> {
  await browser.tabs.sendMessage(tabId, { type: 'backstory/show-entity', key }, { frameId: 0 });
}

/** Background: sends a keyboard command to every frame of `tabId` (the focused frame acts on it). */
export async function sendCommand(tabId: number, command: Command): Promise<void> {
  const message: { type: 'backstory/command' } & ToContent['backstory/command'] = { type: 'backstory/command', command };
  await browser.tabs.sendMessage(tabId, message);
}

/** Background: handles the content script's requests. */
export function onBackgroundMessage(handlers: {
  openOptions(): Promise<void>;
  badge(tabId: number, count: number): Promise<void>;
  /** `privateTab`: the change comes from a tab in a private window. */
  settings(change: SettingsChange, privateTab: boolean): Promise<Settings>;
  importPack(text: string, confirmed: boolean): Promise<ImportResult>;
  removePack(id: string): Promise<void>;
}): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own extension's pages and content scripts.
    if (sender.id !== browser.runtime.id) return undefined;
    if (isMessageOf<ToBackground>(message, ['backstory/open-options'])) return handlers.openOptions();
    if (isMessageOf<ToBackground>(message, ['backstory/badge']) && message.type === 'backstory/badge') {
      // The tab comes from the sender, never from the payload; only its top frame sets the badge.
      const tabId = sender.tab?.id;
      if (tabId === undefined || sender.frameId !== 0 || !Number.isInteger(message.count)) return undefined;
      return handlers.badge(tabId, message.count);
    }
    // Backstory's own pages (popup, options) may change anything; a content script, which a web page
    // may have compromised, only the choices its card offers, and only for its own frame's site.
    const ownPage = typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
    if (isMessageOf<ToBackground>(message, ['backstory/settings']) && message.type === 'backstory/settings') {
      const change = message.change;
      if (!isSettingsChange(change)) return Promise.reject(new Error('not a settings change'));
      if (!ownPage && !((change.kind === 'hide-entity' || change.kind === 'pause-site') && change.site === siteOf(sender.url ?? ''))) {
        return Promise.reject(new Error('a page may only change its own site’s choices'));
      }
      return handlers.settings(change, sender.tab?.incognito === true);
    }
    // Packs are managed from Backstory's own pages only, never from a content script.
    if (ownPage && isMessageOf<ToBackground>(message, ['backstory/pack-import']) && message.type === 'backstory/pack-import') {
      if (typeof message.text !== 'string') return Promise.reject(new Error('no pack text'));
      return handlers.importPack(message.text, message.confirmed === true);
    }
    if (ownPage && isMessageOf<ToBackground>(message, ['backstory/pack-remove']) && message.type === 'backstory/pack-remove') {
      if (typeof message.id !== 'string') return Promise.reject(new Error('no pack id'));
      return handlers.removePack(message.id);
    }
    return undefined;
  });
}
