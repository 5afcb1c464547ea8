/**
 * The writing direction of a language, from its BCP 47 tag: for the `dir` of the UI (from the
 * translation's own language) and of a pack's text (from the pack's `language`).
 *
 * A script subtag decides where there is one ("az-Arab" is right to left, "fa-Latn" left to
 * right); otherwise the language's usual script does. Intl.Locale's text info would say the same,
 * but Firefox does not have it.
 */

export type TextDirection = 'ltr' | 'rtl';

/** Scripts written right to left (ISO 15924 codes, lower case). */
const RTL_SCRIPTS = new Set(['adlm', 'arab', 'aran', 'hebr', 'mand', 'mend', 'nkoo', 'rohg', 'samr', 'syrc', 'thaa', 'yezi']);

/** Languages whose usual script is written right to left. */
const RTL_LANGUAGES = new Set([
  'ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'khw', 'ks', 'lrc', 'mzn', 'nqo', 'pnb', 'ps', 'prs', 'sd', 'syr',
  'ug', 'ur', 'yi',
]);

/** 'rtl' for a right-to-left language tag ("fa", "ar-EG", "ur", "az-Arab"), else 'ltr'. */
export function textDirection(tag: string): TextDirection {
  const parts = tag.toLowerCase().split(/[-_]/);
  const script = parts.slice(1).find((p) => p.length === 4 && /^[a-z]{4}$/.test(p));
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(parts[0] ?? '') ? 'rtl' : 'ltr';
}
