/**
 * UI strings from _locales. `localize(root)` fills every element marked `data-i18n="key"` with its
 * message as text (never as HTML), so extension pages hold no hard-coded English.
 */
import { browser } from './browser';

/** The message for `key`, or the key itself so a missing string is visible rather than blank. */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Sets the text of each `[data-i18n]` element and the page's lang and dir from the UI locale. */
export function localize(root: Document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n ?? '');
  }
  root.documentElement.lang = browser.i18n.getUILanguage();
  root.documentElement.dir = t('@@bidi_dir') === '@@bidi_dir' ? 'ltr' : t('@@bidi_dir');
}
