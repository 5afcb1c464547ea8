/**
 * The page side of recognition: reads the page's text by block, scans each block with the pure
 * core, decides what to show page-wide, and paints it. Also answers "which mention is here?" and
 * "which mentions are on this page?" for the card and the popup.
 *
 * Cost grows with the page's text, not the pack: scanning is one pass of an Aho-Corasick
 * automaton per block. What is shown is decided by the core's PageDecisions, kept up to date block
 * by block (it re-decides only what a new block can change); this file only paints its decisions.
 * Work is sliced (see ./schedule.ts), the top of the page is painted after the first slice, and
 * the rest as it is read.
 */
import {
  entityInfo,
  entityType,
  mayHoldAlias,
  NO_MATCHES,
  PageDecisions,
  sameList,
  scanBlock,
  type CompiledIndex,
  type DecidedBlock,
  type EntityInfo,
  type PageOptions,
  type RawMatch,
  type ScanOptions,
} from '../core';
import { BlockWalker, isIntact, liveRangeOf, type Block, type Claimed } from '../dom/blocks';
import type { PageStyles } from './highlight-style';
import { MentionRef } from './mention-ref';
import { caretAt, pointOnRange, rangesAtPoint } from './hit-test';
import { Painter } from './painter';
import { benchNow, benchSpent } from './bench-marks';
import { SLICE_MS, nextFrame, yieldToFrame, yieldToPage } from './schedule';

/** What the reader chose to see (the page's decisions take it as it is). */
export type AnnotatorOptions = PageOptions;

/** A block that names someone, as the annotator keeps it (and as the page's decisions do: see DecidedBlock). */
interface BlockState extends DecidedBlock {
  readonly block: Block;
  /** The matches painted: the decisions' `shown`, as of the last paint. */
  painted: readonly RawMatch[];
  /**
   * Their mentions, one per painted match, made on first need (the painter's, near the viewport,
   * or a hit test's, a card's, the popup's): null until then. Most blocks of a long page are never
   * near the viewport, and never need them.
   */
  refs: readonly MentionRef[] | null;
  /** Its place in the first read's document order; -1 for a block read later (a change). */
  readonly seq: number;
}

/** The painted mentions of a block that shows none (shared: most blocks). */
const NONE_SHOWN: readonly MentionRef[] = Object.freeze([]);

/** The least reading per slice, in ms, however long painting the last one took. */
const MIN_READ_MS = 2;

/** Longest stretch of reading without letting a frame through, in ms. */
const FRAME_EVERY_MS = 50;

/** How a block the walker has tested is scanned: it has ruled out those that cannot name anyone (see mayHold). */
const PREFILTERED: ScanOptions = Object.freeze({ prefilter: false });

const sameMatch = (a: RawMatch, b: RawMatch) => a.start === b.start && a.end === b.end && a.entity === b.entity && a.alias === b.alias;

/** A block's first node, for comparing places in the document. */
const firstNode = (state: BlockState): Node => state.block.leaf ?? state.block.nodes[0]!;

/**
 * Whether block `a` comes before block `b`: by the order of the first read where both were read in
 * it (no DOM call), else by their places in the document.
 */
const precedes = (a: BlockState, b: BlockState): boolean =>
  a.seq >= 0 && b.seq >= 0 ? a.seq < b.seq : (firstNode(a).compareDocumentPosition(firstNode(b)) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

export class Annotator {
  /** What the page shows, block by block; holds the blocks that name someone, in document order. */
  private readonly decisions: PageDecisions<BlockState>;
  /**
   * Block -> state and leaf element -> state, for hit-tests and re-reads only: built on first use
   * rather than while the page is first read (two map writes per block add up on a long page),
   * then kept up to date.
   */
  private lookup: { stateOf: WeakMap<Block, BlockState>; leafStates: WeakMap<Element, BlockState> } | null = null;
  /**
   * Text node -> block, for the blocks read node by node (leaf blocks are found by their element).
   * Not recorded while the page is first read (a WeakMap entry per text node is costly to write and
   * to collect, and most pages never change): built from the blocks on first need, then kept.
   */
  private claimedMap: Claimed | null = null;
  private readonly byRange = new Map<AbstractRange, MentionRef>();
  readonly painter: Painter<BlockState>;

  constructor(
    readonly index: CompiledIndex,
    private readonly doc: Document,
    private readonly signal: AbortSignal,
    options: AnnotatorOptions,
    private readonly styles: PageStyles,
  ) {
    this.painter = new Painter<BlockState>(doc, styles, signal, {
      anchorOf: (state) => state.block.anchor,
      rootOf: (state) => state.block.root,
      itemsOf: (state) => this.refsOf(state),
      sizeOf: (state) => state.painted.length,
    });
    this.decisions = new PageDecisions(index, options, precedes);
  }

  /** The blocks that name someone, in document order. */
  private get states(): readonly BlockState[] {
    return this.decisions.ordered;
  }

  private maps(): { stateOf: WeakMap<Block, BlockState>; leafStates: WeakMap<Element, BlockState> } {
    if (!this.lookup) {
      this.lookup = { stateOf: new WeakMap(), leafStates: new WeakMap() };
      for (const state of this.states) this.remember(state);
    }
    return this.lookup;
  }

  private remember(state: BlockState): void {
    if (!this.lookup) return;
    this.lookup.stateOf.set(state.block, state);
    if (state.block.leaf) this.lookup.leafStates.set(state.block.leaf, state);
  }

  /** Every mention shown, in document order. */
  mentions(): MentionRef[] {
    return this.states.flatMap((s) => this.refsOf(s));
  }

  /** The entity of every mention shown, in document order (without making the mentions). */
  shownEntities(): number[] {
    const out: number[] = [];
    for (const state of this.states) for (const m of state.painted) out.push(m.entity);
    return out;
  }

  /** A block's mentions (see BlockState.refs), made now if they were not yet. */
  private refsOf(state: BlockState): readonly MentionRef[] {
    if (state.refs) return state.refs;
    const { painted, block } = state;
    if (painted.length === 0) return NONE_SHOWN;
    const refs = new Array<MentionRef>(painted.length);
    for (let j = 0; j < painted.length; j++) {
      const m = painted[j]!;
      refs[j] = new MentionRef(block, m, entityType(this.index, m.entity), this.rememberRange);
    }
    state.refs = refs;
    return refs;
  }

  /** The entity behind a mention. */
  entity(ref: MentionRef): EntityInfo {
    return entityInfo(this.index, ref.match.entity);
  }

  /** A live Range over a mention, for its geometry or to scroll it into view. */
  liveRange(ref: MentionRef): Range {
    return liveRangeOf(ref.block, ref.match.start, ref.match.end);
  }

  /**
   * Changes what is shown (mode, types, hidden entities, story only) without reading the page
   * again. The page-wide decisions are taken afresh from the blocks' scans, in one go (a reader's click).
   */
  setOptions(options: AnnotatorOptions): void {
    this.paint(this.decisions.setOptions(options));
  }

  /**
   * The mention under the point (viewport coordinates), or null. Uses
   * CSS.highlights.highlightsFromPoint where the browser has it, else the caret position at the
   * point and the mentions of the block under it.
   */
  mentionAt(x: number, y: number): MentionRef | null {
    const ranges = rangesAtPoint(x, y);
    // Nothing of anyone's is painted here: no mention either.
    if (ranges?.length === 0) return null;
    for (const r of ranges ?? []) {
      const ref = this.byRange.get(r);
      if (ref) return ref;
    }
    // No such API, or ranges that are not ours (the page's own highlights, or a browser that
    // returns other range objects): look at the caret.
    const caret = caretAt(this.doc, x, y);
    const state = caret && this.stateOfText(caret.node);
    if (!caret || !state) return null;
    const { block } = state;
    const at = block.starts[block.nodes.indexOf(caret.node)]! + caret.offset;
    // The caret sits between characters: the mention may end at it or start at it.
    return this.refsOf(state).find((ref) => at >= ref.match.start && at <= ref.match.end && pointOnRange(this.liveRange(ref), x, y)) ?? null;
  }

  /** Called with each open shadow root that holds text, so its changes can be watched too. */
  onShadowRoot: ((root: ShadowRoot) => void) | null = null;

  /**
   * Reads the given subtrees again (their text changed, or nodes were added) and settles what is
   * shown. With `prune`, also forgets blocks whose text left the page or changed (a removed
   * subtree, a replaced SPA view). Cost: the size of the subtrees, plus the page's block count
   * when pruning.
   */
  async reread(roots: readonly Node[], prune: boolean): Promise<void> {
    // Not while the first read is under way: it may reach the same nodes. Afterwards, what it
    // read of the changed subtrees is dropped and read again below.
    await this.firstRead;
    if (this.signal.aborted) return;
    // Timed for the benchmark like the first read (between the awaits, where the work is).
    let since = benchNow();
    const removed = new Set<BlockState>();
    for (const root of roots) {
      if (!root.isConnected) continue;
      // Blocks inside the root: walked text nodes name theirs, leaf elements theirs.
      const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
        const { stateOf, leafStates } = this.maps();
        const state = n.nodeType === 3 ? stateOf.get(this.claimed().get(n as Text)!) : leafStates.get(n as Element);
        if (state) removed.add(state);
      }
    }
    if (prune) for (const s of this.states) if (!isIntact(s.block)) removed.add(s);
    for (const s of removed) this.drop(s);
    const changed = this.decisions.remove(removed);
    const added: BlockState[] = [];
    const claimed = this.claimed();
    for (const root of roots) {
      if (!root.isConnected) continue;
      const walker = new BlockWalker(root, (b) => {
        const state = this.scan(b, -1);
        if (state) added.push(state);
        // A block that names nobody is not kept, so its text must not stay claimed: the next
        // change to it (a status line edited in place, a name completed by a later node) would
        // otherwise be skipped as already read.
        else if (!b.leaf) for (const n of b.nodes) if (claimed.get(n) === b) claimed.delete(n);
      }, claimed, true, this.mayHold);
      while (!walker.run(performance.now() + SLICE_MS)) {
        benchSpent('slice', since);
        await yieldToPage();
        since = benchNow();
        if (this.signal.aborted) return;
      }
    }
    for (const s of added) this.decisions.add(s, changed);
    benchSpent('slice', since);
    this.paint(changed);
    this.painter.lookAround();
  }

  /**
   * Reads the whole page, in slices; resolves once it is read and settled. The page-wide
   * decisions are taken provisionally after the first slice (the top of the page, usually the
   * first screenful), which then gets a frame to be painted in, and finally once all is read.
   */
  start(): Promise<void> {
    this.firstRead ??= this.readPage().then(() => {
      if (!this.signal.aborted) this.readingPage = false;
    });
    return this.firstRead;
  }

  /** The first read, once started (rereads wait for it). */
  private firstRead: Promise<void> | undefined;

  private readingPage = true;

  /** Whether the page's first read has yet to end (what it shows may still grow). */
  get reading(): boolean {
    return this.readingPage;
  }

  private async readPage(): Promise<void> {
    const root = this.doc.body ?? this.doc.documentElement;
    let changed = new Set<BlockState>();
    let seq = 0;
    const walker = new BlockWalker(root, (b) => {
      const state = this.scan(b, seq++);
      if (state) this.decisions.add(state, changed);
    }, null, true, this.mayHold);
    let lastFrame = performance.now();
    let framePending = false;
    // Painting what a slice found runs in the slice's task too: the reading leaves it room, as much
    // as the last one took (when a name gains context, every block waiting for it is painted).
    let paintMs = 0;
    for (let slice = 0; ; slice++) {
      const sliceStart = benchNow();
      const done = walker.run(performance.now() + Math.max(MIN_READ_MS, SLICE_MS - paintMs));
      benchSpent('slice', sliceStart);
      const paintStart = performance.now();
      this.paint(changed);
      paintMs = performance.now() - paintStart;
      changed = new Set();
      if (done) {
        this.painter.lookAround();
        return;
      }
      // Quick yields keep our place in the queue, but Chromium serves them before rendering: so
      // after the first slice (the first screenful), and then every FRAME_EVERY_MS, a frame is
      // asked for, which paints what was found so far and lets the page render and respond. Until
      // it comes (up to a frame's interval: the browser renders at its own beat), reading goes on
      // in ordinary tasks, which let it through when it is due, instead of waiting idle for it.
      if (!framePending && (slice === 0 || performance.now() - lastFrame > FRAME_EVERY_MS)) {
        framePending = true;
        void nextFrame().then(() => {
          framePending = false;
          lastFrame = performance.now();
        });
      }
      await (framePending ? yieldToFrame() : yieldToPage());
      if (this.signal.aborted) return;
    }
  }

  /** The walkers' test of a leaf's text: the index's prefilter, so most blocks are never made. */
  private readonly mayHold = (text: string): boolean => mayHoldAlias(this.index, text);

  private readonly shadowRoots = new WeakSet<ShadowRoot>();

  /**
   * Scans a block; returns its state, or null for a block that names nothing. Such blocks (most
   * of a page) are not kept: they can neither show a mention nor give context, a later change to
   * one is read again like new text, and their text is garbage as soon as it is scanned, which
   * keeps the collector's work small (it was the largest single cost of reading a long page).
   */
  private scan(block: Block, seq: number): BlockState | null {
    const scanStart = benchNow(true);
    const raw = scanBlock(this.index, block.text, block.tested ? PREFILTERED : undefined);
    benchSpent('scan', scanStart);
    if (block.root !== this.doc) {
      const root = block.root as ShadowRoot;
      if (!this.shadowRoots.has(root)) {
        this.shadowRoots.add(root);
        this.onShadowRoot?.(root);
      }
      if (raw.length > 0) this.styles.ensureShadowRoot(root);
    }
    if (raw.length === 0) return null;
    const state: BlockState = { block, raw, painted: NO_MATCHES, refs: null, seq, accepted: NO_MATCHES, shown: NO_MATCHES, holder: null };
    this.remember(state);
    return state;
  }

  /** Paints the difference for the blocks whose decisions changed. */
  private paint(changed: Iterable<BlockState>): void {
    if (this.signal.aborted) return;
    const started = benchNow();
    for (const state of changed) this.repaint(state);
    benchSpent('resolve', started);
    this.onShownChange?.();
  }

  /** Called after the mentions shown may have changed (the popup's badge listens). */
  onShownChange: (() => void) | null = null;

  /** Makes one block's painted mentions match what the decisions show. */
  private repaint(state: BlockState): void {
    const next = state.shown;
    const prev = state.painted;
    if (sameList(next, prev)) return;
    if (next.length === 0) {
      this.unpaint(state);
      return;
    }
    if (prev.length === 0) {
      // A leaf block of the first read that follows every block placed so far comes after all
      // their elements in document order (it contains no block, and blocks are read in order): the
      // painter may append it without comparing positions (one DOM call per block, 5,000 on a 1 MB page).
      const { block } = state;
      const append = state.seq > this.appendedSeq && block.leaf !== undefined && block.root === this.doc;
      state.painted = next;
      state.refs = null;
      this.painter.add(state, append);
      // A block read later can be anywhere: from then on every block is placed by comparing.
      if (append) this.appendedSeq = state.seq;
      else if (state.seq < 0) this.appendedSeq = Infinity;
      return;
    }
    const old = state.refs;
    state.painted = next;
    // Never made, so never painted: they will be made from the new list when needed.
    if (old === null) return;
    // Made: the mentions that stay keep their objects (a card may hold one), the rest change.
    const refs = new Array<MentionRef>(next.length);
    const added: MentionRef[] = [];
    for (let j = 0; j < next.length; j++) {
      const m = next[j]!;
      const kept = old.find((p) => sameMatch(p.match, m));
      refs[j] = kept ?? new MentionRef(state.block, m, entityType(this.index, m.entity), this.rememberRange);
      if (!kept) added.push(refs[j]!);
    }
    const removed = old.filter((ref) => !refs.includes(ref));
    for (const ref of removed) this.forgetRange(ref);
    state.refs = refs;
    this.painter.update(state, removed, added);
  }

  /** The last block appended in order by the painter (see repaint). */
  private appendedSeq = -1;

  /** Ranges are made lazily; hit-testing by highlightsFromPoint maps them back to mentions. */
  private readonly rememberRange = (ref: MentionRef, range: StaticRange) => {
    this.byRange.set(range, ref);
  };

  private forgetRange(ref: MentionRef): void {
    const range = ref.madeRange;
    if (range) this.byRange.delete(range);
  }

  /** Stops painting a block's mentions and forgets them (the block stays known: a filter hid them). */
  private unpaint(state: BlockState): void {
    if (state.painted.length > 0) this.painter.remove(state);
    if (state.refs) for (const ref of state.refs) this.forgetRange(ref);
    state.refs = null;
    state.painted = NO_MATCHES;
  }

  /** Forgets a block that left the page or changed: its mentions, and where it was. */
  private drop(state: BlockState): void {
    this.unpaint(state);
    const { block } = state;
    if (block.leaf) {
      this.lookup?.leafStates.delete(block.leaf);
      return;
    }
    const claimed = this.claimedMap;
    if (!claimed) return;
    for (const n of block.nodes) {
      if (claimed.get(n) === block) claimed.delete(n);
    }
  }

  /** The text node -> block map, built from the blocks read so far on first use. */
  private claimed(): Claimed {
    if (!this.claimedMap) {
      this.claimedMap = new WeakMap();
      for (const { block } of this.states) {
        if (!block.leaf) for (const n of block.nodes) this.claimedMap.set(n, block);
      }
    }
    return this.claimedMap;
  }

  /** The block a text node belongs to: recorded for walked blocks, found by its leaf element otherwise. */
  private stateOfText(node: Text): BlockState | undefined {
    const block = this.claimed().get(node);
    const { stateOf, leafStates } = this.maps();
    if (block) return stateOf.get(block);
    for (let el = node.parentElement; el; el = el.parentElement) {
      const state = leafStates.get(el);
      if (state) return state;
    }
    return undefined;
  }
}

export { MentionRef };
