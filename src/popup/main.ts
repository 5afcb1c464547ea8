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
import { ENTITY_TYPES, type EntityType, type PageInfo } from '../core';
import { isPausedOn, pauseSite, type Settings } from '../core/settings';

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

/** The tab the popup is about: the active one, or `?tab=<id>` (how the tests open the popup as a page). */
async function targetTab(): Promise<number | null> {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(asked) && asked > 0) return asked;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function showSettings(settings: Settings): void {
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
    return;
  }
  siteLabel.textContent = t('popupSiteEnabled', info.site ?? '');
  siteToggle.parentElement!.hidden = !info.site;
  renderEntities(info);
}

async function init(): Promise<void> {
  localize(document);
  tabId = await targetTab();
  const [settings] = await Promise.all([loadSettings({ writeBack: true }), refreshPage()]);
  showSettings(settings);
  toggle.addEventListener('change', () => {
    updateSettings({ enabled: toggle.checked }).then(showSettings, (error: unknown) => console.error('Backstory: could not save', error));
  });
  siteToggle.addEventListener('change', () => {
    const site = info?.site;
    if (!site) return;
    updateSettings((s) => pauseSite(s, site, !siteToggle.checked)).then(showSettings, (error: unknown) => console.error('Backstory: could not save', error));
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
