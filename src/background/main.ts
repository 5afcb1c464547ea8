/**
 * Background (a service worker in Chrome, an event page in Firefox). MV3 may stop it at any time,
 * so listeners are registered synchronously at the top level and no state is kept in globals.
 */
import { browser } from '../platform/browser';
import { applySettingsChange, loadSettings } from '../platform/settings-store';
import { importPack, removePack, syncIndex } from '../platform/pack-store';
import { annotateTab } from '../platform/tab-access';
import { onBackgroundMessage, sendCommand, sendExplain } from '../platform/messaging';
import { t } from '../platform/i18n';
import { isCommand } from '../core';
import { changesPacks, recordsSite } from '../core/settings';

// On install and on update, migrate and repair the stored settings once, here, so content
// scripts in many tabs never race to write the same repair.
browser.runtime.onInstalled.addListener(() => {
  // An update may change the bundled packs that a stored index (imported packs) was built with.
  loadSettings({ writeBack: true }).then((s) => syncIndex(s.disabledPacks))
    .catch((error: unknown) => console.error('Backstory: settings migration or index update failed', error));
  // Menus persist across restarts; made again (replaced) on each install and update.
  browser.contextMenus.removeAll().then(() => browser.contextMenus.create({ id: EXPLAIN_MENU, title: t('menuExplain'), contexts: ['selection'] }))
    .catch((error: unknown) => console.error('Backstory: could not add the menu item', error));
});

const EXPLAIN_MENU = 'backstory-explain';

// "Explain … with Backstory": to the frame the selection is in.
browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== EXPLAIN_MENU || tab?.id === undefined || !info.selectionText) return;
  sendExplain(tab.id, info.frameId ?? 0, info.selectionText).catch(() => undefined);
});

// Keyboard commands (manifest "commands"): to the tab's content scripts; the focused frame acts.
browser.commands.onCommand.addListener((command, tab) => {
  if (!isCommand(command) || tab?.id === undefined) return;
  // A tab where no content script runs (a browser page) has nobody to answer: nothing to do.
  sendCommand(tab.id, command).catch(() => undefined);
});

onBackgroundMessage({
  openOptions: () => browser.runtime.openOptionsPage(),
  // How many distinct entities the tab shows; nothing while paused (count 0).
  badge: async (tabId, count) => {
    await browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#3b5bdb' });
  },
  // Every context's changes to the settings, applied one after another. A private window's tab
  // keeps its per-site choices to itself (its content script applies them locally): refused here
  // too, so nothing about the sites read in private windows is ever stored.
  settings: (change, privateTab) => {
    if (privateTab && recordsSite(change)) return Promise.reject(new Error('per-site choices from a private window are not stored'));
    return applySettingsChange(change).then(async (settings) => {
      // Switching a pack on or off (or a reset) changes the index the pages use.
      if (changesPacks(change)) await syncIndex(settings.disabledPacks);
      return settings;
    });
  },
  importPack: async (text, confirmed) => importPack(text, confirmed, (await loadSettings()).disabledPacks),
  removePack: async (id) => removePack(id, (await loadSettings()).disabledPacks),
});

// The popup's "Allow Backstory on <site>": the browser closes the popup to ask, so the popup
// cannot annotate the tab afterwards. Here, once access is granted, the open tabs of those sites
// are annotated at once (the content script ignores a second injection into the same frame).
browser.permissions.onAdded.addListener((permissions) => {
  const origins = permissions.origins ?? [];
  if (origins.length === 0) return;
  browser.tabs.query({ url: origins })
    .then((tabs) => Promise.all(tabs.flatMap((tab) => (tab.id === undefined ? [] : [annotateTab(tab.id).catch(() => undefined)]))))
    .catch((error: unknown) => console.error('Backstory: could not annotate the newly allowed tabs', error));
});
