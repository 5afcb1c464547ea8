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
 * A change to make: a patch, or a function that builds one from the latest stored settings. Use the
 * function form when the patch depends on the current value (`pauseSite`, `hideEntity`), so it is
 * built from what storage holds now rather than from this context's possibly older copy.
 */
export type SettingsUpdate = SettingsPatch | ((latest: Settings) => SettingsPatch);

/**
 * Writes from this context, one after another: each reads what the one before it stored, so two
 * quick clicks on one page cannot lose a change. Across contexts storage offers no transaction;
 * the window left is the few milliseconds between one context's read and its write, and patches
 * to `sites` name only the hosts they change, so even then only a change to the same host is lost.
 */
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

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

/**
 * Applies a change to the settings as stored now (read afresh, never a cached copy) and stores the
 * result; returns what was stored.
 */
export function updateSettings(update: SettingsUpdate): Promise<Settings> {
  return serialized(async () => {
    const latest = await loadSettings();
    const next = applyPatch(latest, typeof update === 'function' ? update(latest) : update);
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    return next;
  });
}

/** Puts every setting back to its default. */
export function resetSettings(): Promise<Settings> {
  return serialized(async () => {
    await browser.storage.local.remove(SETTINGS_KEY);
    return loadSettings({ writeBack: true });
  });
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
