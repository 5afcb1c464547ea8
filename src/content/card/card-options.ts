/** What the content script gives its card controller: the page, the settings it reads, the actions it offers. */
import type { Pack } from '../../core';
import type { Theme } from '../../core/settings';
import type { CardStrings } from '../../ui/card-strings';
import type { PageMentions } from '../page-mentions';

/** The card controller's inputs, read when needed so a settings change applies at once. */
export interface CardControllerOptions {
  readonly doc: Document;
  /** The page's mentions: what the card shows, and where. */
  readonly page: PageMentions;
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
  theme(): Theme;
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
