/**
 * Background (a service worker in Chrome, an event page in Firefox). MV3 may stop it at any time,
 * so no state is kept in globals, and listeners are registered synchronously at the top level: an
 * event that starts the background is handed only to listeners added while its script first runs
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events). The
 * platform's `on...` functions add theirs at once, when called. Every browser call goes through
 * src/platform's functions.
 */
import { applySettingsChange, loadSettings } from '../platform/settings-store';
import { importPack, removePack, syncIndex } from '../platform/pack-store';
import { annotateTab, onPermissionsAdded, openSettingsPage, tabsMatching } from '../platform/tab-access';
import { onBackgroundMessage, sendCommand, sendExplain } from '../platform/messaging';
import { onInstalled } from '../platform/lifecycle';
import { onMenuClicked, resetSelectionMenu } from '../platform/menus';
import { onKeyboardCommand } from '../platform/commands';
import { setTabBadge } from '../platform/badge';
import { t } from '../platform/i18n';
import { isCommand } from '../core';
import { changesPacks, recordsSite } from '../core/settings';

const EXPLAIN_MENU = 'backstory-explain';
const BADGE_COLOR = '#3b5bdb';

// On install and on update, migrate and repair the stored settings once, here, so content
// scripts in many tabs never race to write the same repair.
onInstalled(() => {
  // An update may change the bundled packs that a stored index (imported packs) was built with.
  loadSettings({ writeBack: true }).then((s) => syncIndex(s.disabledPacks))
    .catch((error: unknown) => console.error('Backstory: settings migration or index update failed', error));
  // Menus persist across restarts; made again (replaced) on each install and update.
  resetSelectionMenu(EXPLAIN_MENU, t('menuExplain'))
    .catch((error: unknown) => console.error('Backstory: could not add the menu item', error));
});

// "Explain … with Backstory": to the frame the selection is in.
onMenuClicked((click) => {
  if (click.menuItemId !== EXPLAIN_MENU || click.tabId === undefined || !click.selectionText) return;
  sendExplain(click.tabId, click.frameId, click.selectionText).catch(() => undefined);
});

// Keyboard commands (manifest "commands"): to the tab's content scripts; the focused frame acts.
onKeyboardCommand((command, tabId) => {
  if (!isCommand(command) || tabId === undefined) return;
  // A tab where no content script runs (a browser page) has nobody to answer: nothing to do.
  sendCommand(tabId, command).catch(() => undefined);
});

onBackgroundMessage({
  openOptions: () => openSettingsPage(),
  // How many distinct entities the tab shows; nothing while paused (count 0).
  badge: (tabId, count) => setTabBadge(tabId, count > 0 ? String(count) : '', BADGE_COLOR),
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
onPermissionsAdded((origins) => {
  if (origins.length === 0) return;
  tabsMatching(origins)
    .then((tabIds) => Promise.all(tabIds.map((tabId) => annotateTab(tabId).catch(() => undefined))))
    .catch((error: unknown) => console.error('Backstory: could not annotate the newly allowed tabs', error));
});
