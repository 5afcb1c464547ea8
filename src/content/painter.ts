/**
 * Paints mentions with the CSS Custom Highlight API: no node of the page is added, moved or split
 * (STYLE habit 7). One Highlight per entity type.
 *
 * New ranges are added in batches, at most BATCH per animation frame: painting thousands of
 * ranges in one frame costs ~30 ms (../shared/notes/performance.md), which would be a long task.
 * Hidden tabs have no frames, and nothing to paint for anyone, so they take everything at once.
 *
 * Styles reach the document through one <style> element of ours (createElement + textContent,
 * which a strict page CSP allows in Firefox), and open shadow roots through an adopted
 * constructed stylesheet (no node added). Where a browser refuses that (Firefox 140 content
 * scripts), those mentions stay unpainted but are still listed and reachable by keyboard.
 */
import type { EntityType } from '../core';
import { highlightCss, highlightName, pageScheme } from './highlight-style';
import { benchNow, benchSpent } from './bench-marks';

/** Ranges added per animation frame. */
const BATCH = 1500;

export class Painter {
  private readonly highlights = new Map<EntityType, Highlight>();
  private queue: [EntityType, AbstractRange][] = [];
  private queueHead = 0;
  private frame = 0;
  private style: HTMLStyleElement | null = null;
  private css = '';
  private readonly styledRoots = new Map<ShadowRoot, CSSStyleSheet | null>();
  /** Called after each batch is handed to the browser (tests and the benchmark listen). */
  onBatch: (() => void) | null = null;

  constructor(private readonly doc: Document, private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  /** Whether this browser can paint highlights at all. */
  static supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  }

  /** Node we added to the page (so the DOM watcher can ignore it). */
  ownNode(): Node | null {
    return this.style;
  }

  /** Queues a range to be painted as `type`. */
  add(type: EntityType, range: AbstractRange): void {
    this.queue.push([type, range]);
    this.schedule();
  }

  /** Stops painting a range (immediately, or drops it from the queue). */
  remove(type: EntityType, range: AbstractRange): void {
    if (!this.highlights.get(type)?.delete(range)) {
      const i = this.queue.findIndex(([, r], k) => k >= this.queueHead && r === range);
      if (i >= 0) this.queue.splice(i, 1);
    }
  }

  /** Makes sure highlights in `root` (a shadow root) get our styles. */
  styleShadowRoot(root: ShadowRoot): void {
    if (this.styledRoots.has(root)) return;
    let sheet: CSSStyleSheet | null = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(this.cssText());
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // Firefox 140 content scripts cannot construct or adopt sheets: leave these unpainted.
      sheet = null;
    }
    this.styledRoots.set(root, sheet);
  }

  /** Ranges painted so far, per type. */
  counts(): Partial<Record<EntityType, number>> {
    const out: Partial<Record<EntityType, number>> = {};
    for (const [type, h] of this.highlights) out[type] = h.size;
    return out;
  }

  /** Whether every queued range has been handed to the browser. */
  idle(): boolean {
    return this.queueHead >= this.queue.length;
  }

  private cssText(): string {
    if (!this.css) this.css = highlightCss(pageScheme(this.doc));
    return this.css;
  }

  private schedule(): void {
    if (this.frame || this.signal.aborted) return;
    if (this.doc.visibilityState === 'hidden') {
      this.frame = -1;
      queueMicrotask(() => {
        this.frame = 0;
        this.flush(Infinity);
      });
      return;
    }
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.flush(BATCH);
    });
  }

  private flush(limit: number): void {
    if (this.signal.aborted) return;
    const flushStart = benchNow();
    this.ensureStyle();
    const end = Math.min(this.queue.length, this.queueHead + limit);
    for (let i = this.queueHead; i < end; i++) {
      const [type, range] = this.queue[i]!;
      this.highlightFor(type).add(range);
    }
    this.queueHead = end;
    if (this.queueHead >= this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    } else {
      this.schedule();
    }
    benchSpent('paint', flushStart);
    this.onBatch?.();
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

  private ensureStyle(): void {
    if (this.style) return;
    const style = this.doc.createElement('style');
    style.textContent = this.cssText();
    this.style = style;
    (this.doc.head ?? this.doc.documentElement).append(style);
  }

  private clear(): void {
    if (this.frame > 0) cancelAnimationFrame(this.frame);
    for (const [type, h] of this.highlights) {
      if (CSS.highlights.get(highlightName(type)) === h) CSS.highlights.delete(highlightName(type));
    }
    this.highlights.clear();
    this.queue = [];
    this.style?.remove();
    this.style = null;
    for (const [root, sheet] of this.styledRoots) {
      if (sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    }
    this.styledRoots.clear();
  }
}
