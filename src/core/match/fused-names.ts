/**
 * The fused-name rule: in running text, a match glued to an adjacent capitalised word forms a
 * different proper name ("Israel Adesanya", "Israel Hayom", "White Musk", "Trump Tower"), so it is
 * rejected, unless that word is
 * - before the match: a title ("President Trump", "Secretary of State Rubio"), a common word capitalised by a sentence start
 *   ("Meanwhile Trump said"), or a first name spelled in a way the pack does not list, before a
 *   person's surname that names them alone ("the Ukrainian leader Wolodymyr Zelenskyy": within two
 *   letters of the first name in "Volodymyr Zelenskyy"; "Olena Zelenska" stays another person);
 * - after the match: a title or office, the mirror of a title before ("the Tesla CEO", "Ukraine
 *   President Volodymyr Zelenskyy", "the Trump White House"), or a common word;
 * - either side: part of another match ("Trump Musk" pairs in a list).
 *
 * Title Case headings are exempt, since every word is capitalised there and capitals say nothing,
 * with two exceptions that hold everywhere: a generational suffix after a name ("Donald Trump Jr.")
 * and a first name after a title before a surname ("First Lady Michelle Obama") make another person.
 * (Telling a first name from a headline's verb by its ending, "Ivanka Trump" against "Defend
 * Trump", was tried on the real-page corpus: it lost eight right mentions to fix six.)
 * A heading is a line whose every content word is capitalised and which does not end a sentence:
 * a caption ("Melania Trump and Donald Trump Jr. at Trump Tower in New York, 2016.") or a sentence
 * dense with names is running text.
 */
import { ASCII_WORD, isWordAt, isWordBefore, wordStartBefore } from '../text/char-class';
import { unitsToString } from '../text/normalize';
import { AFTER_NAME_WORDS, COMMON_WORDS, SUFFIX_WORDS, TITLE_WORDS } from './name-words';

/** A normalised block as the rule reads it. */
export interface BlockText {
  readonly text: Uint16Array;
  readonly lower: Uint16Array;
  readonly length: number;
}

/** The match is glued to a capitalised word before it. */
export const FUSED_BEFORE = 1;
/** ...or after it. */
export const FUSED_AFTER = 2;
/** ...in a way that makes another name even in a heading (a suffix after, a titled first name before). */
export const FUSED_ALWAYS = 4;

function isCapitalised(block: BlockText, pos: number): boolean {
  return block.text[pos] !== block.lower[pos];
}

const PERIOD = 46;

/**
 * Whether the block reads as a Title Case heading rather than running text: every content word
 * (four letters or more, not a common function word, not a number) is capitalised, and the block
 * does not end a sentence (a full stop after a lower-case letter or a digit, as captions end).
 */
export function isHeading(block: BlockText): boolean {
  const { text, lower, length: n } = block;
  const isWord = (i: number): boolean => {
    const c = text[i]!;
    // ASCII inline: this walks the whole block, and most of a page is ASCII.
    return c < 128 ? ASCII_WORD[c] === 1 : isWordAt(text, i, n);
  };
  let end = n;
  while (end > 0 && (text[end - 1] === 32 || text[end - 1] === 34 || text[end - 1] === 39 || text[end - 1] === 41)) end--;
  // "…in New York, 2016." or "…at the factory." ends a sentence; "U.S." does not.
  if (end >= 2 && text[end - 1] === PERIOD && isWord(end - 2) && text[end - 2] === lower[end - 2]) return false;
  let content = 0;
  let i = 0;
  while (i < n) {
    if (!isWord(i)) {
      i++;
      continue;
    }
    const start = i;
    let letter = false;
    while (i < n && isWord(i)) {
      const c = text[i]!;
      if (!(c >= 48 && c <= 57)) letter = true;
      i++;
    }
    if (i - start < 4 || !letter) continue;
    if (!isCapitalised(block, start)) {
      if (!COMMON_WORDS.has(unitsToString(lower, start, i))) return false;
      continue;
    }
    content++;
  }
  return content > 0;
}

/** The lower-cased word of `block` from `start` to `end`. */
function wordAt(block: BlockText, start: number, end: number): string {
  return unitsToString(block.lower, start, end);
}

/**
 * How the match `[start, end)` (normalised offsets) is fused with a neighbouring capitalised word:
 * 0 when it is not, else FUSED_BEFORE and/or FUSED_AFTER, with FUSED_ALWAYS where a heading does
 * not excuse it. `covered(a, b)` tells whether another candidate match overlaps `[a, b)`.
 * `firstName`, where the match is a person's surname that names them alone ("Zelenskyy"), gives the
 * first name of the person's name as the pack writes it, lower-cased: a capitalised word before the
 * match spelled within two letters of it is that first name, spelled another way.
 */
export function fusedWith(block: BlockText, start: number, end: number, covered: (a: number, b: number) => boolean, firstName?: () => string | null): number {
  const { text, length } = block;
  let fused = 0;
  // The word before, when a single space separates it from the match.
  if (start >= 2 && text[start - 1] === 32 && isWordBefore(text, start - 1)) {
    const ws = wordStartBefore(text, start - 1);
    if (isCapitalised(block, ws)) {
      const word = wordAt(block, ws, start - 1);
      if (!TITLE_WORDS.has(word) && !COMMON_WORDS.has(word) && !covered(ws, start - 1) && !isSpellingOf(word, firstName?.() ?? null) && !endsTitle(block, ws)) {
        fused |= FUSED_BEFORE;
        // A title before that word makes it a first name: "First Lady Michelle Obama", "Mrs. Melania Trump".
        let tb = ws - 1;
        while (tb > 0 && (text[tb] === 32 || text[tb] === PERIOD)) tb--;
        if (tb < ws - 1 && tb >= 0 && isWordAt(text, tb, length) && TITLE_WORDS.has(wordAt(block, wordStartBefore(text, tb + 1), tb + 1))) fused |= FUSED_ALWAYS;
      }
    }
  }
  // The word after, likewise.
  if (end + 1 < length && text[end] === 32 && isWordAt(text, end + 1, length)) {
    let we = end + 1;
    while (we < length && isWordAt(text, we, length)) we++;
    if (isCapitalised(block, end + 1)) {
      const word = wordAt(block, end + 1, we);
      if (SUFFIX_WORDS.has(word)) fused |= FUSED_AFTER | FUSED_ALWAYS;
      else if (!COMMON_WORDS.has(word) && !TITLE_WORDS.has(word) && !AFTER_NAME_WORDS.has(word) && !isWhiteHouse(block, word, we) && !covered(end + 1, we)) fused |= FUSED_AFTER;
    }
  }
  return fused;
}

/** Whether the word at `ws` ends a title of the form "<title> of <word>": "Secretary of State Marco Rubio". */
function endsTitle(block: BlockText, ws: number): boolean {
  const { text } = block;
  if (ws < 5 || text[ws - 1] !== 32 || wordAt(block, ws - 3, ws - 1) !== 'of' || text[ws - 4] !== 32) return false;
  const ts = wordStartBefore(text, ws - 4);
  return ts < ws - 4 && TITLE_WORDS.has(wordAt(block, ts, ws - 4));
}

/** Whether `word` is `name` spelled another way: within two edits, and a third of its length. */
function isSpellingOf(word: string, name: string | null): boolean {
  if (name === null || word.length < 4 || Math.abs(word.length - name.length) > 2) return false;
  const limit = Math.min(2, Math.floor(name.length / 3));
  let prev = Array.from({ length: name.length + 1 }, (_, j) => j);
  for (let i = 1; i <= word.length; i++) {
    const row = [i];
    for (let j = 1; j <= name.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (word[i - 1] === name[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[name.length]! <= limit;
}

/** "White House" after a name: the administration ("the Trump White House"), not another name. */
function isWhiteHouse(block: BlockText, word: string, we: number): boolean {
  return word === 'white' && we + 6 <= block.length && block.text[we] === 32 && wordAt(block, we + 1, we + 6) === 'house';
}

/**
 * Whether the match `[start, end)` stands in text written in capitals ("HOW DOES THIS KEEP HAPPENING
 * TO US, MAN"): at least two of the words of three letters or more within three words either side,
 * and every one of them, are in capitals. A case-sensitive alias in capitals ("US", "UN", "DOGE")
 * says nothing there, where every word is in capitals.
 */
export function isShouted(block: BlockText, start: number, end: number): boolean {
  const { text, lower, length } = block;
  let long = 0;
  const look = (from: number, step: 1 | -1): boolean => {
    let i = from;
    for (let w = 0; w < 3; w++) {
      while (i >= 0 && i < length && !isWordAt(text, i, length)) i += step;
      if (i < 0 || i >= length) return true;
      const a = wordStartBefore(text, i);
      let b = i;
      while (b < length && isWordAt(text, b, length)) b++;
      if (b - a >= 3) {
        long++;
        let upper = false;
        for (let k = a; k < b; k++) {
          if (text[k] !== lower[k]) upper = true;
          else if (text[k]! >= 97 && text[k]! <= 122) return false;
        }
        if (!upper) return false;
      }
      i = step === 1 ? b : a - 1;
    }
    return true;
  };
  return look(start - 1, -1) && look(end, 1) && long >= 2;
}
