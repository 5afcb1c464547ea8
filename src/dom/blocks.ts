/**
 * Text collection by block: a page's readable text as a list of blocks (paragraphs, list items,
 * cells...), each one string with the text nodes it came from. A name split across inline elements
 * ("Elon <b>Musk</b>", "<a>Donald</a> Trump") is one string here, so one mention.
 *
 * The walk is resumable: `BlockWalker.run(deadline)` stops when the deadline passes and carries on
 * from the same node next time, so a 10 MB page is read in slices that never block the page.
 * It follows open shadow roots, each as a root of its own.
 */
import { BLOCK_TAGS, isSkippedElement } from './text-nodes';

/** One block of text and where each of its characters lives in the DOM. */
export interface Block {
  /** The text nodes, in document order. */
  readonly nodes: readonly Text[];
  /** starts[i] is the offset of nodes[i] in `text`; starts[nodes.length] is text.length. */
  readonly starts: readonly number[];
  readonly text: string;
  /** The document or shadow root the block lives in (its highlights need that root's styles). */
  readonly root: Document | ShadowRoot;
}

/** Text nodes already in a block, so a partial re-walk never reads one twice. */
export type Claimed = WeakMap<Text, Block>;

const TEXT = 3;
const ELEMENT = 1;
/** How many nodes between clock reads: performance.now() is not free. */
const CLOCK_EVERY = 128;

/** Walks one subtree (and the open shadow roots met inside it) into blocks. */
export class BlockWalker {
  private node: Node | null;
  private scope: Node;
  private readonly pendingRoots: ShadowRoot[] = [];
  private nodes: Text[] = [];
  private parts: string[] = [];
  private starts: number[] = [];
  private length = 0;

  /**
   * @param root where to walk (its own text included, unless it is a skipped element)
   * @param emit receives each block as it is completed
   * @param claimed text nodes to leave out because they already belong to a block
   */
  constructor(
    root: Node,
    private readonly emit: (block: Block) => void,
    private readonly claimed: Claimed,
  ) {
    this.scope = root;
    this.node = root.nodeType === ELEMENT && isSkippedElement(root as Element) ? null : root;
    if (this.node === root && root.nodeType === ELEMENT) this.noteShadowRoot(root as Element);
    if (this.node === root && root.nodeType !== TEXT) this.node = root.firstChild;
  }

  /** Reads until done (true) or until `performance.now()` passes `deadline` (false). */
  run(deadline: number): boolean {
    let count = 0;
    for (;;) {
      while (this.node) {
        if (++count % CLOCK_EVERY === 0 && performance.now() > deadline) return false;
        const node = this.node;
        if (node.nodeType === TEXT) {
          this.addText(node as Text);
          this.node = this.nextAfter(node);
          continue;
        }
        if (node.nodeType !== ELEMENT) {
          this.node = this.nextAfter(node);
          continue;
        }
        const el = node as Element;
        const isBlock = BLOCK_TAGS.has(el.tagName);
        if (isBlock) this.flush();
        if (isSkippedElement(el)) {
          this.node = this.nextAfter(el);
          continue;
        }
        this.noteShadowRoot(el);
        if (el.firstChild) {
          this.node = el.firstChild;
          continue;
        }
        if (isBlock) this.flush();
        this.node = this.nextAfter(el);
      }
      this.flush();
      const next = this.pendingRoots.shift();
      if (!next) return true;
      this.scope = next;
      this.node = next.firstChild;
    }
  }

  private noteShadowRoot(el: Element): void {
    // Only open roots: a closed root is its owner's business.
    if (el.shadowRoot) this.pendingRoots.push(el.shadowRoot);
  }

  /** The next node in document order after `node`'s subtree, closing blocks on the way up. */
  private nextAfter(node: Node): Node | null {
    let n: Node | null = node;
    while (n && n !== this.scope) {
      if (n.nextSibling) return n.nextSibling;
      n = n.parentNode;
      if (!n || n === this.scope) break;
      if (n.nodeType === ELEMENT && BLOCK_TAGS.has((n as Element).tagName)) this.flush();
    }
    return null;
  }

  private addText(node: Text): void {
    const data = node.data;
    if (data.length === 0 || this.claimed.has(node)) return;
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
    const root = nodes[0]!.getRootNode() as Document | ShadowRoot;
    const block: Block = { nodes, starts, text, root };
    for (const n of nodes) this.claimed.set(n, block);
    this.emit(block);
  }
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
  for (let i = 0; i < block.nodes.length; i++) {
    const n = block.nodes[i]!;
    if (!n.isConnected || n.data.length !== block.starts[i + 1]! - block.starts[i]!) return false;
  }
  return true;
}
