/**
 * Where no content script answers, says why, with the way out where there is one: a browser page
 * (none), site access the reader withheld (ask for it), a tab opened before Backstory was
 * installed or updated (annotate it now). The decision is src/core/tab-state.ts.
 */
import { accessPatterns, tabState, type TabState } from '../core/tab-state';
import { t } from '../platform/i18n';
import { annotateTab, fileAccessAllowed, hasSiteAccess, requestSiteAccess } from '../platform/tab-access';
import { askedTab, type CurrentTab } from './current-tab';
import type { EntityList } from './entity-list';

/** The `#unavailable` section. */
export interface WayOut {
  /** Says why the tab shows nothing and offers the way out; while annotating, the message stays. */
  explain(): Promise<void>;
  /** Shows the section (while the tab does not answer) or hides it. */
  show(shown: boolean): void;
  /** Makes the button take its way out. */
  listen(): void;
}

/** What the way out needs of the rest of the popup once the tab is annotated. */
export interface WayOutDeps {
  /** The tab, read to annotate it and to tell its state. */
  readonly tab: Readonly<CurrentTab>;
  /** The tab's list, asked until the newly injected script names something. */
  readonly list: Pick<EntityList, 'askUntilNamed' | 'askWhileReading'>;
  /** Reads and shows the settings again, for the switches of the page now shown. */
  readonly reloadSettings: () => Promise<void>;
  /** Gives the focus to the page now shown. */
  readonly focusPage: () => void;
}

/** The way out of a tab Backstory does not run in. */
export function wayOut({ tab, list, reloadSettings, focusPage }: WayOutDeps): WayOut {
  const unavailable = document.querySelector<HTMLElement>('#unavailable')!;
  const unavailableText = document.querySelector<HTMLElement>('#unavailable-text')!;
  const button = document.querySelector<HTMLButtonElement>('#way-out')!;
  /** What the button does for the state shown. */
  let action: (() => void) | null = null;
  /** Between injecting the content script and its first answer, the message stays as it is. */
  let annotating = false;

  /** The state of a tab whose content script did not answer, from what the browser tells of it. */
  async function silentTabState(): Promise<TabState> {
    const origins = accessPatterns(tab.details.url);
    const [siteAccess, fileAccess] = await Promise.all([origins ? hasSiteAccess(origins) : undefined, fileAccessAllowed()]);
    // Opened from the toolbar button, the popup is about the active tab and holds activeTab for it.
    return tabState({ answered: false, url: tab.details.url, activeTab: askedTab() === null, siteAccess, fileAccess });
  }

  function showState(state: TabState): void {
    button.disabled = false;
    action = null;
    if (state.kind === 'withheld') {
      unavailableText.textContent = t('popupWithheld', state.site);
      button.textContent = t('popupAllowSite', state.site);
      action = () => allowSite(state.site, state.origins);
    } else if (state.kind === 'not-injected') {
      unavailableText.textContent = t('popupNotInjected');
      button.textContent = t('popupAnnotateNow');
      action = () => void annotateNow();
    } else if (state.kind === 'closed') {
      unavailableText.textContent = t('popupClosedPage');
    } else {
      unavailableText.textContent = t('popupUnavailable');
    }
    button.hidden = action === null;
  }

  /**
   * Asks for the site, then annotates the tab. The request goes first and at once: the browsers
   * accept it only while the click is being handled. (Chrome may close the popup to show its
   * prompt; the tab is then annotated on its next load, or from "Annotate this page now".)
   */
  function allowSite(site: string, origins: readonly string[]): void {
    const asking = requestSiteAccess(origins);
    button.disabled = true;
    asking.then((granted) => {
      if (granted) return annotateNow();
      unavailableText.textContent = t('popupAccessRefused', site);
      button.disabled = false;
      return undefined;
    }, (error: unknown) => {
      console.error('Backstory: could not ask for the site', error);
      unavailableText.textContent = t('popupAnnotateFailed');
      button.disabled = false;
    });
  }

  /** Injects the content script into the tab, then shows its list once it has read the page. */
  async function annotateNow(): Promise<void> {
    if (tab.id === null || annotating) return;
    annotating = true;
    button.disabled = true;
    unavailableText.textContent = t('popupAnnotating');
    try {
      await annotateTab(tab.id);
      // The script answers as soon as it runs, and names what it found once it has read the page.
      await list.askUntilNamed();
    } catch (error) {
      console.error('Backstory: could not annotate the tab', error);
    } finally {
      annotating = false;
    }
    if (!tab.info) {
      unavailableText.textContent = t('popupAnnotateFailed');
      button.hidden = true;
      return;
    }
    await reloadSettings();
    // The button that had the focus is gone with its section: give it to the page.
    if (document.activeElement === button || document.activeElement === document.body) focusPage();
    list.askWhileReading();
  }

  return {
    async explain() {
      if (!annotating) showState(await silentTabState());
    },
    show(shown) {
      unavailable.hidden = !shown;
    },
    listen() {
      button.addEventListener('click', () => action?.());
    },
  };
}
