/**
 * happy-dom has no CSS Custom Highlight API and no StaticRange: these stand-ins behave like the
 * browser's for what the content script uses (a registry of named sets of ranges).
 */
export function installHighlightStub(): void {
  const g = globalThis as Record<string, unknown>;
  class StaticRangeStub {
    readonly startContainer: Node;
    readonly startOffset: number;
    readonly endContainer: Node;
    readonly endOffset: number;
    readonly collapsed: boolean;
    constructor(init: StaticRangeInit) {
      this.startContainer = init.startContainer;
      this.startOffset = init.startOffset;
      this.endContainer = init.endContainer;
      this.endOffset = init.endOffset;
      this.collapsed = init.startContainer === init.endContainer && init.startOffset === init.endOffset;
    }
  }
  class HighlightStub extends Set<AbstractRange> {
    priority = 0;
    type = 'highlight';
  }
  /** Reports every observed element as near the viewport, asynchronously, like the browser's. */
  class IntersectionObserverStub {
    constructor(private readonly callback: IntersectionObserverCallback) {}
    observe(target: Element): void {
      queueMicrotask(() => this.callback([{ target, isIntersecting: true } as IntersectionObserverEntry], this as unknown as IntersectionObserver));
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  g.IntersectionObserver = IntersectionObserverStub;
  g.StaticRange = StaticRangeStub;
  g.Highlight = HighlightStub;
  const css = (g.CSS ?? {}) as Record<string, unknown>;
  css.highlights = new Map<string, HighlightStub>();
  g.CSS = css;
}

/** The text under each painted range, sorted. */
export function paintedTexts(): string[] {
  const out: string[] = [];
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('backstory-')) continue;
    for (const r of h) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      out.push(range.toString());
    }
  }
  return out.sort();
}
