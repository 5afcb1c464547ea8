/**
 * The popup against a fake platform layer (happy-dom): what it shows for a tab, what its controls
 * write, and what it says where it cannot read the tab, with the way out. The real browsers run it
 * in tests/e2e/popup.test.ts and tests/e2e/way-out.test.ts; here each state is set up exactly.
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
  /** The tab, as src/platform/tab-access.ts reports it. */
  tab: { url: undefined as string | undefined, incognito: false },
  siteAccess: undefined as boolean | undefined,
  fileAccess: false,
  /** What permissions.request answers, and what it was asked for. */
  grant: true,
  requested: [] as string[][],
  /** Tabs annotated now; what the tab answers afterwards (null: the injection fails). */
  annotated: [] as number[],
  afterAnnotate: null as PageInfo | null,
}));

vi.mock('../../src/platform/browser', () => ({
  browser: {
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
vi.mock('../../src/platform/pack-data', () => ({ loadPacks: () => Promise.resolve([pack]) }));
vi.mock('../../src/platform/tab-access', () => ({
  activeTabId: () => Promise.resolve(7),
  openSettingsPage: () => Promise.resolve(),
  tabDetails: () => Promise.resolve({ ...fake.tab }),
  hasSiteAccess: () => Promise.resolve(fake.siteAccess),
  fileAccessAllowed: () => Promise.resolve(fake.fileAccess),
  requestSiteAccess: (origins: readonly string[]) => {
    fake.requested.push([...origins]);
    if (fake.grant) fake.siteAccess = true;
    return Promise.resolve(fake.grant);
  },
  annotateTab: (tabId: number) => {
    fake.annotated.push(tabId);
    if (!fake.afterAnnotate) return Promise.reject(new Error('Cannot access contents of the page'));
    fake.page = fake.afterAnnotate;
    return Promise.resolve();
  },
}));

/** Runs `test` with timers and the clock faked (the popup's waits of seconds, taken at once). */
async function withFakeTime(test: () => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  try {
    await test();
  } finally {
    vi.useRealTimers();
  }
}

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
  history.replaceState(null, '', location.pathname);
  fake.settings = defaultSettings();
  fake.shown = [];
  fake.updates = [];
  fake.tab = { url: 'https://news.example/world/1', incognito: false };
  fake.siteAccess = true;
  fake.fileAccess = false;
  fake.grant = true;
  fake.requested = [];
  fake.annotated = [];
  fake.afterAnnotate = null;
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

  it('fills in its list when opened on a tab that has not named anyone yet (still reading)', async () => {
    await withFakeTime(async () => {
      await openPopup({ ...info, entities: [] });
      expect(document.querySelectorAll('#entities button')).toHaveLength(0);
      fake.page = info;
      await vi.advanceTimersByTimeAsync(1_500);
      expect(document.querySelectorAll('#entities button')).toHaveLength(3);
    });
  });

  it('grows its list while the tab is still reading its page, and stops asking once it has read it', async () => {
    await withFakeTime(async () => {
      await openPopup({ ...info, entities: info.entities.slice(0, 1), reading: true });
      expect(document.querySelectorAll('#entities button')).toHaveLength(1);
      fake.page = { ...info, reading: false };
      await vi.advanceTimersByTimeAsync(1_500);
      expect([...document.querySelectorAll('#entities button')].map((b) => b.textContent)).toEqual(['Elon Musk3', 'Donald Trump2', 'Hamas1']);
      // Read to the end: no more questions, whatever the tab would say now.
      fake.page = { ...info, entities: [], reading: false };
      await vi.advanceTimersByTimeAsync(5_000);
      expect(document.querySelectorAll('#entities button')).toHaveLength(3);
    });
  });

  it('does not keep asking a tab that has read its page and names nobody', async () => {
    await withFakeTime(async () => {
      await openPopup({ ...info, entities: [], reading: false });
      fake.page = info;
      await vi.advanceTimersByTimeAsync(5_000);
      expect(document.querySelectorAll('#entities button')).toHaveLength(0);
    });
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
    // Opened as a page about another tab, without activeTab: the address is hidden.
    history.replaceState(null, '', '?tab=7');
    fake.tab = { url: undefined, incognito: false };
    await openPopup(null);
    expect(document.querySelector('#unavailable')!.textContent).toMatch(/cannot read this tab/);
    expect(document.querySelector<HTMLElement>('#page')!.hidden).toBe(true);
    expect(wayOut().hidden).toBe(true);
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
    // The pack's text keeps the pack's language, whatever the UI's.
    expect(document.querySelector<HTMLElement>('#results button span')!.lang).toBe(pack.language);
    (document.querySelector('#results button') as HTMLButtonElement).click();
    const view = document.querySelector<HTMLElement>('#card-view')!;
    await vi.waitFor(() => expect(view.hidden).toBe(false));
    expect(view.shadowRoot!.querySelector('.name')!.textContent).toBe('Qasem Soleimani');
    expect(view.shadowRoot!.querySelector('script, img')).toBeNull();
  });
});

const wayOut = () => document.querySelector<HTMLButtonElement>('#way-out')!;
const message = () => document.querySelector('#unavailable-text')!.textContent;

describe('the popup’s way out where Backstory is not running in the tab', () => {
  it.each([undefined, 'chrome://settings/', 'about:addons', 'https://chromewebstore.google.com/detail/x', 'https://addons.mozilla.org/en-US/firefox/', 'file:///home/me/a.html'])(
    'says plainly that %s is closed to extensions, and offers nothing', async (url) => {
      fake.tab = { url, incognito: false };
      await openPopup(null);
      expect(message()).toBe('Backstory cannot run on this page: browsers keep their own pages and the extension stores closed to extensions.');
      expect(wayOut().hidden).toBe(true);
      expect(document.querySelector<HTMLElement>('#page')!.hidden).toBe(true);
    });

  it('where the reader withheld the site, asks for it from the click, then annotates the tab and lists it', async () => {
    fake.siteAccess = false;
    fake.afterAnnotate = info;
    await openPopup(null);
    expect(message()).toBe('Backstory is not allowed to read news.example, so it shows nothing here.');
    expect(wayOut().hidden).toBe(false);
    expect(wayOut().textContent).toBe('Allow Backstory on news.example');
    wayOut().focus();
    wayOut().click();
    // Asked during the click itself (a user gesture), for that one site.
    expect(fake.requested).toEqual([['https://news.example/*']]);
    await vi.waitFor(() => expect(document.querySelector<HTMLElement>('#page')!.hidden).toBe(false));
    expect(fake.annotated).toEqual([7]);
    expect(document.querySelector<HTMLElement>('#unavailable')!.hidden).toBe(true);
    expect([...document.querySelectorAll('#entities button')].map((b) => b.firstChild!.textContent)).toEqual(['Elon Musk', 'Donald Trump', 'Hamas']);
    // The focus moves from the button that went away to the list.
    expect(document.activeElement?.textContent).toBe('Elon Musk3');
  });

  it('says so when the reader declines, and annotates nothing', async () => {
    fake.siteAccess = false;
    fake.grant = false;
    await openPopup(null);
    wayOut().click();
    await vi.waitFor(() => expect(message()).toBe('Backstory still has no access to news.example.'));
    expect(fake.annotated).toEqual([]);
    expect(wayOut().disabled).toBe(false);
  });

  it('where the site is allowed but the tab predates Backstory, annotates it now and lists it', async () => {
    fake.afterAnnotate = info;
    await openPopup(null);
    expect(message()).toBe('This tab was opened before Backstory was installed, updated or allowed here, so Backstory is not running in it yet.');
    expect(wayOut().textContent).toBe('Annotate this page now');
    wayOut().click();
    expect(fake.requested).toEqual([]);
    await vi.waitFor(() => expect(document.querySelectorAll('#entities button')).toHaveLength(3));
    expect(fake.annotated).toEqual([7]);
    expect(document.querySelector('#site-label')!.textContent).toBe('Highlight names on news.example');
  });

  it('keeps asking a tab that takes longer than ten seconds to read, and lists it then', async () => {
    await withFakeTime(async () => {
      fake.afterAnnotate = { ...info, entities: [] };
      await openPopup(null);
      wayOut().click();
      await vi.waitFor(() => expect(fake.annotated).toEqual([7]));
      await vi.advanceTimersByTimeAsync(20_000);
      expect(document.querySelectorAll('#entities button')).toHaveLength(0);
      fake.page = info;
      await vi.advanceTimersByTimeAsync(1_500);
      expect(document.querySelectorAll('#entities button')).toHaveLength(3);
    });
  });

  it('offers to annotate an allowed local file too', async () => {
    fake.tab = { url: 'file:///home/me/a.html', incognito: false };
    fake.fileAccess = true;
    await openPopup(null);
    expect(wayOut().textContent).toBe('Annotate this page now');
  });

  it('says so when the page refuses the script', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await openPopup(null);
    wayOut().click();
    await vi.waitFor(() => expect(message()).toBe('Backstory could not run on this page. Reloading it may help.'));
    expect(fake.annotated).toEqual([7]);
    expect(wayOut().hidden).toBe(true);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

describe('the popup in a private window', () => {
  it('offers no per-site switch, says why, and the global switch still works', async () => {
    fake.tab = { url: 'https://news.example/world/1', incognito: true };
    await openPopup(info);
    const site = document.querySelector<HTMLInputElement>('#site-enabled')!;
    await vi.waitFor(() => expect(site.disabled).toBe(true));
    const note = document.querySelector<HTMLElement>('#private-note')!;
    expect(note.hidden).toBe(false);
    expect(note.textContent).toMatch(/private window Backstory stores no sites/);
    expect(site.getAttribute('aria-describedby')).toBe('private-note');
    site.click();
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.updates).toEqual([]);
    document.querySelector<HTMLInputElement>('#enabled')!.click();
    await vi.waitFor(() => expect(fake.updates).toEqual([{ kind: 'patch', patch: { enabled: false } }]));
  });

  it('shows a searched card without the per-site choices, which would have nothing to apply to', async () => {
    fake.tab = { url: 'https://news.example/world/1', incognito: true };
    await openPopup(info);
    const search = document.querySelector<HTMLInputElement>('#search')!;
    search.value = 'soleimani';
    search.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(document.querySelector('#results button')).not.toBeNull());
    (document.querySelector('#results button') as HTMLButtonElement).click();
    const view = document.querySelector<HTMLElement>('#card-view')!;
    await vi.waitFor(() => expect(view.hidden).toBe(false));
    expect(view.shadowRoot!.querySelector('.hide, .pause')).toBeNull();
    expect(view.shadowRoot!.querySelector('.settings')).not.toBeNull();
  });

  it('keeps the switch and no note in an ordinary window', async () => {
    await openPopup(info);
    expect(document.querySelector<HTMLElement>('#private-note')!.hidden).toBe(true);
    expect(document.querySelector<HTMLInputElement>('#site-enabled')!.disabled).toBe(false);
    expect(document.querySelector('#site-enabled')!.hasAttribute('aria-describedby')).toBe(false);
  });
});
