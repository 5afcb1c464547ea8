/**
 * The popup against a fake platform layer (happy-dom): what it shows for a tab, what its controls
 * write, and what it says where it cannot read the tab. The real browsers run it in
 * tests/e2e/popup.test.ts; here each state is set up exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyChange, applyPatch, defaultSettings, type Settings, type SettingsChange } from '../../src/core/settings';
import { validatePack, type Pack, type PageInfo } from '../../src/core';
import { fakeGetMessage } from '../support/messages';

const pack = (validatePack(readFileSync(join(__dirname, '../../assets/packs/musk-iran-2024.json'), 'utf8')) as { ok: true; pack: Pack }).pack;

const fake = vi.hoisted(() => ({
  settings: null as unknown as Settings,
  page: null as PageInfo | null,
  shown: [] as string[],
  updates: [] as unknown[],
}));

vi.mock('../../src/platform/browser', () => ({
  browser: {
    tabs: { query: () => Promise.resolve([{ id: 7 }]) },
    runtime: { openOptionsPage: () => Promise.resolve() },
    i18n: { getMessage: fakeGetMessage, getUILanguage: () => 'en' },
  },
}));
vi.mock('../../src/platform/settings-store', () => ({
  loadSettings: () => Promise.resolve(fake.settings),
  updateSettings: (change: SettingsChange) => {
    fake.updates.push(change);
    fake.settings = applyChange(fake.settings, change);
    return Promise.resolve(fake.settings);
  },
  watchSettings: () => undefined,
}));
vi.mock('../../src/platform/messaging', () => ({
  askPageInfo: () => Promise.resolve(fake.page),
  showEntityInTab: (_tab: number, key: string) => {
    fake.shown.push(key);
    return Promise.resolve();
  },
}));
vi.mock('../../src/platform/pack-data', () => ({ loadBundledPacks: () => Promise.resolve([pack]) }));

const popupHtml = readFileSync(join(__dirname, '../../assets/pages/popup.html'), 'utf8');

async function openPopup(page: PageInfo | null): Promise<void> {
  fake.page = page;
  document.body.innerHTML = popupHtml.slice(popupHtml.indexOf('<body'), popupHtml.indexOf('</body>')).replace(/^<body[^>]*>/, '');
  vi.resetModules();
  await import('../../src/popup/main');
  await vi.waitFor(() => expect(document.querySelector<HTMLElement>('#page')!.hidden && document.querySelector<HTMLElement>('#unavailable')!.hidden).toBe(false));
}

const info: PageInfo = {
  site: 'news.example',
  state: 'on',
  entities: [
    { key: 'musk-iran-2024:elon-musk', name: 'Elon Musk', type: 'person', count: 3 },
    { key: 'musk-iran-2024:hamas', name: 'Hamas', type: 'organization', count: 1 },
    { key: 'musk-iran-2024:donald-trump', name: 'Donald Trump', type: 'person', count: 2 },
  ],
};

beforeEach(() => {
  fake.settings = defaultSettings();
  fake.shown = [];
  fake.updates = [];
  vi.spyOn(window, 'close').mockImplementation(() => undefined);
});

describe('the popup', () => {
  it('lists the tab’s entities by type, in the page’s order, with their counts', async () => {
    await openPopup(info);
    const groups = [...document.querySelectorAll('#entities h3')].map((h) => h.textContent);
    expect(groups).toEqual(['People', 'Organisations']);
    const rows = [...document.querySelectorAll('#entities button')].map((b) => b.textContent);
    expect(rows).toEqual(['Elon Musk3', 'Donald Trump2', 'Hamas1']);
    expect(document.querySelector('#site-label')!.textContent).toBe('Highlight names on news.example');
  });

  it('asks the tab to show the chosen entity', async () => {
    await openPopup(info);
    (document.querySelector('#entities button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(fake.shown).toEqual(['musk-iran-2024:elon-musk']));
  });

  it('pauses the site from its switch, leaving other sites alone', async () => {
    fake.settings = applyPatch(defaultSettings(), { sites: { 'other.example': { paused: true } } });
    await openPopup(info);
    const site = document.querySelector<HTMLInputElement>('#site-enabled')!;
    expect(site.checked).toBe(true);
    site.click();
    await vi.waitFor(() => expect(fake.settings.sites['news.example']).toEqual({ paused: true }));
    expect(fake.settings.sites['other.example']).toEqual({ paused: true });
  });

  it('says where it cannot read the tab, and shows no switch or list for it', async () => {
    await openPopup(null);
    expect(document.querySelector('#unavailable')!.textContent).toMatch(/cannot read this tab/);
    expect(document.querySelector<HTMLElement>('#page')!.hidden).toBe(true);
  });

  it('says the site is paused instead of an empty list', async () => {
    await openPopup({ site: 'news.example', state: 'paused', entities: [] });
    expect(document.querySelector('#entities')!.textContent).toBe('Paused on this site.');
  });

  it('finds an entity the page does not mention, and shows its card with text only', async () => {
    await openPopup(info);
    const search = document.querySelector<HTMLInputElement>('#search')!;
    search.value = 'soleimani';
    search.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(document.querySelector('#results button')?.textContent).toMatch(/^Qasem Soleimani/));
    (document.querySelector('#results button') as HTMLButtonElement).click();
    const view = document.querySelector<HTMLElement>('#card-view')!;
    await vi.waitFor(() => expect(view.hidden).toBe(false));
    expect(view.shadowRoot!.querySelector('.name')!.textContent).toBe('Qasem Soleimani');
    expect(view.shadowRoot!.querySelector('script, img')).toBeNull();
  });
});
