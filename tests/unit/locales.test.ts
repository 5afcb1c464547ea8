/**
 * Meta-test (STYLE habit 9): every UI string goes through _locales, every key the code or the
 * pages use exists in the English messages, and every other translation has exactly the English
 * keys, with the same placeholders, and names its own language (which sets the UI's direction).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_MESSAGE_KEYS } from '../../src/ui/card-strings';
import { textDirection } from '../../src/core';
import { ENGLISH, LOCALES, englishT, messagesOf, persianT, type Entry } from '../support/messages';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

describe('locales', () => {
  const used = new Set<string>(CARD_MESSAGE_KEYS);
  for (const file of files('src', '.ts')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('(\w+)'/g)) used.add(m[1]!);
  }
  for (const file of files('assets/pages', '.html')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/data-i18n="(\w+)"/g)) used.add(m[1]!);
  }
  for (const m of readFileSync('manifest.json', 'utf8').matchAll(/__MSG_(\w+)__/g)) used.add(m[1]!);

  it.each([...used].sort())('has an English message for %s', (key) => {
    expect(ENGLISH[key]?.message, key).toBeTruthy();
  });

  it('has the translations it ships: English and Persian', () => {
    expect(LOCALES).toEqual(['en', 'fa']);
  });

  /** The placeholders a message uses and defines, in a comparable form. */
  function placeholders(entry: Entry): string {
    const used = [...entry.message.matchAll(/\$(\w+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
    const defined = Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`).sort();
    const browserFilled = entry.message.split('%s').length - 1;
    return JSON.stringify({ used, defined, browserFilled });
  }

  describe.each(LOCALES)('the %s translation', (locale) => {
    const messages = messagesOf(locale);

    it('has exactly the English keys', () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(ENGLISH).sort());
    });

    it('uses and defines the same placeholders as English in every message', () => {
      for (const [key, entry] of Object.entries(ENGLISH)) {
        const own = messages[key];
        if (!own) continue; // reported by the test above
        expect(own.message.trim(), key).not.toBe('');
        expect(placeholders(own), key).toBe(placeholders(entry));
      }
    });

    it('names its own language, which gives the UI its direction', () => {
      expect(messages.uiLanguage?.message).toBe(locale.replace('_', '-'));
      expect(textDirection(messages.uiLanguage!.message)).toBe(locale === 'fa' ? 'rtl' : 'ltr');
    });

    it('keeps the store description within 132 characters', () => {
      expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
    });
  });

  it('writes Persian with Persian letters and digits', () => {
    const persian = messagesOf('fa');
    for (const [key, { message }] of Object.entries(persian)) {
      // Arabic yeh and kaf look alike but break search and sorting; Arabic-Indic digits are not Persian ones.
      expect(message, key).not.toMatch(/[\u064A\u0643\u0660-\u0669]/);
      // Numbers the message itself states are in Persian digits (placeholders are filled as given).
      expect(message.replace(/\$\w+\$/g, ''), key).not.toMatch(/[0-9]/);
    }
    expect(persianT('cardWhy', ['Musk’s', 'Musk'])).toBe('«Musk’s» با «Musk» مطابقت داشت.');
  });

  it('fills the card’s placeholders', () => {
    expect(englishT('cardAsOf', ['The pack', '30 June 2026'])).toBe('The pack, facts as of 30 June 2026');
    expect(englishT('cardWhy', ['Musk’s', 'Musk'])).toBe('“Musk’s” matched “Musk”.');
  });
});
