/**
 * Paints mentions with the CSS Custom Highlight API: no node of the page is added, moved or split
 * (STYLE habit 7). One Highlight per entity type.
 *
 * Only mentions near the viewport are registered. Measured in Chromium on a 1 MB page: ANY change
 * to the highlight registry makes the next frame re-validate every registered range, about 3-6 µs
 * each (docs/benchmarks.md). With all 6,800 mentions of such a page registered, each change costs
 * a ~30 ms frame, and painting in batches grows quadratically. So each mention is registered while
 * the block that holds it is within one viewport of the visible area, as an IntersectionObserver
 * on the blocks' elements reports, and dropped when it scrolls further away: the registry stays at
 * a few hundred ranges whatever the page's size.
 *
 * The observer itself is not free either: Chromium computes every observed target's intersection
 * in each frame that scrolls, about 2.5 µs per target. Observing all 20,000 blocks of a 5 MB page
 * made every scroll frame take 35-80 ms (5-10 ms without Backstory). So only the blocks within
 * WINDOW places (in document order) of a block near the viewport are observed: as the reader
 * scrolls, the next blocks are already watched. A jump (End, a link to an anchor, a layout change)
 * that lands beyond the watched blocks is caught on scroll by looking up the blocks at a few
 * points of the viewport. Blocks inside shadow trees, whose document order is not comparable,
 * are always observed.
 */
import type { EntityType } from '../core';
import { benchNow, benchSpent } from './bench-marks';
import { highlightName, type PageStyles } from './highlight-style';

/** One painted mention: its type and its range (read only when it is painted, so made lazily). */
export interface Paintable {
  readonly type: EntityType;
  readonly range: AbstractRange;
}

/**
 * How the painter sees the caller's groups of mentions (a block's). It holds the groups, not their
 * mentions, and asks for a group's mentions only when its anchor comes near the viewport: most
 * mentions of a long page are never near it, and are never made (Annotator.refsOf).
 */
export interface GroupAccess<G> {
  /** The element whose nearness to the viewport decides painting. */
  anchorOf(group: G): Element;
  /** The document or shadow root the anchor lives in (known to the caller: no DOM call to find it). */
  rootOf(group: G): Document | ShadowRoot;
  /** The group's mentions, made on first ask; the same objects for as long as they are painted. */
  itemsOf(group: G): readonly Paintable[];
  /** How many mentions the group has, without making them. */
  sizeOf(group: G): number;
}

/** New anchors placed at once (see placeNow): about a screenful's worth of blocks. */
const EAGER_ANCHORS = 100;

/** How far beyond the viewport mentions are kept painted, so scrolling shows them already there. */
const MARGIN = '100% 0px';

/** Blocks observed on each side (in document order) of a block near the viewport or under a probe. */
const WINDOW = 64;

/** Time for probing in one frame, in ms (one point at least): see queueProbe. */
const PROBE_BUDGET_MS = 4;

/** Where the viewport is probed for the blocks under it, as fractions of its width and height. */
const PROBES: readonly (readonly [number, number])[] = [0.125, 0.5, 0.875].flatMap((y) => [0.125, 0.5, 0.875].map((x) => [x, y] as const));

const FOLLOWS = 4; // Node.DOCUMENT_POSITION_FOLLOWING
const CONTAINED = 16; // Node.DOCUMENT_POSITION_CONTAINED_BY

export class Painter<G = unknown> {
  private readonly highlights = new Map<EntityType, Highlight>();
  /** The groups of each anchor: one, nearly always (then no array). Never changed in place. */
  private readonly byAnchor = new Map<Element, G | readonly G[]>();
  private readonly near = new Set<Element>();
  /** Anchors observed whose first intersection report has not arrived yet. */
  private readonly unreported = new Set<Element>();
  private observer: IntersectionObserver | null = null;
  /** How many more new anchors to place from their box rather than wait for the observer. */
  private eager = EAGER_ANCHORS;
  /** The anchors of the document's own tree, in document order. */
  private readonly order: Element[] = [];
  /**
   * Positions in `order` of the anchors asked about (those near the viewport, mostly): found by
   * binary search, forgotten when an anchor is inserted before the end or removed. Not a map of
   * every anchor: that was a table of 50,000 entries on a 10 MB page, all kept alive.
   */
  private positions = new Map<Element, number>();
  /** Whether `positions` lists every anchor in `order` (see positionOf). */
  private positionsComplete = false;
  /** Anchors in shadow trees: always observed. */
  private readonly floating = new Set<Element>();
  private readonly observed = new Set<Element>();
  /** Positions in `order` found under the viewport by the last probe. */
  private probed: number[] = [];
  private refreshQueued = false;
  private probeQueued = false;
  /** Whether the highlights are in the page's registry (shown); false while hidden until Alt. */
  private registered = true;
  /** Called after each batch is handed to the browser (the benchmark listens). */
  onBatch: (() => void) | null = null;

  constructor(
    private readonly doc: Document,
    private readonly styles: PageStyles,
    private readonly signal: AbortSignal,
    private readonly access: GroupAccess<G>,
  ) {
    signal.addEventListener('abort', () => this.clear(), { once: true });
    const view = doc.defaultView;
    if (view) {
      // Capture: scrolling inside a scrollable element of the page counts too.
      const onScroll = () => this.queueProbe();
      view.addEventListener('scroll', onScroll, { capture: true, passive: true, signal });
      view.addEventListener('resize', onScroll, { passive: true, signal });
    }
  }

  /** Whether this browser can paint highlights at all. */
  static supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function' && typeof IntersectionObserver === 'function';
  }

  /**
   * Paints `group`'s mentions whenever its anchor is near the viewport. `append`: the caller knows
   * the anchor comes after every anchor added so far in document order (see Annotator.repaint).
   */
  add(group: G, append = false): void {
    if (this.signal.aborted) return;
    const anchor = this.access.anchorOf(group);
    const held = this.byAnchor.get(anchor);
    if (held === undefined) {
      this.byAnchor.set(anchor, group);
      this.place(anchor, this.access.rootOf(group), append);
    } else {
      const groups = this.groupsAt(held);
      if (groups.includes(group)) return;
      this.byAnchor.set(anchor, [...groups, group]);
    }
    if (this.near.has(anchor)) {
      this.paintItems(this.access.itemsOf(group));
      this.onBatch?.();
    }
  }

  /**
   * A group's mentions changed (`removed` left it, `added` joined it; the rest are the same
   * objects): its painted ranges follow, if its anchor is near.
   */
  update(group: G, removed: readonly Paintable[], added: readonly Paintable[]): void {
    if (this.signal.aborted || !this.near.has(this.access.anchorOf(group))) return;
    for (const item of removed) this.highlights.get(item.type)?.delete(item.range);
    this.paintItems(added);
    this.onBatch?.();
  }

  /** Stops painting `group` (call it while the group still has the mentions that were painted). */
  remove(group: G): void {
    const anchor = this.access.anchorOf(group);
    const held = this.byAnchor.get(anchor);
    if (held === undefined) return;
    const groups = this.groupsAt(held);
    const index = groups.indexOf(group);
    if (index < 0) return;
    // Only a painted group has ranges to delete (asking a far one for them would make them).
    if (this.near.has(anchor)) for (const item of this.access.itemsOf(group)) this.highlights.get(item.type)?.delete(item.range);
    if (groups.length > 1) {
      const rest = groups.filter((_, i) => i !== index);
      this.byAnchor.set(anchor, rest.length === 1 ? rest[0]! : rest);
      return;
    }
    this.byAnchor.delete(anchor);
    this.near.delete(anchor);
    this.unreported.delete(anchor);
    if (this.observed.delete(anchor)) this.observer?.unobserve(anchor);
    if (!this.floating.delete(anchor)) {
      const at = this.positionOf(anchor);
      if (at !== undefined) {
        this.order.splice(at, 1);
        this.orderChanged();
      }
    }
    this.queueRefresh();
  }

  private groupsAt(held: G | readonly G[]): readonly G[] {
    return Array.isArray(held) ? (held as readonly G[]) : [held as G];
  }

  private paintItems(items: readonly Paintable[]): void {
    if (items.length === 0) return;
    this.styles.ensure();
    for (let i = 0; i < items.length; i++) this.highlightFor(items[i]!.type).add(items[i]!.range);
  }

  /** Ranges registered right now (near the viewport), per type. */
  counts(): Partial<Record<EntityType, number>> {
    const out: Partial<Record<EntityType, number>> = {};
    for (const [type, h] of this.highlights) out[type] = h.size;
    return out;
  }

  /** The document's anchors in the order the painter keeps them (tests check it is document order). */
  anchorsInOrder(): readonly Element[] {
    return this.order;
  }

  /** Mentions handed over, painted or not. */
  total(): number {
    let n = 0;
    for (const held of this.byAnchor.values()) for (const group of this.groupsAt(held)) n += this.access.sizeOf(group);
    return n;
  }

  /** Whether every mention handed over so far has been placed (painted, or known to be far away). */
  idle(): boolean {
    return this.unreported.size === 0;
  }

  /** Files a new anchor in document order, and decides how it will learn that it is near. */
  private place(anchor: Element, root: Document | ShadowRoot, append: boolean): void {
    if (root !== this.doc) {
      this.floating.add(anchor);
      this.observe(anchor);
    } else {
      this.insertInOrder(anchor, append);
    }
    if (this.eager > 0) this.placeNow(anchor);
    this.queueRefresh();
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

  /** `append`: the caller knows the anchor comes last (see add); otherwise its place is looked up. */
  private insertInOrder(anchor: Element, append: boolean): void {
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

  /** The number of anchors that come before `node` in document order (or contain it). */
  private indexBefore(node: Node): number {
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

  /** Where `anchor` is in `order`, or undefined (an anchor in a shadow tree, or unknown). */
  private positionOf(anchor: Element): number | undefined {
    let at = this.positions.get(anchor);
    if (at !== undefined || this.positionsComplete || this.floating.has(anchor)) return at;
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

  /** Forgets the positions found: the order changed other than at its end. */
  private orderChanged(): void {
    this.positions.clear();
    this.positionsComplete = false;
  }

  private queueRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      this.refresh();
    });
  }

  /**
   * Observes the anchors within WINDOW places of every anchor near the viewport or found under it
   * by the last probe (the top of the page while there are none), and no others.
   */
  private refresh(): void {
    if (this.signal.aborted) return;
    const centres: number[] = [...this.probed];
    for (const anchor of this.near) {
      const at = this.positionOf(anchor);
      if (at !== undefined) centres.push(at);
    }
    if (centres.length === 0) {
      centres.push(0);
      // Nothing near and nothing probed yet: perhaps the page was opened scrolled down.
      if (this.order.length > 2 * WINDOW) this.queueProbe();
    }
    centres.sort((a, b) => a - b);
    const wanted = new Set<Element>();
    let from = -1;
    for (const c of centres) {
      const lo = Math.max(from, c - WINDOW, 0);
      const hi = Math.min(this.order.length, c + WINDOW + 1);
      for (let i = lo; i < hi; i++) wanted.add(this.order[i]!);
      from = Math.max(from, hi);
    }
    for (const anchor of wanted) this.observe(anchor);
    for (const anchor of this.observed) {
      if (wanted.has(anchor) || this.floating.has(anchor) || this.near.has(anchor)) continue;
      this.observed.delete(anchor);
      this.unreported.delete(anchor);
      this.observer?.unobserve(anchor);
    }
    if (this.idle()) this.onBatch?.();
  }

  /**
   * Looks at what is on screen now: called when the page has been read (or re-read), so a block
   * shown on screen but far from its neighbours in document order (a sidebar placed by CSS) is
   * watched without waiting for a scroll.
   */
  lookAround(): void {
    this.queueProbe();
  }

  /** After the next frame's layout: which anchors lie under a grid of points across the viewport. */
  private queueProbe(): void {
    const view = this.doc.defaultView;
    if (this.probeQueued || !view || this.signal.aborted) return;
    this.probeQueued = true;
    const probed: number[] = [];
    let next = 0;
    const step = () => {
      if (this.signal.aborted) {
        this.probeQueued = false;
        return;
      }
      // A hit test walks the boxes under the point, siblings one by one: on a 10 MB page with
      // 100,000 blocks side by side, 1-6 ms each. So the points are probed within a budget per
      // frame, the rest in the next one (on an ordinary page all nine fit in one).
      const started = performance.now();
      const w = view.innerWidth;
      const h = view.innerHeight;
      while (next < PROBES.length && (next === 0 || performance.now() - started < PROBE_BUDGET_MS)) {
        const [x, y] = PROBES[next++]!;
        const hit = this.doc.elementFromPoint(x * w, y * h);
        if (hit) probed.push(Math.max(0, this.indexBefore(hit) - 1));
      }
      if (next < PROBES.length) {
        view.requestAnimationFrame(step);
        return;
      }
      this.probeQueued = false;
      this.probed = probed;
      this.refresh();
    };
    view.requestAnimationFrame(step);
  }

  private observe(anchor: Element): void {
    if (this.observed.has(anchor)) return;
    this.observer ??= new IntersectionObserver((entries) => this.onIntersections(entries), { rootMargin: MARGIN });
    this.observer.observe(anchor);
    this.observed.add(anchor);
    if (!this.near.has(anchor)) this.unreported.add(anchor);
  }

  private onIntersections(entries: IntersectionObserverEntry[]): void {
    if (this.signal.aborted) return;
    const started = benchNow();
    let changed = false;
    let nearChanged = false;
    for (const entry of entries) {
      const anchor = entry.target;
      this.unreported.delete(anchor);
      const held = this.byAnchor.get(anchor);
      if (held === undefined) continue;
      if (entry.isIntersecting && !this.near.has(anchor)) {
        this.near.add(anchor);
        for (const group of this.groupsAt(held)) this.paintItems(this.access.itemsOf(group));
        changed = nearChanged = true;
      } else if (!entry.isIntersecting && this.near.delete(anchor)) {
        for (const group of this.groupsAt(held)) {
          for (const item of this.access.itemsOf(group)) this.highlights.get(item.type)?.delete(item.range);
        }
        changed = nearChanged = true;
      }
    }
    benchSpent('paint', started);
    if (nearChanged) this.queueRefresh();
    if (changed || this.idle()) this.onBatch?.();
  }

  private highlightFor(type: EntityType): Highlight {
    let h = this.highlights.get(type);
    if (!h) {
      h = new Highlight();
      if (this.registered) CSS.highlights.set(highlightName(type), h);
      this.highlights.set(type, h);
    }
    return h;
  }

  /**
   * Shows (registers) or hides (unregisters) every highlight at once, the ranges kept: the
   * 'hidden until Alt' style. Hit-testing finds only registered highlights, so a hidden mention
   * opens no card on hover; the keyboard commands still reach every mention.
   */
  setRegistered(on: boolean): void {
    if (on === this.registered) return;
    this.registered = on;
    for (const [type, h] of this.highlights) {
      if (on) CSS.highlights.set(highlightName(type), h);
      else if (CSS.highlights.get(highlightName(type)) === h) CSS.highlights.delete(highlightName(type));
    }
  }

  private clear(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed.clear();
    this.order.length = 0;
    this.floating.clear();
    for (const [type, h] of this.highlights) {
      if (CSS.highlights.get(highlightName(type)) === h) CSS.highlights.delete(highlightName(type));
    }
    this.highlights.clear();
    this.byAnchor.clear();
    this.near.clear();
    this.unreported.clear();
  }
}
