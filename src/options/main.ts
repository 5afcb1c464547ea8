/**
 * The options page: the global switch, the kinds of names and the mentions to highlight, how
 * highlights look, the hover delay and theme, the per-site choices, the packs (./packs.ts) and a
 * reset. Every control writes its setting at once and reflects changes made elsewhere (the popup, a card in
 * another tab). Stored text (hostnames, entity keys) is written with textContent only.
 */
import { localize, t } from '../platform/i18n';
import {
  loadSettings, resetSettings, updateSettings, watchSettings,
} from '../platform/settings-store';
import {
  HIGHLIGHT_STYLES, MAX_HOVER_DELAY_MS, MIN_HOVER_DELAY_MS, type HighlightStyle, siteFromInput, type Settings, type SettingsChange, type SettingsPatch, type SiteSettings,
} from '../core/settings';
import { ENTITY_TYPES, type EntityType } from '../core';
import { setUpPacks } from './packs';

const toggle = document.querySelector<HTMLInputElement>('#enabled')!;
const delay = document.querySelector<HTMLInputElement>('#hover-delay')!;
const sitesHeading = document.querySelector<HTMLElement>('#sites-heading')!;
const sitesEmpty = document.querySelector<HTMLElement>('#sites-empty')!;
const sitesList = document.querySelector<HTMLUListElement>('#sites')!;
const reset = document.querySelector<HTMLButtonElement>('#reset')!;
const typesBox = document.querySelector<HTMLElement>('#types')!;
const modeAll = document.querySelector<HTMLInputElement>('#mode-all')!;
const modeFirst = document.querySelector<HTMLInputElement>('#mode-first')!;
const storyOnly = document.querySelector<HTMLInputElement>('#story-only')!;
const theme = document.querySelector<HTMLSelectElement>('#theme')!;
const highlightStyle = document.querySelector<HTMLSelectElement>('#highlight-style')!;
let packs: { show(settings: Settings): void } | undefined;

/** The same group names as the popup's. */
const TYPE_KEYS: Record<EntityType, string> = {
  person: 'typePerson', organization: 'typeOrganization', place: 'typePlace', event: 'typeEvent', agreement: 'typeAgreement', concept: 'typeConcept',
};

/** One checkbox per entity type; a change writes the checked ones at once. */
function buildTypes(): void {
  for (const type of ENTITY_TYPES) {
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = `type-${type}`;
    input.value = type;
    input.addEventListener('change', () => {
      const checked = [...typesBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value as EntityType);
      save({ enabledTypes: checked });
    });
    const label = document.createElement('label');
    label.append(input, ' ', t(TYPE_KEYS[type]));
    typesBox.append(label);
  }
}
const saved = document.querySelector<HTMLElement>('#saved')!;

/** The settings on screen, for putting back a hover delay the reader left blank. */
let current: Settings | undefined;
/** True while the reader is typing a delay not yet committed: a change from elsewhere must not overwrite it. */
let delayEdited = false;

function show(settings: Settings): void {
  current = settings;
  toggle.checked = settings.enabled;
  for (const type of ENTITY_TYPES) {
    const box = typesBox.querySelector<HTMLInputElement>(`#type-${type}`);
    if (box) box.checked = settings.enabledTypes.includes(type);
  }
  storyOnly.checked = settings.storyOnly;
  theme.value = settings.theme;
  highlightStyle.value = settings.highlightStyle;
  packs?.show(settings);
  modeAll.checked = settings.mentionMode === 'all';
  modeFirst.checked = settings.mentionMode === 'first';
  if (!delayEdited) delay.value = String(settings.hoverDelayMs);
  showSites(settings);
}

function announceSaved(settings: Settings): void {
  show(settings);
  saved.textContent = t('optionsSaved');
}

function save(change: SettingsChange | SettingsPatch): void {
  updateSettings('kind' in change ? change : { kind: 'patch', patch: change }).then(announceSaved, (error: unknown) => console.error('Backstory: could not save', error));
}

/** Commits the typed delay: rounded and brought into range, or the stored one back if blank. */
function commitDelay(): void {
  delayEdited = false;
  const typed = delay.value.trim() === '' ? NaN : Number(delay.value);
  if (!Number.isFinite(typed)) {
    if (current) delay.value = String(current.hoverDelayMs);
    return;
  }
  const ms = Math.min(MAX_HOVER_DELAY_MS, Math.max(MIN_HOVER_DELAY_MS, Math.round(typed)));
  delay.value = String(ms);
  save({ hoverDelayMs: ms });
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

/**
 * A button that undoes one per-site choice. `action` names it across re-renders, so focus can
 * come back to it; `label` is its accessible name, which says which site (and name) it acts on.
 */
function undoButton(text: string, label: string, action: string, change: SettingsChange): HTMLButtonElement {
  const button = element('button', text);
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.dataset.action = action;
  button.addEventListener('click', () => save(change));
  return button;
}

function siteItem(host: string, site: SiteSettings): HTMLLIElement {
  const item = element('li');
  item.append(element('h3', host));
  if (site.paused) {
    const row = element('div', undefined, 'site-row');
    row.append(
      element('span', t('optionsSitePaused')),
      undoButton(t('optionsSiteResume'), t('optionsSiteResumeLabel', host), `resume ${host}`, { kind: 'pause-site', site: host, paused: false }),
    );
    item.append(row);
  }
  if (site.hidden && site.hidden.length > 0) {
    const list = element('ul');
    for (const key of site.hidden) {
      const row = element('li', undefined, 'site-row');
      row.append(
        element('span', key),
        undoButton(t('optionsSiteShow'), t('optionsSiteShowLabel', [key, host]), `show ${host} ${key}`, { kind: 'hide-entity', site: host, key, hidden: false }),
      );
      list.append(row);
    }
    item.append(element('p', t('optionsSiteHidden')), list);
  }
  return item;
}

/**
 * Rebuilds the list of sites, alphabetically. If a button in it had focus, focus goes back to the
 * same button, or, when that one is gone (its choice undone), to the one now in its place, or to the
 * section's heading when the list is empty: keyboard readers never fall back to the top of the page.
 */
function showSites(settings: Settings): void {
  const active = document.activeElement;
  const buttons = () => [...sitesList.querySelectorAll<HTMLButtonElement>('button')];
  const had = active instanceof HTMLButtonElement && sitesList.contains(active)
    ? { action: active.dataset.action, index: buttons().indexOf(active) }
    : null;
  const sites = Object.entries(settings.sites).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  sitesList.replaceChildren(...sites.map(([host, site]) => siteItem(host, site)));
  sitesList.hidden = sites.length === 0;
  sitesEmpty.hidden = sites.length > 0;
  if (had) {
    const now = buttons();
    (now.find((b) => b.dataset.action === had.action) ?? now[Math.min(had.index, now.length - 1)] ?? sitesHeading).focus();
  }
}

async function init(): Promise<void> {
  localize(document);
  delay.min = String(MIN_HOVER_DELAY_MS);
  delay.max = String(MAX_HOVER_DELAY_MS);
  buildTypes();
  packs = setUpPacks({ save, settings: () => current });
  show(await loadSettings({ writeBack: true }));
  const addSite = document.querySelector<HTMLFormElement>('#add-site')!;
  const addSiteInput = document.querySelector<HTMLInputElement>('#add-site-input')!;
  const addSiteError = document.querySelector<HTMLElement>('#add-site-error')!;
  addSite.addEventListener('submit', (event) => {
    event.preventDefault();
    const host = siteFromInput(addSiteInput.value);
    addSiteError.textContent = host ? '' : t('optionsAddSiteInvalid');
    if (!host) return;
    addSiteInput.value = '';
    save({ kind: 'pause-site', site: host, paused: true });
  });
  storyOnly.addEventListener('change', () => save({ storyOnly: storyOnly.checked }));
  highlightStyle.addEventListener('change', () => {
    const value = highlightStyle.value;
    if ((HIGHLIGHT_STYLES as readonly string[]).includes(value)) save({ highlightStyle: value as HighlightStyle });
  });
  theme.addEventListener('change', () => {
    const value = theme.value;
    if (value === 'auto' || value === 'light' || value === 'dark') save({ theme: value });
  });
  for (const radio of [modeAll, modeFirst]) {
    radio.addEventListener('change', () => {
      if (radio.checked) save({ mentionMode: radio.value === 'first' ? 'first' : 'all' });
    });
  }
  toggle.addEventListener('change', () => save({ enabled: toggle.checked }));
  delay.addEventListener('input', () => { delayEdited = true; });
  delay.addEventListener('change', commitDelay);
  reset.addEventListener('click', () => {
    delayEdited = false;
    resetSettings().then(announceSaved, (error: unknown) => console.error('Backstory: could not save', error));
  });
  watchSettings(show, new AbortController().signal);
}

init().catch((error: unknown) => console.error('Backstory: options failed to start', error));
