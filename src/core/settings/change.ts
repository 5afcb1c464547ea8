/**
 * A change to the settings, as data: what the popup, the options page and the card send to the
 * background, which owns the stored settings and applies changes one after another (so two tabs
 * changing settings at once cannot lose either change). Pure, so every context and the tests
 * apply changes by the same rules.
 */
import { applyPatch, defaultSettings, type Settings, type SettingsPatch } from './settings';
import { hideEntity, isHostname, pauseSite, pausedBy } from './sites';

export type SettingsChange =
  /** Replace fields (see `applyPatch`). */
  | { readonly kind: 'patch'; readonly patch: SettingsPatch }
  /** Pause or resume exactly this site (a hostname or a domain). */
  | { readonly kind: 'pause-site'; readonly site: string; readonly paused: boolean }
  /** Resume the page's site: the entry that pauses it, which may be a covering domain. */
  | { readonly kind: 'resume-site'; readonly site: string }
  /** "Not this one here", or its undo. */
  | { readonly kind: 'hide-entity'; readonly site: string; readonly key: string; readonly hidden: boolean }
  /** Switch one pack on or off (applied to the stored list, so two quick switches both count). */
  | { readonly kind: 'pack-enabled'; readonly id: string; readonly enabled: boolean }
  /** Every setting back to its default. */
  | { readonly kind: 'reset' };

/** The change applied to `current`. Pure; a change that names no valid site changes nothing. */
export function applyChange(current: Settings, change: SettingsChange): Settings {
  switch (change.kind) {
    case 'patch':
      return applyPatch(current, change.patch);
    case 'pause-site':
      return applyPatch(current, pauseSite(current, change.site, change.paused));
    case 'resume-site':
      return applyPatch(current, pauseSite(current, pausedBy(current, change.site) ?? change.site, false));
    case 'hide-entity':
      return applyPatch(current, hideEntity(current, change.site, change.key, change.hidden));
    case 'pack-enabled': {
      const others = current.disabledPacks.filter((id) => id !== change.id);
      return applyPatch(current, { disabledPacks: change.enabled ? others : [...others, change.id] });
    }
    case 'reset':
      return defaultSettings();
  }
}

/** Whether the change may alter which packs are enabled (the background then rebuilds the index). */
export function changesPacks(change: SettingsChange): boolean {
  return change.kind === 'reset' || change.kind === 'pack-enabled' || (change.kind === 'patch' && change.patch.disabledPacks !== undefined);
}

/**
 * Whether the change records a site the reader visited. From a private window such a change is
 * applied to that tab only and never stored.
 */
export function recordsSite(change: SettingsChange): boolean {
  return change.kind === 'pause-site' || change.kind === 'hide-entity' || (change.kind === 'patch' && change.patch.sites !== undefined);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a message's payload is a well-formed change (the background checks before applying). */
export function isSettingsChange(value: unknown): value is SettingsChange {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'patch':
      return isObject(value.patch);
    case 'pause-site':
      return isHostname(value.site) && typeof value.paused === 'boolean';
    case 'resume-site':
      return isHostname(value.site);
    case 'hide-entity':
      return isHostname(value.site) && typeof value.key === 'string' && typeof value.hidden === 'boolean';
    case 'pack-enabled':
      return typeof value.id === 'string' && typeof value.enabled === 'boolean';
    case 'reset':
      return true;
    default:
      return false;
  }
}
