/**
 * "Only on pages about the pack's story": a pack applies to a page when the page names at least
 * STORY_MIN_ENTITIES of its distinct, non-broad entities (countries and large institutions do not
 * count: they are named everywhere). Pure, so the rule is tested apart from the page.
 */
import { ENTITY_BROAD, type CompiledIndex } from './compiled-index';

/** How many distinct non-broad entities of a pack make a page about its story. */
export const STORY_MIN_ENTITIES = 3;

/** The packs (indices into index.packIds) that `entities`, the entities shown on a page, make apply. */
export function storyPacks(index: CompiledIndex, entities: Iterable<number>, min = STORY_MIN_ENTITIES): Set<number> {
  const seen = new Set<number>();
  const perPack = new Map<number, number>();
  const out = new Set<number>();
  for (const e of entities) {
    if (seen.has(e) || (index.entityFlags[e]! & ENTITY_BROAD) !== 0) continue;
    seen.add(e);
    const pack = index.entityPack[e]!;
    const n = (perPack.get(pack) ?? 0) + 1;
    perPack.set(pack, n);
    if (n >= min) out.add(pack);
  }
  return out;
}
