/**
 * The installed packs' full text (summaries, facts, sources), for the cards and for search: read
 * only when the first card opens (or the first search), then kept until the packs change. An
 * imported pack replaces a bundled one of the same id (see ./pack-store.ts). Bundled packs were
 * validated by the build and imported ones at import, so both are parsed as they are.
 */
import type { Pack } from '../core';
import { bundledPackIds, importedPacks, packText } from './pack-store';

const cache = new Map<string, Promise<Pack>>();

/** The installed pack `packId`. */
export function loadPack(packId: string): Promise<Pack> {
  let pending = cache.get(packId);
  if (!pending) {
    pending = packText(packId).then((text) => JSON.parse(text) as Pack);
    pending.catch(() => cache.delete(packId));
    cache.set(packId, pending);
  }
  return pending;
}

/** Every installed pack but those switched off, for search. */
export async function loadPacks(disabled: readonly string[] = []): Promise<Pack[]> {
  const [bundled, imported] = await Promise.all([bundledPackIds(), importedPacks()]);
  const ids = [...new Set([...bundled, ...imported.map((p) => p.id)])].filter((id) => !disabled.includes(id));
  const packs = await Promise.allSettled(ids.map(loadPack));
  return packs.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
}

/** Forgets what was read: the packs changed (one imported, replaced or removed). */
export function forgetPacks(): void {
  cache.clear();
}
