/**
 * A Persian UI is right to left, and pack text keeps its own language: the card's chrome takes
 * the UI's lang and dir, the pack's name, summary, context, facts, timeline, related names and
 * sources take the pack's. The extension pages take theirs from the translation in use, and
 * substitutions in a right-to-left sentence are isolated. (In real browsers:
 * tests/e2e/persian.test.ts.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cardModel, type Pack } from '../../src/core';
import { renderCard, renderNotice, type CardActions } from '../../src/ui/card-view';
import { cardStrings } from '../../src/ui/card-strings';
import { englishT, fakeGetMessage, fakePersianGetMessage, persianT } from '../support/messages';

const fake = vi.hoisted(() => ({
  getMessage: (_key: string, _subs?: string | string[]): string => '',
  uiLanguage: 'en',
}));

vi.mock('../../src/platform/browser', () => ({
  browser: { i18n: { getMessage: (key: string, subs?: string | string[]) => fake.getMessage(key, subs), getUILanguage: () => fake.uiLanguage } },
}));

function pack(language: string): Pack {
  return {
    id: `pack-${language}`,
    title: language === 'fa' ? 'بستهٔ آزمایشی' : 'Test pack (2024)',
    description: '',
    version: '1.0.0',
    asOf: '2026-06-30',
    language,
    entities: [
      {
        id: 'the-event',
        type: 'event',
        name: language === 'fa' ? 'رویداد' : 'The event',
        aliases: [],
        summary: 'Summary.',
        context: 'Context.',
        facts: [{ label: 'Label', value: 'Value', date: '2024-11-11', source: 0 }],
        timeline: [{ date: '2024-11-14', text: 'Second', source: 0 }, { date: '2024-11', text: 'First', source: 0 }],
        related: ['other'],
        sources: [{ title: 'Source', url: 'https://example.org/a', publisher: 'Example', date: '2024-11-14' }],
      },
      { id: 'other', type: 'person', name: 'Other Person', aliases: [], summary: 'Someone.', context: '', facts: [], related: [], sources: [] },
    ],
  };
}

const actions: CardActions = {
  close: () => undefined, togglePin: () => undefined, back: () => undefined, openRelated: () => undefined,
  hideHere: () => undefined, pauseHere: () => undefined, openSettings: () => undefined,
};

function render(language: string, t: typeof englishT) {
  const model = cardModel(pack(language), pack(language).entities[0]!, {
    why: { text: 'the event', alias: 'The event' },
    alternatives: [{ key: 'pack-de:ereignis', name: 'Ereignis', type: 'event', packTitle: 'Paket', language: 'de' }],
  });
  const view = renderCard(document, model, actions, { canGoBack: true, pinned: false, dark: false, strings: cardStrings(t) });
  view.complete();
  document.body.replaceChildren(view.root);
  return view.root;
}

/** The pack-text parts of a card, each with its lang and dir. */
function packParts(root: HTMLElement): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const sel of ['.name', '.summary', '.context', '.facts', '.timeline', '.sources', ':scope > ul.related .related-entity span']) {
    const el = root.querySelector<HTMLElement>(sel);
    expect(el, sel).not.toBeNull();
    out[sel] = [el!.lang, el!.dir];
  }
  return out;
}

describe('a card in a Persian UI', () => {
  it('has its chrome right to left in Persian, and an English pack’s text left to right in English', () => {
    const root = render('en', persianT);
    expect([root.lang, root.dir]).toEqual(['fa', 'rtl']);
    for (const [sel, langDir] of Object.entries(packParts(root))) expect(langDir, sel).toEqual(['en', 'ltr']);
    // The chrome's own words are Persian and inherit the root's direction.
    expect(root.querySelector('.type')!.textContent).toBe('رویداد');
    expect(root.querySelector<HTMLElement>('.type')!.dir).toBe('');
    expect(root.querySelector('.back')!.textContent).toBe('بازگشت');
    expect(root.querySelector('.section')!.textContent).toBe('نکته‌های کلیدی');
    expect(root.querySelector('.pack')!.textContent).toBe('Test pack (2024)، اطلاعات تا 30 June 2026');
    // Another pack's name keeps that pack's language.
    const other = root.querySelector<HTMLElement>('.alternatives .related-entity span')!;
    expect([other.lang, other.dir, other.textContent]).toEqual(['de', 'ltr', 'Ereignis (Paket)']);
  });

  it('a notice is right to left too', () => {
    const view = renderNotice(document, 'Nobody', () => undefined, cardStrings(persianT));
    expect([view.root.lang, view.root.dir]).toEqual(['fa', 'rtl']);
    expect(view.root.textContent).toContain('«Nobody»');
  });
});

describe('a card in an English UI', () => {
  it('is left to right in English, and a Persian pack’s text right to left in Persian', () => {
    const root = render('fa', englishT);
    expect([root.lang, root.dir]).toEqual(['en', 'ltr']);
    for (const [sel, langDir] of Object.entries(packParts(root))) {
      // Related names come from the pack too (here the pack's own "Other Person").
      expect(langDir, sel).toEqual(['fa', 'rtl']);
    }
  });
});

describe('the extension pages’ language and direction', () => {
  beforeEach(() => {
    vi.resetModules();
    document.documentElement.removeAttribute('dir');
    document.documentElement.lang = '';
    document.body.innerHTML = '<h1 data-i18n="optionsTitle">Backstory settings</h1>';
  });

  it('are Persian and right to left with the Persian messages, whatever the browser says', async () => {
    fake.getMessage = fakePersianGetMessage;
    // Chromium on Linux started with --lang=fa: Persian messages, yet getUILanguage() says en-US.
    fake.uiLanguage = 'en-US';
    const { localize, t } = await import('../../src/platform/i18n');
    localize(document);
    expect([document.documentElement.lang, document.documentElement.dir]).toEqual(['fa', 'rtl']);
    expect(document.querySelector('h1')!.textContent).toBe('تنظیمات Backstory');
    // A site or a title in a right-to-left sentence is isolated, so its own direction keeps to itself.
    expect(t('popupSiteEnabled', ['example.com'])).toBe('برجسته کردن نام‌ها در \u2068example.com\u2069');
    expect(t('optionsSiteShowLabel', ['musk-iran-2024:elon-musk', 'example.com'])).toBe('برجسته کردن دوبارهٔ \u2068musk-iran-2024:elon-musk\u2069 در \u2068example.com\u2069');
    expect(cardStrings(t).dir).toBe('rtl');
  });

  it('are English and left to right with the English messages, even in a right-to-left browser', async () => {
    fake.getMessage = fakeGetMessage;
    // A browser in Arabic has no Arabic translation to use: the English falls back, and @@bidi_dir would say rtl.
    fake.uiLanguage = 'ar';
    const { localize, t } = await import('../../src/platform/i18n');
    localize(document);
    expect([document.documentElement.lang, document.documentElement.dir]).toEqual(['en', 'ltr']);
    expect(t('popupSiteEnabled', ['example.com'])).toBe('Highlight names on example.com');
    expect(cardStrings(t)).toMatchObject({ lang: 'en', dir: 'ltr' });
  });
});
