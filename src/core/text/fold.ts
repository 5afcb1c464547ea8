/**
 * Per-code-point folding for non-ASCII characters: what one original code point becomes in the
 * normalised text, in original case and lower-cased. Results are cached, so `String.normalize` runs
 * once per distinct code point of a page rather than once per character.
 */

/** What a code point becomes. `text` and `lower` always have the same length (in UTF-16 units). */
export interface Fold {
  readonly text: string;
  readonly lower: string;
}

const SPACE: Fold = { text: ' ', lower: ' ' };
const NOTHING: Fold = { text: '', lower: '' };
const APOSTROPHE: Fold = { text: "'", lower: "'" };
const QUOTE: Fold = { text: '"', lower: '"' };
const DASH: Fold = { text: '-', lower: '-' };

/**
 * Characters replaced before decomposition (their NFKD would be wrong for us, e.g. the acute accent
 * U+00B4 decomposes to a space plus a combining mark, but is typed as an apostrophe in "Musk´s").
 */
const SPECIAL = new Map<number, Fold>();
function special(codes: readonly number[], fold: Fold): void {
  for (const c of codes) SPECIAL.set(c, fold);
}
// Whitespace that JavaScript's \s knows, beyond ASCII (BOM excepted: it is removed below).
special([0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000], SPACE);
// Invisible characters that only control line breaking or joining: removed so "Mu\u00ADsk" is "Musk".
// U+02BE/U+02BF are the transliteration marks for hamza and ayn ("Saʿīd"): dropped like diacritics.
// The Arabic tatweel (U+0640) only stretches a joined letter: "ایـــران" is "ایران". The zero-width
// non-joiner is removed here; between two Arabic-script letters normalizeInto makes it a space.
special([0xad, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x02be, 0x02bf, 0x0640], NOTHING);
special([0x2018, 0x2019, 0x201b, 0x02bb, 0x02bc, 0x02b9, 0x2032, 0x00b4, 0xff07], APOSTROPHE);
special([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0xff02], QUOTE);
special([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2e3a, 0x2e3b, 0xfe58, 0xfe63,
  0xff0d, 0x058a, 0x1806], DASH);

/**
 * Letters with no canonical decomposition that readers still expect to match their base letter
 * ("Søren"/"Soren", "Wałęsa"/"Walesa", "Straße"/"Strasse").
 */
const LETTERS: Record<number, string> = {
  0xd8: 'O', 0xf8: 'o', 0x141: 'L', 0x142: 'l', 0x110: 'D', 0x111: 'd', 0xd0: 'D', 0xf0: 'd',
  0x131: 'i', 0xdf: 'ss', 0x1e9e: 'SS', 0x126: 'H', 0x127: 'h', 0xc6: 'AE', 0xe6: 'ae', 0x152: 'OE', 0x153: 'oe',
  // Arabic script as Persian sites write it (docs/pack-format.md): Arabic yeh and alef maksura are
  // Persian yeh, Arabic kaf is Persian keheh, teh marbuta and the heh of "ۀ" (U+06C0, which NFKD
  // makes U+06D5 and a hamza) are heh, alef wasla is alef. The hamza seats need nothing here: NFKD
  // makes "أ إ آ" alef and "ئ ؤ" yeh and waw with a hamza, which is dropped as a diacritic, so
  // "بقائی" is "بقایی".
  0x64a: '\u06cc', 0x649: '\u06cc', 0x643: '\u06a9', 0x629: '\u0647', 0x6d5: '\u0647', 0x671: '\u0627',
  // Persian and Arabic-Indic digits are digits: "۲۰۲۴" is "2024".
  0x6f0: '0', 0x6f1: '1', 0x6f2: '2', 0x6f3: '3', 0x6f4: '4', 0x6f5: '5', 0x6f6: '6', 0x6f7: '7', 0x6f8: '8', 0x6f9: '9',
  0x660: '0', 0x661: '1', 0x662: '2', 0x663: '3', 0x664: '4', 0x665: '5', 0x666: '6', 0x667: '7', 0x668: '8', 0x669: '9',
};

/**
 * Combining marks that are diacritics (optional for matching), not vowel signs of scripts that need
 * them: Latin/Greek/Cyrillic combining blocks, variation selectors, Hebrew points, Arabic harakat.
 */
function isStrippedMark(cp: number): boolean {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x591 && cp <= 0x5bd) || cp === 0x5bf || cp === 0x5c1 || cp === 0x5c2 || cp === 0x5c4 ||
    cp === 0x5c5 || cp === 0x5c7 || (cp >= 0x64b && cp <= 0x65f) || cp === 0x670 ||
    // Quranic annotation marks, which some sites leave in names.
    (cp >= 0x6d6 && cp <= 0x6dc) || (cp >= 0x6df && cp <= 0x6e4) || cp === 0x6e7 || cp === 0x6e8 || (cp >= 0x6ea && cp <= 0x6ed);
}

/** Lower-cases one code point, keeping the original when lower-casing would change its length. */
function lowerOne(ch: string): string {
  if (ch === 'ς') return 'σ'; // final sigma: fold to the medial form so "ΟΔΥΣΣΕΑΣ" meets "Οδυσσεας"
  const low = ch.toLowerCase();
  return low.length === ch.length ? low : ch;
}

/** The replacement for one code point of a decomposition, if it is special. */
function mapDecomposed(sub: number): Fold | undefined {
  if (sub < 128) return sub === 0x60 ? APOSTROPHE : undefined;
  const pre = SPECIAL.get(sub);
  if (pre) return pre;
  const letter = LETTERS[sub];
  return letter === undefined ? undefined : { text: letter, lower: letter.toLowerCase() };
}

function computeFold(cp: number): Fold {
  const pre = SPECIAL.get(cp);
  if (pre) return pre;
  const letter = LETTERS[cp];
  if (letter !== undefined) return { text: letter, lower: letter.toLowerCase() };
  const decomposed = String.fromCodePoint(cp).normalize('NFKD');
  let text = '';
  let lower = '';
  for (const ch of decomposed) {
    const sub = ch.codePointAt(0) ?? 0;
    if (isStrippedMark(sub)) continue;
    const mapped = mapDecomposed(sub);
    if (mapped) {
      text += mapped.text;
      lower += mapped.lower;
    } else if (sub < 128 && (sub === 9 || sub === 10 || sub === 11 || sub === 12 || sub === 13 || sub === 32)) {
      text += ' ';
      lower += ' ';
    } else {
      text += ch;
      lower += lowerOne(ch);
    }
  }
  return { text, lower };
}

const CACHE = new Map<number, Fold>();

/** The fold of a non-ASCII code point (cached). ASCII never comes here: the caller has a fast path. */
export function foldCodePoint(cp: number): Fold {
  let f = CACHE.get(cp);
  if (f === undefined) {
    f = computeFold(cp);
    CACHE.set(cp, f);
  }
  return f;
}
