/**
 * The runtime index: everything the scanner and the page's decisions need, as flat typed arrays so it can be
 * serialised into one ArrayBuffer at build time and loaded by the content script as views, without
 * parsing. Strings are stored as pools of UTF-16 units (one byte each where all are Latin-1) with
 * offset tables (CSR layout: item i spans `start[i]..start[i + 1]`).
 */
import type { EntityType } from '../pack/types';
import { ENTITY_TYPES } from '../pack/types';

/** Alias flag: the normalised original-case text must equal the alias exactly. */
export const ALIAS_CASE_SENSITIVE = 1;
/** Alias flag: only accepted where the page also names the entity (or a related one) strongly. */
export const ALIAS_NEEDS_CONTEXT = 2;
/**
 * Alias flag: a description rather than a name ("2024 presidential election", "nuclear program",
 * "Security Council"): of two words or more, and lower-case after the first word or needing context.
 * Another country's or body's possessive before it, or another place after "in"/"of", makes it
 * theirs (scan-block.ts). Derived from the alias's text when the pack is compiled.
 */
export const ALIAS_DESCRIPTIVE = 4;
/**
 * Alias flag: the alias refers to its entity only for a period (`from`/`until` in the pack): its
 * days are in `periodFrom`/`periodUntil`, found by the alias's place in `periodAlias`.
 */
export const ALIAS_TIME_BOUND = 8;
/**
 * Alias flag: the alias has word breaks between Arabic-script letters, which a page may write as a
 * space, a zero-width non-joiner or nothing. Its key in the automaton has them taken out; where
 * they were is in `jointAt`, found by the alias's place in `jointAlias`.
 */
export const ALIAS_JOINTS = 16;
/** Entity flag: a country or large institution, only shown among two other entities of the pack. */
export const ENTITY_BROAD = 1;

/** Entity types by their numeric code in the index (the order of {@link ENTITY_TYPES}). */
export const ENTITY_TYPE_CODES: readonly EntityType[] = ENTITY_TYPES;

/** The compiled index of one or more packs. Treat as immutable. */
export interface CompiledIndex {
  // The Aho-Corasick automaton over lower-cased normalised aliases. State 0 is the root.
  /** Next state from the root for each ASCII unit; 0 means "stay at the root". */
  readonly rootAscii: Int32Array;
  /** Per state (length states + 1): first edge of the state in the edge arrays. */
  readonly edgeStart: Uint32Array;
  /**
   * Edge labels (UTF-16 units), sorted within each state. Edge k leads to state k + 1: states are
   * numbered breadth-first with each state's children consecutive (see build-automaton.ts).
   */
  readonly edgeChar: Uint16Array;
  /** Failure link of each state. */
  readonly fail: Int32Array;
  /** Next state on the failure chain that ends an alias, or -1 (the "dictionary suffix link"). */
  readonly dictLink: Int32Array;
  /** Per state (length states + 1): first alias ending exactly at the state, in `outAlias`. */
  readonly outStart: Uint32Array;
  /** Alias ids ending at each state, strong aliases first. */
  readonly outAlias: Int32Array;

  // Aliases.
  /** Entity of each alias. */
  readonly aliasEntity: Int32Array;
  /** Flags of each alias ({@link ALIAS_CASE_SENSITIVE}, {@link ALIAS_NEEDS_CONTEXT}, {@link ALIAS_DESCRIPTIVE}, {@link ALIAS_TIME_BOUND}, {@link ALIAS_JOINTS}). */
  readonly aliasFlags: Uint8Array;
  /**
   * Length of each alias's key in the automaton, in UTF-16 units: its normalised text, without the
   * breaks of {@link ALIAS_JOINTS} (a match is as long, plus the breaks the page wrote).
   */
  readonly aliasLength: Uint16Array;
  /**
   * Offsets into `caseTextPool`: the normalised original-case key of each case-sensitive alias,
   * which a match must equal exactly (but for the breaks of {@link ALIAS_JOINTS}); empty for the others (most aliases: kept out of the bytes).
   */
  readonly caseTextStart: Uint32Array;
  readonly caseTextPool: Uint8Array | Uint16Array;
  /** The time-bound aliases ({@link ALIAS_TIME_BOUND}), ascending: a few, so kept apart from the rest. */
  readonly periodAlias: Int32Array;
  /** First and last day of each one's period (days since 1970-01-01; DAY_MIN/DAY_MAX where open). */
  readonly periodFrom: Int32Array;
  readonly periodUntil: Int32Array;
  /** The aliases with {@link ALIAS_JOINTS}, ascending: only those in Arabic script, so kept apart. */
  readonly jointAlias: Int32Array;
  /** Per alias of `jointAlias` (length + 1): its first break in `jointAt`. */
  readonly jointStart: Uint32Array;
  /** Where each break was: the offset in the alias's key of the letter after it, ascending per alias. */
  readonly jointAt: Uint16Array;

  // Entities.
  /** Type code of each entity (index into {@link ENTITY_TYPE_CODES}). */
  readonly entityType: Uint8Array;
  /** Flags of each entity ({@link ENTITY_BROAD}). */
  readonly entityFlags: Uint8Array;
  /** Pack of each entity (index into `packIds`). */
  readonly entityPack: Uint16Array;
  /** Offsets into `entityIdPool`: the entity's id within its pack. */
  readonly entityIdStart: Uint32Array;
  readonly entityIdPool: Uint8Array | Uint16Array;
  /** Byte offsets into `entityNamePool` (UTF-8): the canonical name. */
  readonly entityNameStart: Uint32Array;
  readonly entityNamePool: Uint8Array;
  /** Related entities, both directions, deduplicated (CSR). */
  readonly relatedStart: Uint32Array;
  readonly related: Int32Array;
  /** Ids of the packs compiled in, in order. */
  readonly packIds: readonly string[];
  /**
   * Source of a case-insensitive RegExp that every block holding a match also matches (see
   * prefilter.ts), or '' where there is none. Built with the index, so pages only compile it.
   */
  readonly prefilter: string;
}

/**
 * The place of `alias` in an ascending list of aliases kept apart ({@link CompiledIndex.periodAlias},
 * {@link CompiledIndex.jointAlias}): few, so a binary search. The alias must be in the list.
 */
export function placeOf(list: Int32Array, alias: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < alias) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of aliases in the index. */
export function aliasCount(index: CompiledIndex): number {
  return index.aliasEntity.length;
}

/** Number of entities in the index. */
export function entityCount(index: CompiledIndex): number {
  return index.entityType.length;
}
