/**
 * When a card opens and closes, and for which mention: this file wires the card's parts together.
 * Builds nothing before the first card is asked for.
 *
 * - Hover (./hover-intent.ts): a mention under the pointer for the hover delay opens its card,
 *   which closes a moment after the pointer has left both mention and card, on Escape, or on a
 *   click or tap outside; pinned, only Escape or Close closes it.
 * - Keyboard (./card-focus.ts, ./mention-targets.ts; WCAG 2.1.1, 1.4.13): the open-card command
 *   opens the card of the mention at or after the selection, the next/previous commands move
 *   between mentions, scrolling each into view. Focus moves into the card; Tab cycles inside it;
 *   Escape closes it and gives focus back.
 * - Touch: a tap on a mention opens its card at once, unless the mention is inside a link, whose
 *   tap the page's link handles as it always did.
 * - Related entities open in place, with Back (./card-history.ts); the card is light or dark as
 *   the page behind it (./card-theme.ts); ./card-display.ts puts it on the page.
 */
import { cardModel, searchEntities } from '../../core';
import type { MentionRef } from '../mention-ref';
import type { PageMentions } from '../page-mentions';
import { trackPointer } from '../pointer';
import { benchCardRequested, benchCardShown } from '../bench-marks';
import { CardDisplay } from './card-display';
import { FocusReturn } from './card-focus';
import { CardHistory } from './card-history';
import type { CardControllerOptions } from './card-options';
import { cardIsDark } from './card-theme';
import { HoverIntent } from './hover-intent';
import { mentionCardModel } from './mention-card';
import { firstMentionOf, mentionAtSelection, mentionInRange, revealMention, stepMention } from './mention-targets';
import { mentionAnchor, selectionAnchor, type ShownCard } from './shown-card';

export type { CardControllerOptions } from './card-options';
export { CLOSE_DELAY_MS } from './hover-intent';
export { isDarkAt } from './card-theme';

/** Opens, switches and closes the cards of one run of the content script. */
export class CardController {
  /** The page's mentions: all the controller uses of the content script's reading. */
  private readonly page: PageMentions;
  private readonly focus = new FocusReturn();
  private readonly display: CardDisplay;
  private readonly hover: HoverIntent;
  private readonly history: CardHistory;
  /** Bumped on every open: a card whose pack arrives after a newer request is dropped. */
  private generation = 0;
  /** The options' loadPack, called as their method wherever it is passed on. */
  private readonly loadPack = (packId: string) => this.o.loadPack(packId);

  constructor(private readonly o: CardControllerOptions) {
    const win = o.doc.defaultView!;
    this.page = o.page;
    this.display = new CardDisplay({
      doc: o.doc,
      signal: o.signal,
      shadowMode: o.shadowMode ?? 'closed',
      strings: () => o.strings(),
      onPointer: (on) => this.hover.pointerOnCardChanged(on),
      focus: this.focus,
    });
    this.hover = new HoverIntent({
      doc: o.doc,
      shown: () => this.display.shown,
      focusHeld: () => this.focus.held,
      delayMs: () => o.hoverDelayMs(),
      allowed: () => o.hoverAllowed?.() ?? true,
      open: (mention) => void this.open(mention, false),
      close: () => this.close(),
    });
    this.history = new CardHistory(this.loadPack, () => this.display.shown, (card) => this.show(card, true));
    trackPointer(win, this.page, (mention) => this.hover.pointerMention(mention), o.signal);
    const opts = { capture: true, signal: o.signal };
    win.addEventListener('pointerdown', (event) => this.onPointerDown(event), { ...opts, passive: true });
    win.addEventListener('click', (event) => this.onClick(event), { ...opts, passive: true });
    win.addEventListener('keydown', (event) => this.onKeyDown(event), opts);
    o.signal.addEventListener('abort', () => this.close(false), { once: true });
  }

  /** Whether a card is open, and for which entity. */
  get openKey(): string | null {
    return this.display.shown?.model.key ?? null;
  }

  /** The card's host element while a card is open. */
  get hostElement(): HTMLElement | null {
    return this.display.hostElement;
  }

  /** Opens the card of `mention`; `focus` moves keyboard focus into it. */
  async open(mention: MentionRef, focus: boolean): Promise<void> {
    benchCardRequested();
    this.hover.clearTimers();
    const generation = ++this.generation;
    const stale = () => generation !== this.generation || this.o.signal.aborted;
    const model = await mentionCardModel(this.page, this.loadPack, mention, stale);
    if (!model) return;
    this.history.clear();
    this.show({ model, mention, anchor: mentionAnchor(this.page, mention) }, focus, benchCardShown);
  }

  /** The open-card command: the mention at or after the selection (else the first on screen). */
  async openAtSelection(): Promise<void> {
    const target = mentionAtSelection(this.page, this.o.doc);
    if (target) await this.openAndReveal(target);
  }

  /**
   * "Explain with Backstory" on selected text: the card of a highlighted mention in the selection,
   * else of the best match in the installed packs for the selected words, beside the selection;
   * else a short note that the packs do not cover them.
   */
  async explain(text: string): Promise<void> {
    const selection = this.o.doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    const inside = range ? mentionInRange(this.page, range) : undefined;
    if (inside) return this.openAndReveal(inside);
    const anchor = selectionAnchor(this.o.doc, range);
    const hit = searchEntities(await this.o.loadPacks(), text, 1)[0];
    this.focus.remember(this.o.doc);
    this.history.clear();
    this.generation++;
    if (hit) this.show({ model: cardModel(hit.pack, hit.entity, { why: { text: text.trim(), alias: hit.matched } }), mention: null, anchor }, true);
    else this.display.notice(text.trim(), anchor, () => this.close());
  }

  /** The popup's entity list: scrolls to the entity's first mention and opens its card. */
  async showEntity(key: string): Promise<void> {
    const first = firstMentionOf(this.page, key);
    if (first) await this.openAndReveal(first);
  }

  /** The next/previous-mention commands: from the open card's mention (or the selection). */
  async step(direction: 1 | -1): Promise<void> {
    const next = stepMention(this.page, this.display.shown?.mention ?? null, direction);
    if (next) await this.openAndReveal(next);
  }

  /** Closes the card; `restoreFocus` gives focus back to where it was before a keyboard open. */
  close(restoreFocus = true): void {
    this.hover.clearTimers();
    this.generation++;
    if (!this.display.hide()) return;
    this.history.clear();
    this.hover.reset();
    this.focus.release(restoreFocus);
  }

  private async openAndReveal(mention: MentionRef): Promise<void> {
    revealMention(this.page, mention, this.o.doc.defaultView!);
    this.focus.remember(this.o.doc);
    await this.open(mention, true);
  }

  /** Shows `shown` with its buttons wired to this controller. */
  private show(shown: ShownCard, focus: boolean, onShown?: () => void): void {
    const closeAfter = (action: () => void) => () => {
      action();
      this.close();
    };
    this.display.card(shown, {
      close: () => this.close(),
      togglePin: () => this.display.setPinned(this.hover.togglePin()),
      back: () => this.history.back(),
      openRelated: (key) => void this.history.openRelated(key),
      hideHere: closeAfter(() => this.o.hideHere(shown.model.key)),
      pauseHere: closeAfter(() => this.o.pauseHere()),
      openSettings: () => this.o.openSettings(),
    }, { canGoBack: this.history.canGoBack, pinned: this.hover.pinned, dark: cardIsDark(this.o.theme(), shown.anchor.element) }, focus, onShown);
  }

  /** A press outside an unpinned card closes it (focus stays where the press put it). */
  private onPointerDown(event: PointerEvent): void {
    this.hover.pointerDown(event.pointerType);
    if (!this.display.shown || this.hover.pinned) return;
    if (event.composedPath().some((t) => this.display.isHost(t))) return;
    this.close(false);
  }

  /** A tap (a click after a touch pointerdown) on a mention opens its card at once. */
  private onClick(event: MouseEvent): void {
    if (!this.hover.touch) return;
    const mention = this.page.mentionAt(event.clientX, event.clientY);
    if (!mention) return;
    // A mention inside a link: the tap is the link's, as the page intends.
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('a[href]')) return;
    void this.open(mention, false);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.display.shown) return;
    this.close();
  }
}
