/**
 * The painter's anchors of the document's own tree, in document order, with their positions found
 * on demand: which blocks lie near one another is what decides which are watched (./near-viewport.ts).
 */

const FOLLOWS = 4; // Node.DOCUMENT_POSITION_FOLLOWING
const CONTAINED = 16; // Node.DOCUMENT_POSITION_CONTAINED_BY

export class AnchorOrder {
  private readonly order: Element[] = [];
  /**
   * Positions in `order` of the anchors asked about (those near the viewport, mostly): found by
   * binary search, forgotten when an anchor is inserted before the end or removed. Not a map of
   * every anchor: that was a table of 50,000 entries on a 10 MB page, all kept alive.
   */
  private positions = new Map<Element, number>();
  /** Whether `positions` lists every anchor in `order` (see positionOf). */
  private positionsComplete = false;

  /** The anchors, in document order. */
  get list(): readonly Element[] {
    return this.order;
  }

  /** Files an anchor. `append`: the caller knows it comes last; otherwise its place is looked up. */
  insert(anchor: Element, append: boolean): void {
    const order = this.order;
    const last = order[order.length - 1];
    // Blocks arrive in document order while the page is first read: append.
    if (append || !last || last.compareDocumentPosition(anchor) & FOLLOWS) {
      if (this.positionsComplete) this.positions.set(anchor, order.length);
      order.push(anchor);
      return;
    }
    order.splice(this.indexBefore(anchor), 0, anchor);
    this.orderChanged();
  }

  /** Takes an anchor out, if it is filed. */
  remove(anchor: Element): void {
    const at = this.positionOf(anchor);
    if (at === undefined) return;
    this.order.splice(at, 1);
    this.orderChanged();
  }

  /** The number of anchors that come before `node` in document order (or contain it). */
  indexBefore(node: Node): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const rel = this.order[mid]!.compareDocumentPosition(node);
      if (rel & (FOLLOWS | CONTAINED)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Where `anchor` is, or undefined (not filed). */
  positionOf(anchor: Element): number | undefined {
    let at = this.positions.get(anchor);
    if (at !== undefined || this.positionsComplete) return at;
    at = anchor.isConnected ? this.indexBefore(anchor) : -1;
    if (this.order[at] === anchor) {
      this.positions.set(anchor, at);
      return at;
    }
    // The search compares places in the document, which an anchor the page has taken out no longer
    // has; until its block is dropped it can mislead the search for others too (found by the e2e
    // test of a live ticker: blocks near the viewport went unwatched). Then every position is
    // listed, once, until the order changes again.
    this.order.forEach((a, i) => this.positions.set(a, i));
    this.positionsComplete = true;
    return this.positions.get(anchor);
  }

  /** Forgets every anchor. */
  clear(): void {
    this.order.length = 0;
    this.orderChanged();
  }

  /** Forgets the positions found: the order changed other than at its end. */
  private orderChanged(): void {
    this.positions.clear();
    this.positionsComplete = false;
  }
}
