/**
 * Related entities open in place: a related name on the card replaces the card with that entity's,
 * at the same mention, and Back returns to the card before. The history lasts as long as the card
 * does; a card opened afresh starts a new one.
 */
import { cardModel, parseEntityKey } from '../../core';
import type { CardModel } from '../../core';
import type { LoadPack } from './mention-card';
import type { ShownCard } from './shown-card';

/** The cards a reader went on from, most recent last, for Back. */
export class CardHistory {
  private previous: CardModel[] = [];

  constructor(
    private readonly loadPack: LoadPack,
    /** The card on screen, or null. */
    private readonly current: () => ShownCard | null,
    /** Shows a card in place of the current one. */
    private readonly show: (card: ShownCard) => void,
  ) {}

  /** Whether there is a card to go back to (the card shows Back only then). */
  get canGoBack(): boolean {
    return this.previous.length > 0;
  }

  /** Forgets every earlier card. */
  clear(): void {
    this.previous = [];
  }

  /** Shows the entity with `key` ('pack:entity') in place of the card on screen, remembering that one. */
  async openRelated(key: string): Promise<void> {
    if (!this.current()) return;
    const { pack: packId, entity: id } = parseEntityKey(key);
    const pack = await this.loadPack(packId);
    const entity = pack.entities.find((e) => e.id === id);
    // The card may have closed, or another opened, while the pack loaded: go on from what is shown now.
    const shown = this.current();
    if (!entity || !shown) return;
    this.previous.push(shown.model);
    this.show({ model: cardModel(pack, entity), mention: shown.mention, anchor: shown.anchor });
  }

  /** Shows the card before the current one again. */
  back(): void {
    const previous = this.previous.pop();
    const shown = this.current();
    if (!previous || !shown) return;
    this.show({ model: previous, mention: shown.mention, anchor: shown.anchor });
  }
}
