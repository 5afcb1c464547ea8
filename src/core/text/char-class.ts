/**
 * Character classes used by word boundaries and by the fused-name rule.
 *
 * A "word character" is a Unicode letter, number or mark (\p{L}\p{N}\p{M}). The test runs on
 * normalised text at the edges of candidate matches only, so it is not in the hot loop; ASCII still
 * gets a table because almost every edge on an English page is ASCII.
 */

const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;

/** 1 = word char (a letter or digit), 0 = not; ASCII only. The one definition: the matcher's hot loops read it directly. */
export const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
}

/** BMP cache: 0 unknown, 1 word, 2 not a word char. 64 KB, filled lazily. */
const BMP_CACHE = new Uint8Array(0x10000);

/** Whether the code point is a letter, number or mark. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return ASCII_WORD[cp] === 1;
  if (cp < 0x10000) {
    const cached = BMP_CACHE[cp];
    if (cached !== 0) return cached === 1;
    // Lone surrogates are not word characters; String.fromCharCode keeps them as-is.
    const word = WORD_RE.test(String.fromCharCode(cp));
    BMP_CACHE[cp] = word ? 1 : 2;
    return word;
  }
  return WORD_RE.test(String.fromCodePoint(cp));
}

/**
 * Whether the code point that ENDS just before `pos` in the UTF-16 buffer is a word character.
 * `pos` is a code-unit index; a surrogate pair ending there is read as one code point.
 */
export function isWordBefore(units: ArrayLike<number>, pos: number): boolean {
  if (pos <= 0) return false;
  const c = units[pos - 1] ?? 0;
  if (c >= 0xdc00 && c <= 0xdfff && pos >= 2) {
    const h = units[pos - 2] ?? 0;
    if (h >= 0xd800 && h <= 0xdbff) return isWordCodePoint(((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000);
  }
  return isWordCodePoint(c);
}

/** Where the word that ends at `end` starts (`end` itself where no word character precedes it). */
export function wordStartBefore(units: ArrayLike<number>, end: number): number {
  let start = end;
  while (start > 0 && isWordBefore(units, start)) start--;
  return start;
}

/**
 * Whether the code point that STARTS at `pos` in the UTF-16 buffer (of logical length `length`) is a
 * word character.
 */
export function isWordAt(units: ArrayLike<number>, pos: number, length: number): boolean {
  if (pos >= length) return false;
  const c = units[pos] ?? 0;
  if (c >= 0xd800 && c <= 0xdbff && pos + 1 < length) {
    const l = units[pos + 1] ?? 0;
    if (l >= 0xdc00 && l <= 0xdfff) return isWordCodePoint(((c - 0xd800) << 10) + (l - 0xdc00) + 0x10000);
  }
  return isWordCodePoint(c);
}
