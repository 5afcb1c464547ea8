/**
 * Text collection by block: a page's readable text as a list of blocks (paragraphs, list items,
 * cells...), each one string with the text nodes it came from. A name split across inline elements
 * ("Elon <b>Musk</b>", "<a>Donald</a> Trump") is one string here, so one mention.
 *
 * The walk is resumable: `BlockWalker.run(deadline)` stops when the deadline passes and carries on
 * from the same node next time, so a 10 MB page is read in slices that never block the page.
 * It follows open shadow roots, each as a root of its own.
 */
import { BLOCK_TAGS, isLeafContent, isSkippedElement } from './text-nodes';

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
class LeafBlock implements Block {
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

/** Text nodes already in a block, so a partial re-walk never reads one twice. */
export type Claimed = WeakMap<Text, Block>;

const TEXT = 3;
const ELEMENT = 1;
const DOCUMENT = 9;
/** How many nodes between clock reads: performance.now() is not free. */
const CLOCK_EVERY = 128;
/**
 * ...or how many characters handed over in blocks, whichever comes first: each block is scanned as
 * it is handed over, so 128 long paragraphs could hold a slice far past its deadline.
 */
const CLOCK_CHARS = 8192;

/**
 * Walks one subtree (and the open shadow roots met inside it) into blocks.
 *
 * Traversal is a native TreeWalker without a filter (the browser steps from node to node; a
 * filter callback would call back into script for every node, about twice as slow), with the skip
 * rules applied here: a skipped element's subtree is stepped over whole. A block ends at a
 * block-level element, and where the text leaves the block-level element it started in.
 */
export class BlockWalker {
  private walker: TreeWalker | null;
  private node: Node | null;
  private readonly pendingRoots: ShadowRoot[] = [];
  /** The block-level element the current block's text lies in. */
  private blockEl: Element;
  private lastParent: Node | null = null;
  private scopeRoot: Document | ShadowRoot;
  /** Whether scopeRoot is the document (not a shadow root). */
  private inDocument: boolean;
  private nodes: Text[] = [];
  private parts: string[] = [];
  private starts: number[] = [];
  private length = 0;
  /** Characters handed over in blocks since the clock was last read. */
  private handedOver = 0;

  /**
   * @param root where to walk (its own text included, unless it is a skipped element)
   * @param emit receives each block as it is completed
   * @param claimed text nodes to leave out because they already belong to a block; each node of
   *   an emitted block is recorded in it. Null on a first read, where nothing is claimed yet and
   *   the caller records what it needs itself.
   */
  constructor(
    root: Node,
    private readonly emit: (block: Block) => void,
    private readonly claimed: Claimed | null,
    /** Read leaf elements whole (see LeafBlock); off where every node must be claimed. */
    private readonly wholeLeaves = true,
    /**
     * Whether a leaf's text may hold a name: a leaf of the document (not of a shadow root, whose
     * every block the caller hears of) for which it says no is dropped before a block is made of
     * it. Most blocks of a long page name nobody, and a block made and handed over for each cost
     * more than reading them.
     */
    private readonly mayHold: ((text: string) => boolean) | null = null,
  ) {
    this.scopeRoot = root.getRootNode() as Document | ShadowRoot;
    this.inDocument = this.scopeRoot.nodeType === DOCUMENT;
    this.blockEl = blockAround(root, this.scopeRoot);
    if (root.nodeType === TEXT) {
      this.walker = null;
      this.node = root;
    } else if (root.nodeType === ELEMENT && isSkippedElement(root as Element)) {
      this.walker = null;
      this.node = null;
    } else {
      if (root.nodeType === ELEMENT) this.noteShadowRoot(root as Element);
      this.walker = this.treeWalker(root);
      this.node = this.walker.nextNode();
    }
  }

  /** Reads until done (true) or until `performance.now()` passes `deadline` (false). */
  run(deadline: number): boolean {
    let count = 0;
    for (;;) {
      while (this.node) {
        if (++count % CLOCK_EVERY === 0 || this.handedOver >= CLOCK_CHARS) {
          this.handedOver = 0;
          if (performance.now() > deadline) return false;
        }
        const node = this.node;
        if (node.nodeType === TEXT) {
          const data = (node as Text).data;
          // Whitespace before a block's first text (the indentation between block elements, as
          // many nodes as there are blocks) can neither be nor bound a mention: stepped over
          // before any other question is asked of the DOM about it.
          if (this.nodes.length === 0 && isBlank(data)) {
            this.node = this.walker ? this.walker.nextNode() : null;
            continue;
          }
          const parent = node.parentNode;
          if (parent !== this.lastParent) {
            // The text moved to another parent: if it left the block-level element, the block ends.
            // (The shadow host holds its whole shadow tree, but contains() does not look inside.)
            if (this.blockEl !== (this.scopeRoot as ShadowRoot).host && !this.blockEl.contains(node)) {
              this.flush();
              this.blockEl = blockAround(node, this.scopeRoot);
            }
            this.lastParent = parent;
          }
          this.addText(node as Text, data);
          this.node = this.walker ? this.walker.nextNode() : null;
          continue;
        }
        const el = node as Element;
        const tag = el.tagName;
        if (BLOCK_TAGS.has(tag)) {
          this.flush();
          this.blockEl = el;
          this.lastParent = null;
        }
        if (isSkippedElement(el, tag)) {
          this.node = this.stepOver();
          continue;
        }
        // A leaf block (nothing inside that ends a block or is skipped) is read in one call. Its
        // own shadow root, if any, still gets walked; shadow roots of inline elements inside a
        // leaf are not (rare: a custom inline element with text of its own in a shadow tree).
        if (this.wholeLeaves && BLOCK_TAGS.has(tag) && isLeafContent(el)) {
          this.noteShadowRoot(el);
          const text = el.textContent ?? '';
          const tested = this.mayHold !== null && this.inDocument;
          if ((!tested || this.mayHold(text)) && /\S/.test(text)) this.handOver(new LeafBlock(el, text, this.scopeRoot, tested));
          else this.handedOver += text.length;
          this.node = this.stepOver();
          continue;
        }
        this.noteShadowRoot(el);
        this.node = this.walker!.nextNode();
      }
      this.flush();
      const next = this.pendingRoots.shift();
      if (!next) return true;
      this.scopeRoot = next;
      this.inDocument = false;
      this.blockEl = next.host;
      this.lastParent = null;
      this.walker = this.treeWalker(next);
      this.node = this.walker.nextNode();
    }
  }

  private treeWalker(root: Node): TreeWalker {
    const doc = root.ownerDocument ?? (root as Document);
    return doc.createTreeWalker(root, 0x1 /* SHOW_ELEMENT */ | 0x4 /* SHOW_TEXT */);
  }

  /** The node after the subtree of the element the walker stands on, in document order within the walk's root. */
  private stepOver(): Node | null {
    const walker = this.walker!;
    // The walker stands on it (it came from nextNode() or from here), so no currentNode write: one
    // call into the DOM less per block.
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  }

  private noteShadowRoot(el: Element): void {
    // Only open roots: a closed root is its owner's business.
    if (el.shadowRoot) this.pendingRoots.push(el.shadowRoot);
  }

  private addText(node: Text, data: string): void {
    if (data.length === 0 || this.claimed?.has(node)) return;
    this.nodes.push(node);
    this.starts.push(this.length);
    this.parts.push(data);
    this.length += data.length;
  }

  private flush(): void {
    if (this.nodes.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    const nodes = this.nodes;
    const starts = this.starts;
    starts.push(this.length);
    this.nodes = [];
    this.parts = [];
    this.starts = [];
    this.length = 0;
    // Whitespace-only blocks (indentation between elements) can hold no mention.
    if (!/\S/.test(text)) return;
    const block: Block = { nodes, starts, text, root: this.scopeRoot, anchor: this.blockEl };
    if (this.claimed) for (const n of nodes) this.claimed.set(n, block);
    this.handOver(block);
  }

  /** Hands a block to the caller, who scans it: its length counts towards the next look at the clock. */
  private handOver(block: Block): void {
    this.handedOver += block.text.length;
    this.emit(block);
    if (block instanceof LeafBlock) block.release();
  }
}

/** Whether `data` is only ASCII whitespace (what markup indentation is made of). */
function isBlank(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}

/** The nearest block-level element at or around `node` (the shadow host, or the root element, at worst). */
function blockAround(node: Node, root: Document | ShadowRoot): Element {
  for (let el: Element | null = node.nodeType === ELEMENT ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (BLOCK_TAGS.has(el.tagName)) return el;
  }
  return (root as ShadowRoot).host ?? (root as Document).documentElement;
}

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
