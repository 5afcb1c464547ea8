/**
 * The page's decisions: which of the mentions found in a page's blocks a reader is shown. This is
 * the one place that decides it: the content script keeps a PageDecisions up to date as the page is
 * read and changes (blocks added, changed and removed, in any order), and the CLI and the tests call
 * `decidePage`, the same code over a finished page. The content script only paints the result.
 *
 * Three stages, each over the one before:
 * 1. Context and filters (./context.ts): needsContext aliases, broad entities, the types enabled
 *    and the entities hidden on the site.
 * 2. Story only (an option): a pack's mentions show only on pages about its story, which show at
 *    least STORY_MIN_ENTITIES of its distinct non-broad entities (countries and large
 *    institutions do not count: they are named everywhere).
 * 3. First mention (mode "first"): only the first mention of each entity in document order.
 *
 * Stages 2 and 3 keep, per entity, the blocks that accept it (stage 1's result), so a block added or changed costs its
 * own matches (and the blocks it takes a first mention from), not the page. When a pack's story
 * switches on or off, every block is looked at again: a few times a page at most. In the default
 * mode (every mention, every page) nothing is kept beyond stage 1.
 *
 * Disabled packs are not here: they are left out when the index is built.
 */
import type { EntityType } from '../pack/types';
import { ENTITY_BROAD, type CompiledIndex } from '../match/compiled-index';
import { NO_MATCHES, type RawMatch } from '../match/scan-block';
import { ChangeLog, sameList, type ContextChanges } from './changes';
import { PageContext, type ContextEntry } from './context';

/** The default mode's sink target between calls (nothing is noted then), so no caller's set is kept. */
const NOWHERE = new Set<never>();
/** How many distinct non-broad entities of a pack make a page about its story. */
export const STORY_MIN_ENTITIES = 3;

/** How mentions are shown: every one, or only the first of each entity on the page. */
export type MentionMode = 'all' | 'first';

/** What the reader chose to see on this page. */
export interface PageOptions {
  readonly mode: MentionMode;
  /** Only these entity types are shown (all when absent). */
  readonly enabledTypes?: ReadonlySet<EntityType>;
  /** Entity keys (`packId:entityId`) the reader hid on this site. */
  readonly hiddenEntities?: ReadonlySet<string>;
  /** Show a pack's names only on pages about its story. */
  readonly storyOnly?: boolean;
}

/** A block as the decisions hold it: the caller's object, with the fields the decisions write. */
export interface DecidedBlock extends ContextEntry {
  /** Written by the decisions: the matches shown (empty until the block is added). */
  shown: readonly RawMatch[];
}

/** Whether block `a` comes before block `b` in the document. */
export type Precedes<K> = (a: K, b: K) => boolean;

export class PageDecisions<K extends DecidedBlock> {
  private context: PageContext<K>;
  /** The blocks held (those with matches), in document order. */
  private blocks: K[] = [];
  /** Mode "all" without story: a block shows what its context accepts, and nothing more is kept. */
  private plain: boolean;
  /** Per entity (stages 2 and 3): the blocks whose accepted matches name it. */
  private readonly holders = new Map<number, Set<K>>();
  /** Per entity (stage 3): the first of its holders in document order. */
  private readonly first = new Map<number, K>();
  /** Per pack (stage 2): how many of its non-broad entities some block accepts. */
  private readonly storyCount: Uint32Array;
  /**
   * Mode "all" without story: the context stage's changes go straight to `shown` and to the
   * caller's set (`plainChanged`, the set of the call under way): no log, no second pass. Adds run
   * once per block as a page is read, in code that is not optimised yet.
   */
  private plainChanged = NOWHERE as Set<K>;
  private readonly plainSink: ContextChanges<K> = {
    note: (entry) => {
      entry.shown = entry.accepted;
      this.plainChanged.add(entry);
    },
  };

  constructor(
    private readonly index: CompiledIndex,
    private options: PageOptions,
    private readonly precedes: Precedes<K>,
  ) {
    this.context = new PageContext(index, options);
    this.plain = options.mode === 'all' && !options.storyOnly;
    this.storyCount = new Uint32Array(index.packIds.length);
  }

  /** The blocks held, in document order. */
  get ordered(): readonly K[] {
    return this.blocks;
  }

  /**
   * Adds a block (its raw matches, from `scanBlock`) at its place in the document; adds to
   * `changed` (and returns it) the blocks whose shown matches changed, the new one included when it
   * shows anything. A block without matches is not kept: it can neither show nor give context.
   */
  add(entry: K, changed: Set<K> = new Set()): Set<K> {
    if (entry.raw.length === 0 || entry.holder === this.context) return changed;
    this.insert(entry);
    if (this.plain) {
      this.plainChanged = changed;
      this.context.add(entry, this.plainSink);
      this.plainChanged = NOWHERE;
      return changed;
    }
    const log = new ChangeLog<K>();
    this.context.add(entry, log);
    this.settle(log, changed);
    return changed;
  }

  /**
   * Removes blocks (a block whose text changed is removed, then added as a new one); adds to
   * `changed` (and returns it) the blocks that stay whose shown matches changed.
   */
  remove(entries: Iterable<K>, changed: Set<K> = new Set()): Set<K> {
    const gone = new Set<K>();
    for (const entry of entries) if (entry.holder === this.context) gone.add(entry);
    if (gone.size === 0) return changed;
    this.blocks = this.blocks.filter((b) => !gone.has(b));
    if (this.plain) {
      this.plainChanged = changed;
      this.context.remove(gone, this.plainSink);
      this.plainChanged = NOWHERE;
    } else {
      const log = new ChangeLog<K>();
      // What the removed blocks accepted leaves with them.
      for (const entry of gone) log.note(entry, entry.accepted);
      this.context.remove(gone, log);
      this.settle(log, changed);
    }
    for (const entry of gone) {
      entry.shown = NO_MATCHES;
      changed.delete(entry);
    }
    return changed;
  }

  /**
   * Decides again under new options (a reader's click), from the blocks' scans, without reading the
   * page again; adds to `changed` (and returns it) the blocks whose shown matches changed.
   */
  setOptions(options: PageOptions, changed: Set<K> = new Set()): Set<K> {
    this.options = options;
    this.plain = options.mode === 'all' && !options.storyOnly;
    this.context = new PageContext(this.index, options);
    this.holders.clear();
    this.first.clear();
    this.storyCount.fill(0);
    const before = new Map<K, readonly RawMatch[]>();
    // Decided afresh: a block the new context accepts nothing of shows nothing.
    for (const entry of this.blocks) {
      before.set(entry, entry.shown);
      entry.shown = NO_MATCHES;
    }
    const log = new ChangeLog<K>();
    for (const entry of this.blocks) this.context.add(entry, this.plain ? this.plainSink : log);
    this.plainChanged = NOWHERE;
    if (!this.plain) this.settle(log, new Set());
    for (const entry of this.blocks) if (!sameList(before.get(entry)!, entry.shown)) changed.add(entry);
    return changed;
  }

  /** Inserts a block at its place in document order: appended when it follows the last (a first read). */
  private insert(entry: K): void {
    const blocks = this.blocks;
    const n = blocks.length;
    if (n === 0 || this.precedes(blocks[n - 1]!, entry)) {
      blocks.push(entry);
      return;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.precedes(blocks[mid]!, entry)) lo = mid + 1;
      else hi = mid;
    }
    blocks.splice(lo, 0, entry);
  }

  /** Carries the context stage's changes through stages 2 and 3, into `shown` and `changed`. */
  private settle(log: ChangeLog<K>, changed: Set<K>): void {
    const held = this.context;
    const recheck = new Set<K>();
    let storyChanged = false;
    for (const [entry, before] of log.before) {
      recheck.add(entry);
      const was = entitiesOf(before);
      const now = entitiesOf(entry.accepted);
      for (const e of was) if (!now.has(e)) storyChanged = this.leave(e, entry, recheck) || storyChanged;
      for (const e of now) if (!was.has(e)) storyChanged = this.join(e, entry, recheck) || storyChanged;
    }
    for (const entry of storyChanged ? this.blocks : recheck) {
      if (entry.holder !== held) continue;
      const shown = this.decide(entry);
      if (!sameList(entry.shown, shown)) changed.add(entry);
      entry.shown = shown;
    }
  }

  /** `entry` now accepts entity `e`; returns whether a pack's story switched. */
  private join(e: number, entry: K, recheck: Set<K>): boolean {
    let set = this.holders.get(e);
    let storyChanged = false;
    if (!set) {
      set = new Set();
      this.holders.set(e, set);
      storyChanged = this.options.storyOnly === true && this.countStory(e, 1);
    }
    set.add(entry);
    if (this.options.mode === 'first') {
      const first = this.first.get(e);
      if (first === undefined || this.precedes(entry, first)) {
        if (first !== undefined) recheck.add(first);
        this.first.set(e, entry);
      }
    }
    return storyChanged;
  }

  /** `entry` no longer accepts entity `e`; returns whether a pack's story switched. */
  private leave(e: number, entry: K, recheck: Set<K>): boolean {
    const set = this.holders.get(e);
    if (!set?.delete(entry)) return false;
    if (set.size === 0) {
      this.holders.delete(e);
      this.first.delete(e);
      return this.options.storyOnly === true && this.countStory(e, -1);
    }
    if (this.first.get(e) === entry) {
      let best: K | undefined;
      for (const b of set) if (best === undefined || this.precedes(b, best)) best = b;
      this.first.set(e, best!);
      recheck.add(best!);
    }
    return false;
  }

  /** Counts a non-broad entity in or out of its pack's story; returns whether the story switched. */
  private countStory(e: number, by: 1 | -1): boolean {
    if ((this.index.entityFlags[e]! & ENTITY_BROAD) !== 0) return false;
    const p = this.index.entityPack[e]!;
    const before = this.storyCount[p]! >= STORY_MIN_ENTITIES;
    this.storyCount[p] = this.storyCount[p]! + by;
    return before !== this.storyCount[p] >= STORY_MIN_ENTITIES;
  }

  /** Stages 2 and 3 for one block: its accepted matches less those of packs off-story and later mentions. */
  private decide(entry: K): readonly RawMatch[] {
    const accepted = entry.accepted;
    const first = this.options.mode === 'first';
    const story = this.options.storyOnly === true;
    let out: RawMatch[] | null = null;
    for (let j = 0; j < accepted.length; j++) {
      const m = accepted[j]!;
      const keep =
        (!story || this.storyCount[this.index.entityPack[m.entity]!]! >= STORY_MIN_ENTITIES) &&
        (!first || (this.first.get(m.entity) === entry && firstInList(accepted, j)));
      if (out === null && keep) continue;
      out ??= accepted.slice(0, j);
      if (keep) out.push(m);
    }
    return out === null ? accepted : out.length > 0 ? out : NO_MATCHES;
  }
}

/**
 * The page's decisions over a finished page, in one call: `blocks[i]` holds block i's matches from
 * `scanBlock`, blocks in document order. Returns the matches shown per block, in the same order
 * (for a match with alternatives, `alias`/`entity` are those of the alternative chosen). The same
 * code as the content script's, adding the blocks in order.
 */
export function decidePage(index: CompiledIndex, blocks: readonly (readonly RawMatch[])[], options: PageOptions): (readonly RawMatch[])[] {
  interface Batch extends DecidedBlock {
    readonly at: number;
  }
  const decisions = new PageDecisions<Batch>(index, options, (a, b) => a.at < b.at);
  const entries = blocks.map((raw, at): Batch => ({ raw, accepted: NO_MATCHES, shown: NO_MATCHES, holder: null, at }));
  for (const entry of entries) decisions.add(entry);
  return entries.map((e) => e.shown);
}

/** The distinct entities of a list of matches. */
function entitiesOf(matches: readonly RawMatch[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < matches.length; i++) out.add(matches[i]!.entity);
  return out;
}

/** Whether `list[j]` is the first match of its entity in the list. */
function firstInList(list: readonly RawMatch[], j: number): boolean {
  const e = list[j]!.entity;
  for (let i = 0; i < j; i++) if (list[i]!.entity === e) return false;
  return true;
}
