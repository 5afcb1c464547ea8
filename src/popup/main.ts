/**
 * The toolbar popup: the global switch, the switch for this site, and the entities found on this
 * tab grouped by type with their mention counts; choosing one scrolls the tab to it and opens its
 * card. Switches write the settings at once; every open tab hears them through storage.onChanged.
 * Where no content script answers it says why, with the way out where there is one: a browser
 * page (none), site access the reader withheld (ask for it), a tab opened before Backstory was
 * installed or updated (annotate it now). The decision is src/core/tab-state.ts.
 */
import { localize, t } from '../platform/i18n';
import { loadSettings, updateSettings, watchSettings } from '../platform/settings-store';
import { askPageInfo, showEntityInTab } from '../platform/messaging';
import { activeTabId, annotateTab, fileAccessAllowed, hasSiteAccess, openSettingsPage, requestSiteAccess, tabDetails, type TabDetails } from '../platform/tab-access';
import { accessPatterns, tabState, type TabState } from '../core/tab-state';
import { loadPacks } from '../platform/pack-data';
import { ENTITY_TYPES, cardModel, parseEntityKey, searchEntities, type CardModel, type EntityType, type Pack, type PageInfo } from '../core';
import { isPausedOn, type Settings } from '../core/settings';
import { renderCard } from '../ui/card-view';
import { cardCss } from '../ui/card-styles';
import { cardStrings } from '../ui/card-strings';

const toggle = document.querySelector<HTMLInputElement>('#enabled')!;
const status = document.querySelector<HTMLElement>('#status')!;
const optionsLink = document.querySelector<HTMLAnchorElement>('#open-options')!;
const pageSection = document.querySelector<HTMLElement>('#page')!;
const siteToggle = document.querySelector<HTMLInputElement>('#site-enabled')!;
const siteLabel = document.querySelector<HTMLElement>('#site-label')!;
const list = document.querySelector<HTMLElement>('#entities')!;
const unavailable = document.querySelector<HTMLElement>('#unavailable')!;
const unavailableText = document.querySelector<HTMLElement>('#unavailable-text')!;
const wayOut = document.querySelector<HTMLButtonElement>('#way-out')!;
const privateNote = document.querySelector<HTMLElement>('#private-note')!;

const GROUP_KEYS: Record<EntityType, string> = {
  person: 'typePerson',
  organization: 'typeOrganization',
  place: 'typePlace',
  event: 'typeEvent',
  agreement: 'typeAgreement',
  concept: 'typeConcept',
};

let tabId: number | null = null;
let info: PageInfo | null = null;
let tab: TabDetails = { url: undefined, incognito: false };
/** What the way-out button does for the state shown. */
let wayOutAction: (() => void) | null = null;
/** Between injecting the content script and its first answer, the message stays as it is. */
let annotating = false;
let theme: Settings['theme'] = 'auto';
/** Packs the reader switched off: search leaves them out. */
let disabledPacks: readonly string[] = [];

/** The popup's card follows the theme setting, and in 'auto' the popup's own scheme. */
function cardIsDark(): boolean {
  return theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
}

const search = document.querySelector<HTMLInputElement>('#search')!;
const results = document.querySelector<HTMLElement>('#results')!;
const cardView = document.querySelector<HTMLElement>('#card-view')!;
let packs: Promise<Pack[]> | null = null;
const history: CardModel[] = [];

/** Finds entities as the reader types (the packs are read on the first keystroke). */
async function runSearch(): Promise<void> {
  packs ??= loadPacks(disabledPacks);
  const query = search.value;
  const hits = searchEntities(await packs, query, 12);
  if (search.value !== query) return;
  results.replaceChildren();
  if (query.trim().length >= 2 && hits.length === 0) {
    results.append(Object.assign(document.createElement('li'), { className: 'status', textContent: t('popupNoMatch') }));
  }
  for (const hit of hits) {
    const button = document.createElement('button');
    button.type = 'button';
    const name = document.createElement('span');
    name.textContent = hit.entity.name;
    // Pack text in its own language and direction, whatever the UI's.
    name.lang = hit.pack.language;
    name.dir = 'auto';
    const type = document.createElement('span');
    type.className = 'count';
    type.textContent = t(GROUP_KEYS[hit.entity.type]);
    button.append(name, type);
    button.addEventListener('click', () => {
      history.length = 0;
      showCard(cardModel(hit.pack, hit.entity, { why: null }));
    });
    const li = document.createElement('li');
    li.append(button);
    results.append(li);
  }
}

/** Shows a card in the popup, in a shadow root of its own so the popup's styles and the card's stay apart. */
function showCard(model: CardModel): void {
  const shadow = cardView.shadowRoot ?? cardView.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${cardCss()}\n.card { width: 100%; max-height: none; box-shadow: none; animation: none; } .pin { display: none; }`;
  // A private window's sites are never stored (the tab keeps such choices to itself): with no site
  // to apply them to, the card offers no per-site choice.
  const site = tab.incognito ? null : info?.site ?? null;
  const view = renderCard(document, model, {
    close: () => {
      cardView.hidden = true;
      search.focus();
    },
    togglePin: () => undefined,
    back: () => {
      const previous = history.pop();
      if (previous) showCard(previous);
    },
    openRelated: (key) => void openRelated(model, key),
    hideHere: () => {
      if (site) void updateSettings({ kind: 'hide-entity', site, key: model.key, hidden: true });
    },
    pauseHere: () => {
      if (site) void updateSettings({ kind: 'pause-site', site, paused: true });
    },
    openSettings: () => void openSettingsPage(),
  }, { canGoBack: history.length > 0, pinned: false, dark: cardIsDark(), strings: cardStrings(t), siteActions: site !== null });
  view.complete();
  shadow.replaceChildren(style, view.root);
  cardView.hidden = false;
  view.root.focus();
  cardView.scrollIntoView({ block: 'nearest' });
}

async function openRelated(from: CardModel, key: string): Promise<void> {
  const { pack: packId, entity: entityId } = parseEntityKey(key);
  const pack = (await (packs ??= loadPacks(disabledPacks))).find((p) => p.id === packId);
  const entity = pack?.entities.find((e) => e.id === entityId);
  if (!pack || !entity) return;
  history.push(from);
  showCard(cardModel(pack, entity));
}

/** `?tab=<id>`: how the tests open the popup as a page about another tab (without activeTab). */
function askedTab(): number | null {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(asked) && asked > 0 ? asked : null;
}

/** The tab the popup is about: the active one, or the one asked for. */
async function targetTab(): Promise<number | null> {
  const asked = askedTab();
  if (asked !== null) return asked;
  return activeTabId();
}

function showSettings(settings: Settings): void {
  theme = settings.theme;
  if (settings.disabledPacks.join() !== disabledPacks.join()) packs = null;
  disabledPacks = settings.disabledPacks;
  toggle.checked = settings.enabled;
  status.textContent = t(settings.enabled ? 'popupEnabledOn' : 'popupEnabledOff');
  if (info?.site) siteToggle.checked = !isPausedOn(settings, info.site);
  // In a private window Backstory stores no site, so there is no per-site choice to make here.
  siteToggle.disabled = !settings.enabled || tab.incognito;
}

function renderEntities(page: PageInfo): void {
  list.replaceChildren();
  if (page.state === 'paused') {
    list.append(Object.assign(document.createElement('p'), { className: 'status', textContent: t('popupPausedHere') }));
    return;
  }
  if (page.entities.length === 0) {
    if (page.state === 'on') list.append(Object.assign(document.createElement('p'), { className: 'status', textContent: t('popupNoneFound') }));
    return;
  }
  for (const type of ENTITY_TYPES) {
    const entities = page.entities.filter((e) => e.type === type);
    if (entities.length === 0) continue;
    const heading = document.createElement('h3');
    heading.textContent = t(GROUP_KEYS[type]);
    const ul = document.createElement('ul');
    ul.className = 'entities';
    for (const e of entities) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.key = e.key;
      const name = document.createElement('span');
      name.textContent = e.name;
      name.dir = 'auto';
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = String(e.count);
      count.setAttribute('aria-label', t('popupMentions', String(e.count)));
      button.append(name, count);
      button.addEventListener('click', () => {
        if (tabId === null) return;
        showEntityInTab(tabId, e.key).then(() => window.close(), (error: unknown) => console.error('Backstory: could not show', error));
      });
      const li = document.createElement('li');
      li.append(button);
      ul.append(li);
    }
    list.append(heading, ul);
  }
}

/** The state of a tab whose content script did not answer, from what the browser tells of it. */
async function silentTabState(): Promise<TabState> {
  const origins = accessPatterns(tab.url);
  const [siteAccess, fileAccess] = await Promise.all([origins ? hasSiteAccess(origins) : undefined, fileAccessAllowed()]);
  // Opened from the toolbar button, the popup is about the active tab and holds activeTab for it.
  return tabState({ answered: false, url: tab.url, activeTab: askedTab() === null, siteAccess, fileAccess });
}

/** Says why the tab shows nothing, and offers the way out where there is one. */
function showWayOut(state: TabState): void {
  wayOut.disabled = false;
  wayOutAction = null;
  if (state.kind === 'withheld') {
    unavailableText.textContent = t('popupWithheld', state.site);
    wayOut.textContent = t('popupAllowSite', state.site);
    wayOutAction = () => allowSite(state.site, state.origins);
  } else if (state.kind === 'not-injected') {
    unavailableText.textContent = t('popupNotInjected');
    wayOut.textContent = t('popupAnnotateNow');
    wayOutAction = () => void annotateNow();
  } else if (state.kind === 'closed') {
    unavailableText.textContent = t('popupClosedPage');
  } else {
    unavailableText.textContent = t('popupUnavailable');
  }
  wayOut.hidden = wayOutAction === null;
}

/**
 * Asks for the site, then annotates the tab. The request goes first and at once: the browsers
 * accept it only while the click is being handled. (Chrome may close the popup to show its
 * prompt; the tab is then annotated on its next load, or from "Annotate this page now".)
 */
function allowSite(site: string, origins: readonly string[]): void {
  const asking = requestSiteAccess(origins);
  wayOut.disabled = true;
  asking.then((granted) => {
    if (granted) return annotateNow();
    unavailableText.textContent = t('popupAccessRefused', site);
    wayOut.disabled = false;
    return undefined;
  }, (error: unknown) => {
    console.error('Backstory: could not ask for the site', error);
    unavailableText.textContent = t('popupAnnotateFailed');
    wayOut.disabled = false;
  });
}

/** Injects the content script into the tab, then shows its list once it has read the page. */
async function annotateNow(): Promise<void> {
  if (tabId === null || annotating) return;
  annotating = true;
  wayOut.disabled = true;
  unavailableText.textContent = t('popupAnnotating');
  try {
    await annotateTab(tabId);
    // The script answers as soon as it runs, and names what it found once it has read the page:
    // ask until it names something or says why not, for ten seconds at most (a long page on a busy
    // machine takes a while; the loop ends as soon as the list is there).
    const deadline = Date.now() + 10_000;
    await refreshPage();
    while (Date.now() < deadline && (!info || namesNothingYet(info))) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await refreshPage();
    }
  } catch (error) {
    console.error('Backstory: could not annotate the tab', error);
  } finally {
    annotating = false;
  }
  if (!info) {
    unavailableText.textContent = t('popupAnnotateFailed');
    wayOut.hidden = true;
    return;
  }
  showSettings(await loadSettings());
  // The button that had the focus is gone with its section: give it to the list.
  if (document.activeElement === wayOut || document.activeElement === document.body) {
    (list.querySelector<HTMLElement>('button') ?? siteToggle).focus();
  }
  if (listMayGrow(info)) void keepAsking();
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

/**
 * While the popup stays open and the tab's list may still grow (opened as a long page is being
 * read; or after the first ten seconds of "Annotate this page now"): asks again every second, for a
 * minute, showing each longer list, until the tab has read its page or says why not.
 */
async function keepAsking(): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until && tabId !== null) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answer = await askPageInfo(tabId);
    // A lost answer changes nothing shown; a longer list, or another state, is shown.
    if (!answer) continue;
    if (!info || !sameList(answer, info)) await refreshPage(answer);
    if (!listMayGrow(answer)) return;
  }
}

/** Asks the tab what it shows (unless `known`, an answer just received) and shows it. */
async function refreshPage(known?: PageInfo): Promise<void> {
  let answer: PageInfo | null = null;
  if (tabId !== null) [answer, tab] = await Promise.all([known ?? askPageInfo(tabId), tabDetails(tabId)]);
  info = answer;
  if (!info) {
    if (!annotating) showWayOut(await silentTabState());
    pageSection.hidden = true;
    unavailable.hidden = false;
  } else {
    pageSection.hidden = false;
    unavailable.hidden = true;
    siteLabel.textContent = t('popupSiteEnabled', info.site ?? '');
    siteToggle.parentElement!.hidden = !info.site;
    privateNote.hidden = !info.site || !tab.incognito;
    if (privateNote.hidden) siteToggle.removeAttribute('aria-describedby');
    else siteToggle.setAttribute('aria-describedby', 'private-note');
    renderEntities(info);
  }
  // For the benchmark's popup scenario: the list is shown (a mark in the popup's own page only).
  if (performance.getEntriesByName('backstory:popup-list').length === 0) performance.mark('backstory:popup-list');
}

async function init(): Promise<void> {
  localize(document);
  tabId = await targetTab();
  const [settings] = await Promise.all([loadSettings({ writeBack: true }), refreshPage()]);
  showSettings(settings);
  // Opened while the tab is still being read (a long page, just loaded): its names come later.
  if (info && listMayGrow(info)) void keepAsking();
  wayOut.addEventListener('click', () => wayOutAction?.());
  toggle.addEventListener('change', () => {
    updateSettings({ kind: 'patch', patch: { enabled: toggle.checked } }).then(showSettings, (error: unknown) => console.error('Backstory: could not save', error));
  });
  siteToggle.addEventListener('change', () => {
    const site = info?.site;
    if (!site || tab.incognito) return;
    // Resuming a site paused through its domain ("example.com" for "news.example.com") resumes the domain.
    updateSettings(siteToggle.checked ? { kind: 'resume-site', site } : { kind: 'pause-site', site, paused: true })
      .then(showSettings, (error: unknown) => console.error('Backstory: could not save', error));
  });
  let typing = 0;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => void runSearch(), 60);
  });
  optionsLink.addEventListener('click', (event) => {
    event.preventDefault();
    openSettingsPage().then(() => window.close(), (error: unknown) => console.error(error));
  });
  // A switch changes what the tab shows: ask it again once it has repainted.
  watchSettings((s) => {
    showSettings(s);
    setTimeout(() => void refreshPage(), 300);
  }, new AbortController().signal);
}

init().catch((error: unknown) => console.error('Backstory: popup failed to start', error));
