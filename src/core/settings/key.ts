/**
 * Where the settings are stored, and the one thing the content script's loader reads of them in
 * every frame before it loads anything: whether Backstory is switched off. Apart from the rest of
 * the settings' rules so that the loader compiles none of them.
 */

/** Storage key of the settings object. */
export const SETTINGS_KEY = 'settings';

/**
 * Whether the stored settings, as storage holds them, switch Backstory off. readSettings agrees (it
 * keeps a stored `enabled: false`, and repairs anything else to on): the loader asks this, the
 * engine the full reading.
 */
export function switchedOff(stored: unknown): boolean {
  return typeof stored === 'object' && stored !== null && (stored as { enabled?: unknown }).enabled === false;
}
