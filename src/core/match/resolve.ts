/**
 * resolvePage: the page-level decisions, taken once every block's raw matches are known.
 * - A needsContext alias counts only if the page also names its entity, or a related entity, with a
 *   strong alias ("Musk" needs "Elon Musk", "Tesla Inc." or a related entity somewhere on the page).
 * - A broad entity (a country...) counts only if at least two other, non-broad entities of its pack do.
 * - Then the reader's filters (types, hidden entities) and the mode ("all", or "first" per entity).
 * Context is judged on the whole page before the filters: hiding an entity hides its highlights, it
 * does not change what the page is about.
 */
import type { EntityType } from '../pack/types';
import { ALIAS_NEEDS_CONTEXT, ENTITY_BROAD, type CompiledIndex } from './compiled-index';
import { entityKey, entityType } from './entity-info';
import type { RawMatch } from './scan-block';

/** How mentions are shown. */
export type MentionMode = 'all' | 'first';

/** Options of {@link resolvePage}. */
export interface ResolveOptions {
  /** "all": every mention; "first": only the first mention of each entity on the page. */
  readonly mode: MentionMode;
  /** Only these entity types are shown (all when absent). */
  readonly enabledTypes?: ReadonlySet<EntityType>;
  /** Entity keys (`packId:entityId`) the reader chose to hide. */
  readonly hiddenEntities?: ReadonlySet<string>;
}

/** Minimum number of other, non-broad entities a page must mention for a broad entity to show. */
export const BROAD_MIN_OTHERS = 2;

/** Reused for the common case of a single candidate, so a page's worth of matches allocates nothing. */
const single = [0];

/** The aliases a match may stand for. The result for a single alias is shared: use it at once. */
function candidatesOf(m: RawMatch): readonly number[] {
  if (m.alternatives) return m.alternatives;
  single[0] = m.alias;
  return single;
}

/**
 * Decides which raw matches are shown. `blocks[i]` holds block i's matches from `scanBlock`, blocks
 * in document order. Returns the accepted matches per block, in the same order (for a match with
 * alternatives, `alias`/`entity` are those of the alternative chosen). Linear in the number of
 * matches: call it again over all blocks when the page grows.
 */
export function resolvePage(index: CompiledIndex, blocks: readonly (readonly RawMatch[])[], options: ResolveOptions): RawMatch[][] {
  const entities = index.entityType.length;
  const flags = index.aliasFlags;
  const isBroad = (e: number): boolean => (index.entityFlags[e]! & ENTITY_BROAD) !== 0;
  const isStrong = (a: number): boolean => (flags[a]! & ALIAS_NEEDS_CONTEXT) === 0;

  // Entities named by a strong alias anywhere on the page.
  const strongSeen = new Uint8Array(entities);
  for (const block of blocks) {
    for (const m of block) {
      for (const a of candidatesOf(m)) if (isStrong(a)) strongSeen[index.aliasEntity[a]!] = 1;
    }
  }

  // Per pack: a broad entity shows only where the page names two other, non-broad entities of its pack.
  const packOf = index.entityPack;
  let broadOk = new Uint8Array(index.packIds.length);
  const broadShown = (e: number): boolean => broadOk[packOf[e]!] === 1;
  const hasContext = (a: number): boolean => {
    if (isStrong(a)) return true;
    const e = index.aliasEntity[a]!;
    if (strongSeen[e] === 1) return true;
    for (let k = index.relatedStart[e]!; k < index.relatedStart[e + 1]!; k++) {
      const r = index.related[k]!;
      // A broad neighbour is evidence only once broad entities are shown at all.
      if (strongSeen[r] === 1 && (!isBroad(r) || broadShown(r))) return true;
    }
    return false;
  };
  const accepted = (a: number): boolean => {
    const e = index.aliasEntity[a]!;
    return hasContext(a) && (!isBroad(e) || broadShown(e));
  };

  // Two passes reach the fixed point: broad entities unlock only once two non-broad ones are
  // accepted, and unlocking them can only add evidence, never remove it.
  for (let pass = 0; pass < 2; pass++) {
    const seen = new Set<number>();
    for (const block of blocks) {
      for (const m of block) {
        for (const a of candidatesOf(m)) {
          const e = index.aliasEntity[a]!;
          if (!isBroad(e) && accepted(a)) seen.add(e);
        }
      }
    }
    const perPack = new Uint32Array(index.packIds.length);
    for (const e of seen) perPack[packOf[e]!]!++;
    const next = Uint8Array.from(perPack, (n) => (n >= BROAD_MIN_OTHERS ? 1 : 0));
    if (next.every((v, p) => v === broadOk[p])) break;
    broadOk = next;
  }

  const keys = new Map<number, string>();
  const visible = (e: number): boolean => {
    if (options.enabledTypes && !options.enabledTypes.has(entityType(index, e))) return false;
    if (options.hiddenEntities && options.hiddenEntities.size > 0) {
      let key = keys.get(e);
      if (key === undefined) {
        key = entityKey(index, e);
        keys.set(e, key);
      }
      if (options.hiddenEntities.has(key)) return false;
    }
    return true;
  };

  const shown = new Uint8Array(entities);
  return blocks.map((block) => {
    const out: RawMatch[] = [];
    for (const m of block) {
      const chosen = candidatesOf(m).find((a) => accepted(a) && visible(index.aliasEntity[a]!));
      if (chosen === undefined) continue;
      const entity = index.aliasEntity[chosen]!;
      if (options.mode === 'first') {
        if (shown[entity] === 1) continue;
        shown[entity] = 1;
      }
      out.push(chosen === m.alias ? m : { ...m, alias: chosen, entity, strong: isStrong(chosen) });
    }
    return out;
  });
}
