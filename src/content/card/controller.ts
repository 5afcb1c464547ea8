/**
 * When a card opens and closes, and for which mention: hover intent, keyboard, touch, the pin,
 * related-entity navigation with Back. Builds nothing before the first card is asked for.
 *
 * - Hover: the pointer resting on a mention for the hover delay opens its card; a pointer passing
 *   across opens nothing. The card stays while the pointer is on the mention or on the card, and
 *   closes CLOSE_DELAY_MS after it has left both (time enough to cross the gap to the card), on
 *   Escape, or on a click or tap outside; pinned, only Escape or Close closes it.
 * - Keyboard (WCAG 2.1.1, 1.4.13): the open-card command opens the card of the mention at or after
 *   the selection, the next/previous commands move between mentions, scrolling each into view.
 *   Focus moves into the card; Tab cycles inside it; Escape closes it and gives focus back.
 * - Touch: a tap on a mention opens its card at once, unless the mention is inside a link, whose
 *   tap the page's link handles as it always did.
 */
import { cardModel, entityInfo, parseEntityKey, searchEntities, type CardAlternative, type CardModel, type Pack, writtenAlias } from '../../core';
import type { Annotator, MentionRef } from '../annotator';
import { trackPointer } from '../pointer';
import { CardHost, type CardAnchor } from './card-host';
import { renderCard, renderNotice, type CardView } from '../../ui/card-view';
import type { CardStrings } from '../../ui/card-strings';
import { benchCardRequested, benchCardShown } from '../bench-marks';

/** How long after the pointer left both mention and card the card closes. */
export const CLOSE_DELAY_MS = 300;

export interface CardControllerOptions {
  readonly doc: Document;
  readonly annotator: Annotator;
  readonly signal: AbortSignal;
  /** The pack's full text, for the card (loaded on first use). */
  loadPack(packId: string): Promise<Pack>;
  /** Every installed pack, for explaining a selection the page does not highlight. */
  loadPacks(): Promise<Pack[]>;
  /** The hover delay, read when the pointer arrives (a settings change applies at once). */
  hoverDelayMs(): number;
  /** Whether a hover may open a card now (false while highlights are hidden until Alt). */
  hoverAllowed?(): boolean;
  /** The card's theme setting, read when a card opens. */
  theme(): 'auto' | 'light' | 'dark';
  /** "Not this one here": stop highlighting the entity with this key on this site. */
  hideHere(key: string): void;
  /** "Pause on this site". */
  pauseHere(): void;
  openSettings(): void;
  /** The card's words, from _locales. */
  readonly strings: () => CardStrings;
  /** 'closed' in the extension; a test build may open the card's shadow root. */
  shadowMode?: ShadowRootMode;
}

interface Shown {
  model: CardModel;
  /** The mention the card explains; null for a card opened on a selection (the context menu). */
  mention: MentionRef | null;
  anchor: CardAnchor;
}

export class CardController {
  private host: CardHost | null = null;
  private shown: Shown | null = null;
  private history: CardModel[] = [];
  private pinned = false;
  private openTimer = 0;
  private closeTimer = 0;
  private pointerOnCard = false;
  private pointerOnMention: MentionRef | null = null;
  private lastPointerType = '';
  /** The element that had focus before a keyboard-opened card took it. */
  private returnFocus: Element | null = null;
  private view: CardView | null = null;
  private stringsMade: CardStrings | null = null;

  /** The card's words, looked up when the first card opens (most pages never show one). */
  private strings(): CardStrings {
    return (this.stringsMade ??= this.o.strings());
  }

  /** Bumped on every open: a card whose pack arrives after a newer request is dropped. */
  private generation = 0;

  constructor(private readonly o: CardControllerOptions) {
    const win = o.doc.defaultView!;
    trackPointer(win, o.annotator, (mention) => this.onPointerMention(mention), o.signal);
    const opts = { capture: true, signal: o.signal };
    win.addEventListener('pointerdown', (event) => this.onPointerDown(event), { ...opts, passive: true });
    win.addEventListener('click', (event) => this.onClick(event), { ...opts, passive: true });
    win.addEventListener('keydown', (event) => this.onKeyDown(event), opts);
    o.signal.addEventListener('abort', () => this.close(false), { once: true });
  }

  /** Whether a card is open, and for which entity. */
  get openKey(): string | null {
    return this.shown?.model.key ?? null;
  }

  /** The card's host element while a card is open. */
  get hostElement(): HTMLElement | null {
    return this.host?.element ?? null;
  }

  /** Opens the card of `mention`; `focus` moves keyboard focus into it. */
  async open(mention: MentionRef, focus: boolean): Promise<void> {
    benchCardRequested();
    this.clearTimers();
    const generation = ++this.generation;
    const info = this.o.annotator.entity(mention);
    const pack = await this.o.loadPack(info.packId);
    if (generation !== this.generation || this.o.signal.aborted) return;
    const entity = pack.entities.find((e) => e.id === info.id);
    if (!entity) return;
    const why = { text: mention.block.text.slice(mention.match.start, mention.match.end), alias: writtenAlias(this.o.annotator.index, mention.match.alias, entity) };
    const alternatives = await this.alternativesOf(mention);
    if (generation !== this.generation || this.o.signal.aborted) return;
    this.history = [];
    this.show({ model: cardModel(pack, entity, { why, alternatives }), mention, anchor: this.anchorOf(mention) }, focus, benchCardShown);
  }

  /**
   * The other entities the mention's words stand for: where two installed packs share a name, the
   * card shows the one the page's context chose and offers the others. Their packs' titles come
   * from the packs (already read for any pack whose card was open before).
   */
  private async alternativesOf(mention: MentionRef): Promise<CardAlternative[]> {
    const index = this.o.annotator.index;
    const others = [...new Set((mention.match.alternatives ?? []).map((a) => index.aliasEntity[a]!))].filter((e) => e !== mention.match.entity);
    const out: CardAlternative[] = [];
    for (const e of others) {
      const info = entityInfo(index, e);
      const pack = await this.o.loadPack(info.packId).catch(() => null);
      if (pack) out.push({ key: info.key, name: info.name, type: info.type, packTitle: pack.title, language: pack.language });
    }
    return out;
  }

  /** The open-card command: the mention at or after the selection (else the first on screen). */
  async openAtSelection(): Promise<void> {
    const mentions = this.o.annotator.mentions();
    if (mentions.length === 0) return;
    const selection = this.o.doc.getSelection();
    let target: MentionRef | undefined;
    if (selection && selection.rangeCount > 0) {
      const point = selection.getRangeAt(0);
      target = mentions.find((m) => this.o.annotator.liveRange(m).comparePoint(point.startContainer, point.startOffset) <= 0);
    }
    target ??= mentions.find((m) => this.o.annotator.liveRange(m).getBoundingClientRect().bottom >= 0) ?? mentions[0]!;
    await this.openAndReveal(target);
  }

  /**
   * "Explain with Backstory" on selected text: the card of a highlighted mention in the selection,
   * else of the best match in the installed packs for the selected words, beside the selection;
   * else a short note that the packs do not cover them.
   */
  async explain(text: string): Promise<void> {
    const selection = this.o.doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    if (range) {
      const inside = this.o.annotator.mentions().find((m) => {
        const r = this.o.annotator.liveRange(m);
        return range.compareBoundaryPoints(Range.END_TO_START, r) <= 0 && range.compareBoundaryPoints(Range.START_TO_END, r) >= 0;
      });
      if (inside) return this.openAndReveal(inside);
    }
    const container = range?.commonAncestorContainer;
    const element = (container instanceof Element ? container : container?.parentElement) ?? this.o.doc.body;
    const anchor: CardAnchor = { element, rect: () => (range && !range.collapsed ? range.getBoundingClientRect() : null) };
    const hit = searchEntities(await this.o.loadPacks(), text, 1)[0];
    this.returnFocus ??= this.o.doc.activeElement;
    this.history = [];
    this.generation++;
    if (hit) {
      this.show({ model: cardModel(hit.pack, hit.entity, { why: { text: text.trim(), alias: hit.matched } }), mention: null, anchor }, true);
      return;
    }
    this.host ??= this.createHost();
    const notice = renderNotice(this.o.doc, text.trim(), () => this.close(), this.strings());
    this.shown = { model: { key: '', name: '' } as CardModel, mention: null, anchor };
    this.view = notice;
    this.host.show(notice.root, anchor, () => {
      notice.complete();
      notice.focusTarget.focus({ preventScroll: true });
    });
  }

  /** Where a mention's card points: the mention's box, around its block. */
  private anchorOf(mention: MentionRef): CardAnchor {
    return {
      element: mention.block.anchor,
      rect: () => (mention.block.nodes[0]?.isConnected ? this.o.annotator.liveRange(mention).getBoundingClientRect() : null),
    };
  }

  /** The popup's entity list: scrolls to the entity's first mention and opens its card. */
  async showEntity(key: string): Promise<void> {
    const first = this.o.annotator.mentions().find((m) => this.o.annotator.entity(m).key === key);
    if (first) await this.openAndReveal(first);
  }

  /** The next/previous-mention commands: from the open card's mention (or the selection). */
  async step(direction: 1 | -1): Promise<void> {
    const mentions = this.o.annotator.mentions();
    if (mentions.length === 0) return;
    const current = this.shown?.mention ? mentions.indexOf(this.shown.mention) : -1;
    const next = current < 0 ? (direction > 0 ? 0 : mentions.length - 1) : (current + direction + mentions.length) % mentions.length;
    await this.openAndReveal(mentions[next]!);
  }

  private async openAndReveal(mention: MentionRef): Promise<void> {
    const range = this.o.annotator.liveRange(mention);
    const element = range.startContainer.parentElement;
    const box = range.getBoundingClientRect();
    const view = this.o.doc.defaultView!;
    if (box.top < 0 || box.bottom > view.innerHeight) element?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.returnFocus ??= this.o.doc.activeElement;
    await this.open(mention, true);
  }

  /** Closes the card; `restoreFocus` gives focus back to where it was before a keyboard open. */
  close(restoreFocus = true): void {
    this.clearTimers();
    this.generation++;
    if (!this.shown) return;
    this.shown = null;
    this.view = null;
    this.history = [];
    this.pinned = false;
    this.pointerOnCard = false;
    this.host?.hide();
    const back = this.returnFocus;
    this.returnFocus = null;
    if (restoreFocus && back instanceof HTMLElement) back.focus({ preventScroll: true });
  }

  private show(shown: Shown, focus: boolean, onShown?: () => void): void {
    const doc = this.o.doc;
    this.host ??= this.createHost();
    this.shown = shown;
    const view = renderCard(doc, shown.model, {
      close: () => this.close(),
      togglePin: () => this.togglePin(),
      back: () => this.back(),
      openRelated: (key) => void this.openRelated(key),
      hideHere: () => {
        this.o.hideHere(shown.model.key);
        this.close();
      },
      pauseHere: () => {
        this.o.pauseHere();
        this.close();
      },
      openSettings: () => this.o.openSettings(),
    }, { canGoBack: this.history.length > 0, pinned: this.pinned, dark: this.o.theme() === 'auto' ? isDarkAt(shown.anchor.element) : this.o.theme() === 'dark', strings: this.strings() });
    view.root.addEventListener('keydown', (event) => this.onCardKeyDown(event, view));
    this.view = view;
    this.host.show(view.root, shown.anchor, () => {
      view.complete();
      // Focus once the card is visible (a hidden element cannot take focus).
      if (this.view === view && (focus || this.returnFocus)) {
        this.returnFocus ??= doc.activeElement;
        view.focusTarget.focus({ preventScroll: true });
      }
      onShown?.();
    });
  }

  private createHost(): CardHost {
    return new CardHost(this.o.doc, this.o.signal, this.o.shadowMode ?? 'closed', (on) => this.setPointerOnCard(on));
  }

  private async openRelated(key: string): Promise<void> {
    if (!this.shown) return;
    const { pack: packId, entity: id } = parseEntityKey(key);
    const pack = await this.o.loadPack(packId);
    const entity = pack.entities.find((e) => e.id === id);
    if (!entity || !this.shown) return;
    this.history.push(this.shown.model);
    this.show({ model: cardModel(pack, entity), mention: this.shown.mention, anchor: this.shown.anchor }, true);
  }

  private back(): void {
    const previous = this.history.pop();
    if (!previous || !this.shown) return;
    this.show({ model: previous, mention: this.shown.mention, anchor: this.shown.anchor }, true);
  }

  private togglePin(): void {
    this.pinned = !this.pinned;
    if (this.view) {
      this.view.pin.textContent = this.pinned ? this.strings().unpin : this.strings().pin;
      this.view.pin.setAttribute('aria-pressed', String(this.pinned));
    }
    if (this.pinned) this.clearTimers();
  }

  private onPointerMention(mention: MentionRef | null): void {
    if (this.lastPointerType === 'touch') return;
    this.pointerOnMention = mention;
    this.o.doc.defaultView!.clearTimeout(this.openTimer);
    this.openTimer = 0;
    if (mention && this.shown?.mention === mention) {
      this.cancelClose();
      return;
    }
    if (mention && !(this.shown && this.pinned) && (this.o.hoverAllowed?.() ?? true)) {
      this.openTimer = this.o.doc.defaultView!.setTimeout(() => {
        this.openTimer = 0;
        if (this.pointerOnMention === mention) void this.open(mention, false);
      }, this.o.hoverDelayMs());
    }
    if (!mention) this.scheduleClose();
  }

  private scheduleClose(): void {
    if (!this.shown || this.pinned || this.pointerOnCard || this.closeTimer || this.returnFocus) return;
    this.closeTimer = this.o.doc.defaultView!.setTimeout(() => {
      this.closeTimer = 0;
      if (!this.pointerOnCard && !this.pinned && this.pointerOnMention !== this.shown?.mention) this.close();
    }, CLOSE_DELAY_MS);
  }

  private cancelClose(): void {
    this.o.doc.defaultView!.clearTimeout(this.closeTimer);
    this.closeTimer = 0;
  }

  private clearTimers(): void {
    const win = this.o.doc.defaultView;
    win?.clearTimeout(this.openTimer);
    win?.clearTimeout(this.closeTimer);
    this.openTimer = 0;
    this.closeTimer = 0;
  }

  private onPointerDown(event: PointerEvent): void {
    this.lastPointerType = event.pointerType;
    if (!this.shown || this.pinned) return;
    if (event.composedPath().some((t) => this.host?.isHost(t))) return;
    this.close(false);
  }

  private onClick(event: MouseEvent): void {
    if (this.lastPointerType !== 'touch') return;
    const mention = this.o.annotator.mentionAt(event.clientX, event.clientY);
    if (!mention) return;
    // A mention inside a link: the tap is the link's, as the page intends.
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('a[href]')) return;
    void this.open(mention, false);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.shown) return;
    this.close();
  }

  /** Inside the card: Tab and Shift+Tab cycle through its controls; Escape is handled above. */
  private onCardKeyDown(event: KeyboardEvent, view: CardView): void {
    if (event.key !== 'Tab') return;
    const focusables = [...view.root.querySelectorAll<HTMLElement>('button, a[href]')];
    if (focusables.length === 0) return;
    const active = (view.root.getRootNode() as ShadowRoot).activeElement;
    const first = focusables[0]!;
    const last = focusables[focusables.length - 1]!;
    if (event.shiftKey && (active === first || active === view.root)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  /** The pointer entered or left the card (the host's own events). */
  private setPointerOnCard(on: boolean): void {
    this.pointerOnCard = on;
    if (on) this.cancelClose();
    else this.scheduleClose();
  }
}

/**
 * Whether the page is dark behind `el`: the first opaque background up its ancestors, else the
 * browser's canvas as the page's color-scheme and the reader's preference make it.
 */
export function isDarkAt(el: Element): boolean {
  const win = el.ownerDocument.defaultView;
  if (!win) return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const rgba = parseColour(win.getComputedStyle(node).backgroundColor);
    if (rgba && rgba[3] > 0.5) return luminance(rgba) < 0.35;
  }
  // No background of its own: the browser's canvas shows, dark where the page's color-scheme says so
  // ("dark"), or where it allows both and the reader prefers dark ("light dark").
  const scheme = win.getComputedStyle(el.ownerDocument.documentElement).colorScheme;
  if (!/\bdark\b/.test(scheme)) return false;
  return !/\blight\b/.test(scheme) || win.matchMedia('(prefers-color-scheme: dark)').matches;
}

function parseColour(css: string): [number, number, number, number] | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)/.exec(css);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

function luminance([r, g, b]: [number, number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
