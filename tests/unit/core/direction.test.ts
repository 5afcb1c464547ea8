/**
 * A language's writing direction, which sets the `dir` of the UI (from the translation's language)
 * and of a pack's text (from the pack's language).
 */
import { describe, expect, it } from 'vitest';
import { textDirection } from '../../../src/core';

describe('textDirection', () => {
  it('is right to left for the languages written in Arabic, Hebrew, Thaana and Syriac scripts', () => {
    for (const tag of ['fa', 'fa-IR', 'fa_AF', 'ar', 'ar-EG', 'he', 'iw', 'ur', 'ps', 'ckb', 'dv', 'yi', 'syr', 'FA']) {
      expect(textDirection(tag), tag).toBe('rtl');
    }
  });

  it('is left to right for the others, and where the language is unknown', () => {
    for (const tag of ['en', 'en-GB', 'de', 'tr', 'ru', 'zh-Hant', 'ja', 'hi', '', 'uiLanguage']) {
      expect(textDirection(tag), tag).toBe('ltr');
    }
  });

  it('follows a script subtag over the language', () => {
    expect(textDirection('az-Arab')).toBe('rtl');
    expect(textDirection('pa-Arab-PK')).toBe('rtl');
    expect(textDirection('fa-Latn')).toBe('ltr');
    expect(textDirection('uz-Cyrl')).toBe('ltr');
  });
});
