/**
 * What a block of text is (the Block shape), and the block of a "leaf" element, read whole: the
 * walker in ./blocks.ts makes both kinds.
 */

/** One block of text and where each of its characters lives in the DOM. */
export interface Block {
  /** The text nodes, in document order. */
  readonly nodes: readonly Text[];
  /** starts[i] is the offset of nodes[i] in `text`; starts[nodes.length] is text.length. */
  readonly starts: readonly number[];
  readonly text: string;
  /** The document or shadow root the block lives in (its highlights need that root's styles). */
  readonly root: Document | ShadowRoot;
  /**
   * The nearest block-level element around the block's text: what the painter watches to know
   * whether the block is near the viewport.
   */
  readonly anchor: Element;
  /**
   * Set when the block is a whole "leaf" element (no block boundary or skipped element inside),
   * read with one textContent call; its nodes are then found only when first asked for, and are
   * not recorded in the Claimed map.
   */
  readonly leaf?: Element;
  /**
   * Set when the walker's `mayHold` test has already passed the block's text (a leaf of the
   * document): its scan need not ask the same question again.
   */
  readonly tested?: boolean;
}

/**
 * A leaf element's block. Most paragraphs, list items and cells are leaves: reading them whole
 * asks the DOM twice instead of several times per node, and most mentions of a long page are never
 * painted, so their nodes are never needed.
 */
export class LeafBlock implements Block {
  private found: { nodes: Text[]; starts: number[] } | null = null;
  /** The text as read, until the block has been handed over (see text). */
  private read: string | null;
  /** The length of the text as read. */
  readonly textLength: number;

  constructor(readonly leaf: Element, text: string, readonly root: Document | ShadowRoot, readonly tested: boolean) {
    this.read = text;
    this.textLength = text.length;
  }

  /**
   * The text as read while the block is handed over (and scanned); afterwards the element's own.
   * Not kept: the blocks that name someone are kept for the page's life, and their strings were
   * the largest part of what Backstory held (3 of 18 MB on a 10 MB page). A change to the text
   * is read again anyway (the page is watched), and the few who ask later (a card quoting the
   * mention) want the text as it is.
   */
  get text(): string {
    return this.read ?? this.leaf.textContent ?? '';
  }

  /** Drops the text as read (see text). */
  release(): void {
    this.read = null;
  }

  get anchor(): Element {
    return this.leaf;
  }

  get nodes(): readonly Text[] {
    return this.find().nodes;
  }

  get starts(): readonly number[] {
    return this.find().starts;
  }

  /** Whether the nodes have been looked up (an intact check can then be exact and cheap). */
  get resolved(): boolean {
    return this.found !== null;
  }

  private find(): { nodes: Text[]; starts: number[] } {
    if (this.found) return this.found;
    const nodes: Text[] = [];
    const starts: number[] = [];
    let length = 0;
    const walker = (this.leaf.ownerDocument ?? (this.root as Document)).createTreeWalker(this.leaf, 0x4 /* SHOW_TEXT */);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (n.data.length === 0) continue;
      nodes.push(n);
      starts.push(length);
      length += n.data.length;
    }
    starts.push(length);
    this.found = { nodes, starts };
    return this.found;
  }
}

/** Whether every node of the block is still in the document, unchanged in length. */
export function isIntact(block: Block): boolean {
  // A leaf's text is not kept (see LeafBlock.text): its length is. A change that keeps the length
  // is caught where it happens: the page is watched, and a changed block is read again.
  if (block instanceof LeafBlock && !block.resolved) return block.leaf.isConnected && (block.leaf.textContent ?? '').length === block.textLength;
  for (let i = 0; i < block.nodes.length; i++) {
    const n = block.nodes[i]!;
    if (!n.isConnected || n.data.length !== block.starts[i + 1]! - block.starts[i]!) return false;
  }
  return true;
}
