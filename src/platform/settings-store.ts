/**
 * Settings in native.storage.local, read through the pure rules of src/core/settings.
 * Changes reach every context, every open tab's content script included, through
 * storage.onChanged: that event is the broadcast, so no context keeps its own copy for long.
 * Native API only (./native.ts): the content script's loader reads and follows them in every frame.
 */
import { native } from './native';
import { SETTINGS_KEY, applyChange, readSettings, type Settings, type SettingsChange } from '../core/settings';
import type { ToBackground } from '../core/messages/protocol';

/**
 * Writes in the background, one after another: each reads what the one before it stored, so two
 * tabs changing settings at once cannot lose either change. Other contexts send their changes to
 * the background (`updateSettings`); the queue lives only as long as the background does, which is
 * enough: a change is read, applied and written within one turn of it.
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
  const stored = (await native.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings, repairs, needsWrite } = readSettings(stored);
  if (repairs.length > 0) {
    console.error('Backstory: stored settings had values of the wrong shape; using defaults for', repairs.map((r) => r.field).join(', '));
  }
  if (options.writeBack && needsWrite) await native.storage.local.set({ [SETTINGS_KEY]: settings });
  return settings;
}

/**
 * Background only: applies a change to the settings as stored now (read afresh, never a cached
 * copy) and stores the result; returns what was stored.
 */
export function applySettingsChange(change: SettingsChange): Promise<Settings> {
  return serialized(async () => {
    const next = applyChange(await loadSettings(), change);
    await native.storage.local.set({ [SETTINGS_KEY]: next });
    return next;
  });
}

/**
 * Any other context: asks the background, which owns the settings, to make the change; resolves
 * with the settings it stored.
 */
export async function updateSettings(change: SettingsChange): Promise<Settings> {
  const message: { type: 'backstory/settings' } & ToBackground['backstory/settings'] = { type: 'backstory/settings', change };
  const answer: unknown = await native.runtime.sendMessage(message);
  const { settings, repairs } = readSettings(answer);
  if (repairs.length > 0) throw new Error('the background did not answer with settings');
  return settings;
}

/** Puts every setting back to its default. */
export function resetSettings(): Promise<Settings> {
  return updateSettings({ kind: 'reset' });
}

/** Calls `listener` with the new settings whenever any context changes them, until `signal` aborts. */
export function watchSettings(listener: (settings: Settings) => void, signal: AbortSignal): void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    listener(readSettings(changes[SETTINGS_KEY]?.newValue).settings);
  };
  native.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => native.storage.onChanged.removeListener(onChanged), { once: true });
}
