/**
 * Paints mentions with the CSS Custom Highlight API: no node of the page is added, moved or split
 * (STYLE habit 7). One Highlight per entity type.
 *
 * It is handed groups of mentions (a block's), each describing itself (PaintGroup), and paints a
 * group's mentions only while its anchor is near the viewport (./near-viewport.ts decides when):
 * any change to the highlight registry makes the next frame re-validate every registered range,
 * so the registry stays at a few hundred ranges whatever the page's size.
 */
import type { EntityType } from '../core';
import { highlightName, type PageStyles } from './highlight-style';
import { NearViewport } from './near-viewport';

/** One painted mention: its type and its range (read only when it is painted, so made lazily). */
export interface Paintable {
  readonly type: EntityType;
  readonly range: AbstractRange;
}

/**
 * A group of mentions as the painter is given it (a block's). The painter holds groups, not their
 * mentions, and asks for a group's mentions only when its anchor comes near the viewport: most
 * mentions of a long page are never near it, and are never made.
 */
export interface PaintGroup {
  /** The element whose nearness to the viewport decides painting. */
  readonly anchor: Element;
  /** The document or shadow root the anchor lives in (known to the group: no DOM call to find it). */
  readonly root: Document | ShadowRoot;
  /** How many mentions the group has, without making them. */
  readonly size: number;
  /** The group's mentions, made on first ask; the same objects for as long as they are painted. */
  items(): readonly Paintable[];
}

export class Painter<G extends PaintGroup = PaintGroup> {
  private readonly highlights = new Map<EntityType, Highlight>();
  /** The groups of each anchor: one, nearly always (then no array). Never changed in place. */
  private readonly byAnchor = new Map<Element, G | readonly G[]>();
  private readonly nearness: NearViewport;
  /** Whether the highlights are in the page's registry (shown); false while hidden until Alt. */
  private registered = true;
  /** Called after each batch is handed to the browser (the benchmark listens). */
  onBatch: (() => void) | null = null;

  constructor(
    doc: Document,
    private readonly styles: PageStyles,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.clear(), { once: true });
    this.nearness = new NearViewport(doc, signal, {
      holds: (anchor) => this.byAnchor.has(anchor),
      nearChanged: (anchor, near) => {
        for (const group of this.groupsAt(this.byAnchor.get(anchor)!)) {
          if (near) this.paintItems(group.items());
          else this.unpaintItems(group.items());
        }
      },
      settled: () => this.onBatch?.(),
    });
  }

  /**
   * Paints `group`'s mentions whenever its anchor is near the viewport. `append`: the caller knows
   * the anchor comes after every anchor added so far in document order (see PaintSync).
   */
  add(group: G, append = false): void {
    if (this.signal.aborted) return;
    const anchor = group.anchor;
    const held = this.byAnchor.get(anchor);
    if (held === undefined) {
      this.byAnchor.set(anchor, group);
      this.nearness.place(anchor, group.root, append);
    } else {
      const groups = this.groupsAt(held);
      if (groups.includes(group)) return;
      this.byAnchor.set(anchor, [...groups, group]);
    }
    if (this.nearness.isNear(anchor)) {
      this.paintItems(group.items());
      this.onBatch?.();
    }
  }

  /**
   * A group's mentions changed (`removed` left it, `added` joined it; the rest are the same
   * objects): its painted ranges follow, if its anchor is near.
   */
  update(group: G, removed: readonly Paintable[], added: readonly Paintable[]): void {
    if (this.signal.aborted || !this.nearness.isNear(group.anchor)) return;
    this.unpaintItems(removed);
    this.paintItems(added);
    this.onBatch?.();
  }

  /** Stops painting `group` (call it while the group still has the mentions that were painted). */
  remove(group: G): void {
    const anchor = group.anchor;
    const held = this.byAnchor.get(anchor);
    if (held === undefined) return;
    const groups = this.groupsAt(held);
    const index = groups.indexOf(group);
    if (index < 0) return;
    // Only a painted group has ranges to delete (asking a far one for them would make them).
    if (this.nearness.isNear(anchor)) this.unpaintItems(group.items());
    if (groups.length > 1) {
      const rest = groups.filter((_, i) => i !== index);
      this.byAnchor.set(anchor, rest.length === 1 ? rest[0]! : rest);
      return;
    }
    this.byAnchor.delete(anchor);
    this.nearness.forget(anchor);
  }

  /** Ranges registered right now (near the viewport), per type. */
  counts(): Partial<Record<EntityType, number>> {
    const out: Partial<Record<EntityType, number>> = {};
    for (const [type, h] of this.highlights) out[type] = h.size;
    return out;
  }

  /** The document's anchors in the order the painter keeps them (tests check it is document order). */
  anchorsInOrder(): readonly Element[] {
    return this.nearness.anchorsInOrder();
  }

  /** Mentions handed over, painted or not. */
  total(): number {
    let n = 0;
    for (const held of this.byAnchor.values()) for (const group of this.groupsAt(held)) n += group.size;
    return n;
  }

  /** Whether every mention handed over so far has been placed (painted, or known to be far away). */
  idle(): boolean {
    return this.nearness.idle();
  }

  /**
   * Looks at what is on screen now: called when the page has been read (or re-read), so a block
   * shown on screen but far from its neighbours in document order (a sidebar placed by CSS) is
   * watched without waiting for a scroll.
   */
  lookAround(): void {
    this.nearness.lookAround();
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

  private groupsAt(held: G | readonly G[]): readonly G[] {
    return Array.isArray(held) ? (held as readonly G[]) : [held as G];
  }

  private paintItems(items: readonly Paintable[]): void {
    if (items.length === 0) return;
    this.styles.ensure();
    for (let i = 0; i < items.length; i++) this.highlightFor(items[i]!.type).add(items[i]!.range);
  }

  private unpaintItems(items: readonly Paintable[]): void {
    for (const item of items) this.highlights.get(item.type)?.delete(item.range);
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

  private clear(): void {
    for (const [type, h] of this.highlights) {
      if (CSS.highlights.get(highlightName(type)) === h) CSS.highlights.delete(highlightName(type));
    }
    this.highlights.clear();
    this.byAnchor.clear();
  }
}
