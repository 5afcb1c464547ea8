/**
 * Text collection by block: a page's readable text as a list of blocks (paragraphs, list items,
 * cells...), each one string with the text nodes it came from. A name split across inline elements
 * ("Elon <b>Musk</b>", "<a>Donald</a> Trump") is one string here, so one mention.
 *
 * The walk is resumable: `BlockWalker.run(deadline)` stops when the deadline passes and carries on
 * from the same node next time, so a 10 MB page is read in slices that never block the page.
 * It follows open shadow roots, each as a root of its own.
 *
 * The Block shape and the leaf block are in ./leaf-block.ts, and offsets to DOM ranges in
 * ./block-ranges.ts: both are exported from here too, the one module readers of blocks import.
 */
import { BLOCK_TAGS, isLeafContent, isSkippedElement } from './text-nodes';
import { LeafBlock, type Block } from './leaf-block';

export { isIntact, type Block } from './leaf-block';
export { boundsOf, liveRangeOf, nodeIndexAt, staticRangeOf } from './block-ranges';

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
