/**
 * The toolbar popup: the global switch, the switch for this site, and the entities found on this
 * tab grouped by type with their mention counts; choosing one scrolls the tab to it and opens its
 * card. Switches write the settings at once; every open tab hears them through storage.onChanged.
 * Where no content script answers (a browser page, or a tab opened before Backstory was installed
 * or updated), it says so.
 */
import { browser } from '../platform/browser';
import { localize, t } from '../platform/i18n';
import { loadSettings, updateSettings, watchSettings } from '../platform/settings-store';
import { askPageInfo, showEntityInTab } from '../platform/messaging';
import { loadBundledPacks } from '../platform/pack-data';
import { ENTITY_TYPES, cardModel, searchEntities, type CardModel, type EntityType, type Pack, type PageInfo } from '../core';
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
let theme: Settings['theme'] = 'auto';

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
  packs ??= loadBundledPacks();
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
  const site = info?.site ?? null;
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
    openSettings: () => void browser.runtime.openOptionsPage(),
  }, { canGoBack: history.length > 0, pinned: false, dark: cardIsDark(), strings: cardStrings(t) });
  view.complete();
  shadow.replaceChildren(style, view.root);
  cardView.hidden = false;
  view.root.focus();
  cardView.scrollIntoView({ block: 'nearest' });
}

async function openRelated(from: CardModel, key: string): Promise<void> {
  const at = key.indexOf(':');
  const pack = (await (packs ??= loadBundledPacks())).find((p) => p.id === key.slice(0, at));
  const entity = pack?.entities.find((e) => e.id === key.slice(at + 1));
  if (!pack || !entity) return;
  history.push(from);
  showCard(cardModel(pack, entity));
}

/** The tab the popup is about: the active one, or `?tab=<id>` (how the tests open the popup as a page). */
async function targetTab(): Promise<number | null> {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(asked) && asked > 0) return asked;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function showSettings(settings: Settings): void {
  theme = settings.theme;
  toggle.checked = settings.enabled;
  status.textContent = t(settings.enabled ? 'popupEnabledOn' : 'popupEnabledOff');
  if (info?.site) siteToggle.checked = !isPausedOn(settings, info.site);
  siteToggle.disabled = !settings.enabled;
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

async function refreshPage(): Promise<void> {
  info = tabId === null ? null : await askPageInfo(tabId);
  pageSection.hidden = info === null;
  unavailable.hidden = info !== null;
  if (!info) {
    unavailable.textContent = t('popupUnavailable');
  } else {
    siteLabel.textContent = t('popupSiteEnabled', info.site ?? '');
    siteToggle.parentElement!.hidden = !info.site;
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
  toggle.addEventListener('change', () => {
    updateSettings({ kind: 'patch', patch: { enabled: toggle.checked } }).then(showSettings, (error: unknown) => console.error('Backstory: could not save', error));
  });
  siteToggle.addEventListener('change', () => {
    const site = info?.site;
    if (!site) return;
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
    browser.runtime.openOptionsPage().then(() => window.close(), (error: unknown) => console.error(error));
  });
  // A switch changes what the tab shows: ask it again once it has repainted.
  watchSettings((s) => {
    showSettings(s);
    setTimeout(() => void refreshPage(), 300);
  }, new AbortController().signal);
}

init().catch((error: unknown) => console.error('Backstory: popup failed to start', error));
