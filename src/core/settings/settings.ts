import type { MentionMode } from '../page/decisions';
import { ENTITY_TYPES, MAX_PACK_ID_LENGTH, type EntityType } from '../pack/limits';
import { cleanSites, mergeSites, type Cleaned, type SiteSettings } from './sites';

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
  /** How long, in ms, the pointer must rest on a highlighted mention before its card opens. */
  hoverDelayMs: number;
  /** Per-site choices, keyed by lower-case hostname (see ./sites.ts); least recently changed first. */
  sites: Record<string, SiteSettings>;
  /** The entity types to highlight, in ENTITY_TYPES order (all of them by default). */
  enabledTypes: EntityType[];
  /** Where packs apply: false on every page; true only on pages about a pack's story (see PageDecisions). */
  storyOnly: boolean;
  /** The card's look: following the page ('auto': dark on a dark page), or always light or dark. */
  theme: Theme;
  /**
   * How highlights look: a background wash; an underline (costlier: while any highlight draws a
   * text-decoration, Chromium repaints the whole document on each highlight change); or nothing
   * until the reader holds Alt, which shows them and lets a hover open a card.
   */
  highlightStyle: HighlightStyle;
  /** Ids of installed packs (bundled or imported) the reader switched off. */
  disabledPacks: string[];
}

export type Theme = 'auto' | 'light' | 'dark';
export type HighlightStyle = 'background' | 'underline' | 'modifier';
export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['background', 'underline', 'modifier'];

/** At most this many switched-off packs are kept (ids of at most MAX_PACK_ID_LENGTH characters). */
export const MAX_DISABLED_PACKS = 200;

export const SETTINGS_VERSION = 7 as const;

/** The hover delay's default and its valid range (integers only). */
export const DEFAULT_HOVER_DELAY_MS = 300;
export const MIN_HOVER_DELAY_MS = 0;
export const MAX_HOVER_DELAY_MS = 2000;

/** What a new install starts with. A function, so no caller can mutate a shared object. */
export function defaultSettings(): Settings {
  return { version: SETTINGS_VERSION, enabled: true, mentionMode: 'all', hoverDelayMs: DEFAULT_HOVER_DELAY_MS, sites: {}, enabledTypes: [...ENTITY_TYPES], storyOnly: false, theme: 'auto', highlightStyle: 'background', disabledPacks: [] };
}

/**
 * One field's rule: the valid value for a stored one, or undefined when only the default will do.
 * Most fields are all or nothing; `sites` keeps its good entries and drops the bad (`exact: false`).
 */
type FieldRule<T> = (value: unknown) => Cleaned<T> | undefined;

/** A rule for a field whose value is either valid as it is or replaced whole. */
const whole = <T>(check: (value: unknown) => value is T): FieldRule<T> =>
  (value) => (check(value) ? { value, exact: true } : undefined);

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isMentionMode = (v: unknown): v is MentionMode => v === 'all' || v === 'first';
const isHoverDelay = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= MIN_HOVER_DELAY_MS && (v as number) <= MAX_HOVER_DELAY_MS;

/**
 * The entity types, kept in ENTITY_TYPES order without repeats; a value that is not an array, or
 * names an unknown type, is repaired (unknown names dropped). An empty list is a valid choice.
 */
const cleanTypes: FieldRule<EntityType[]> = (value) => {
  if (!Array.isArray(value)) return undefined;
  const types = ENTITY_TYPES.filter((t) => value.includes(t));
  const exact = value.length === types.length && value.every((v, i) => v === types[i]);
  return { value: types, exact };
};

/** Pack ids, without repeats; anything else (or too many) is dropped. */
const cleanPackIds: FieldRule<string[]> = (value) => {
  if (!Array.isArray(value)) return undefined;
  const ids = [...new Set(value.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_PACK_ID_LENGTH))].slice(0, MAX_DISABLED_PACKS);
  return { value: ids, exact: ids.length === value.length };
};

/** Every field but `version`, with the rule its stored value goes through. */
const fieldRules: { [K in Exclude<keyof Settings, 'version'>]: FieldRule<Settings[K]> } = {
  enabled: whole(isBoolean),
  mentionMode: whole(isMentionMode),
  hoverDelayMs: whole(isHoverDelay),
  sites: cleanSites,
  enabledTypes: cleanTypes,
  storyOnly: whole(isBoolean),
  theme: whole((v: unknown): v is Theme => v === 'auto' || v === 'light' || v === 'dark'),
  highlightStyle: whole((v: unknown): v is HighlightStyle => (HIGHLIGHT_STYLES as readonly unknown[]).includes(v)),
  disabledPacks: cleanPackIds,
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
  for (const [field, rule] of Object.entries(fieldRules) as [keyof typeof fieldRules, FieldRule<unknown>][]) {
    const value = source[field];
    const cleaned = rule(value);
    if (cleaned) (settings as unknown as Record<string, unknown>)[field] = cleaned.value;
    if ((!cleaned || !cleaned.exact) && source === stored) repairs.push({ field, found: value });
  }
  return { settings, repairs };
}

/**
 * A partial update from a UI; only known fields with the right shape are applied. Each field
 * replaces the current value, except `sites`, which is merged host by host: a host the patch names
 * gets the patch's record ({} clears it), hosts it does not name are left alone. So a patch from
 * `pauseSite` or `hideEntity` built on one tab's copy cannot undo another site's change.
 */
export type SettingsPatch = Partial<Omit<Settings, 'version'>>;

/** Applies a patch, ignoring fields that would break the shape (see `SettingsPatch`). Pure. */
export function applyPatch(current: Settings, patch: SettingsPatch): Settings {
  const next: Settings = { ...current };
  for (const [field, value] of Object.entries(patch) as [string, unknown][]) {
    if (field === 'sites') {
      next.sites = mergeSites(current.sites, value) ?? current.sites;
      continue;
    }
    const cleaned = (fieldRules as Record<string, FieldRule<unknown> | undefined>)[field]?.(value);
    // A list of types in another order is still the reader's choice: keep its cleaned form.
    if (cleaned?.exact || ((field === 'enabledTypes' || field === 'disabledPacks') && cleaned)) (next as unknown as Record<string, unknown>)[field] = cleaned.value;
  }
  return next;
}
