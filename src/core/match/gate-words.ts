/**
 * The name gate's words: what a frame checks its text against before it loads anything, to rule
 * itself out when it cannot name anyone of the packs (src/content/name-gate.ts). Most frames a
 * reader opens name nobody, so this runs on nearly every page, cold, in every frame: it must cost
 * a fraction of a millisecond. The index's own prefilter (./prefilter.ts) is a RegExp of every
 * alias's words; compiling it (about 5 KB of pattern) and tiering it up cost a frame 1-3 ms before
 * it had read a word, and a second one for text past ASCII (10 KB) 3-20 ms (measured in Node on the
 * bench's nameless pages). This gate is a Map of words and one tiny RegExp: about 0.4 ms there.
 *
 * A word is a run of letters, numbers and marks (\p{L}\p{N}\p{M}), the matcher's word characters
 * (../text/char-class.ts). The matcher finds an alias only where the normalised text holds it with
 * no word character on either side (./scan-block.ts), so the text's words at that point are the
 * alias's own words, in order: lower-cased for most aliases, exactly as written for case-sensitive
 * ones ("UN" is not the French "un"). So a block can hold an alias only if its words hold the
 * alias's first word followed by its second: that is the whole test. It never rules out a block the
 * matcher would find a name in, and lets through the few that hold an alias's first two words only.
 *
 * The text is read as the matcher's normalisation reads it (../text/normalize.ts): for text of ASCII
 * and the few typographic characters that fold to punctuation or space, as it is; any other text is
 * normalised in full first.
 */
import { ARABIC_BLOCK, createBuffers, normalize, normalizeInto, unitsToString } from '../text/normalize';

/**
 * One word of normalised text (see above), made on first use: merely compiling a pattern with these
 * property classes costs a frame about 0.6 ms (measured in Chromium 156), more than the rest of the
 * gate, and text of ASCII and plain characters, nearly all text once normalised, needs only ASCII_WORD.
 */
let word: RegExp | null = null;
/** A word of text that holds nothing past ASCII but plain characters, none of them a word character. */
const ASCII_WORD = /[0-9A-Za-z]+/g;

/**
 * Text past ASCII whose words are the same before and after normalisation: curly quotes, dashes,
 * the no-break space, the ellipsis, and the separators pages put between links (a middle dot, a
 * bullet, ©, », an arrow). None is a word character, and the normalisation folds none into one.
 */
// eslint-disable-next-line no-control-regex -- every ASCII character is plain, the controls included
const NOT_PLAIN = /[^\x00-\x7f\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00b7\u2022\u00a9\u00bb\u00ab\u203a\u2039\u2192\u2502]/;

/** Marks a line of the source whose words keep their case (a case-sensitive alias). */
const EXACT = '=';
/**
 * Marks a line of the source for an alias in Arabic script: its first word, or its first two.
 * Persian writes a name's words with a space, a zero-width non-joiner or nothing between them
 * ("نیویورک تایمز", "نیویورکتایمز"), and joins the ezafe to a name ("آمریکای"): such a line is
 * met by the text's words as they are, or joined (see arabicHit).
 */
const PREFIX = '~';

/** A surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function wordsOf(text: string): string[] {
  if (!NOT_PLAIN.test(text)) return text.match(ASCII_WORD) ?? [];
  word ??= new RegExp('[\\p{L}\\p{N}\\p{M}]+', 'gu');
  return text.match(word) ?? [];
}

/**
 * The gate's source for the aliases of an index, each normalised in original case as the index
 * holds it (IndexedAlias.norm.text): one line per distinct first word, or first and second word
 * joined by a space; lower-cased, or prefixed with "=" where the alias is case-sensitive. Null where
 * there can be no gate: an alias without a word (punctuation only) could match anywhere, and one
 * holding half a surrogate pair (no pack writes one) matches where the page's text holds the pair
 * (the matcher compares UTF-16 units), inside a word.
 */
export function gateWordsSource(aliases: Iterable<{ readonly norm: string; readonly caseSensitive: boolean }>): string | null {
  const lines = new Set<string>();
  for (const { norm, caseSensitive } of aliases) {
    if (LONE_SURROGATE.test(norm)) return null;
    // Lower-cased as the matcher lower-cases (per code point): normalising normalised text changes nothing else.
    const words = wordsOf(caseSensitive ? norm : normalize(norm).lower);
    if (words.length === 0) return null;
    // Persian has no case: its lines are lower-cased like the rest (the scanner checks the case).
    if (ARABIC_BLOCK.test(words[0]!)) lines.add(PREFIX + wordsOf(normalize(norm).lower).slice(0, 2).join(' '));
    else lines.add((caseSensitive ? EXACT : '') + words.slice(0, 2).join(' '));
  }
  // An alias of one word makes every line that starts with that word redundant, and a prefix every
  // prefix it begins (a Persian name the pack also writes joined: "~ایلانماسک" after "~ایلان").
  const singles = new Set([...lines].filter((line) => !line.includes(' ')));
  // In Arabic script, a line of two words is met by any form that begins with them joined, so a
  // joined form the pack also lists ("~ایلانماسک" beside "~ایلان ماسک") adds nothing.
  const pairs = [...lines].filter((line) => line.startsWith(PREFIX) && line.includes(' ')).map((line) => line.slice(PREFIX.length).replace(' ', ''));
  const covered = (line: string): boolean => {
    // (A pair stays even where its first word is a line of its own: joined, it is another word.)
    const joined = line.slice(PREFIX.length).replace(' ', '');
    return pairs.some((p) => joined.startsWith(p) && joined !== p) || (!line.includes(' ') && pairs.includes(joined));
  };
  return [...lines].filter((line) => (line.startsWith(PREFIX) ? !covered(line) : !line.includes(' ') || !singles.has(line.slice(0, line.indexOf(' '))))).sort().join('\n');
}

/**
 * One side of the gate (lower-cased, or exact): the lines as they are (a first word alone, or a
 * first and second word joined by a space), and the first words that begin a pair. Built from the
 * source with native splits and Sets, so a frame spends next to nothing on it.
 */
interface Side {
  readonly lines: ReadonlySet<string>;
  readonly pairFirsts: ReadonlySet<string>;
  /** Every word a hit begins with: the lines of one word, and the pairs' first words. */
  readonly firsts: ReadonlySet<string>;
}

function side(lines: readonly string[]): Side {
  const pairFirsts = new Set(lines.filter((l) => l.includes(' ')).map((l) => l.slice(0, l.indexOf(' '))));
  return { lines: new Set(lines), pairFirsts, firsts: new Set([...lines.filter((l) => !l.includes(' ')), ...pairFirsts]) };
}

/** Set.prototype.isDisjointFrom (Chrome 122, Firefox 127; ES2025, past this project's lib). */
type Disjoint = (this: ReadonlySet<string>, other: ReadonlySet<string>) => boolean;

/**
 * A block's words, to be asked natively whether they hold any side's first word (Set.prototype
 * isDisjointFrom), which spares a frame the loop over every word in its cold, interpreted first
 * run: the loop then runs only on a block that holds one. Null where the browser cannot ask.
 */
interface PresentWords {
  readonly words: ReadonlySet<string>;
  readonly isDisjointFrom: Disjoint;
}

function presentWords(words: readonly string[]): PresentWords | null {
  const isDisjointFrom = (Set.prototype as { isDisjointFrom?: Disjoint }).isDisjointFrom;
  return isDisjointFrom === undefined ? null : { words: new Set(words), isDisjointFrom };
}

/** Whether `present` may hold a hit of `of`: false when none of its words begins one. */
function mayHit(of: Side, present: PresentWords | null): boolean {
  return present === null || !present.isDisjointFrom.call(of.firsts, present.words);
}

/** The index of the first word of `words` that, with the next where it begins a pair, is a line of `of`; -1 where none. */
function firstHit(of: Side, words: readonly string[], from = 0): number {
  for (let i = from; i < words.length; i++) {
    const w = words[i]!;
    if (of.lines.has(w)) return i;
    if (of.pairFirsts.has(w) && i + 1 < words.length && of.lines.has(`${w} ${words[i + 1]!}`)) return i;
  }
  return -1;
}

/** The Arabic-script lines of a gate: single words, and the second words of each first word of two. */
interface ArabicLines {
  readonly singles: ReadonlySet<string>;
  readonly seconds: ReadonlyMap<string, readonly string[]>;
}

function arabicLines(lines: readonly string[]): ArabicLines {
  const singles = new Set<string>();
  const seconds = new Map<string, string[]>();
  for (const line of lines) {
    const space = line.indexOf(' ');
    if (space < 0) singles.add(line);
    else {
      const first = line.slice(0, space);
      const list = seconds.get(first) ?? [];
      list.push(line.slice(space + 1));
      seconds.set(first, list);
    }
  }
  return { singles, seconds };
}

/** A Persian word with a joined ezafe or "is" ("آمریکای", "آمریکاست"): the word without it (scan-block.ts's rule). */
const EZAFE = /[\u0627\u0648](?:\u06cc|\u0633\u062a)$/;

/** Whether `rest` begins with a second word that follows `first` in a line. */
function secondBegins(lines: ArabicLines, first: string, rest: string): boolean {
  const seconds = lines.seconds.get(first);
  if (seconds === undefined) return false;
  for (const s of seconds) if (rest.startsWith(s)) return true;
  return false;
}

/**
 * Whether the words hold an Arabic-script line: a single word as it is or with a joined ezafe; a
 * first and second word as two words, or joined into one, the second perhaps joined to a third
 * ("نیویورک تایمز", "نیویورکتایمز", "ترور سردارسلیمانی").
 */
function arabicHit(lines: ArabicLines, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!ARABIC_BLOCK.test(w)) continue;
    if (lines.singles.has(w)) return true;
    const joined = EZAFE.exec(w);
    if (joined !== null && lines.singles.has(w.slice(0, joined.index + 1))) return true;
    if (i + 1 < words.length && secondBegins(lines, w, words[i + 1]!)) return true;
    // Joined: the word begins with a first word of two, and goes on with its second.
    for (let k = 1; k < w.length; k++) if (secondBegins(lines, w.slice(0, k), w.slice(k))) return true;
  }
  return false;
}

/**
 * The gate of a source from gateWordsSource: a test of a block's text, false only where the block
 * cannot hold any of the aliases. Built once per frame; keeps one normalisation buffer.
 */
export function wordGate(source: string): (text: string) => boolean {
  const all = source.split('\n');
  const exactLines = all.filter((l) => l.startsWith(EXACT)).map((l) => l.slice(EXACT.length));
  const arabic = arabicLines(all.filter((l) => l.startsWith(PREFIX)).map((l) => l.slice(PREFIX.length)));
  const hasArabic = arabic.singles.size > 0 || arabic.seconds.size > 0;
  const lower = side(all.filter((l) => l !== '' && !l.startsWith(EXACT) && !l.startsWith(PREFIX)));
  const exact = side(exactLines);
  /** The exact side lower-cased: only where a lower-cased word could be one is the text read in its case. */
  const exactLowered = side(exactLines.map((l) => l.toLowerCase()));
  const buffers = createBuffers();
  return (text) => {
    let cased = (): string => text;
    let folded: string;
    let plain = true;
    // Plain text reads the same normalised; text past it (accents...) is normalised first, and is
    // then nearly always plain too.
    if (!NOT_PLAIN.test(text)) folded = text.toLowerCase();
    else {
      plain = false;
      const normalized = normalizeInto(text, buffers);
      folded = unitsToString(normalized.lower, 0, normalized.length);
      cased = () => unitsToString(normalized.text, 0, normalized.length);
    }
    const words = wordsOf(folded);
    // One Set of the words for both sides.
    const present = presentWords(words);
    if (mayHit(lower, present) && firstHit(lower, words) >= 0) return true;
    if (!plain && hasArabic && arabicHit(arabic, words)) return true;
    if (exact.lines.size === 0 || !mayHit(exactLowered, present) || firstHit(exactLowered, words) < 0) return false;
    // The words in their case line up with the lower-cased ones: the same characters are word characters.
    return firstHit(exact, wordsOf(cased())) >= 0;
  };
}
