/**
 * Search over the installed packs, for an entity the page does not mention: results come as the
 * reader types, and choosing one shows its card in the popup.
 */
import { cardModel, searchEntities, type CardModel } from '../core';
import { t } from '../platform/i18n';
import { entityRow, statusLine, typeLabel } from './entity-rows';
import type { InstalledPacks } from './installed-packs';

/** The search box and its results. */
export interface PackSearch {
  /** Gives the focus back to the search box. */
  focus(): void;
  /** Searches as the reader types. */
  listen(): void;
}

/** The search in `#search`, listing in `#results`; `open` shows a chosen result's card. */
export function packSearch(packs: Pick<InstalledPacks, 'get'>, open: (model: CardModel) => void): PackSearch {
  const search = document.querySelector<HTMLInputElement>('#search')!;
  const results = document.querySelector<HTMLElement>('#results')!;

  /** Finds entities for the query (the packs are read on the first keystroke). */
  async function run(): Promise<void> {
    const pending = packs.get();
    const query = search.value;
    const hits = searchEntities(await pending, query, 12);
    // The reader typed on while the packs were read: that later query shows its own results.
    if (search.value !== query) return;
    results.replaceChildren();
    if (query.trim().length >= 2 && hits.length === 0) results.append(statusLine('li', t('popupNoMatch')));
    for (const hit of hits) {
      // Pack text in its own language and direction, whatever the UI's.
      const row = entityRow(hit.entity.name, typeLabel(hit.entity.type), () => open(cardModel(hit.pack, hit.entity, { why: null })), hit.pack.language);
      results.append(row.item);
    }
  }

  return {
    focus() {
      search.focus();
    },
    listen() {
      // A short pause between keystrokes, so a fast typist's every letter is not searched for.
      let typing = 0;
      search.addEventListener('input', () => {
        clearTimeout(typing);
        typing = window.setTimeout(() => void run(), 60);
      });
    },
  };
}
