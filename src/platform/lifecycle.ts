/** The extension's own lifecycle, as the background hears it. */
import { browser } from './browser';

/**
 * Background: calls `listener` when Backstory is installed or updated (or the browser is). Call it
 * at the background's top level, synchronously (see src/background/main.ts): the event goes to a
 * background started for it, which hears it only through a listener added while its script first ran.
 */
export function onInstalled(listener: () => void): void {
  browser.runtime.onInstalled.addListener(() => listener());
}
