/**
 * Numbered, pure migrations of the stored settings object (STYLE habit 4).
 * Migration N turns a version N-1 object into a version N object. Once shipped, a migration is
 * never edited: a later change is a new migration, with its own in-to-out test in
 * tests/unit/settings.test.ts.
 */
import { SETTINGS_VERSION } from './settings';

type Stored = Record<string, unknown>;

/** migrations[N] upgrades from version N-1 to N. */
export const migrations: Record<number, (from: Stored) => Stored> = {
  /**
   * 1: the first versioned shape. Version 0 is anything stored before versioning (a bare object,
   * as the pre-release builds wrote): keep the on/off switch if it is a boolean, stamp version 1.
   */
  1: (from) => ({ ...from, version: 1 }),
  /** 2: adds the mention mode; existing readers keep seeing every mention, as before. */
  2: (from) => ({ ...from, mentionMode: 'all', version: 2 }),
  /** 3: adds the hover delay at its default (written out: a shipped step never changes) and per-site choices, none yet. */
  3: (from) => ({ ...from, hoverDelayMs: 300, sites: {}, version: 3 }),
  /** 4: adds the entity types to highlight: every type, as before (written out, see 3). */
  4: (from) => ({ ...from, enabledTypes: ['person', 'organization', 'place', 'event', 'agreement', 'concept'], version: 4 }),
  /** 5: adds where packs apply: on every page, as before. */
  5: (from) => ({ ...from, storyOnly: false, version: 5 }),
  /** 6: adds the card's theme, following the page as before. */
  6: (from) => ({ ...from, theme: 'auto', version: 6 }),
  /** 7: adds the highlight style (the background wash, as before) and switched-off packs (none). */
  7: (from) => ({ ...from, highlightStyle: 'background', disabledPacks: [], version: 7 }),
};

/** Reads the version a stored object claims; anything unversioned counts as version 0. */
export function storedVersion(stored: Stored): number {
  const v = stored.version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * Runs every migration from the stored version up to the current one. An object from a newer
 * build (a downgrade) is returned as is and left to repair-on-read, which keeps the fields it knows.
 */
export function migrate(stored: Stored): Stored {
  let current = stored;
  for (let v = storedVersion(stored) + 1; v <= SETTINGS_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new Error(`settings migration ${v} is missing`);
    current = step(current);
  }
  return current;
}
