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

const fake = vi.hoisted(() => ({ settings: null as unknown as Settings }));

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

const html = readFileSync(join(__dirname, '../../assets/pages/options.html'), 'utf8');

async function openOptions(): Promise<void> {
  document.body.innerHTML = html.slice(html.indexOf('<body'), html.indexOf('</body>')).replace(/^<body[^>]*>/, '');
  vi.resetModules();
  await import('../../src/options/main');
  await vi.waitFor(() => expect(document.querySelector('#type-person')).not.toBeNull());
}

const input = (selector: string) => document.querySelector<HTMLInputElement>(selector)!;

beforeEach(() => {
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
});
