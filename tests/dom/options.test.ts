/**
 * The options page against a fake platform layer (happy-dom): each control writes its setting,
 * and the per-site lists offer a way back from every choice. tests/e2e/popup.test.ts checks the
 * same controls applying live in real browsers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyChange, applyPatch, defaultSettings, type Settings, type SettingsChange } from '../../src/core/settings';
import { fakeGetMessage } from '../support/messages';

const fake = vi.hoisted(() => ({
  settings: null as unknown as Settings,
  installed: [] as unknown[],
  imports: [] as { text: string; confirmed: boolean }[],
  removed: [] as string[],
  answer: null as object | null,
}));

vi.mock('../../src/platform/browser', () => ({
  browser: {
    i18n: { getMessage: fakeGetMessage, getUILanguage: () => 'en' },
  },
}));
vi.mock('../../src/platform/settings-store', () => ({
  loadSettings: () => Promise.resolve(fake.settings),
  updateSettings: (change: SettingsChange) => {
    fake.settings = applyChange(fake.settings, change);
    return Promise.resolve(fake.settings);
  },
  resetSettings: () => {
    fake.settings = defaultSettings();
    return Promise.resolve(fake.settings);
  },
  watchSettings: () => undefined,
}));

vi.mock('../../src/platform/pack-store', () => ({
  installedPacks: () => Promise.resolve(fake.installed),
  packText: () => Promise.resolve('{}'),
  requestImport: (text: string, confirmed: boolean) => {
    fake.imports.push({ text, confirmed });
    return Promise.resolve(fake.answer);
  },
  requestRemove: (id: string) => {
    fake.removed.push(id);
    return Promise.resolve();
  },
  watchInstalledPacks: () => undefined,
}));

const bundled = { id: 'musk-iran-2024', title: 'Musk and Iran', version: '1.2.0', asOf: '2026-06-30', language: 'en', entities: 97, imported: false, replacesBundled: false };
const kestrel = { id: 'kestrel', title: 'Kestrel <b>harbour</b>', version: '1.0.0', asOf: '2025-03', language: 'en', entities: 4, imported: true, replacesBundled: false };

/** Chooses a file in the import control. */
function choose(text: string): void {
  const file = input('#import-file');
  Object.defineProperty(file, 'files', { configurable: true, value: [new File([text], 'pack.json', { type: 'application/json' })] });
  file.dispatchEvent(new Event('change'));
}

const html = readFileSync(join(__dirname, '../../assets/pages/options.html'), 'utf8');

async function openOptions(): Promise<void> {
  document.body.innerHTML = html.slice(html.indexOf('<body'), html.indexOf('</body>')).replace(/^<body[^>]*>/, '');
  vi.resetModules();
  await import('../../src/options/main');
  await vi.waitFor(() => expect(document.querySelector('#type-person')).not.toBeNull());
}

const input = (selector: string) => document.querySelector<HTMLInputElement>(selector)!;

beforeEach(() => {
  fake.installed = [bundled, kestrel];
  fake.imports = [];
  fake.removed = [];
  fake.settings = applyPatch(defaultSettings(), {
    sites: { 'news.example': { paused: true, hidden: ['musk-iran-2024:elon-musk'] } },
  });
});

describe('the options page', () => {
  it('writes the kinds of names and the mention mode at once', async () => {
    await openOptions();
    expect(['person', 'organization', 'place', 'event', 'agreement', 'concept'].every((t) => input(`#type-${t}`).checked)).toBe(true);
    input('#type-place').click();
    await vi.waitFor(() => expect(fake.settings.enabledTypes).toEqual(['person', 'organization', 'event', 'agreement', 'concept']));
    expect(input('#story-only').checked).toBe(false);
    input('#story-only').click();
    await vi.waitFor(() => expect(fake.settings.storyOnly).toBe(true));
    const theme = document.querySelector<HTMLSelectElement>('#theme')!;
    expect(theme.value).toBe('auto');
    theme.value = 'dark';
    theme.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(fake.settings.theme).toBe('dark'));
    input('#mode-first').click();
    await vi.waitFor(() => expect(fake.settings.mentionMode).toBe('first'));
    expect(input('#mode-all').checked).toBe(false);
  });

  it('keeps a typed hover delay within range, and puts back the stored one for a blank', async () => {
    await openOptions();
    expect(input('#hover-delay').value).toBe('300');
    input('#hover-delay').value = '9999';
    input('#hover-delay').dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(fake.settings.hoverDelayMs).toBe(2000));
    input('#hover-delay').value = '';
    input('#hover-delay').dispatchEvent(new Event('change'));
    expect(input('#hover-delay').value).toBe('2000');
  });

  it('pauses a typed site, domains with their subdomains, and says when the text is not a site', async () => {
    await openOptions();
    input('#add-site-input').value = 'https://Example.org/some/page';
    document.querySelector<HTMLFormElement>('#add-site')!.requestSubmit();
    await vi.waitFor(() => expect(fake.settings.sites['example.org']).toEqual({ paused: true }));
    expect(input('#add-site-input').value).toBe('');
    input('#add-site-input').value = 'not a site';
    document.querySelector<HTMLFormElement>('#add-site')!.requestSubmit();
    expect(document.querySelector('#add-site-error')!.textContent).toMatch(/not a site name/);
  });

  it('lists each site’s choices with a way back from each, named for its site', async () => {
    await openOptions();
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('#sites button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      expect.stringContaining('news.example'),
      expect.stringMatching(/musk-iran-2024:elon-musk.*news\.example|news\.example.*musk-iran-2024:elon-musk/),
    ]);
    buttons[1]!.click();
    await vi.waitFor(() => expect(fake.settings.sites['news.example']).toEqual({ paused: true }));
    document.querySelector<HTMLButtonElement>('#sites button')!.click();
    await vi.waitFor(() => expect(fake.settings.sites).toEqual({}));
    await vi.waitFor(() => expect(document.querySelector<HTMLElement>('#sites-empty')!.hidden).toBe(false));
  });

  it('lists each pack with its version and as-of date; a switch turns it off, and only imported packs can be removed', async () => {
    await openOptions();
    await vi.waitFor(() => expect(document.querySelectorAll('#packs li')).toHaveLength(2));
    const items = [...document.querySelectorAll<HTMLElement>('#packs li')];
    expect(items[0]!.textContent).toContain('Version 1.2.0 · facts as of 30 June 2026 · 97 entries · Comes with Backstory');
    // Pack text is shown as text: markup in a title stays inert.
    expect(items[1]!.querySelector('h3')!.textContent).toBe('Kestrel <b>harbour</b>');
    expect(items[1]!.querySelector('b')).toBeNull();
    expect(items[0]!.querySelector('button[aria-label^="Remove"]')).toBeNull();
    items[1]!.querySelector<HTMLInputElement>('.pack-use')!.click();
    await vi.waitFor(() => expect(fake.settings.disabledPacks).toEqual(['kestrel']));
    items[1]!.querySelector<HTMLButtonElement>('button[aria-label="Remove Kestrel <b>harbour</b>"]')!.click();
    await vi.waitFor(() => expect(fake.removed).toEqual(['kestrel']));
  });

  it('shows every problem of a rejected pack with its path, as text', async () => {
    await openOptions();
    fake.answer = { kind: 'problems', problems: [
      { path: '$.version', message: 'must be a semantic version such as "1.0.0", got "one"', code: 'semver', args: ['one'] },
      { path: '$.entities[0].summary', message: 'unknown key', code: 'unknownKey', args: ['<img src=x onerror=alert(1)>'] },
    ] };
    choose('{"id": "x"}');
    await vi.waitFor(() => expect(document.querySelectorAll('#import-result .problems li')).toHaveLength(2));
    expect(fake.imports).toEqual([{ text: '{"id": "x"}', confirmed: false }]);
    expect([...document.querySelectorAll('#import-result .problems code')].map((c) => c.textContent)).toEqual(['$.version', '$.entities[0].summary']);
    expect(document.querySelector('#import-result img')).toBeNull();
    // Worded from the UI's messages (here English), with the values found as text.
    expect([...document.querySelectorAll('#import-result .problems li')].map((li) => li.textContent)).toEqual([
      '$.version “one” is not a version such as 1.0.0',
      '$.entities[0].summary “<img src=x onerror=alert(1)>” is not a field of the pack format (a misspelling?)',
    ]);
  });

  it('asks before replacing the same version, and sends it again only when told to', async () => {
    await openOptions();
    fake.answer = { kind: 'confirm', installed: kestrel, version: '1.0.0', reason: 'same' };
    choose('{"pack": 1}');
    await vi.waitFor(() => expect(document.querySelector<HTMLElement>('#import-confirm')!.hidden).toBe(false));
    expect(document.querySelector('#import-question')!.textContent).toContain('version 1.0.0 is already installed');
    fake.answer = { kind: 'installed', pack: kestrel, replaced: kestrel };
    document.querySelector<HTMLButtonElement>('#import-replace')!.click();
    await vi.waitFor(() => expect(fake.imports).toEqual([{ text: '{"pack": 1}', confirmed: false }, { text: '{"pack": 1}', confirmed: true }]));
    await vi.waitFor(() => expect(document.querySelector('#import-result')!.textContent).toContain('with version 1.0.0'));
  });

  it('refuses a file over 5 MB without sending it anywhere', async () => {
    await openOptions();
    choose('x'.repeat(5 * 1024 * 1024 + 1));
    await vi.waitFor(() => expect(document.querySelector('#import-result')!.textContent).toContain('larger than the limit'));
    expect(fake.imports).toEqual([]);
  });
});
