/**
 * Offsets in a block's text to places in the DOM: the node holding a character, the boundary
 * points of a span, and the span as a StaticRange (for painting) or a live Range (for geometry).
 */
import type { Block } from './leaf-block';

/** Index of the node holding character `offset` of `block` (binary search over starts). */
export function nodeIndexAt(block: Block, offset: number): number {
  let lo = 0;
  let hi = block.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (block.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The DOM boundary points of `[start, end)` in `block`. */
export function boundsOf(block: Block, start: number, end: number): StaticRangeInit {
  const a = nodeIndexAt(block, start);
  // The end belongs to the node holding its last character.
  const b = nodeIndexAt(block, Math.max(start, end - 1));
  return {
    startContainer: block.nodes[a]!,
    startOffset: start - block.starts[a]!,
    endContainer: block.nodes[b]!,
    endOffset: end - block.starts[b]!,
  };
}

/** `[start, end)` of `block` as a StaticRange: cheap, not live, what the painter holds. */
export function staticRangeOf(block: Block, start: number, end: number): StaticRange {
  return new StaticRange(boundsOf(block, start, end));
}

/** The same as a live Range, for geometry (getBoundingClientRect) and scrolling. */
export function liveRangeOf(block: Block, start: number, end: number): Range {
  const b = boundsOf(block, start, end);
  const range = block.nodes[0]!.ownerDocument.createRange();
  range.setStart(b.startContainer, b.startOffset);
  range.setEnd(b.endContainer, b.endOffset);
  return range;
}
