/**
 * scanBlock: finds the candidate mentions in one block of text (a paragraph from the DOM), after
 * the case, word-boundary, fused-name and leftmost-longest rules. Page-level rules (needsContext,
 * broad, mode, filters) come later, in the page's decisions (`src/core/page`).
 */
import { ASCII_WORD, isWordAt, isWordBefore, wordStartBefore } from '../text/char-class';
import { createBuffers, isArabicScript, normalize, normalizeInto, unitsToString, type NormalizedBuffers } from '../text/normalize';
import { textPoolString } from './string-pool';
import { COMMON_WORDS } from './name-words';
import { findEdge } from './build-automaton';
import { ALIAS_CASE_SENSITIVE, ALIAS_DESCRIPTIVE, ALIAS_JOINTS, ALIAS_NEEDS_CONTEXT, ENTITY_TYPE_CODES, placeOf, type CompiledIndex } from './compiled-index';
import type { AppliedDate } from '../text/dates';
import { beginBlock, dateAllows, endBlock, withDates } from './periods';
import { FUSED_ALWAYS, fusedWith, isHeading, isShouted } from './fused-names';
import { prefilterOf } from './prefilter';

/** One candidate mention in a block: offsets are in the block's ORIGINAL text, end exclusive. */
export interface RawMatch {
  readonly start: number;
  readonly end: number;
  /** The alias matched (the primary one when several aliases share the text: strong first). */
  readonly alias: number;
  /** The alias's entity. */
  readonly entity: number;
  /** False when the alias needs context (see `src/core/page/context.ts`). */
  readonly strong: boolean;
  /**
   * Present only when several aliases (of different entities) match this very span: all of them,
   * primary first, so the page's decisions can pick the one its context supports.
   */
  readonly alternatives?: readonly number[];
  /**
   * Present only when the match has a time-bound alias (primary or alternative): the date that
   * applied to the block (written in it, else the page's), or null where none did.
   */
  readonly date?: AppliedDate | null;
  /**
   * The match's time-bound aliases whose period holds that date: the date stands for context, so
   * they count as strong whatever their `needsContext`. Those whose period it falls outside were
   * left out of the match; the others (no date, or one across the period's edge) keep their rules.
   */
  readonly byDate?: readonly number[];
}

/** Options of {@link scanBlock}. */
export interface ScanOptions {
  /** Apply the fused-name rule and the rule of descriptions given to another entity (default true). Off only for tests and diagnostics. */
  readonly fusedNames?: boolean;
  /**
   * Rule out blocks that cannot hold an alias with a native RegExp first (default true; see
   * prefilter.ts). Off only to check that it never changes a result.
   */
  readonly prefilter?: boolean;
  /**
   * The page's date (from its metadata, or the CLI's --date), or a function that finds it: called
   * only for a block that holds a time-bound alias, so a page that names no one never looks. A date
   * written in the block itself overrides it. Absent or null: the page has no date.
   */
  readonly date?: AppliedDate | null | (() => AppliedDate | null);
}

// Scratch memory reused across calls: the DOM side scans thousands of small blocks per page.
const scratch: NormalizedBuffers = createBuffers(4096);
let candStart = new Int32Array(256);
let candEnd = new Int32Array(256);
let candState = new Int32Array(256);
/** In a block with Arabic-script text: the offset in the text of each unit the automaton read (see isJoint). */
let readAt = new Int32Array(4096);

const COMBINING_MARK = /^\p{M}$/u;
const SPACE = 32;

function growCandidates(): void {
  const size = candStart.length * 2;
  const s = new Int32Array(size);
  const e = new Int32Array(size);
  const st = new Int32Array(size);
  s.set(candStart);
  e.set(candEnd);
  st.set(candState);
  candStart = s;
  candEnd = e;
  candState = st;
}

/**
 * Whether the normalised text has a word break at `i` between two Arabic-script letters: one the
 * automaton reads as nothing, and a match keeps only where its alias has one (see aliasKey).
 */
function isJoint(text: Uint16Array, i: number, n: number): boolean {
  return text[i] === SPACE && i > 0 && i + 1 < n && isArabicScript(text[i - 1]!) && isArabicScript(text[i + 1]!);
}

/** Whether the original-case normalised text of [start, end) equals the alias's key (breaks aside). */
function caseMatches(index: CompiledIndex, text: Uint16Array, start: number, end: number, alias: number): boolean {
  const a = index.caseTextStart[alias]!;
  const b = index.caseTextStart[alias + 1]!;
  const pool = index.caseTextPool;
  const breaks = end - start !== b - a;
  let i = start;
  for (let k = a; k < b; k++, i++) {
    if (breaks && isJoint(text, i, end)) i++;
    if (pool[k] !== text[i]) return false;
  }
  return true;
}

/**
 * Whether each break the text has in [start, end) between Arabic-script letters is one the alias
 * has (as a space, a zero-width non-joiner or nothing: "نیویورک تایمز" matches "نیویورکتایمز",
 * but "ایران" does not match "ای ران").
 */
function jointsAllow(index: CompiledIndex, text: Uint16Array, start: number, end: number, alias: number): boolean {
  if ((index.aliasFlags[alias]! & ALIAS_JOINTS) === 0) return false;
  const place = placeOf(index.jointAlias, alias);
  let j = index.jointStart[place]!;
  const last = index.jointStart[place + 1]!;
  let k = 0;
  for (let i = start; i < end; i++) {
    if (!isJoint(text, i, end)) {
      k++;
      continue;
    }
    while (j < last && index.jointAt[j]! < k) j++;
    if (j === last || index.jointAt[j] !== k) return false;
  }
  return true;
}

/** Whether an alias of a candidate may stand: its breaks and case match, and the date does not rule it out (./periods.ts). */
function aliasValid(index: CompiledIndex, text: Uint16Array, start: number, end: number, alias: number): boolean {
  if (end - start !== index.aliasLength[alias] && !jointsAllow(index, text, start, end, alias)) return false;
  if ((index.aliasFlags[alias]! & ALIAS_CASE_SENSITIVE) !== 0 && !caseMatches(index, text, start, end, alias)) return false;
  return dateAllows(index, alias);
}

/**
 * The aliases of state `s` that pass the case check at [start, end), primary first: how many, with
 * the first in `firstValid` (a block's candidates rarely have more than one, and then get a list).
 */
let firstValid = -1;
function countValid(index: CompiledIndex, text: Uint16Array, s: number, start: number, end: number): number {
  let n = 0;
  for (let k = index.outStart[s]!; k < index.outStart[s + 1]!; k++) {
    const alias = index.outAlias[k]!;
    if (aliasValid(index, text, start, end, alias)) {
      if (n++ === 0) firstValid = alias;
    }
  }
  return n;
}

function validAliases(index: CompiledIndex, text: Uint16Array, s: number, start: number, end: number): number[] {
  const out: number[] = [];
  for (let k = index.outStart[s]!; k < index.outStart[s + 1]!; k++) {
    const alias = index.outAlias[k]!;
    if (aliasValid(index, text, start, end, alias)) out.push(alias);
  }
  return out;
}

// Pass 2's scratch: the candidates that pass the case check, in leftmost-longest order, with their
// primary alias and how many aliases passed. Module-level so a block allocates only its result.
let order = new Int32Array(256);
let orderAlias = new Int32Array(256);
let orderValid = new Int32Array(256);
let orderCount = 0;
let orderMaxLen = 0;
/** Normalised offsets of the matches accepted in the block being scanned, by their index in `found`. */
const acceptedStart: number[] = [];
const acceptedEnd: number[] = [];

const APOSTROPHE = 39;
const LOWER_S = 115;

function related(index: CompiledIndex, a: number, b: number): boolean {
  if (a === b) return true;
  for (let k = index.relatedStart[a]!; k < index.relatedStart[a + 1]!; k++) if (index.related[k] === b) return true;
  return false;
}

/** Whether the word ending at `end` is capitalised and not a common word ("Today's", "This"). */
function isOthersName(text: Uint16Array, lower: Uint16Array, end: number): boolean {
  const ws = wordStartBefore(text, end);
  return ws < end && text[ws] !== lower[ws] && !COMMON_WORDS.has(unitsToString(lower, ws, end));
}

/** Whether normalised `text` holds `word` (lower-case ASCII) at `at`. */
function holds(text: Uint16Array, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) if ((text[at + i]! | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Drops a description (ALIAS_DESCRIPTIVE) that the block gives to someone else: after the possessive
 * of another entity of the packs, not this one nor related to it ("Iran's 2024 presidential
 * election" is not the US one, "Pakistan's nuclear program" not Iran's), or before "in"/"of" and
 * such a place ("the 2024 presidential election in Iran"). Otherwise only the packs' own entities
 * count ("Harris's" or "in Pennsylvania" say nothing the packs can tell), but for an institution's
 * capitalised name that needs context after any other name's possessive ("Armenia's Security Council").
 */
function dropOthersDescriptions(index: CompiledIndex, text: Uint16Array, lower: Uint16Array, matches: RawMatch[]): void {
  let kept = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    let theirs = false;
    if ((index.aliasFlags[m.alias]! & ALIAS_DESCRIPTIVE) !== 0) {
      const start = acceptedStart[i]!;
      const end = acceptedEnd[i]!;
      const possessive = start >= 4 && text[start - 3] === APOSTROPHE && text[start - 2] === LOWER_S && text[start - 1] === SPACE;
      if (possessive && i > 0 && acceptedEnd[i - 1] === start - 3) {
        if (!related(index, m.entity, matches[i - 1]!.entity)) theirs = true;
      } else if (possessive && !m.strong && text[start] !== lower[start] && isOthersName(text, lower, start - 3)) {
        // An institution's name that needs context, capitalised, after a name the packs do not
        // hold: "Armenia's Security Council", "Egypt's Revolutionary Guard".
        theirs = true;
      }
      if (!theirs && i + 1 < matches.length) {
        const n = matches[i + 1]!;
        const ns = acceptedStart[i + 1]!;
        if (ns - end === 4 && text[end] === SPACE && (holds(text, end + 1, 'in') || holds(text, end + 1, 'of')) && text[end + 3] === SPACE &&
          ENTITY_TYPE_CODES[index.entityType[n.entity]!] === 'place' && !related(index, m.entity, n.entity)) theirs = true;
      }
    }
    if (theirs) continue;
    acceptedStart[kept] = acceptedStart[i]!;
    acceptedEnd[kept] = acceptedEnd[i]!;
    matches[kept++] = m;
  }
  matches.length = kept;
}

const ALEF = 0x627;
const WAW = 0x648;
const YEH = 0x6cc;
const SEEN = 0x633;
const TEH = 0x62a;
const ZWNJ = 0x200c;
/** What a ZWNJ may join to a name and leave it the name (see joinedAfter). */
const NAME_SUFFIXES: ReadonlySet<string> = new Set(['ها', 'های', 'هایی', 'ای', 'ی', 'است', 'اند', 'ام', 'ایم', 'اید']);
const LONGEST_SUFFIX = 4;

/**
 * Whether the space at `at` (normalised) was a zero-width non-joiner that joins the name before it
 * to a word that is not one of the suffixes a name takes: the plural and indefinite "ها", "های",
 * "هایی", "ای", the ezafe "ی" of a name ending in heh ("روسیه‌ی"), and the verb "to be" ("است",
 * "اند", "ام", "ایم", "اید": "طرف‌های برجام‌اند"). Then the name is part of a compound, another
 * word ("دوج‌کوین" is not "دوج"). A suffix leaves it the name ("ایران‌ها").
 */
function joinedAfter(original: string, map: Int32Array, text: Uint16Array, at: number, n: number): boolean {
  if (original.charCodeAt(map[at]!) !== ZWNJ) return false;
  // The word after the joiner, if short enough to be a suffix (reads nothing past n: the buffers
  // hold an earlier block's text there).
  let end = at + 1;
  while (end < n && end - at <= LONGEST_SUFFIX && isWordAt(text, end, n)) end++;
  if (end < n && isWordAt(text, end, n)) return true;
  return !NAME_SUFFIXES.has(unitsToString(text, at + 1, end));
}

/**
 * Whether the letters after `i` are joined to a word ending in alef or waw as Persian joins them to
 * a name: the ezafe, a yeh that ends the word ("آمریکای شمالی"), or "ست", the verb "is" after a
 * vowel ("آمریکاست"). Any other letter joined to a name makes another word ("ایرانی" is not
 * "ایران", "آمریکایی" not "آمریکا").
 */
function isEzafe(text: Uint16Array, i: number, n: number): boolean {
  if (text[i] !== ALEF && text[i] !== WAW) return false;
  const end = text[i + 1] === YEH ? i + 2 : text[i + 1] === SEEN && i + 2 < n && text[i + 2] === TEH ? i + 3 : -1;
  return end > 0 && (end >= n || !isWordAt(text, end, n));
}

/** The first word of an entity's name, as the matcher compares it; null for a name of one word. */
function firstNameOf(index: CompiledIndex, entity: number): string | null {
  const words = normalize(textPoolString(index.entityNameStart, index.entityNamePool, entity)).lower.split(' ');
  return words.length > 1 ? words[0]! : null;
}

/** Whether normalised `text` holds a space in [start, end): a name of more than one word. */
function hasSpace(text: Uint16Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text[i] === 32) return true;
  return false;
}

/** The match being tested by the fused-name rule (see coveredOutside). */
let testStart = 0;
let testEnd = 0;

/**
 * Whether another candidate, lying outside the match being tested [testStart, testEnd), overlaps
 * the word [a, b): then that word belongs to a name of its own and does not fuse with the match.
 */
function coveredOutside(a: number, b: number): boolean {
  let lo = 0;
  let hi = orderCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candStart[order[mid]!]! < b) lo = mid + 1;
    else hi = mid;
  }
  for (let j = lo - 1; j >= 0; j--) {
    const k = order[j]!;
    const cs = candStart[k]!;
    if (cs + orderMaxLen <= a) break;
    const ce = candEnd[k]!;
    if (ce > a && (ce <= testStart || cs >= testEnd)) return true;
  }
  return false;
}

const DEFAULTS: ScanOptions = Object.freeze({});

/** A block's matches as they are found (see the end of scanBlock). */
const found: RawMatch[] = [];

/** What most blocks of a page hold: one shared, frozen empty list, so they allocate nothing. */
export const NO_MATCHES: readonly RawMatch[] = Object.freeze([]);

/**
 * Scans one block. Returns its matches in document order, never overlapping, offsets in the
 * original `blockText`. Cost is linear in the block's length, whatever the number of aliases.
 */
export function scanBlock(index: CompiledIndex, blockText: string, options: ScanOptions = DEFAULTS): readonly RawMatch[] {
  if (options.prefilter !== false) {
    const prefilter = prefilterOf(index);
    if (prefilter !== null && !prefilter.test(blockText)) return NO_MATCHES;
  }
  const buf = normalizeInto(blockText, scratch);
  beginBlock(blockText, options.date);
  const n = buf.length;
  const lower = buf.lower;
  const text = buf.text;
  const { rootAscii, edgeStart, edgeChar, fail, dictLink, outStart, aliasLength } = index;
  const firstOut = index.outAlias;

  // Pass 1: every (start, end, state) whose span is bounded by non-word characters. In Arabic
  // script the automaton reads a break between two letters as nothing (see aliasKey).
  const arabic = buf.arabic === true;
  if (arabic && readAt.length < n) readAt = new Int32Array(n);
  let read = 0;
  let count = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const c = lower[i]!;
    if (arabic) {
      if (isJoint(lower, i, n)) continue;
      readAt[read++] = i;
    }
    for (;;) {
      if (s === 0) {
        // No mention starts inside a word (see build-automaton.ts): wait for the next one.
        if (i > 0 && lower[i - 1]! < 128 && ASCII_WORD[lower[i - 1]!] === 1) break;
        if (c < 128) s = rootAscii[c]!;
        else {
          const t = findEdge(edgeStart, edgeChar, 0, c);
          s = t < 0 ? 0 : t;
        }
        break;
      }
      const t = findEdge(edgeStart, edgeChar, s, c);
      if (t >= 0) {
        s = t;
        break;
      }
      s = fail[s]!;
    }
    if (s === 0) continue;
    let o = outStart[s]! < outStart[s + 1]! ? s : dictLink[s]!;
    if (o < 0) continue;
    // Every alias ending here shares the end boundary: test it once.
    if (i + 1 < n) {
      const next = text[i + 1]!;
      if (next < 128 ? ASCII_WORD[next] === 1 || (next === SPACE && buf.joinerSpace === true && joinedAfter(blockText, buf.map, text, i + 1, n)) : isWordAt(text, i + 1, n) && !isEzafe(text, i, n)) continue;
    }
    while (o >= 0) {
      const len = aliasLength[firstOut[outStart[o]!]!]!;
      const start = arabic ? readAt[read - len]! : i + 1 - len;
      const prev = start > 0 ? text[start - 1]! : 32;
      if (!(prev < 128 ? ASCII_WORD[prev] === 1 : isWordBefore(text, start))) {
        if (count === candStart.length) growCandidates();
        candStart[count] = start;
        candEnd[count] = i + 1;
        candState[count] = o;
        count++;
      }
      o = dictLink[o]!;
    }
  }
  if (count === 0) return done(NO_MATCHES);

  // Pass 2: the case check (a failing candidate must not block a shorter one), then leftmost-longest.
  if (order.length < count) {
    order = new Int32Array(candStart.length);
    orderAlias = new Int32Array(candStart.length);
    orderValid = new Int32Array(candStart.length);
  }
  let m = 0;
  orderMaxLen = 0;
  for (let k = 0; k < count; k++) {
    const valid = countValid(index, text, candState[k]!, candStart[k]!, candEnd[k]!);
    if (valid === 0) continue;
    // Insertion by (start ascending, end descending): candidates come by end, so nearly in order.
    const cs = candStart[k]!;
    const ce = candEnd[k]!;
    let j = m;
    while (j > 0) {
      const p = order[j - 1]!;
      const ps = candStart[p]!;
      if (ps < cs || (ps === cs && candEnd[p]! >= ce)) break;
      order[j] = p;
      orderAlias[j] = orderAlias[j - 1]!;
      orderValid[j] = orderValid[j - 1]!;
      j--;
    }
    order[j] = k;
    orderAlias[j] = firstValid;
    orderValid[j] = valid;
    m++;
    if (ce - cs > orderMaxLen) orderMaxLen = ce - cs;
  }
  orderCount = m;

  const fused = options.fusedNames !== false;
  let heading: boolean | undefined;
  const matches = found;
  matches.length = 0;
  const map = buf.map;
  let lastEnd = 0;
  for (let j = 0; j < m; j++) {
    const k = order[j]!;
    const start = candStart[k]!;
    const end = candEnd[k]!;
    if (start < lastEnd) continue;
    const alias = orderAlias[j]!;
    if (fused) {
      testStart = start;
      testEnd = end;
      const entity = index.aliasEntity[alias]!;
      // A person's surname that names them alone ("Zelenskyy") may follow their first name spelled another way.
      const surname = (index.aliasFlags[alias]! & ALIAS_NEEDS_CONTEXT) === 0 && ENTITY_TYPE_CODES[index.entityType[entity]!] === 'person' && !hasSpace(buf.text, start, end);
      if ((index.aliasFlags[alias]! & ALIAS_CASE_SENSITIVE) !== 0 && isShouted(buf, start, end)) continue;
      const glued = fusedWith(buf, start, end, coveredOutside, surname ? () => firstNameOf(index, entity) : undefined);
      if (glued !== 0) {
        if ((glued & FUSED_ALWAYS) !== 0) continue;
        heading ??= isHeading(buf);
        if (!heading) continue;
      }
    }
    lastEnd = end;
    acceptedStart[matches.length] = start;
    acceptedEnd[matches.length] = end;
    // The end offset covers the whole original code point of the last normalised unit, so text the
    // normaliser dropped after the match (a soft hyphen, a collapsed space) is not highlighted.
    const lastOrig = map[end - 1]!;
    const lastUnit = blockText.charCodeAt(lastOrig);
    let origEnd = lastOrig + (lastUnit >= 0xd800 && lastUnit <= 0xdbff && lastOrig + 1 < blockText.length ? 2 : 1);
    // ...but it does take in the combining marks of that last letter ("Jose\u0301" is all "José").
    const limit = map[end]!;
    while (origEnd < limit && COMBINING_MARK.test(blockText[origEnd]!)) origEnd++;
    const match: RawMatch = {
      start: map[start]!,
      end: origEnd,
      alias,
      entity: index.aliasEntity[alias]!,
      strong: (index.aliasFlags[alias]! & ALIAS_NEEDS_CONTEXT) === 0,
    };
    const alternatives = orderValid[j]! > 1 ? validAliases(index, text, candState[k]!, start, end) : null;
    const withAlternatives = alternatives === null ? match : { ...match, alternatives };
    matches.push(index.periodAlias.length === 0 ? withAlternatives : withDates(index, withAlternatives));
  }
  if (matches.length === 0) return done(NO_MATCHES);
  if (fused) dropOthersDescriptions(index, buf.text, buf.lower, matches);
  if (matches.length === 0) return done(NO_MATCHES);
  // A block's matches are kept for the page's life: an array of their exact size, not one grown
  // by push (which reserves room for 17 at first).
  const result = matches.slice();
  matches.length = 0;
  return done(result);
}

/** Lets go of the block's text and the caller's options (./periods.ts) once it is scanned. */
function done(result: readonly RawMatch[]): readonly RawMatch[] {
  endBlock();
  return result;
}
