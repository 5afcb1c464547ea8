/**
 * UI strings from _locales. `localize(root)` fills every element marked `data-i18n="key"` with its
 * message as text (never as HTML), so extension pages hold no hard-coded English.
 *
 * The UI's language and direction come from the translation in use (its `uiLanguage` message),
 * not from the browser's `@@bidi_dir` or getUILanguage(): those describe the browser's locale,
 * which need not be the one the messages came from. A browser in Arabic or Hebrew shows
 * Backstory's English (there is no Arabic translation) with `@@bidi_dir` "rtl"; Chromium on Linux
 * started with `--lang=fa` picks the Persian messages yet says "en-US" and "ltr".
 */
import { browser } from './browser';
import { textDirection, type TextDirection } from '../core/text/direction';

/** First strong isolate and pop directional isolate (Unicode UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * The message for `key`, or the key itself so a missing string is visible rather than blank. In a
 * right-to-left UI each substitution (a site, a pack title, a name in any language) is isolated,
 * so its own direction cannot reorder the sentence around it ("example.com" or "(Musk)" beside
 * Persian words). A left-to-right UI gets the substitutions as given, as Chromium does for its own UI.
 */
export function t(key: string, substitutions?: string | string[]): string {
  if (substitutions !== undefined && uiDirection() === 'rtl') {
    substitutions = (typeof substitutions === 'string' ? [substitutions] : substitutions).map((s) => FSI + s + PDI);
  }
  return browser.i18n.getMessage(key, substitutions) || key;
}

let language: string | null = null;

/** The language of the messages shown (BCP 47: "en", "fa"). */
export function uiLanguage(): string {
  return (language ??= browser.i18n.getMessage('uiLanguage') || browser.i18n.getUILanguage());
}

/** The direction of the messages shown: 'rtl' for Persian. */
export function uiDirection(): TextDirection {
  return textDirection(uiLanguage());
}

/** Sets the text of each `[data-i18n]` element and the page's lang and dir from the UI's language. */
export function localize(root: Document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n ?? '');
  }
  root.documentElement.lang = uiLanguage();
  root.documentElement.dir = uiDirection();
}
