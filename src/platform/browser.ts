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
