/** The card on screen: what it shows, for which mention, and where it points. */
import type { CardModel } from '../../core';
import type { MentionRef } from '../mention-ref';
import type { PageMentions } from '../page-mentions';
import type { CardAnchor } from './card-host';

/** The card on screen. */
export interface ShownCard {
  model: CardModel;
  /** The mention the card explains; null for a card opened on a selection (the context menu). */
  mention: MentionRef | null;
  anchor: CardAnchor;
}

/** Where a mention's card points: the mention's box, around its block. */
export function mentionAnchor(page: PageMentions, mention: MentionRef): CardAnchor {
  return {
    element: mention.block.anchor,
    // A block whose text left the page has no box: the card stays by its block's element.
    rect: () => (mention.block.nodes[0]?.isConnected ? page.liveRange(mention).getBoundingClientRect() : null),
  };
}

/** Where a card on selected text points: the selection's box, around its nearest element. */
export function selectionAnchor(doc: Document, range: Range | null): CardAnchor {
  const container = range?.commonAncestorContainer;
  const element = (container instanceof Element ? container : container?.parentElement) ?? doc.body;
  return { element, rect: () => (range && !range.collapsed ? range.getBoundingClientRect() : null) };
}
