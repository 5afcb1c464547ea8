/**
 * Background (a service worker in Chrome, an event page in Firefox). MV3 may stop it at any time,
 * so listeners are registered synchronously at the top level and no state is kept in globals.
 */
import { browser } from '../platform/browser';
import { loadSettings } from '../platform/settings-store';

// On install and on update, migrate and repair the stored settings once, here, so content
// scripts in many tabs never race to write the same repair.
browser.runtime.onInstalled.addListener(() => {
  loadSettings({ writeBack: true }).catch((error: unknown) => console.error('Backstory: settings migration failed', error));
});
