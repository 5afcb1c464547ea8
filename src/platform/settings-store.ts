/**
 * Settings in browser.storage.local, read through the pure rules of src/core/settings.
 * Changes reach every context, every open tab's content script included, through
 * storage.onChanged: that event is the broadcast, so no context keeps its own copy for long.
 */
import { browser } from './browser';
import {
  SETTINGS_KEY,
  applyPatch,
  readSettings,
  type Settings,
  type SettingsPatch,
} from '../core/settings';

/**
 * Reads, migrates and repairs the stored settings. With `writeBack`, a migrated or repaired copy
 * is written back (extension pages and the background do; content scripts only read, so a hundred
 * tabs never race to write the same repair).
 */
export async function loadSettings(options: { writeBack?: boolean } = {}): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings, repairs, needsWrite } = readSettings(stored);
  if (repairs.length > 0) {
    console.error('Backstory: stored settings had values of the wrong shape; using defaults for', repairs.map((r) => r.field).join(', '));
  }
  if (options.writeBack && needsWrite) await browser.storage.local.set({ [SETTINGS_KEY]: settings });
  return settings;
}

/** Applies a patch to the current settings and stores the result; returns what was stored. */
export async function updateSettings(patch: SettingsPatch): Promise<Settings> {
  const next = applyPatch(await loadSettings(), patch);
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Puts every setting back to its default. */
export async function resetSettings(): Promise<Settings> {
  await browser.storage.local.remove(SETTINGS_KEY);
  return loadSettings({ writeBack: true });
}

/** Calls `listener` with the new settings whenever any context changes them, until `signal` aborts. */
export function watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    listener(readSettings(changes[SETTINGS_KEY]?.newValue).settings);
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
}
