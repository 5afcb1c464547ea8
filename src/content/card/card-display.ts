/**
 * The card on screen: the one host element, the rendered card or notice in it, and focus moved
 * into it once it is placed. Knows nothing of why a card opens or closes (the controller's part).
 */
import { renderCard, renderNotice, type CardActions, type CardView } from '../../ui/card-view';
import type { CardModel } from '../../core';
import type { CardStrings } from '../../ui/card-strings';
import { CardHost, type CardAnchor } from './card-host';
import { trapTab, type FocusReturn } from './card-focus';
import type { ShownCard } from './shown-card';

/** How a card is drawn: the state its buttons show and its theme (the display adds its words). */
export type CardLook = Omit<Parameters<typeof renderCard>[3], 'strings'>;

/** What the display is given once, by its controller. */
export interface CardDisplayOptions {
  readonly doc: Document;
  readonly signal: AbortSignal;
  readonly shadowMode: ShadowRootMode;
  /** The card's words (asked for when the first card opens: most pages never show one). */
  readonly strings: () => CardStrings;
  /** Told when the pointer enters (true) or leaves (false) the card. */
  readonly onPointer: (on: boolean) => void;
  /** Where focus goes back to when the card closes; the display remembers it when it takes focus. */
  readonly focus: FocusReturn;
}

/** Shows and hides the cards of one card controller in one document. */
export class CardDisplay {
  private host: CardHost | null = null;
  private view: CardView | null = null;
  private current: ShownCard | null = null;
  private stringsMade: CardStrings | null = null;

  constructor(private readonly o: CardDisplayOptions) {}

  /** The card on screen, or null. */
  get shown(): ShownCard | null {
    return this.current;
  }

  /** The host element while a card is open. */
  get hostElement(): HTMLElement | null {
    return this.host?.element ?? null;
  }

  /** Whether `node` (from an event's composed path) is the card's host. */
  isHost(node: EventTarget | null): boolean {
    return this.host?.isHost(node) ?? false;
  }

  /**
   * Shows `shown` in place of any card on screen; `focus` (or a card that already holds focus)
   * moves keyboard focus into it. `onShown` runs once it is placed.
   */
  card(shown: ShownCard, actions: CardActions, look: CardLook, focus: boolean, onShown?: () => void): void {
    const host = (this.host ??= this.createHost());
    this.current = shown;
    const view = renderCard(this.o.doc, shown.model, actions, { ...look, strings: this.strings() });
    view.root.addEventListener('keydown', (event) => trapTab(event, view));
    this.view = view;
    host.show(view.root, shown.anchor, () => {
      view.complete();
      // Focus once the card is visible (a hidden element cannot take focus).
      if (this.view === view && (focus || this.o.focus.held)) {
        this.o.focus.remember(this.o.doc);
        view.focusTarget.focus({ preventScroll: true });
      }
      onShown?.();
    });
  }

  /** Shows a note that the installed packs do not cover `text`, beside `anchor`, and focuses it. */
  notice(text: string, anchor: CardAnchor, close: () => void): void {
    const host = (this.host ??= this.createHost());
    const notice = renderNotice(this.o.doc, text, close, this.strings());
    // A notice explains no entity: its model only marks that a card is open (Escape, a press outside).
    this.current = { model: { key: '', name: '' } as CardModel, mention: null, anchor };
    this.view = notice;
    host.show(notice.root, anchor, () => {
      notice.complete();
      notice.focusTarget.focus({ preventScroll: true });
    });
  }

  /** Shows the pin button as pressed or not. */
  setPinned(pinned: boolean): void {
    if (!this.view) return;
    this.view.pin.textContent = pinned ? this.strings().unpin : this.strings().pin;
    this.view.pin.setAttribute('aria-pressed', String(pinned));
  }

  /** Removes the card; false if none was shown. */
  hide(): boolean {
    if (!this.current) return false;
    this.current = null;
    this.view = null;
    this.host?.hide();
    return true;
  }

  /** The card's words, looked up when the first card opens (most pages never show one). */
  private strings(): CardStrings {
    return (this.stringsMade ??= this.o.strings());
  }

  private createHost(): CardHost {
    return new CardHost(this.o.doc, this.o.signal, this.o.shadowMode, this.o.onPointer);
  }
}
