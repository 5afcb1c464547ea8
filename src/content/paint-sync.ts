/**
 * Keeps the painter in step with the page's decisions: given the blocks whose shown mentions
 * changed, paints the difference. Mentions that stay keep their objects (a card may hold one).
 */
import { NO_MATCHES, sameList, sameMatch } from '../core';
import type { MentionRef } from './mention-ref';
import type { Painter } from './painter';
import type { ShownBlock } from './shown-block';

export class PaintSync {
  /** The last block appended in order by the painter (see repaint). */
  private appendedSeq = -1;

  constructor(private readonly painter: Painter<ShownBlock>) {}

  /** Paints the difference for each block whose shown mentions changed. */
  apply(changed: Iterable<ShownBlock>): void {
    for (const block of changed) this.repaint(block);
  }

  /** Stops painting a block's mentions and forgets them (the block left the page, or shows none). */
  unpaint(block: ShownBlock): void {
    if (block.painted.length > 0) this.painter.remove(block);
    block.refs = null;
    block.painted = NO_MATCHES;
  }

  /** Makes one block's painted mentions match what the decisions show. */
  private repaint(block: ShownBlock): void {
    const next = block.shown;
    const prev = block.painted;
    if (sameList(next, prev)) return;
    if (next.length === 0) {
      this.unpaint(block);
      return;
    }
    if (prev.length === 0) {
      // A leaf block of the first read that follows every block placed so far comes after all
      // their elements in document order (it contains no block, and blocks are read in order): the
      // painter may append it without comparing positions (one DOM call per block, 5,000 on a 1 MB page).
      const append = block.seq > this.appendedSeq && block.block.leaf !== undefined && block.root.nodeType === Node.DOCUMENT_NODE;
      block.painted = next;
      block.refs = null;
      this.painter.add(block, append);
      // A block read later can be anywhere: from then on every block is placed by comparing.
      if (append) this.appendedSeq = block.seq;
      else if (block.seq < 0) this.appendedSeq = Infinity;
      return;
    }
    const old = block.refs;
    block.painted = next;
    // Never made, so never painted: they will be made from the new list when needed.
    if (old === null) return;
    const refs = new Array<MentionRef>(next.length);
    const added: MentionRef[] = [];
    for (let j = 0; j < next.length; j++) {
      const m = next[j]!;
      const kept = old.find((p) => sameMatch(p.match, m));
      refs[j] = kept ?? block.mention(m);
      if (!kept) added.push(refs[j]!);
    }
    const removed = old.filter((ref) => !refs.includes(ref));
    block.refs = refs;
    this.painter.update(block, removed, added);
  }
}
