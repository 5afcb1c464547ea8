/**
 * The fused-name rule: in running text, a match glued to an adjacent capitalised word forms a
 * different proper name ("Israel Adesanya", "Israel Hayom", "White Musk"), so it is rejected, unless
 * that word is a title ("President Trump"), a common word capitalised by a sentence start
 * ("Meanwhile Trump said"), or itself part of another match ("Trump Musk" pairs in a list).
 * Title-case headings are exempt: every word is capitalised there, so capitals say nothing.
 */
import { ASCII_WORD, isWordAt, isWordBefore } from '../text/char-class';
import { unitsToString } from '../text/normalize';
import { COMMON_WORDS, TITLE_WORDS } from './name-words';

/** A normalised block as the rule reads it. */
export interface BlockText {
  readonly text: Uint16Array;
  readonly lower: Uint16Array;
  readonly length: number;
}

/** Share of words longer than three letters that must be capitalised for a block to be a heading. */
const HEADING_SHARE = 0.6;

function isCapitalised(block: BlockText, pos: number): boolean {
  return block.text[pos] !== block.lower[pos];
}

/** Whether the block reads as a title-case heading rather than running text. */
export function isHeading(block: BlockText): boolean {
  const { text, length: n } = block;
  const isWord = (i: number): boolean => {
    const c = text[i]!;
    // ASCII inline: this walks the whole block, and most of a page is ASCII.
    return c < 128 ? ASCII_WORD[c] === 1 : isWordAt(text, i, n);
  };
  let words = 0;
  let capitalised = 0;
  let i = 0;
  while (i < n) {
    if (!isWord(i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWord(i)) i++;
    if (i - start > 3) {
      words++;
      if (isCapitalised(block, start)) capitalised++;
    }
  }
  return words > 0 && capitalised >= words * HEADING_SHARE;
}

/**
 * Whether the match `[start, end)` (normalised offsets) is fused with a neighbouring capitalised
 * word. `covered(a, b)` tells whether another candidate match overlaps `[a, b)`.
 */
export function isFusedName(block: BlockText, start: number, end: number, covered: (a: number, b: number) => boolean): boolean {
  const { text, lower, length } = block;
  // The word before, when a single space separates it from the match.
  if (start >= 2 && text[start - 1] === 32 && isWordBefore(text, start - 1)) {
    let ws = start - 1;
    while (ws > 0 && isWordBefore(text, ws)) ws--;
    if (isCapitalised(block, ws)) {
      const word = unitsToString(lower, ws, start - 1);
      if (!TITLE_WORDS.has(word) && !COMMON_WORDS.has(word) && !covered(ws, start - 1)) return true;
    }
  }
  // The word after, likewise.
  if (end + 1 < length && text[end] === 32 && isWordAt(text, end + 1, length)) {
    let we = end + 1;
    while (we < length && isWordAt(text, we, length)) we++;
    if (isCapitalised(block, end + 1)) {
      const word = unitsToString(lower, end + 1, we);
      if (!COMMON_WORDS.has(word) && !covered(end + 1, we)) return true;
    }
  }
  return false;
}
