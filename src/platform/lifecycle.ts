/** The extension's own lifecycle, as the background hears it. */
import { browser } from './browser';

/**
 * Background: calls `listener` when Backstory is installed or updated (or the browser is). Call it
 * at the top level of the background, synchronously: the event is sent to a background just
 * started for it, which hears it only through a listener registered before its first turn ends.
 */
export function onInstalled(listener: () => void): void {
  browser.runtime.onInstalled.addListener(() => listener());
}
