import type { MentionMode } from '../match/resolve';

export type { MentionMode };

/**
 * Backstory's settings: one typed, versioned object (STYLE habit 4).
 * Stored under one key in browser.storage.local by src/platform/settings-store.ts; this module is
 * pure so the same rules run in every context and in Node tests.
 */

/** The current shape. Later issues add fields; each new field needs a default and a repair rule. */
export interface Settings {
  /** Schema version; bumped with each migration in ./migrations.ts. */
  version: typeof SETTINGS_VERSION;
  /** The global switch: false pauses Backstory on every page. */
  enabled: boolean;
  /** Highlight every mention of an entity, or only its first on each page. */
  mentionMode: MentionMode;
}


export const SETTINGS_VERSION = 2 as const;

/** What a new install starts with. A function, so no caller can mutate a shared object. */
export function defaultSettings(): Settings {
  return { version: SETTINGS_VERSION, enabled: true, mentionMode: 'all' };
}

/** One field's rule: whether a stored value has the right shape. */
type FieldCheck<T> = (value: unknown) => value is T;

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isMentionMode = (v: unknown): v is MentionMode => v === 'all' || v === 'first';

/** Every field but `version`, with the check its stored value must pass. */
const fieldChecks: { [K in Exclude<keyof Settings, 'version'>]: FieldCheck<Settings[K]> } = {
  enabled: isBoolean,
  mentionMode: isMentionMode,
};

/** A field that failed its check on read and was put back to its default. */
export interface Repair {
  field: string;
  found: unknown;
}

/**
 * Takes an object already migrated to the current version and returns a valid Settings: each
 * field of the wrong shape (or missing) is replaced by its default, and listed in `repairs` so the
 * caller can log it. Unknown fields are dropped. Never throws.
 */
export function repairSettings(stored: unknown): { settings: Settings; repairs: Repair[] } {
  const defaults = defaultSettings();
  const source: Record<string, unknown> =
    stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const repairs: Repair[] = [];
  if (source !== stored) repairs.push({ field: '(root)', found: stored });
  const settings: Settings = { ...defaults };
  for (const [field, check] of Object.entries(fieldChecks) as [keyof typeof fieldChecks, FieldCheck<unknown>][]) {
    const value = source[field];
    if (check(value)) {
      (settings as unknown as Record<string, unknown>)[field] = value;
    } else if (source === stored) {
      repairs.push({ field, found: value });
    }
  }
  return { settings, repairs };
}

/** A partial update from a UI; only known fields with the right shape are applied. */
export type SettingsPatch = Partial<Omit<Settings, 'version'>>;

/** Applies a patch, ignoring fields that would break the shape. Pure. */
export function applyPatch(current: Settings, patch: SettingsPatch): Settings {
  const next: Settings = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    const check = (fieldChecks as Record<string, FieldCheck<unknown> | undefined>)[field];
    if (check?.(value)) (next as unknown as Record<string, unknown>)[field] = value;
  }
  return next;
}
