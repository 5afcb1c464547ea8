/**
 * The browser API as both browsers give it natively, without the polyfill: Firefox's `browser`, or
 * Chrome's `chrome`, whose Manifest V3 calls return promises too. Only for the content script's
 * loader (src/content/main.ts), which runs in every frame of every page, most of which name nobody:
 * there, compiling the polyfill (32 KB) was a third of what a frame paid before it could tell it
 * had nothing to do; and for what the loader starts for the engine (./index-parts.ts). Everything
 * else goes through ./browser.ts.
 *
 * The subset used here behaves the same in both: storage.local.get, storage.onChanged,
 * runtime.sendMessage, runtime.getURL, runtime.getManifest and runtime.id, and runtime.onMessage
 * answered through `sendResponse` (returning `true`), as Chrome requires; Firefox accepts that form too.
 */
import type { Browser } from 'webextension-polyfill';

/** The browser API both browsers give natively (typed by the polyfill's declarations: same shapes). */
const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };
export const native: Browser = (scope.browser ?? scope.chrome)!;

/**
 * Whether this script's extension is still there: after an update or reload, Chrome leaves the old
 * content scripts running, cut off (runtime.id is gone and every call throws). No event tells
 * them so, hence a check to poll; the event is proposed in
 * https://github.com/w3c/webextensions/issues/138.
 */
export function extensionAlive(): boolean {
  try {
    return typeof native.runtime.id === 'string' && native.runtime.id.length > 0;
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
    return native.extension.inIncognitoContext === true;
  } catch {
    return false;
  }
}

/**
 * Imports one of the extension's own modules into this content script's world (the module must be
 * web-accessible: see manifest.json; through Chrome's dynamic URL, so pages cannot probe for it).
 */
export function importOwn<T>(path: string): Promise<T> {
  return import(native.runtime.getURL(path)) as Promise<T>;
}
