/**
 * Which of the painter's anchors (the blocks' elements) are near the viewport: the painter paints
 * a block's mentions only while its anchor is, and this file decides when.
 *
 * Measured in Chromium on a 1 MB page: ANY change to the highlight registry makes the next frame
 * re-validate every registered range, about 3-6 µs each (docs/benchmarks.md), so only mentions
 * within one viewport of the visible area are registered, as an IntersectionObserver on the
 * anchors reports.
 *
 * The observer itself is not free either: Chromium computes every observed target's intersection
 * in each frame that scrolls, about 2.5 µs per target. Observing all 20,000 blocks of a 5 MB page
 * made every scroll frame take 35-80 ms (5-10 ms without Backstory). So only the anchors within
 * WINDOW places (in document order) of an anchor near the viewport are observed: as the reader
 * scrolls, the next ones are already watched. A jump (End, a link to an anchor, a layout change)
 * that lands beyond the watched anchors is caught on scroll by looking up the anchors at a few
 * points of the viewport. Anchors inside shadow trees, whose document order is not comparable,
 * are always observed.
 */
import { AnchorOrder } from './anchor-order';
import { benchNow, benchSpent } from './bench-marks';

/** New anchors placed at once (see placeNow): about a screenful's worth of blocks. */
const EAGER_ANCHORS = 100;

/** How far beyond the viewport mentions are kept painted, so scrolling shows them already there. */
const MARGIN = '100% 0px';

/** Anchors observed on each side (in document order) of an anchor near the viewport or under a probe. */
const WINDOW = 64;

/** Time for probing in one frame, in ms (one point at least): see queueProbe. */
const PROBE_BUDGET_MS = 4;

/** Where the viewport is probed for the anchors under it, as fractions of its width and height. */
const PROBES: readonly (readonly [number, number])[] = [0.125, 0.5, 0.875].flatMap((y) => [0.125, 0.5, 0.875].map((x) => [x, y] as const));


/** What the nearness of anchors is reported to (the painter). */
export interface NearListener {
  /** Whether the anchor is still held (a report may arrive for one just forgotten). */
  holds(anchor: Element): boolean;
  /** The anchor came near the viewport (`near`), or went away from it. */
  nearChanged(anchor: Element, near: boolean): void;
  /** A batch of reports was handled (`changed`: some anchor's nearness changed), or all are placed. */
  settled(changed: boolean): void;
}

export class NearViewport {
  private readonly near = new Set<Element>();
  /** Anchors observed whose first intersection report has not arrived yet. */
  private readonly unreported = new Set<Element>();
  private observer: IntersectionObserver | null = null;
  /** How many more new anchors to place from their box rather than wait for the observer. */
  private eager = EAGER_ANCHORS;
  /** The anchors of the document's own tree, in document order. */
  private readonly order = new AnchorOrder();
  /** Anchors in shadow trees: always observed. */
  private readonly floating = new Set<Element>();
  private readonly observed = new Set<Element>();
  /** Positions in `order` found under the viewport by the last probe. */
  private probed: number[] = [];
  private refreshQueued = false;
  private probeQueued = false;

  constructor(
    private readonly doc: Document,
    private readonly signal: AbortSignal,
    private readonly listener: NearListener,
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

  /** Whether the anchor is near the viewport now. */
  isNear(anchor: Element): boolean {
    return this.near.has(anchor);
  }

  /** The document's anchors in the order kept (tests check it is document order). */
  anchorsInOrder(): readonly Element[] {
    return this.order.list;
  }

  /** Whether every anchor placed so far has been placed (known near, or known far). */
  idle(): boolean {
    return this.unreported.size === 0;
  }

  /** Stops following an anchor. */
  forget(anchor: Element): void {
    this.near.delete(anchor);
    this.unreported.delete(anchor);
    if (this.observed.delete(anchor)) this.observer?.unobserve(anchor);
    if (!this.floating.delete(anchor)) this.order.remove(anchor);
    this.queueRefresh();
  }

  /**
   * Follows a new anchor: files it in document order, and decides how it will learn that it is
   * near. `append`: the caller knows it comes after every anchor placed so far.
   */
  place(anchor: Element, root: Document | ShadowRoot, append: boolean): void {
    if (root !== this.doc) {
      this.floating.add(anchor);
      this.observe(anchor);
    } else {
      this.order.insert(anchor, append);
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
      const at = this.floating.has(anchor) ? undefined : this.order.positionOf(anchor);
      if (at !== undefined) centres.push(at);
    }
    if (centres.length === 0) {
      centres.push(0);
      // Nothing near and nothing probed yet: perhaps the page was opened scrolled down.
      if (this.order.list.length > 2 * WINDOW) this.queueProbe();
    }
    centres.sort((a, b) => a - b);
    const wanted = new Set<Element>();
    let from = -1;
    for (const c of centres) {
      const lo = Math.max(from, c - WINDOW, 0);
      const hi = Math.min(this.order.list.length, c + WINDOW + 1);
      for (let i = lo; i < hi; i++) wanted.add(this.order.list[i]!);
      from = Math.max(from, hi);
    }
    for (const anchor of wanted) this.observe(anchor);
    for (const anchor of this.observed) {
      if (wanted.has(anchor) || this.floating.has(anchor) || this.near.has(anchor)) continue;
      this.observed.delete(anchor);
      this.unreported.delete(anchor);
      this.observer?.unobserve(anchor);
    }
    if (this.idle()) this.listener.settled(false);
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
        if (hit) probed.push(Math.max(0, this.order.indexBefore(hit) - 1));
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
    for (const entry of entries) {
      const anchor = entry.target;
      this.unreported.delete(anchor);
      if (!this.listener.holds(anchor)) continue;
      if (entry.isIntersecting && !this.near.has(anchor)) {
        this.near.add(anchor);
        this.listener.nearChanged(anchor, true);
        changed = true;
      } else if (!entry.isIntersecting && this.near.delete(anchor)) {
        this.listener.nearChanged(anchor, false);
        changed = true;
      }
    }
    benchSpent('paint', started);
    if (changed) this.queueRefresh();
    if (changed || this.idle()) this.listener.settled(changed);
  }

  private clear(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed.clear();
    this.order.clear();
    this.floating.clear();
    this.near.clear();
    this.unreported.clear();
  }
}
