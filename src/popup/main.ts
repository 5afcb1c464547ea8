/**
 * The toolbar popup: the global switch, the switch for this site, and the entities found on this
 * tab grouped by type with their mention counts; choosing one scrolls the tab to it and opens its
 * card. Where no content script answers it says why, with the way out where there is one. A search
 * over the installed packs shows any entity's card in the popup itself.
 *
 * This file only wires the parts together: each part owns its piece of popup.html, and they share
 * the one record of the tab (current-tab.ts) that `refreshPage` rewrites with every answer.
 */
import type { PageInfo } from '../core';
import type { Settings } from '../core/settings';
import { localize } from '../platform/i18n';
import { askPageInfo } from '../platform/messaging';
import { loadSettings, watchSettings } from '../platform/settings-store';
import { openSettingsPage, tabDetails } from '../platform/tab-access';
import { storableSite, targetTab, type CurrentTab } from './current-tab';
import { entityList } from './entity-list';
import { installedPacks } from './installed-packs';
import { packSearch } from './pack-search';
import { pageStatus } from './page-status';
import { popupCard } from './popup-card';
import { wayOut } from './way-out';

const tab: CurrentTab = { id: null, info: null, details: { url: undefined, incognito: false } };
const packs = installedPacks();
const status = pageStatus(tab);
const list = entityList(tab, refreshPage);
const unavailable = wayOut({
  tab,
  list,
  reloadSettings: async () => showSettings(await loadSettings()),
  focusPage: () => {
    if (!list.focus()) status.focusSwitch();
  },
});
const card = popupCard({ packs, site: () => storableSite(tab), closed: () => search.focus() });
const search = packSearch(packs, (model) => card.open(model));
const optionsLink = document.querySelector<HTMLAnchorElement>('#open-options')!;

/** The settings shown last (the site's switch is shown again once the tab has said which site it is). */
let shownSettings: Settings | null = null;

function showSettings(settings: Settings): void {
  shownSettings = settings;
  card.setTheme(settings.theme);
  packs.exclude(settings.disabledPacks);
  status.showSettings(settings);
}

/** Asks the tab what it shows (unless `known`, an answer just received) and shows it. */
async function refreshPage(known?: PageInfo): Promise<void> {
  if (tab.id !== null) [tab.info, tab.details] = await Promise.all([known ?? askPageInfo(tab.id), tabDetails(tab.id)]);
  else tab.info = null;
  const page = tab.info;
  if (!page) await unavailable.explain();
  status.show(page);
  if (shownSettings) status.showSettings(shownSettings);
  unavailable.show(!page);
  if (page) list.render(page);
  // For the benchmark's popup scenario: the list is shown (a mark in the popup's own page only).
  if (performance.getEntriesByName('backstory:popup-list').length === 0) performance.mark('backstory:popup-list');
}

async function init(): Promise<void> {
  localize(document);
  tab.id = await targetTab();
  // The switches work at once; what the tab shows comes when it answers (a tab whose page names
  // nobody is first asked to listen: see askPageInfo).
  const page = refreshPage();
  showSettings(await loadSettings({ writeBack: true }));
  unavailable.listen();
  status.listen(showSettings);
  search.listen();
  optionsLink.addEventListener('click', (event) => {
    event.preventDefault();
    openSettingsPage().then(() => window.close(), (error: unknown) => console.error(error));
  });
  // A switch changes what the tab shows: ask it again once it has repainted.
  watchSettings((s) => {
    showSettings(s);
    setTimeout(() => void refreshPage(), 300);
  }, new AbortController().signal);
  await page;
  // Opened while the tab is still being read (a long page, just loaded): its names come later.
  list.askWhileReading();
}

init().catch((error: unknown) => console.error('Backstory: popup failed to start', error));
