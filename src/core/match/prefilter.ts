/**
 * A native regular expression that rules out, cheaply, the blocks of a page that cannot hold any
 * alias: most blocks of a long page name nobody, and the browser's compiled RegExp rejects them
 * about three times faster than normalising them and running the automaton, with no warm-up (a
 * content script's JavaScript runs cold on every page; a RegExp is compiled to machine code on its
 * first use).
 *
 * It is a necessary condition only, never a matcher: a block it lets through is scanned in full,
 * so it may over-approximate freely but must never reject a block that has a match. It applies to
 * "plain" blocks, made only of ASCII and of the few typographic characters that normalise to one
 * punctuation mark or space (curly quotes, en and em dashes, the no-break space, the ellipsis): in
 * such a block the normalised text keeps every ASCII letter and digit where it was, one for one,
 * and turns every other character into punctuation or space, never into a letter. So an alias
 * whose normalised form is ASCII can only match where its letters and digits appear in the raw
 * text, word by word, in order, separated by at least one other character, with a non-alphanumeric
 * character (or nothing) on either side: that is the pattern below, case-insensitive. Any other
 * character in the block (a diacritic, a soft hyphen, another script) makes the pattern match
 * at once, and the block is scanned in full. Aliases whose normalised form is not ASCII cannot
 * match a plain block (its normalised text is ASCII) and are left out.
 *
 * Pages are full of a few other symbols (a middle dot between links, a bullet, an arrow, ©): any
 * of them sent the whole block, and made a frame that names nobody load everything. They are
 * plain too where normalisation keeps them as they are and they are not word characters: the
 * normalised text then holds them where they were, as separators, never letters. Such a symbol
 * counts as plain only if no alias holds it (a non-ASCII alias is not in the pattern).
 */
import { isWordCodePoint } from '../text/char-class';
import { foldCodePoint } from '../text/fold';
import type { CompiledIndex } from './compiled-index';

/** Beyond this many aliases the pattern would be slow to compile: no prefilter (the automaton alone). */
export const PREFILTER_MAX_ALIASES = 5000;

/** Characters other than ASCII that a plain block may hold, as they normalise to ASCII punctuation or space (see above). */
const PLAIN_EXTRA = '\\u00a0\\u2018\\u2019\\u201c\\u201d\\u2013\\u2014\\u2026';

/**
 * Symbols common on web pages that may count as plain (see above): those that normalisation keeps
 * as they are and that are not word characters, checked here rather than trusted.
 */
const PLAIN_SYMBOLS = [...'\u00b7\u2022\u00a9\u00ae\u00b0\u00a7\u00b6\u2020\u2021\u00ab\u00bb\u2039\u203a\u2190\u2191\u2192\u2193\u25b6\u25c0\u25a0\u25cf\u25e6\u2605\u2606\u2713\u2714\u2715\u2716\u276f\u276e\u20ac\u00a3\u00a5\u00a2\u00d7\u00f7\u00b1\u00a6\u00ac\u2502\u2500']
  .filter((ch) => {
    const cp = ch.codePointAt(0)!;
    return foldCodePoint(cp).text === ch && !isWordCodePoint(cp);
  });

/** A character as a RegExp class member. */
const classMember = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Words of an alias that the pattern asks for (see prefilterSource). */
const MAX_WORDS = 2;

const cache = new WeakMap<CompiledIndex, RegExp | null>();
/** The last index asked about and its prefilter: scanBlock asks once per block, nearly always of the same index. */
let lastIndex: CompiledIndex | null = null;
let lastPrefilter: RegExp | null = null;

/** The prefilter of an index (compiled on first use, then cached), or null where there is none. */
export function prefilterOf(index: CompiledIndex): RegExp | null {
  if (index === lastIndex) return lastPrefilter;
  let re = cache.get(index);
  if (re === undefined) {
    re = index.prefilter ? new RegExp(index.prefilter, 'i') : null;
    cache.set(index, re);
  }
  lastIndex = index;
  lastPrefilter = re;
  return re;
}

/**
 * Whether a block of this text may hold an alias of the index: false only where the prefilter rules
 * it out (see above). Lets a caller drop such a block before making anything of it; then pass
 * `{ prefilter: false }` to scanBlock for the blocks it keeps, which are tested already.
 */
export function mayHoldAlias(index: CompiledIndex, text: string): boolean {
  const re = prefilterOf(index);
  return re === null || re.test(text);
}

/**
 * Compiles the index's prefilter now, to machine code: the engine interprets a pattern's first run
 * and compiles it on the next, 2-3 ms for the bundled pack's. Done as the index is loaded, so it
 * does not land in the page's first slice of reading (a task that also paints the first screenful).
 */
export function preparePrefilter(index: CompiledIndex): void {
  const re = prefilterOf(index);
  re?.test('');
  re?.test('');
}

/**
 * The pattern's source for aliases normalised in original case (as the index stores them): any
 * character that is not plain, or the words of any alias (see above). Null where there can be no
 * prefilter: too many aliases, or an ASCII alias without a letter or digit.
 */
export function prefilterSource(aliasNorm: readonly string[]): string | null {
  if (aliasNorm.length > PREFILTER_MAX_ALIASES) return null;
  const patterns = new Set<string>();
  for (const alias of aliasNorm) {
    let ascii = true;
    for (let i = 0; i < alias.length; i++) {
      const c = alias.charCodeAt(i);
      if (c >= 128) ascii = false;
      // A control character (none should be in an alias) is left to the automaton: no prefilter.
      else if (c < 32 || c === 127) return null;
    }
    if (!ascii) continue;
    const words = alias.toLowerCase().split(/[^0-9a-z]+/).filter(Boolean);
    // An ASCII alias of punctuation only: nothing to look for. Scan every block rather than guess.
    if (words.length === 0) return null;
    // Two words are selective enough, and keep the pattern short (quick to compile).
    patterns.add(words.slice(0, MAX_WORDS).join(' '));
  }
  const names = patterns.size > 0 ? `|(?<![0-9a-z])${trieSource([...patterns])}(?![0-9a-z])` : '';
  // A symbol some alias holds is not plain: a block holding it is scanned in full.
  const symbols = PLAIN_SYMBOLS.filter((ch) => !aliasNorm.some((alias) => alias.includes(ch))).map(classMember).join('');
  return `[^\\x00-\\x7f${PLAIN_EXTRA}${symbols}]${names}`;
}

/**
 * The alternation of `words` (lower-case letters and digits, a space between words) as a trie,
 * common prefixes factored out: the RegExp engine tries alternatives one by one, so "m(?:usk|ike)"
 * is much faster to reject than "musk|mike". A space stands for any run of other characters.
 */
function trieSource(words: readonly string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const unit = (ch: string) => (ch === ' ' ? '[^0-9a-z]+' : ch);
  const source = (node: Node): string => {
    // Where a word sequence ends, any longer one through the next word matches too: left out.
    const branches = [...node.next].filter(([ch]) => !(node.end && ch === ' ')).map(([ch, child]) => unit(ch) + source(child));
    if (branches.length === 0) return '';
    // A word may end here or go on: its end is checked by the lookahead after the whole group.
    if (node.end) return `(?:${branches.join('|')})?`;
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return `(?:${source(root)})`;
}
