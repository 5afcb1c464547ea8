/**
 * Hover intent: when the pointer opens and closes a card. The pointer resting on a mention for the
 * hover delay opens its card; a pointer passing across opens nothing. The card stays while the
 * pointer is on the mention or on the card, and closes CLOSE_DELAY_MS after it has left both (time
 * enough to cross the gap to the card). A pinned card stays until Escape or Close, and a card that
 * took keyboard focus is not closed by the pointer at all.
 */
import type { MentionRef } from '../mention-ref';

/** How long after the pointer left both mention and card the card closes. */
export const CLOSE_DELAY_MS = 300;

/** What hover intent reads from, and asks of, the card controller. */
export interface HoverHooks {
  readonly doc: Document;
  /** The card on screen (its mention null for a card opened on a selection), or null. */
  shown(): { readonly mention: MentionRef | null } | null;
  /** Whether the open card holds focus that a keyboard open took (the pointer leaving keeps it). */
  focusHeld(): boolean;
  /** The hover delay, read when the pointer arrives (a settings change applies at once). */
  delayMs(): number;
  /** Whether a hover may open a card now. */
  allowed(): boolean;
  /** Opens the card of `mention`, without taking focus. */
  open(mention: MentionRef): void;
  close(): void;
}

/** The hover timers, the pin and where the pointer is, for one card controller. */
export class HoverIntent {
  private openTimer = 0;
  private closeTimer = 0;
  private pointerOnCard = false;
  private pointerOnMention: MentionRef | null = null;
  private lastPointerType = '';
  private isPinned = false;

  constructor(private readonly h: HoverHooks) {}

  /** Whether the card is pinned: only Escape or Close closes it. */
  get pinned(): boolean {
    return this.isPinned;
  }

  /** Whether the last pointer pressed was a finger, whose taps open cards and whose moves do not. */
  get touch(): boolean {
    return this.lastPointerType === 'touch';
  }

  /** Pins or unpins the card; returns whether it is now pinned. */
  togglePin(): boolean {
    this.isPinned = !this.isPinned;
    if (this.isPinned) this.clearTimers();
    return this.isPinned;
  }

  /** A pointer was pressed (pointerdown's pointerType). */
  pointerDown(pointerType: string): void {
    this.lastPointerType = pointerType;
  }

  /** The pointer moved onto `mention`, or off every mention (null). */
  pointerMention(mention: MentionRef | null): void {
    if (this.touch) return;
    this.pointerOnMention = mention;
    this.h.doc.defaultView!.clearTimeout(this.openTimer);
    this.openTimer = 0;
    const shown = this.h.shown();
    if (mention && shown?.mention === mention) {
      this.cancelClose();
      return;
    }
    if (mention && !(shown && this.isPinned) && this.h.allowed()) {
      this.openTimer = this.h.doc.defaultView!.setTimeout(() => {
        this.openTimer = 0;
        if (this.pointerOnMention === mention) this.h.open(mention);
      }, this.h.delayMs());
    }
    if (!mention) this.scheduleClose();
  }

  /** The pointer entered (true) or left (false) the card. */
  pointerOnCardChanged(on: boolean): void {
    this.pointerOnCard = on;
    if (on) this.cancelClose();
    else this.scheduleClose();
  }

  /** Drops any pending open or close. */
  clearTimers(): void {
    const win = this.h.doc.defaultView;
    win?.clearTimeout(this.openTimer);
    win?.clearTimeout(this.closeTimer);
    this.openTimer = 0;
    this.closeTimer = 0;
  }

  /** The card closed: the next one starts unpinned, with the pointer not on it. */
  reset(): void {
    this.isPinned = false;
    this.pointerOnCard = false;
  }

  private scheduleClose(): void {
    if (!this.h.shown() || this.isPinned || this.pointerOnCard || this.closeTimer || this.h.focusHeld()) return;
    this.closeTimer = this.h.doc.defaultView!.setTimeout(() => {
      this.closeTimer = 0;
      if (!this.pointerOnCard && !this.isPinned && this.pointerOnMention !== this.h.shown()?.mention) this.h.close();
    }, CLOSE_DELAY_MS);
  }

  private cancelClose(): void {
    this.h.doc.defaultView!.clearTimeout(this.closeTimer);
    this.closeTimer = 0;
  }
}
