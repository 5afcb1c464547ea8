/**
 * The installed packs the reader has not switched off, read once on first use and shared by the
 * search and the card (whose related entities may lie in any pack). Reading them is the slow part
 * of a search, so the popup does it only if asked, and again only when the switched-off set changes.
 */
import type { Pack } from '../core';
import { loadPacks } from '../platform/pack-data';

/** The packs the popup searches and opens cards from. */
export interface InstalledPacks {
  /** The packs, read on the first call. */
  get(): Promise<Pack[]>;
  /** Leaves out the packs the reader switched off, reading them again only if that changed. */
  exclude(disabled: readonly string[]): void;
}

/** The installed packs, none left out until `exclude` says otherwise. */
export function installedPacks(): InstalledPacks {
  let disabled: readonly string[] = [];
  let packs: Promise<Pack[]> | null = null;
  return {
    get: () => (packs ??= loadPacks(disabled)),
    exclude(next) {
      if (next.join() !== disabled.join()) packs = null;
      disabled = next;
    },
  };
}
