/**
 * The only module that imports webextension-polyfill (STYLE habit 2). Firefox has a native
 * promise-based `browser`; in Chrome the polyfill wraps `chrome`. Chrome now ships a native
 * `browser` too, so dropping the polyfill later is a change to this file alone.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
/**
 * The raw API, for the other modules of src/platform only: everything else calls their functions
 * (menus, badge, commands, tabs, permissions, storage, messaging...). ESLint refuses an import of
 * it from outside src/platform (eslint.config.js).
 */
export { browser };

/**
 * Whether this script's extension is still there: after an update or reload, Chrome leaves the old
 * content scripts running, cut off (runtime.id is gone and every call throws). No event tells
 * them so, hence a check to poll; the event is proposed in
 * https://github.com/w3c/webextensions/issues/138.
 */
export function extensionAlive(): boolean {
  try {
    return typeof browser.runtime.id === 'string' && browser.runtime.id.length > 0;
  } catch {
    return false;
  }
}

/**
 * Whether this context runs in a private (incognito) window. Backstory runs there only where the
 * reader allowed it (Chrome's "Allow in Incognito", Firefox's "Run in Private Windows"), and then
 * stores nothing that says which sites were read.
 */
export function inPrivateWindow(): boolean {
  try {
    return browser.extension.inIncognitoContext === true;
  } catch {
    return false;
  }
}
