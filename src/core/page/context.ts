/**
 * PageContext, the first stage of the page's decisions (./decisions.ts): which of a block's raw
 * matches the page's context accepts, and which of those pass the reader's filters.
 * - A needsContext alias counts only if the page also names its entity, or a related entity, with a
 *   strong alias ("Musk" needs "Elon Musk", "Tesla Inc." or a related entity somewhere on the page).
 *   A time-bound alias whose period holds the date that applies to its block is strong (the date is
 *   its context: see RawMatch.byDate); where no date applies, it keeps its needsContext.
 * - A broad entity (a country...) counts only if at least two other, non-broad entities of its pack do.
 * - Then the reader's filters: the types enabled, the entities hidden on this site. Context is judged
 *   on the whole page before the filters: hiding an entity hides its highlights, it does not change
 *   what the page is about.
 *
 * Kept up to date block by block, so a page read in slices never needs a pass over everything read
 * so far (on a 5 MB page such a pass is a long task of its own). What it keeps (which entities the
 * page names strongly, which non-broad entities are accepted, whether broad entities are shown)
 * only grows as blocks are added, so adding a block can only turn rejected matches into accepted
 * ones: the matches that could still change ("unsettled": their first candidate is not accepted)
 * are filed under the entities that would settle them, and only those are looked at again when such
 * an entity gains context. Removing a block can shrink the page's context, so it rebuilds from the
 * remaining blocks. The order of blocks does not matter here.
 *
 * The blocks are the caller's own objects (see ContextEntry), and the stage writes its decision into
 * them: no table from a block to what is decided for it, and no second object per block (on a 10 MB
 * page, 50,000 of each, kept for the page's life).
 */
import type { EntityType } from '../pack/types';
import { ALIAS_NEEDS_CONTEXT, ENTITY_BROAD, type CompiledIndex } from '../match/compiled-index';
import { entityKey, entityType } from '../match/entity-info';
import { NO_MATCHES, type RawMatch } from '../match/scan-block';
import { sameList, type ContextChanges } from './changes';

/** Minimum number of other, non-broad entities a page must mention for a broad entity to show. */
export const BROAD_MIN_OTHERS = 2;

/** What the reader chose to see (mode aside). */
export interface PageFilters {
  readonly enabledTypes?: ReadonlySet<EntityType>;
  readonly hiddenEntities?: ReadonlySet<string>;
}

/** A block as the context stage holds it: the caller's object, with two fields the stage writes. */
export interface ContextEntry {
  /** The block's matches, as `scanBlock` found them. */
  readonly raw: readonly RawMatch[];
  /** Written by the stage: the matches accepted and passing the filters (empty until the block is added). */
  accepted: readonly RawMatch[];
  /** Written by the stage: the stage that holds the block (added, not removed), or null. */
  holder: object | null;
}

/** Told nothing (a rebuild compares before and after itself). */
const IGNORED: ContextChanges<never> = { note: () => undefined };
const single = [0];
function candidatesOf(m: RawMatch): readonly number[] {
  if (m.alternatives) return m.alternatives;
  single[0] = m.alias;
  return single;
}

export class PageContext<K extends ContextEntry> {
  /** The blocks held, in the order added. */
  private entries: K[] = [];
  private strongSeen: Uint8Array;
  /** Per pack: how many of its non-broad entities are accepted, and whether its broad ones show. */
  private readonly acceptedNonBroad: Uint32Array;
  private accepted: Uint8Array;
  private readonly broadOk: Uint8Array;
  /** How many packs have their broad entities shown (a change rechecks what waits). */
  private broadPacks = 0;
  /** Entries with unsettled matches, filed under each entity that could settle them. */
  private waiting = new Map<number, Set<K>>();
  private readonly visibleCache = new Map<number, boolean>();

  constructor(private readonly index: CompiledIndex, private readonly filters: PageFilters = {}) {
    this.strongSeen = new Uint8Array(index.entityType.length);
    this.accepted = new Uint8Array(index.entityType.length);
    this.acceptedNonBroad = new Uint32Array(index.packIds.length);
    this.broadOk = new Uint8Array(index.packIds.length);
  }

  /**
   * Adds a block (its raw matches, from `scanBlock`); records in `changed` the blocks whose
   * accepted matches changed, the new one included when it accepts anything. A block without
   * matches is not kept: it can neither show nor give context.
   */
  add(entry: K, changed: ContextChanges<K>): void {
    const raw = entry.raw;
    if (raw.length === 0 || entry.holder === this) return;
    // A block may move to a new context (new filters): the old one is dropped with its decisions.
    entry.holder = this;
    entry.accepted = NO_MATCHES;
    this.entries.push(entry);
    let newlyStrong: number[] | null = null;
    // Indexed loops on this path: it runs per block while the page is first read, in code not yet
    // optimised, where for-of allocates an iterator result per step.
    for (let j = 0; j < raw.length; j++) {
      const m = raw[j]!;
      const candidates = candidatesOf(m);
      for (let i = 0; i < candidates.length; i++) {
        const a = candidates[i]!;
        const e = this.index.aliasEntity[a]!;
        if (this.isStrong(a, m) && this.strongSeen[e] === 0) {
          this.strongSeen[e] = 1;
          (newlyStrong ??= []).push(e);
        }
      }
    }
    const broadBefore = this.broadPacks;
    this.evaluate(entry, changed);
    // Entities that just gained a strong mention give context to themselves and their neighbours
    // (a broad neighbour only once broad entities are shown; the broad switch rechecks all).
    if (newlyStrong && this.waiting.size > 0) {
      const recheck = new Set<K>();
      for (const e of newlyStrong) {
        this.collectWaiting(e, recheck);
        if (this.isBroad(e) && !this.broadShown(e)) continue;
        for (let k = this.index.relatedStart[e]!; k < this.index.relatedStart[e + 1]!; k++) this.collectWaiting(this.index.related[k]!, recheck);
      }
      for (const other of recheck) this.evaluate(other, changed);
    }
    if (this.broadPacks !== broadBefore) this.evaluateAllWaiting(changed);
  }

  /**
   * Removes blocks (their accepted matches become empty); records in `changed` the blocks that
   * stay whose accepted matches changed.
   */
  remove(entries: Iterable<K>, changed: ContextChanges<K>): void {
    let any = false;
    for (const entry of entries) {
      if (entry.holder !== this) continue;
      entry.holder = null;
      entry.accepted = NO_MATCHES;
      any = true;
    }
    if (!any) return;
    this.entries = this.entries.filter((e) => e.holder === this);
    this.rebuild(changed);
  }

  /** Recomputes everything from the blocks held, recording in `changed` what changed. */
  private rebuild(changed: ContextChanges<K>): void {
    const before = new Map<K, readonly RawMatch[]>();
    for (const entry of this.entries) before.set(entry, entry.accepted);
    this.strongSeen.fill(0);
    this.accepted.fill(0);
    this.acceptedNonBroad.fill(0);
    this.broadOk.fill(0);
    this.broadPacks = 0;
    this.waiting = new Map();
    for (const entry of this.entries) {
      for (const m of entry.raw) for (const a of candidatesOf(m)) if (this.isStrong(a, m)) this.strongSeen[this.index.aliasEntity[a]!] = 1;
    }
    for (const entry of this.entries) this.evaluate(entry, IGNORED);
    if (this.broadPacks > 0) this.evaluateAllWaiting(IGNORED);
    for (const [entry, old] of before) {
      if (!sameList(old, entry.accepted)) changed.note(entry, old);
    }
  }

  private collectWaiting(e: number, into: Set<K>): void {
    const set = this.waiting.get(e);
    if (!set) return;
    for (const entry of set) if (entry.holder === this) into.add(entry);
    this.waiting.delete(e);
  }

  private evaluateAllWaiting(changed: ContextChanges<K>): void {
    const all = new Set<K>();
    for (const e of [...this.waiting.keys()]) this.collectWaiting(e, all);
    for (const entry of all) this.evaluate(entry, changed);
  }

  /** Decides one block's matches under the current context, filing what may still change. */
  private evaluate(entry: K, changed: ContextChanges<K>): void {
    // The shown list is `raw` itself while every match so far is shown as found (most blocks):
    // a copy is made only where one is left out or changes alias. It is kept for the page's life.
    let out: RawMatch[] | null = null;
    const raw = entry.raw;
    for (let j = 0; j < raw.length; j++) {
      const m = raw[j]!;
      const candidates = candidatesOf(m);
      let chosen = -1;
      // Settled when no candidate before the chosen one (or none at all) could still be accepted.
      let settled = true;
      for (let i = 0; i < candidates.length; i++) {
        const a = candidates[i]!;
        const ok = this.isAccepted(a, m);
        if (ok) this.noteAccepted(this.index.aliasEntity[a]!);
        else if (chosen < 0) settled = false;
        if (ok && chosen < 0 && this.visible(this.index.aliasEntity[a]!)) chosen = a;
      }
      if (!settled) {
        // Unsettled: any of its candidates' entities gaining context may change it.
        const all = candidatesOf(m);
        for (let i = 0; i < all.length; i++) this.file(this.index.aliasEntity[all[i]!]!, entry);
      }
      if (out === null && chosen === m.alias) continue;
      out ??= raw.slice(0, j);
      if (chosen >= 0) {
        const e = this.index.aliasEntity[chosen]!;
        out.push(chosen === m.alias ? m : { ...m, alias: chosen, entity: e, strong: this.isStrong(chosen, m) });
      }
    }
    const shown = out === null ? raw : out.length > 0 ? out : NO_MATCHES;
    const before = entry.accepted;
    entry.accepted = shown;
    if (!sameList(before, shown)) changed.note(entry, before);
  }

  private file(e: number, entry: K): void {
    let set = this.waiting.get(e);
    if (!set) {
      set = new Set();
      this.waiting.set(e, set);
    }
    set.add(entry);
    // A needsContext alias can also be settled by a related entity gaining context.
    for (let k = this.index.relatedStart[e]!; k < this.index.relatedStart[e + 1]!; k++) {
      const r = this.index.related[k]!;
      let rs = this.waiting.get(r);
      if (!rs) {
        rs = new Set();
        this.waiting.set(r, rs);
      }
      rs.add(entry);
    }
  }

  private noteAccepted(e: number): void {
    if (this.isBroad(e) || this.accepted[e] === 1) return;
    this.accepted[e] = 1;
    const p = this.index.entityPack[e]!;
    this.acceptedNonBroad[p]!++;
    if (this.broadOk[p] === 0 && this.acceptedNonBroad[p]! >= BROAD_MIN_OTHERS) {
      this.broadOk[p] = 1;
      this.broadPacks++;
    }
  }

  /** Whether the broad entities of `e`'s pack are shown: the page names two others of that pack. */
  private broadShown(e: number): boolean {
    return this.broadOk[this.index.entityPack[e]!] === 1;
  }

  /** Whether alias `a` of match `m` is strong: it needs no context, or the date that applies to `m` falls in its period. */
  private isStrong(a: number, m: RawMatch): boolean {
    return (this.index.aliasFlags[a]! & ALIAS_NEEDS_CONTEXT) === 0 || (m.byDate !== undefined && m.byDate.includes(a));
  }

  private isBroad(e: number): boolean {
    return (this.index.entityFlags[e]! & ENTITY_BROAD) !== 0;
  }

  private hasContext(a: number, m: RawMatch): boolean {
    if (this.isStrong(a, m)) return true;
    const e = this.index.aliasEntity[a]!;
    if (this.strongSeen[e] === 1) return true;
    for (let k = this.index.relatedStart[e]!; k < this.index.relatedStart[e + 1]!; k++) {
      const r = this.index.related[k]!;
      if (this.strongSeen[r] === 1 && (!this.isBroad(r) || this.broadShown(r))) return true;
    }
    return false;
  }

  private isAccepted(a: number, m: RawMatch): boolean {
    const e = this.index.aliasEntity[a]!;
    return this.hasContext(a, m) && (!this.isBroad(e) || this.broadShown(e));
  }

  private visible(e: number): boolean {
    const { enabledTypes, hiddenEntities } = this.filters;
    if (!enabledTypes && !hiddenEntities?.size) return true;
    let v = this.visibleCache.get(e);
    if (v === undefined) {
      v = (!enabledTypes || enabledTypes.has(entityType(this.index, e))) && !hiddenEntities?.has(entityKey(this.index, e));
      this.visibleCache.set(e, v);
    }
    return v;
  }
}
