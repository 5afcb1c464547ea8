/**
 * compilePack / compilePacks: a validated pack (or several) -> the runtime index.
 */
import type { Entity, Pack } from '../pack/types';
import { ENTITY_TYPES } from '../pack/types';
import { isArabicScript, normalizeAlias } from '../text/normalize';
import { buildAutomaton } from './build-automaton';
import { gateWordsSource } from './gate-words';
import { ALIAS_CASE_SENSITIVE, ALIAS_DESCRIPTIVE, ALIAS_JOINTS, ALIAS_NEEDS_CONTEXT, ALIAS_TIME_BOUND, ENTITY_BROAD, type CompiledIndex } from './compiled-index';
import { DAY_MAX, DAY_MIN, isoSpan } from '../text/dates';
import { prefilterSource } from './prefilter';
import { buildPool, buildTextPool } from './string-pool';

/**
 * Compiles several packs into one index. Entities keep their pack: their key is `packId:entityId`
 * (see `entityKey`), and `related` ids are resolved within the same pack. Packs are expected to be
 * valid (see `validatePack`); dangling related ids are ignored rather than thrown on.
 */
export function compilePacks(packs: readonly Pack[]): CompiledIndex {
  const packIds: string[] = [];
  const entityType: number[] = [];
  const entityFlags: number[] = [];
  const entityPack: number[] = [];
  const entityIds: string[] = [];
  const entityNames: string[] = [];
  const relatedLists: Set<number>[] = [];
  const aliasEntity: number[] = [];
  const aliasFlags: number[] = [];
  const aliasNorm: string[] = [];
  const aliasLower: string[] = [];
  const periodAlias: number[] = [];
  const periodFrom: number[] = [];
  const periodUntil: number[] = [];
  const jointAlias: number[] = [];
  const jointStart: number[] = [0];
  const jointAt: number[] = [];

  const typeCode = new Map<string, number>(ENTITY_TYPES.map((t, i) => [t, i]));
  packs.forEach((pack, p) => {
    packIds.push(pack.id);
    const base = entityIds.length;
    const local = new Map<string, number>();
    pack.entities.forEach((e, i) => {
      if (!local.has(e.id)) local.set(e.id, base + i);
    });
    pack.entities.forEach((e, i) => {
      const entity = base + i;
      entityType.push(typeCode.get(e.type) ?? 0);
      entityFlags.push(e.broad === true ? ENTITY_BROAD : 0);
      entityPack.push(p);
      entityIds.push(e.id);
      entityNames.push(e.name);
      relatedLists.push(new Set());
      for (const a of indexedAliases(e)) {
        const timeBound = a.from !== undefined || a.until !== undefined;
        if (timeBound) {
          periodAlias.push(aliasEntity.length);
          periodFrom.push(a.from === undefined ? DAY_MIN : isoSpan(a.from)?.lo ?? DAY_MIN);
          periodUntil.push(a.until === undefined ? DAY_MAX : isoSpan(a.until)?.hi ?? DAY_MAX);
        }
        aliasEntity.push(entity);
        const key = aliasKey(a.norm);
        aliasFlags.push((a.caseSensitive ? ALIAS_CASE_SENSITIVE : 0) | (a.needsContext ? ALIAS_NEEDS_CONTEXT : 0) | (isDescriptive(a) ? ALIAS_DESCRIPTIVE : 0) |
          (timeBound ? ALIAS_TIME_BOUND : 0) | (key.joints.length > 0 ? ALIAS_JOINTS : 0));
        if (key.joints.length > 0) {
          jointAlias.push(aliasEntity.length - 1);
          jointAt.push(...key.joints);
          jointStart.push(jointAt.length);
        }
        aliasNorm.push(key.text);
        aliasLower.push(key.lower);
      }
    });
    // Related, in both directions.
    pack.entities.forEach((e, i) => {
      for (const id of e.related) {
        const other = local.get(id);
        if (other === undefined || other === base + i) continue;
        relatedLists[base + i]!.add(other);
        relatedLists[other]!.add(base + i);
      }
    });
  });

  const automaton = buildAutomaton(aliasLower, (a, b) => {
    // Strong aliases first: the scanner reports the first alias of a shared key as the primary.
    const na = aliasFlags[a]! & ALIAS_NEEDS_CONTEXT;
    const nb = aliasFlags[b]! & ALIAS_NEEDS_CONTEXT;
    return na !== nb ? na - nb : a - b;
  });

  const relatedStart = new Uint32Array(relatedLists.length + 1);
  let total = 0;
  relatedLists.forEach((set, i) => {
    total += set.size;
    relatedStart[i + 1] = total;
  });
  const related = new Int32Array(total);
  relatedLists.forEach((set, i) => related.set([...set].sort((a, b) => a - b), relatedStart[i]));

  const caseText = buildPool(aliasNorm.map((text, a) => ((aliasFlags[a]! & ALIAS_CASE_SENSITIVE) !== 0 ? text : '')));
  const aliasLength = Uint16Array.from(aliasNorm, (text) => {
    if (text.length > 0xffff) throw new Error(`an alias of ${text.length} characters is too long to index`);
    return text.length;
  });
  const ids = buildPool(entityIds);
  const names = buildTextPool(entityNames);
  return {
    ...automaton,
    aliasEntity: Int32Array.from(aliasEntity),
    aliasFlags: Uint8Array.from(aliasFlags),
    aliasLength,
    caseTextStart: caseText.start,
    caseTextPool: caseText.pool,
    periodAlias: Int32Array.from(periodAlias),
    periodFrom: Int32Array.from(periodFrom),
    periodUntil: Int32Array.from(periodUntil),
    jointAlias: Int32Array.from(jointAlias),
    jointStart: Uint32Array.from(jointStart),
    jointAt: Uint16Array.from(jointAt),
    entityType: Uint8Array.from(entityType),
    entityFlags: Uint8Array.from(entityFlags),
    entityPack: Uint16Array.from(entityPack),
    entityIdStart: ids.start,
    entityIdPool: ids.pool,
    entityNameStart: names.start,
    entityNamePool: names.pool,
    relatedStart,
    related,
    packIds,
    prefilter: prefilterSource(aliasNorm) ?? '',
  };
}

/** One alias of an entity as the index holds it, in the index's order. */
export interface IndexedAlias {
  /** As the pack wrote it. */
  readonly text: string;
  readonly norm: { readonly text: string; readonly lower: string };
  readonly caseSensitive: boolean;
  readonly needsContext: boolean;
  /** The period the alias refers to the entity in, as the pack wrote it (ISO dates), if any. */
  readonly from?: string;
  readonly until?: string;
}

/**
 * An entity's aliases in the order the index numbers them: its canonical name first (an alias too,
 * case-insensitive and strong) unless the pack lists it, then the pack's aliases; none that
 * normalises to nothing. The index keeps no alias as written (a card reads it from the pack with
 * this list: see writtenAlias).
 */
export function indexedAliases(e: Entity): IndexedAlias[] {
  const out: IndexedAlias[] = [];
  const add = (text: string, caseSensitive: boolean, needsContext: boolean, from?: string, until?: string) => {
    const norm = normalizeAlias(text);
    if (norm.lower === '') return;
    const period = { ...(from === undefined ? {} : { from }), ...(until === undefined ? {} : { until }) };
    out.push({ text, norm, caseSensitive, needsContext, ...period });
  };
  if (!e.aliases.some((a) => a.text === e.name)) add(e.name, false, false);
  for (const a of e.aliases) add(a.text, a.caseSensitive === true, a.needsContext === true, a.from, a.until);
  return out;
}

/**
 * An alias's key for the automaton: its normalised text and lower-cased twin with each word break
 * between two Arabic-script letters taken out, and where those breaks were (offsets in the key).
 * Persian writes a compound with a space, a zero-width non-joiner or neither ("نیویورک تایمز",
 * "نیویورک‌تایمز", "نیویورکتایمز"): the scanner reads such a break in the text as nothing, and a
 * match keeps it only where the alias has one (see jointsAllow in scan-block.ts).
 */
export function aliasKey(norm: { readonly text: string; readonly lower: string }): { text: string; lower: string; joints: number[] } {
  const joints: number[] = [];
  let text = '';
  let lower = '';
  for (let i = 0; i < norm.text.length; i++) {
    if (norm.text.charCodeAt(i) === 32 && i > 0 && i + 1 < norm.text.length && isArabicScript(norm.text.charCodeAt(i - 1)) && isArabicScript(norm.text.charCodeAt(i + 1))) {
      joints.push(text.length);
    } else {
      text += norm.text[i];
      lower += norm.lower[i];
    }
  }
  return { text, lower, joints };
}

/** Compiles one pack into an index (entity keys are still namespaced: `packId:entityId`). */
export function compilePack(pack: Pack): CompiledIndex {
  return compilePacks([pack]);
}

/**
 * The name gate's source for `packs` (see ./gate-words.ts): what a frame rules itself out with
 * before loading the index. Null where there can be no gate.
 */
export function packsGateSource(packs: readonly Pack[]): string | null {
  return gateWordsSource(packs.flatMap((pack) => pack.entities.flatMap((e) => indexedAliases(e).map((a) => ({ norm: a.norm.text, caseSensitive: a.caseSensitive })))));
}

/** See ALIAS_DESCRIPTIVE. */
function isDescriptive(a: { readonly text: string; readonly caseSensitive?: boolean; readonly needsContext?: boolean }): boolean {
  const words = a.text.trim().split(/\s+/);
  if (a.caseSensitive || words.length < 2) return false;
  return a.needsContext === true || words.slice(1).every((w) => w === w.toLowerCase());
}
