/**
 * The mention index: the page's blocks that name someone, in document order, with what the page's
 * decisions (core's PageDecisions) show in each, and the lookups the card, the popup and re-reads
 * need: the mention at a point, every mention, the entity of one, the blocks inside a subtree.
 */
import { entityInfo, PageDecisions, type CompiledIndex, type EntityInfo, type PageOptions, type RawMatch } from '../core';
import { isIntact, liveRangeOf, type Block, type Claimed } from '../dom/blocks';
import { caretAt, pointOnRange, rangesAtPoint } from './hit-test';
import type { MentionRef } from './mention-ref';
import type { PageMentions } from './page-mentions';
import { precedes, ShownBlock, type MentionMaker } from './shown-block';

interface Lookup {
  readonly byBlock: WeakMap<Block, ShownBlock>;
  readonly byLeaf: WeakMap<Element, ShownBlock>;
}

export class MentionIndex implements PageMentions {
  private readonly decisions: PageDecisions<ShownBlock>;
  /**
   * Block -> shown block and leaf element -> shown block, for hit-tests and re-reads only: built on
   * first use rather than while the page is first read (two map writes per block add up on a long
   * page), then kept up to date.
   */
  private lookup: Lookup | null = null;
  /**
   * Text node -> block, for the blocks read node by node (leaf blocks are found by their element).
   * Not recorded while the page is first read (a WeakMap entry per text node is costly to write and
   * to collect, and most pages never change): built from the blocks on first need, then kept.
   */
  private claimedMap: Claimed | null = null;
  /**
   * Painted range -> its mention, for hit-testing by highlightsFromPoint. Weak: the browser only
   * ever returns ranges that are registered, so a mention dropped with its range needs no removal.
   */
  private readonly byRange = new WeakMap<AbstractRange, MentionRef>();
  private readonly maker: MentionMaker;

  constructor(
    readonly index: CompiledIndex,
    private readonly doc: Document,
    options: PageOptions,
  ) {
    this.decisions = new PageDecisions(index, options, precedes);
    this.maker = { index, onRange: (ref, range) => this.byRange.set(range, ref) };
  }

  /** The blocks that name someone, in document order. */
  get blocks(): readonly ShownBlock[] {
    return this.decisions.ordered;
  }

  /** A block read with matches `raw`, ready to add; `seq` is its place in the first read, or -1. */
  shownBlock(block: Block, raw: readonly RawMatch[], seq: number): ShownBlock {
    const shown = new ShownBlock(block, raw, seq, this.maker);
    this.remember(shown);
    // Where the map was built already (a hover during the first read), a walked block read since is
    // recorded too: else a later change to it would not find it, and it would be read twice.
    if (this.claimedMap && !block.leaf) for (const n of block.nodes) this.claimedMap.set(n, block);
    return shown;
  }

  /** Adds a block; adds to `changed` the blocks whose shown mentions changed. */
  add(block: ShownBlock, changed: Set<ShownBlock>): void {
    this.decisions.add(block, changed);
  }

  /** Forgets blocks that left the page or changed; returns the other blocks whose shown mentions changed. */
  remove(blocks: ReadonlySet<ShownBlock>): Set<ShownBlock> {
    for (const shown of blocks) this.forget(shown);
    return this.decisions.remove(blocks);
  }

  /** Decides afresh under new options; returns the blocks whose shown mentions changed. */
  setOptions(options: PageOptions): Set<ShownBlock> {
    return this.decisions.setOptions(options);
  }

  /** The blocks inside `roots` (their text is read again), and with `prune` those no longer intact. */
  blocksIn(roots: readonly Node[], prune: boolean): Set<ShownBlock> {
    const found = new Set<ShownBlock>();
    const { byBlock, byLeaf } = this.maps();
    const claimed = this.claimed();
    for (const root of roots) {
      if (!root.isConnected) continue;
      // Walked text nodes name their block, leaf elements theirs.
      const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
        const shown = n.nodeType === Node.TEXT_NODE ? byBlock.get(claimed.get(n as Text)!) : byLeaf.get(n as Element);
        if (shown) found.add(shown);
      }
    }
    if (prune) for (const shown of this.blocks) if (!isIntact(shown.block)) found.add(shown);
    return found;
  }

  /** The text node -> block map, built from the blocks read so far on first use. */
  claimed(): Claimed {
    if (!this.claimedMap) {
      this.claimedMap = new WeakMap();
      for (const { block } of this.blocks) {
        if (!block.leaf) for (const n of block.nodes) this.claimedMap.set(n, block);
      }
    }
    return this.claimedMap;
  }

  /** Every mention shown, in document order. */
  mentions(): MentionRef[] {
    return this.blocks.flatMap((b) => b.items());
  }

  /** The entity of every mention shown, in document order (without making the mentions). */
  shownEntities(): number[] {
    const out: number[] = [];
    for (const shown of this.blocks) for (const m of shown.painted) out.push(m.entity);
    return out;
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
    const shown = caret && this.blockOfText(caret.node);
    if (!caret || !shown) return null;
    const { block } = shown;
    const at = block.starts[block.nodes.indexOf(caret.node)]! + caret.offset;
    // The caret sits between characters: the mention may end at it or start at it.
    return shown.items().find((ref) => at >= ref.match.start && at <= ref.match.end && pointOnRange(this.liveRange(ref), x, y)) ?? null;
  }

  private maps(): Lookup {
    if (!this.lookup) {
      this.lookup = { byBlock: new WeakMap(), byLeaf: new WeakMap() };
      for (const shown of this.blocks) this.remember(shown);
    }
    return this.lookup;
  }

  private remember(shown: ShownBlock): void {
    if (!this.lookup) return;
    this.lookup.byBlock.set(shown.block, shown);
    if (shown.block.leaf) this.lookup.byLeaf.set(shown.block.leaf, shown);
  }

  /** Forgets where a block that left the page or changed was. */
  private forget(shown: ShownBlock): void {
    const { block } = shown;
    if (block.leaf) {
      this.lookup?.byLeaf.delete(block.leaf);
      return;
    }
    const claimed = this.claimedMap;
    if (!claimed) return;
    for (const n of block.nodes) {
      if (claimed.get(n) === block) claimed.delete(n);
    }
  }

  /** The block a text node belongs to: recorded for walked blocks, found by its leaf element otherwise. */
  private blockOfText(node: Text): ShownBlock | undefined {
    const block = this.claimed().get(node);
    const { byBlock, byLeaf } = this.maps();
    if (block) return byBlock.get(block);
    for (let el = node.parentElement; el; el = el.parentElement) {
      const shown = byLeaf.get(el);
      if (shown) return shown;
    }
    return undefined;
  }
}
