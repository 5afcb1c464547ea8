/**
 * Paints mentions with the CSS Custom Highlight API: no node of the page is added, moved or split
 * (STYLE habit 7). One Highlight per entity type.
 *
 * Only mentions near the viewport are registered. Measured in Chromium on a 1 MB page: ANY change
 * to the highlight registry makes the next frame re-validate every registered range, about 6.5 µs
 * each (docs/benchmarks.md). With all 6,800 mentions of such a page registered, each change costs
 * a ~45 ms frame, and painting in batches grows quadratically. So each mention is registered while
 * the block that holds it is within one viewport of the visible area, by an IntersectionObserver
 * on the blocks' elements (the browser computes intersections off our thread), and dropped when it
 * scrolls further away: the registry stays at a few hundred ranges whatever the page's size.
 */
import type { EntityType } from '../core';
import { benchNow, benchSpent } from './bench-marks';
import { highlightName, type PageStyles } from './highlight-style';

/**
 * One painted mention: its type, its range (read only when it is painted, so it may be made
 * lazily), and the element whose nearness to the viewport decides painting.
 */
export interface Paintable {
  readonly type: EntityType;
  readonly range: AbstractRange;
  readonly anchor: Element;
}

/** New anchors placed at once (see placeNow): about a screenful's worth of blocks. */
const EAGER_ANCHORS = 100;

/** How far beyond the viewport mentions are kept painted, so scrolling shows them already there. */
const MARGIN = '100% 0px';

export class Painter {
  private readonly highlights = new Map<EntityType, Highlight>();
  private readonly byAnchor = new Map<Element, Set<Paintable>>();
  private readonly near = new Set<Element>();
  /** Anchors observed whose first intersection report has not arrived yet. */
  private readonly unreported = new Set<Element>();
  private observer: IntersectionObserver | null = null;
  /** How many more new anchors to place from their box rather than wait for the observer. */
  private eager = EAGER_ANCHORS;
  /** Called after each batch is handed to the browser (the benchmark listens). */
  onBatch: (() => void) | null = null;

  constructor(private readonly doc: Document, private readonly styles: PageStyles, private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  /** Whether this browser can paint highlights at all. */
  static supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function' && typeof IntersectionObserver === 'function';
  }

  /** Paints `item` whenever its anchor is near the viewport. */
  add(item: Paintable): void {
    if (this.signal.aborted) return;
    let set = this.byAnchor.get(item.anchor);
    if (!set) {
      set = new Set();
      this.byAnchor.set(item.anchor, set);
      this.unreported.add(item.anchor);
      this.observe(item.anchor);
      if (this.eager > 0) this.placeNow(item.anchor);
    }
    set.add(item);
    if (this.near.has(item.anchor)) {
      this.styles.ensure();
      this.highlightFor(item.type).add(item.range);
      this.onBatch?.();
    }
  }

  /** Stops painting `item`. */
  remove(item: Paintable): void {
    // Only a painted item has a range to delete (asking a far one for it would make one).
    if (this.near.has(item.anchor)) this.highlights.get(item.type)?.delete(item.range);
    const set = this.byAnchor.get(item.anchor);
    if (!set?.delete(item) || set.size > 0) return;
    this.byAnchor.delete(item.anchor);
    this.near.delete(item.anchor);
    this.unreported.delete(item.anchor);
    this.observer?.unobserve(item.anchor);
  }

  /** Ranges registered right now (near the viewport), per type. */
  counts(): Partial<Record<EntityType, number>> {
    const out: Partial<Record<EntityType, number>> = {};
    for (const [type, h] of this.highlights) out[type] = h.size;
    return out;
  }

  /** Mentions handed over, painted or not. */
  total(): number {
    let n = 0;
    for (const set of this.byAnchor.values()) n += set.size;
    return n;
  }

  /** Whether every mention handed over so far has been placed (painted, or known to be far away). */
  idle(): boolean {
    return this.unreported.size === 0;
  }

  /**
   * Decides at once whether a new anchor is near the viewport, from its box, instead of waiting
   * for the observer's first report (two frames away): used for the first anchors of a run, so the
   * first screenful is painted in the very next frame. Layout is clean then, so the read is cheap.
   */
  private placeNow(anchor: Element): void {
    this.eager--;
    const height = this.doc.defaultView?.innerHeight ?? 0;
    const box = anchor.getBoundingClientRect();
    if (box.bottom < -height || box.top > 2 * height || (box.width === 0 && box.height === 0)) return;
    this.near.add(anchor);
    this.unreported.delete(anchor);
  }

  private observe(anchor: Element): void {
    this.observer ??= new IntersectionObserver((entries) => this.onIntersections(entries), { rootMargin: MARGIN });
    this.observer.observe(anchor);
  }

  private onIntersections(entries: IntersectionObserverEntry[]): void {
    if (this.signal.aborted) return;
    const started = benchNow();
    let changed = false;
    for (const entry of entries) {
      const anchor = entry.target;
      this.unreported.delete(anchor);
      const items = this.byAnchor.get(anchor);
      if (!items) continue;
      if (entry.isIntersecting && !this.near.has(anchor)) {
        this.near.add(anchor);
        this.styles.ensure();
        for (const item of items) this.highlightFor(item.type).add(item.range);
        changed = true;
      } else if (!entry.isIntersecting && this.near.delete(anchor)) {
        for (const item of items) this.highlights.get(item.type)?.delete(item.range);
        changed = true;
      }
    }
    benchSpent('paint', started);
    if (changed || this.idle()) this.onBatch?.();
  }

  private highlightFor(type: EntityType): Highlight {
    let h = this.highlights.get(type);
    if (!h) {
      h = new Highlight();
      CSS.highlights.set(highlightName(type), h);
      this.highlights.set(type, h);
    }
    return h;
  }

  private clear(): void {
    this.observer?.disconnect();
    this.observer = null;
    for (const [type, h] of this.highlights) {
      if (CSS.highlights.get(highlightName(type)) === h) CSS.highlights.delete(highlightName(type));
    }
    this.highlights.clear();
    this.byAnchor.clear();
    this.near.clear();
    this.unreported.clear();
  }
}
