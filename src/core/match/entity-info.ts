/**
 * Accessors for what the card and the popup show about a match: the entity's key, id, name and
 * type, and the alias that matched ("why highlighted"). The full entity (summary, facts, sources)
 * stays in the pack; `packId` + `id` find it there.
 */
import type { Entity, EntityType } from '../pack/types';
import { indexedAliases } from './compile';
import {
  ALIAS_CASE_SENSITIVE,
  ALIAS_NEEDS_CONTEXT,
  ENTITY_BROAD,
  ENTITY_TYPE_CODES,
  type CompiledIndex,
} from './compiled-index';
import { poolString, textPoolString } from './string-pool';

/** What the index knows about one entity. */
export interface EntityInfo {
  /** `packId:entityId`, unique across packs; the key used by `hiddenEntities`. */
  readonly key: string;
  readonly packId: string;
  /** The entity's id within its pack. */
  readonly id: string;
  /** Canonical name. */
  readonly name: string;
  readonly type: EntityType;
  readonly broad: boolean;
  /** Related entities (indices), in either direction. */
  readonly related: readonly number[];
}

/** What the index knows about one alias. */
export interface AliasInfo {
  readonly entity: number;
  readonly caseSensitive: boolean;
  readonly needsContext: boolean;
}

function checkEntity(index: CompiledIndex, entity: number): void {
  if (!Number.isInteger(entity) || entity < 0 || entity >= index.entityType.length) throw new RangeError(`no entity ${entity}`);
}

/** The pack-qualified key of an entity: `packId:entityId`. */
export function entityKey(index: CompiledIndex, entity: number): string {
  checkEntity(index, entity);
  return `${index.packIds[index.entityPack[entity]!] ?? ''}:${poolString(index.entityIdStart, index.entityIdPool, entity)}`;
}

/** An entity key split into its pack id and entity id (`packId:entityId`; entity ids hold no colon, pack ids none either). */
export function parseEntityKey(key: string): { readonly pack: string; readonly entity: string } {
  const at = key.indexOf(':');
  return at < 0 ? { pack: '', entity: key } : { pack: key.slice(0, at), entity: key.slice(at + 1) };
}

/** The entity's type. */
export function entityType(index: CompiledIndex, entity: number): EntityType {
  checkEntity(index, entity);
  return ENTITY_TYPE_CODES[index.entityType[entity]!] ?? 'concept';
}

/** Whether the entity is broad (a country, a large institution). */
export function isBroad(index: CompiledIndex, entity: number): boolean {
  checkEntity(index, entity);
  return (index.entityFlags[entity]! & ENTITY_BROAD) !== 0;
}

/** Everything the index knows about an entity. */
export function entityInfo(index: CompiledIndex, entity: number): EntityInfo {
  checkEntity(index, entity);
  const packId = index.packIds[index.entityPack[entity]!] ?? '';
  const id = poolString(index.entityIdStart, index.entityIdPool, entity);
  return {
    key: `${packId}:${id}`,
    packId,
    id,
    name: textPoolString(index.entityNameStart, index.entityNamePool, entity),
    type: entityType(index, entity),
    broad: isBroad(index, entity),
    related: Array.from(index.related.subarray(index.relatedStart[entity], index.relatedStart[entity + 1])),
  };
}

/** Everything the index knows about an alias. */
export function aliasInfo(index: CompiledIndex, alias: number): AliasInfo {
  if (!Number.isInteger(alias) || alias < 0 || alias >= index.aliasEntity.length) throw new RangeError(`no alias ${alias}`);
  const flags = index.aliasFlags[alias]!;
  return {
    entity: index.aliasEntity[alias]!,
    caseSensitive: (flags & ALIAS_CASE_SENSITIVE) !== 0,
    needsContext: (flags & ALIAS_NEEDS_CONTEXT) !== 0,
  };
}

/**
 * An alias as its pack wrote it ("Musk’s" rather than the normalised "musk's"), for "why
 * highlighted": read from the alias's entity as the pack has it, which the caller has loaded (the
 * index does not keep written aliases: 1.4 MB of a 100,000-alias index, for one line of a card).
 */
export function writtenAlias(index: CompiledIndex, alias: number, entity: Entity): string {
  if (!Number.isInteger(alias) || alias < 0 || alias >= index.aliasEntity.length) throw new RangeError(`no alias ${alias}`);
  // Aliases are numbered entity by entity: find the entity's first (aliasEntity never decreases).
  const e = index.aliasEntity[alias]!;
  let lo = 0;
  let hi = alias;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.aliasEntity[mid]! < e) lo = mid + 1;
    else hi = mid;
  }
  return indexedAliases(entity)[alias - lo]?.text ?? '';
}

/** The entity with this key (`packId:entityId`), or -1. Linear: for occasional look-ups only. */
export function findEntity(index: CompiledIndex, key: string): number {
  for (let e = 0; e < index.entityType.length; e++) if (entityKey(index, e) === key) return e;
  return -1;
}
