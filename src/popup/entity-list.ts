/**
 * The entities the tab shows, grouped by type with their mention counts; choosing one asks the
 * tab to scroll to it and open its card. A tab may still be reading its page when the popup opens
 * (or has just been annotated), so the list also asks again while it may grow.
 */
import { ENTITY_TYPES, type PageInfo } from '../core';
import { t } from '../platform/i18n';
import { askPageInfo, showEntityInTab } from '../platform/messaging';
import type { CurrentTab } from './current-tab';
import { entityRow, statusLine, typeLabel } from './entity-rows';

/** The list of entities on the tab. */
export interface EntityList {
  /** Shows the entities of an answer, or why there are none. */
  render(page: PageInfo): void;
  /** Gives the focus to the first entity; false where there is none to give it to. */
  focus(): boolean;
  /**
   * Asks a freshly annotated tab until it names something or says why not, for ten seconds at
   * most (a long page on a busy machine takes a while; the loop ends as soon as the list is there).
   */
  askUntilNamed(): Promise<void>;
  /** If the list may still grow, keeps asking in the background while the popup is open. */
  askWhileReading(): void;
}

/**
 * The list in `#entities`, for `tab`. `refresh` asks the tab again and shows its answer
 * everywhere in the popup (given `known`, an answer just received, it shows that instead).
 */
export function entityList(tab: Readonly<Pick<CurrentTab, 'id' | 'info'>>, refresh: (known?: PageInfo) => Promise<void>): EntityList {
  const list = document.querySelector<HTMLElement>('#entities')!;

  function render(page: PageInfo): void {
    list.replaceChildren();
    if (page.state === 'paused') {
      list.append(statusLine('p', t('popupPausedHere')));
      return;
    }
    if (page.entities.length === 0) {
      if (page.state === 'on') list.append(statusLine('p', t('popupNoneFound')));
      return;
    }
    for (const type of ENTITY_TYPES) {
      const entities = page.entities.filter((e) => e.type === type);
      if (entities.length === 0) continue;
      const heading = document.createElement('h3');
      heading.textContent = typeLabel(type);
      const ul = document.createElement('ul');
      ul.className = 'entities';
      for (const e of entities) {
        const row = entityRow(e.name, String(e.count), () => {
          if (tab.id === null) return;
          showEntityInTab(tab.id, e.key).then(() => window.close(), (error: unknown) => console.error('Backstory: could not show', error));
        });
        row.button.dataset.key = e.key;
        row.note.setAttribute('aria-label', t('popupMentions', String(e.count)));
        ul.append(row.item);
      }
      list.append(heading, ul);
    }
  }

  /**
   * While the popup stays open and the tab's list may still grow (opened as a long page is being
   * read; or after the first ten seconds of "Annotate this page now"): asks again every second, for
   * a minute, showing each longer list, until the tab has read its page or says why not.
   */
  async function keepAsking(): Promise<void> {
    const until = Date.now() + 60_000;
    while (Date.now() < until && tab.id !== null) {
      await pause(1_000);
      const answer = await askPageInfo(tab.id);
      // A lost answer changes nothing shown; a longer list, or another state, is shown.
      if (!answer) continue;
      if (!tab.info || !sameList(answer, tab.info)) await refresh(answer);
      if (!listMayGrow(answer)) return;
    }
  }

  return {
    render,
    focus() {
      const first = list.querySelector<HTMLElement>('button');
      first?.focus();
      return first !== null;
    },
    async askUntilNamed() {
      const deadline = Date.now() + 10_000;
      await refresh();
      while (Date.now() < deadline && (!tab.info || namesNothingYet(tab.info))) {
        await pause(250);
        await refresh();
      }
    },
    askWhileReading() {
      if (tab.info && listMayGrow(tab.info)) void keepAsking();
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether the tab's script runs but names nobody yet (it is still reading, or says nothing of it). */
function namesNothingYet(page: PageInfo): boolean {
  return page.state === 'on' && page.entities.length === 0 && page.reading !== false;
}

/** Whether two answers show the same: the state, and each entity with its count. */
function sameList(a: PageInfo, b: PageInfo): boolean {
  return a.state === b.state && a.entities.length === b.entities.length
    && a.entities.every((e, i) => e.key === b.entities[i]!.key && e.count === b.entities[i]!.count);
}

/** Whether the tab's list may still grow: it is being read, or names nobody yet. */
function listMayGrow(page: PageInfo): boolean {
  return page.state === 'on' && (page.reading === true || namesNothingYet(page));
}
