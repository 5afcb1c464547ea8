/**
 * The context menu: Backstory's item on a selection ("Explain … with Backstory"), made by the
 * background and heard there.
 */
import { browser } from './browser';

/** A click on one of Backstory's menu items, as plain data. */
export interface MenuClick {
  readonly menuItemId: string | number;
  /** The tab clicked in; undefined where the click was not in a tab. */
  readonly tabId: number | undefined;
  /** The frame the click was in: 0 for the top frame. */
  readonly frameId: number;
  /** The selected text, for an item shown on a selection. */
  readonly selectionText: string | undefined;
}

/**
 * Background: replaces Backstory's menu items with one, `title`, shown on a text selection.
 * Menus persist across restarts, so this is done on install and update, not on every start.
 */
export async function resetSelectionMenu(id: string, title: string): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id, title, contexts: ['selection'] });
}

/**
 * Background: calls `listener` with each click on one of Backstory's menu items. Call it at the
 * background's top level, synchronously (see src/background/main.ts): a background started by the
 * click hears it only through a listener added while its script first ran.
 */
export function onMenuClicked(listener: (click: MenuClick) => void): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    listener({ menuItemId: info.menuItemId, tabId: tab?.id, frameId: info.frameId ?? 0, selectionText: info.selectionText });
  });
}
