/** A mention as the content script holds it: its block, its match, its type, its range on demand. */
import type { EntityType, RawMatch } from '../core';
import { staticRangeOf, type Block } from '../dom/blocks';

/**
 * One highlighted mention on the page, made when first needed (ShownBlock.items). Its range is
 * made on first use (when it is painted, or asked for): most mentions of a long page are never near
 * the viewport, and a StaticRange per mention would cost time and memory for nothing.
 */
export class MentionRef {
  private made: StaticRange | null = null;

  constructor(
    readonly block: Block,
    readonly match: RawMatch,
    readonly type: EntityType,
    private readonly onRange: (ref: MentionRef, range: StaticRange) => void,
  ) {}

  /** The painted range (static: the mention is dropped and made again when its text changes). */
  get range(): StaticRange {
    if (!this.made) {
      this.made = staticRangeOf(this.block, this.match.start, this.match.end);
      this.onRange(this, this.made);
    }
    return this.made;
  }

  /** The range if it was ever made. */
  get madeRange(): StaticRange | null {
    return this.made;
  }
}

