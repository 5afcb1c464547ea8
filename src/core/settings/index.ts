/**
 * Reading and writing settings, minus the storage itself: `readSettings` is what every context
 * calls on whatever browser.storage returned.
 */
import { migrate } from './migrations';
import { repairSettings, type Repair, type Settings } from './settings';

export * from './settings';
export {
  MAX_ENTITY_KEY_LENGTH, MAX_HIDDEN_PER_SITE, MAX_HIDDEN_TOTAL, MAX_SITES,
  hiddenOn, hideEntity, isHostname, isPausedOn, pauseSite, pausedBy, siteFromInput, siteOf,
  type SiteSettings,
} from './sites';
export { migrate, migrations, storedVersion } from './migrations';
export { applyChange, changesPacks, isSettingsChange, recordsSite, type SettingsChange } from './change';

export { SETTINGS_KEY, switchedOff } from './key';

/**
 * From a raw stored value to valid Settings: migrate, then repair each bad field to its default.
 * `needsWrite` says the stored copy differs from the result and should be written back.
 */
export function readSettings(stored: unknown): { settings: Settings; repairs: Repair[]; needsWrite: boolean } {
  if (stored === undefined) {
    const { settings } = repairSettings({});
    return { settings, repairs: [], needsWrite: false };
  }
  const isObject = stored !== null && typeof stored === 'object' && !Array.isArray(stored);
  const migrated = isObject ? migrate(stored as Record<string, unknown>) : stored;
  const { settings, repairs } = repairSettings(migrated);
  const needsWrite = migrated !== stored || repairs.length > 0;
  return { settings, repairs, needsWrite };
}
