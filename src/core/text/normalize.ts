/**
 * Text normalisation shared by aliases and page text, with an exact map back to original offsets.
 *
 * One original code point becomes zero, one or several normalised UTF-16 units; every normalised unit
 * records the original offset of the code point it came from. The DOM side turns matches on the
 * normalised text back into ranges of the page's text nodes through that map, so it must be exact.
 */
import { foldCodePoint } from './fold';

/** The result of {@link normalize}. */
export interface Normalized {
  /** Normalised text in original case. */
  readonly text: string;
  /** The same text lower-cased per code point: always exactly as long as `text`. */
  readonly lower: string;
  /**
   * `map[i]` is the original offset of the code point that produced normalised unit `i`;
   * `map[text.length]` is the original length.
   */
  readonly map: Int32Array;
}

/**
 * Normalised text as UTF-16 unit buffers, for the matcher (no strings built). The buffers may be
 * longer than `length`: only the first `length` units (and `length + 1` map entries) are meaningful.
 */
export interface NormalizedBuffers {
  length: number;
  /** Whether some space of the text was a zero-width non-joiner (between Arabic-script letters). */
  joinerSpace?: boolean;
  /** Whether the text holds an Arabic-script unit (then its word breaks may be a name's: see aliasKey). */
  arabic?: boolean;
  text: Uint16Array;
  lower: Uint16Array;
  map: Int32Array;
}

/** ASCII character kinds for the fast path. */
const PLAIN = 0;
const SPACE = 1;
const BACKTICK = 2;

const ASCII_KIND = new Uint8Array(128);
const ASCII_LOWER = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;
  ASCII_KIND[c] = c === 32 || (c >= 9 && c <= 13) ? SPACE : c === 0x60 ? BACKTICK : PLAIN;
}

const ZWNJ = 0x200c;

/** A character of the Arabic block (U+0600-U+06FF): where Persian and Arabic text is, for a quick test of a string. */
export const ARABIC_BLOCK = /[\u0600-\u06ff]/;

/** Whether a UTF-16 unit is of the Arabic script's blocks (letters, marks, its punctuation and digits). */
export function isArabicScript(u: number): boolean {
  return (u >= 0x600 && u <= 0x6ff) || (u >= 0x750 && u <= 0x77f) || (u >= 0x8a0 && u <= 0x8ff) || (u >= 0xfb50 && u <= 0xfdff) || (u >= 0xfe70 && u <= 0xfefc);
}

/**
 * The Arabic block (U+0600-U+06FF) folded ahead, made on the first Arabic-script character a page
 * has: per unit, the one unit it folds to (no case in Arabic script), -1 where it is dropped (the
 * harakat, tatweel), -2 where the general path must decide. Persian text is nearly all this
 * block, and a table costs it a quarter of the cached fold's time per character.
 */
let arabicFolds: Int32Array | null = null;

function arabicTable(): Int32Array {
  const table = new Int32Array(0x100);
  for (let u = 0; u < 0x100; u++) {
    const fold = foldCodePoint(0x600 + u);
    table[u] = fold.text.length === 0 ? -1 : fold.text.length === 1 && fold.lower === fold.text && fold.text !== ' ' ? fold.text.charCodeAt(0) : -2;
  }
  return table;
}

/** Creates empty buffers; pass them to {@link normalizeInto} to reuse memory across calls. */
export function createBuffers(capacity = 1024): NormalizedBuffers {
  return { length: 0, text: new Uint16Array(capacity), lower: new Uint16Array(capacity), map: new Int32Array(capacity + 1) };
}

function grow(buf: NormalizedBuffers, needed: number): void {
  const cap = Math.max(needed, buf.text.length * 2);
  const text = new Uint16Array(cap);
  const lower = new Uint16Array(cap);
  const map = new Int32Array(cap + 1);
  text.set(buf.text.subarray(0, buf.length));
  lower.set(buf.lower.subarray(0, buf.length));
  map.set(buf.map.subarray(0, buf.length));
  buf.text = text;
  buf.lower = lower;
  buf.map = map;
}

/**
 * Normalises `src` into `buf` (grown as needed) and returns it. Rules, in order per code point:
 * - whitespace of any kind (NBSP, narrow NBSP, line breaks...) becomes one space per run;
 * - soft hyphen, zero-width space/joiners, word joiner, BOM and the Arabic tatweel are removed, but
 *   a zero-width non-joiner between two Arabic-script letters is a space (a word break in Persian);
 * - Arabic-script letters Persian sites interchange are one letter, Persian and Arabic-Indic digits
 *   are ASCII digits (see fold.ts);
 * - apostrophe variants become `'`, double quote variants `"`, hyphen and dash variants `-`;
 * - everything else is decomposed (NFKD) and its diacritics are dropped;
 * - `lower` is lower-cased per code point, keeping a character whose lower case has another length.
 */
export function normalizeInto(src: string, buf: NormalizedBuffers = createBuffers(src.length + 16)): NormalizedBuffers {
  const n = src.length;
  // Invariant: capacity >= written + (units left to read) + 1, so ASCII never needs a bounds check.
  buf.length = 0;
  buf.joinerSpace = false;
  buf.arabic = false;
  if (buf.text.length < n + 16) grow(buf, n + 16);
  let text = buf.text;
  let lower = buf.lower;
  let map = buf.map;
  let pos = 0;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c < 128) {
      const kind = ASCII_KIND[c];
      if (kind === SPACE) {
        if (prevSpace) continue;
        prevSpace = true;
        text[pos] = 32;
        lower[pos] = 32;
        map[pos++] = i;
        continue;
      }
      prevSpace = false;
      if (kind === BACKTICK) {
        text[pos] = 39;
        lower[pos] = 39;
      } else {
        text[pos] = c;
        lower[pos] = ASCII_LOWER[c] ?? c;
      }
      map[pos++] = i;
      continue;
    }
    if (c === ZWNJ) {
      // Between two Arabic-script letters it separates words as a space does ("نیویورک‌تایمز",
      // "ایران‌ها"); elsewhere it is removed like the other joiners.
      if (!prevSpace && i > 0 && i + 1 < n && isArabicScript(src.charCodeAt(i - 1)) && isArabicScript(src.charCodeAt(i + 1))) {
        prevSpace = true;
        buf.joinerSpace = true;
        text[pos] = 32;
        lower[pos] = 32;
        map[pos++] = i;
      }
      continue;
    }
    if (c >= 0x600 && c <= 0x6ff) {
      const folded = (arabicFolds ??= arabicTable())[c - 0x600]!;
      buf.arabic = true;
      if (folded === -1) continue;
      if (folded >= 0) {
        prevSpace = false;
        text[pos] = folded;
        lower[pos] = folded;
        map[pos++] = i;
        continue;
      }
    }
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = src.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const fold = foldCodePoint(cp);
    const k = fold.text.length;
    const needed = pos + k + (n - i - width) + 16;
    if (needed > text.length) {
      buf.length = pos;
      grow(buf, needed);
      text = buf.text;
      lower = buf.lower;
      map = buf.map;
    }
    for (let j = 0; j < k; j++) {
      const u = fold.text.charCodeAt(j);
      if (u === 32) {
        if (prevSpace) continue;
        prevSpace = true;
      } else {
        prevSpace = false;
      }
      if (u >= 0x600 && isArabicScript(u)) buf.arabic = true;
      text[pos] = u;
      lower[pos] = fold.lower.charCodeAt(j);
      map[pos++] = i;
    }
    i += width - 1;
  }
  map[pos] = n;
  buf.length = pos;
  return buf;
}

/** Builds a string from UTF-16 units without a decoder (lone surrogates must survive unchanged). */
export function unitsToString(units: Uint16Array | Uint8Array, start: number, end: number): string {
  const CHUNK = 8192;
  let out = '';
  for (let p = start; p < end; p += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(p, Math.min(end, p + CHUNK)) as unknown as number[]);
  }
  return out;
}

/**
 * Normalises text for matching (see {@link normalizeInto} for the rules) and returns the normalised
 * text, its lower-cased twin and the map back to original offsets.
 */
export function normalize(src: string): Normalized {
  const buf = normalizeInto(src);
  return {
    text: unitsToString(buf.text, 0, buf.length),
    lower: unitsToString(buf.lower, 0, buf.length),
    map: buf.map.slice(0, buf.length + 1),
  };
}

/**
 * The normalised form of an alias or name as the index stores it: normalised, with the spaces at
 * either end dropped (a leading or trailing space in an alias is a typing accident, not a boundary).
 */
export function normalizeAlias(alias: string): { text: string; lower: string } {
  const { text, lower } = normalize(alias);
  let a = 0;
  let b = text.length;
  while (a < b && text.charCodeAt(a) === 32) a++;
  while (b > a && text.charCodeAt(b - 1) === 32) b--;
  return { text: text.slice(a, b), lower: lower.slice(a, b) };
}
