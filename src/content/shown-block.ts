/**
 * A block of the page that names someone, as the content script keeps it: its text's matches, what
 * the page's decisions show of them (core's DecidedBlock fields), what is painted, and its
 * mentions, made on first need. It is what the painter is handed (a PaintGroup): data that
 * describes itself, so painting never calls back into the code that read the page.
 */
import { entityType, NO_MATCHES, type CompiledIndex, type DecidedBlock, type RawMatch } from '../core';
import type { Block } from '../dom/blocks';
import { MentionRef } from './mention-ref';
import type { PaintGroup } from './painter';

/** What a block needs to make its mentions: the index (their types), and who hears of their ranges. */
export interface MentionMaker {
  readonly index: CompiledIndex;
  /** Told of each mention's range as it is made (hit-testing maps ranges back to mentions). */
  readonly onRange: (ref: MentionRef, range: StaticRange) => void;
}

/** The mentions of a block that shows none (shared: most blocks). */
const NONE_SHOWN: readonly MentionRef[] = Object.freeze([]);

export class ShownBlock implements DecidedBlock, PaintGroup {
  /** Written by the page's decisions (see DecidedBlock). */
  accepted: readonly RawMatch[] = NO_MATCHES;
  shown: readonly RawMatch[] = NO_MATCHES;
  holder: object | null = null;
  /** The matches painted: the decisions' `shown`, as of the last paint (see PaintSync). */
  painted: readonly RawMatch[] = NO_MATCHES;
  /**
   * Their mentions, one per painted match, made on first need (the painter's, near the viewport,
   * or a hit test's, a card's, the popup's): null until then. Most blocks of a long page are never
   * near the viewport, and never need them.
   */
  refs: readonly MentionRef[] | null = null;

  constructor(
    readonly block: Block,
    /** The block's matches, as scanBlock found them. */
    readonly raw: readonly RawMatch[],
    /** Its place in the first read's document order; -1 for a block read later (a change). */
    readonly seq: number,
    private readonly maker: MentionMaker,
  ) {}

  get anchor(): Element {
    return this.block.anchor;
  }

  get root(): Document | ShadowRoot {
    return this.block.root;
  }

  get size(): number {
    return this.painted.length;
  }

  /** The painted mentions, made now if they were not yet. */
  items(): readonly MentionRef[] {
    if (this.refs) return this.refs;
    const painted = this.painted;
    if (painted.length === 0) return NONE_SHOWN;
    const refs = new Array<MentionRef>(painted.length);
    for (let j = 0; j < painted.length; j++) refs[j] = this.mention(painted[j]!);
    this.refs = refs;
    return refs;
  }

  /** A new mention of this block for `match`. */
  mention(match: RawMatch): MentionRef {
    return new MentionRef(this.block, match, entityType(this.maker.index, match.entity), this.maker.onRange);
  }

  /** The first node of the block, for comparing places in the document. */
  get firstNode(): Node {
    return this.block.leaf ?? this.block.nodes[0]!;
  }
}

/**
 * Whether block `a` comes before block `b`: by the order of the first read where both were read in
 * it (no DOM call), else by their places in the document.
 */
export function precedes(a: ShownBlock, b: ShownBlock): boolean {
  return a.seq >= 0 && b.seq >= 0 ? a.seq < b.seq : (a.firstNode.compareDocumentPosition(b.firstNode) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}
