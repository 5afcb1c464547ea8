/**
 * An entity's card shown in the popup itself (for an entity found by search), in a shadow root of
 * its own so the popup's styles and the card's stay apart. A related entity opens in its place,
 * and Back returns through the cards opened so.
 */
import { cardModel, parseEntityKey, type CardModel } from '../core';
import type { Settings } from '../core/settings';
import { t } from '../platform/i18n';
import { updateSettings } from '../platform/settings-store';
import { openSettingsPage } from '../platform/tab-access';
import { cardCss } from '../ui/card-styles';
import { cardStrings } from '../ui/card-strings';
import { renderCard } from '../ui/card-view';
import type { InstalledPacks } from './installed-packs';

/** The card in `#card-view`. */
export interface PopupCard {
  /** Shows a card afresh: Back leads nowhere from it. */
  open(model: CardModel): void;
  /** Follows the theme setting; in 'auto', the popup's own colour scheme. */
  setTheme(theme: Settings['theme']): void;
}

/** What the card needs of the rest of the popup. */
export interface PopupCardDeps {
  /** The packs related entities are looked up in. */
  readonly packs: Pick<InstalledPacks, 'get'>;
  /** The site that "hide here" and "pause here" apply to; null offers neither. */
  readonly site: () => string | null;
  /** Called once the card is closed, to give the focus back. */
  readonly closed: () => void;
}

/** The popup's card: fills the popup's width, never pinned, without its page-side entrance. */
export function popupCard({ packs, site: currentSite, closed }: PopupCardDeps): PopupCard {
  const cardView = document.querySelector<HTMLElement>('#card-view')!;
  /** The cards to go Back to, the last one shown before this one at the end. */
  const history: CardModel[] = [];
  let theme: Settings['theme'] = 'auto';

  function isDark(): boolean {
    return theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  }

  function show(model: CardModel): void {
    const shadow = cardView.shadowRoot ?? cardView.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `${cardCss()}\n.card { width: 100%; max-height: none; box-shadow: none; animation: none; } .pin { display: none; }`;
    const site = currentSite();
    const view = renderCard(document, model, {
      close: () => {
        cardView.hidden = true;
        closed();
      },
      togglePin: () => undefined,
      back: () => {
        const previous = history.pop();
        if (previous) show(previous);
      },
      openRelated: (key) => void openRelated(model, key),
      hideHere: () => {
        if (site) void updateSettings({ kind: 'hide-entity', site, key: model.key, hidden: true });
      },
      pauseHere: () => {
        if (site) void updateSettings({ kind: 'pause-site', site, paused: true });
      },
      openSettings: () => void openSettingsPage(),
    }, { canGoBack: history.length > 0, pinned: false, dark: isDark(), strings: cardStrings(t), siteActions: site !== null });
    view.complete();
    shadow.replaceChildren(style, view.root);
    cardView.hidden = false;
    view.root.focus();
    cardView.scrollIntoView({ block: 'nearest' });
  }

  async function openRelated(from: CardModel, key: string): Promise<void> {
    const { pack: packId, entity: entityId } = parseEntityKey(key);
    const pack = (await packs.get()).find((p) => p.id === packId);
    const entity = pack?.entities.find((e) => e.id === entityId);
    if (!pack || !entity) return;
    history.push(from);
    show(cardModel(pack, entity));
  }

  return {
    open(model) {
      history.length = 0;
      show(model);
    },
    setTheme(next) {
      theme = next;
    },
  };
}
