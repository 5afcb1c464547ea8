/**
 * The real-page corpus (tests/fixtures/real): saved pages nobody here wrote, and for each one a
 * golden file recording a person's review of what Backstory finds there with the default settings:
 *
 * - `correct`: the mentions that are right, as (entity, text, start, end);
 * - `misses`: mentions a reader should see highlighted but Backstory does not find yet;
 * - `falseHits`: highlights that are wrong but not fixed yet.
 *
 * Offsets are those of `backstory scan --json`: into the page's readable blocks joined by "\n"
 * (src/cli/read-input.ts), the same the extension's test hook reports. A miss is what a reader of
 * this page should have highlighted by the product's own rules: a short or ambiguous name only
 * where the page's context makes it unambiguous. Each miss and false hit has a `kind` (its class,
 * the way issue 22 names them) and a `why`.
 *
 * The corpus test (tests/unit/real-pages.test.ts) and `npm run golden` (build/golden.ts) both
 * compare a page with its golden file here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../build';
import { readHtml } from '../../src/cli/read-input';
import { compilePacks, findMentions, parseEntityKey, type AppliedDate, type CompiledIndex, type Pack } from '../../src/core';

export const REAL_DIR = join(ROOT, 'tests/fixtures/real');

export interface Mention {
  entity: string;
  text: string;
  start: number;
  end: number;
}

/** The classes of known misses and false hits (tests/fixtures/real/README.md explains each). */
export const KINDS = new Set([
  'plain phrase', 'other country', 'part of another name', 'caption or headline', 'short form without evidence',
  'other referent', 'page furniture', 'name as modifier', 'unlisted spelling', 'story phrasing', 'regression',
]);

export interface Known extends Mention {
  /** The class it belongs to, e.g. "plain phrase" or "caption" (see tests/fixtures/real/README.md). */
  kind: string;
  why: string;
}

export interface Golden {
  page: string;
  /** Where the page came from (repeated from the page's own first comment). */
  source: string;
  /** When a person last read the page's highlights and looked for misses. */
  reviewed: string;
  correct: Mention[];
  misses: Known[];
  falseHits: Known[];
}

/** The corpus's pages, by file name. */
export function corpusPages(): string[] {
  return readdirSync(REAL_DIR).filter((f) => f.endsWith('.html')).sort();
}

export function goldenPath(page: string): string {
  return join(REAL_DIR, page.replace(/\.html$/, '.golden.json'));
}

export function readGolden(page: string): Golden | null {
  try {
    return JSON.parse(readFileSync(goldenPath(page), 'utf8')) as Golden;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** What the page holds for the decision core: its blocks, their text joined as the CLI joins them, and its date from its metadata. */
export function pageText(page: string): { blocks: string[]; text: string; date: AppliedDate | null } {
  const { blocks, date } = readHtml(readFileSync(join(REAL_DIR, page), 'utf8'));
  return { blocks, text: blocks.join('\n'), date };
}

/** The page's source line (its first comment). */
export function pageSource(page: string): string {
  return /<!--\s*([\s\S]*?)\s*-->/.exec(readFileSync(join(REAL_DIR, page), 'utf8'))?.[1] ?? '';
}

/** What Backstory finds on `page` with the default settings (every mention, on any page). */
export function scanPage(index: CompiledIndex, page: string): Mention[] {
  const { blocks, date } = pageText(page);
  return findMentions(index, blocks, { mode: 'all', storyOnly: false, date }).map((m) => ({
    entity: parseEntityKey(m.entityKey).entity,
    text: m.text,
    start: m.start,
    end: m.end,
  }));
}

/** The bundled packs' index, as the extension compiles it. */
export function bundledIndex(packs: readonly Pack[]): CompiledIndex {
  return compilePacks(packs);
}

const key = (m: Mention): string => `${m.start}:${m.end}:${m.entity}`;
const byStart = (a: Mention, b: Mention): number => a.start - b.start || a.end - b.end || a.entity.localeCompare(b.entity);

/** How what Backstory finds now differs from a page's golden file. Every list is empty when they agree. */
export interface GoldenDiff {
  /** Found, and neither a correct mention nor a known false hit: to review. */
  newHits: Mention[];
  /** Correct mentions no longer found. */
  lost: Mention[];
  /** Known misses now found. */
  fixedMisses: Known[];
  /** Known false hits no longer found. */
  goneFalseHits: Known[];
  /** Golden entries whose text is not the page's text at their offsets (a hand edit gone wrong). */
  badOffsets: Mention[];
}

export function diffGolden(golden: Golden, found: readonly Mention[], text: string): GoldenDiff {
  const foundKeys = new Set(found.map(key));
  const correct = new Set(golden.correct.map(key));
  const falseHits = new Set(golden.falseHits.map(key));
  const missKeys = new Set(golden.misses.map(key));
  return {
    newHits: found.filter((m) => !correct.has(key(m)) && !falseHits.has(key(m)) && !missKeys.has(key(m))),
    lost: golden.correct.filter((m) => !foundKeys.has(key(m))),
    fixedMisses: golden.misses.filter((m) => foundKeys.has(key(m))),
    goneFalseHits: golden.falseHits.filter((m) => !foundKeys.has(key(m))),
    badOffsets: [...golden.correct, ...golden.misses, ...golden.falseHits].filter((m) => text.slice(m.start, m.end) !== m.text),
  };
}

export function isClean(diff: GoldenDiff): boolean {
  return Object.values(diff).every((list) => list.length === 0);
}

/**
 * The golden file after a review of `diff`: new hits become correct mentions unless their start
 * is in `falseStarts` (then false hits of the kind it maps to); lost correct mentions become misses (kind
 * "regression") unless a mention found now overlaps them (a longer name took them in), fixed
 * misses become correct, gone false hits are dropped. A new hit over a lost correct mention of its
 * entity is correct; otherwise entries of the same entity and text that only moved keep their
 * class at the new offsets.
 */
export function rewriteGolden(golden: Golden, found: readonly Mention[], falseStarts: ReadonlyMap<number, string>, today: string): Golden {
  const foundKeys = new Set(found.map(key));
  const pick = (m: Mention): Mention => ({ entity: m.entity, text: m.text, start: m.start, end: m.end });
  const correct = new Set(golden.correct.map(key));
  const falseByKey = new Map(golden.falseHits.map((f) => [key(f), f]));
  const missByKey = new Map(golden.misses.map((f) => [key(f), f]));
  // Moved: a lost entry and a new hit of the same entity and text, paired in order.
  const lostCorrect = golden.correct.filter((m) => !foundKeys.has(key(m)));
  const lostFalse = golden.falseHits.filter((m) => !foundKeys.has(key(m)));
  const fresh = found.filter((m) => !correct.has(key(m)) && !falseByKey.has(key(m)) && !missByKey.has(key(m)));
  const out: Golden = { ...golden, reviewed: today, correct: [], misses: [], falseHits: [] };
  for (const m of found) {
    const k = key(m);
    if (correct.has(k) || missByKey.has(k)) out.correct.push(pick(m));
    else if (falseByKey.has(k)) out.falseHits.push({ ...pick(m), kind: falseByKey.get(k)!.kind, why: falseByKey.get(k)!.why });
  }
  for (const m of fresh) {
    // A new hit over a lost correct mention takes its place ("President Obama" now read as "Obama").
    const overCorrect = lostCorrect.findIndex((l) => l.entity === m.entity && l.start < m.end && m.start < l.end);
    const sameCorrect = overCorrect >= 0 ? overCorrect : lostCorrect.findIndex((l) => l.entity === m.entity && l.text === m.text);
    const sameFalse = overCorrect >= 0 ? -1 : lostFalse.findIndex((l) => l.entity === m.entity && l.text === m.text);
    if (falseStarts.has(m.start)) out.falseHits.push({ ...pick(m), kind: falseStarts.get(m.start)!, why: 'marked false in review' });
    else if (sameFalse >= 0 && sameCorrect < 0) out.falseHits.push({ ...pick(m), kind: lostFalse[sameFalse]!.kind, why: lostFalse.splice(sameFalse, 1)[0]!.why });
    else {
      if (sameCorrect >= 0) lostCorrect.splice(sameCorrect, 1);
      out.correct.push(pick(m));
    }
  }
  // A lost mention inside one found now was taken in by a longer name ("Ukraine" by "invasion of Ukraine"): gone, not missed.
  const overlapped = (m: Mention): boolean => found.some((f) => f.start < m.end && m.start < f.end);
  out.misses = [
    ...golden.misses.filter((m) => !foundKeys.has(key(m))),
    ...lostCorrect.filter((m) => !overlapped(m)).map((m) => ({ ...pick(m), kind: 'regression', why: 'found before, not any more' })),
  ];
  out.correct.sort(byStart);
  out.misses.sort(byStart);
  out.falseHits.sort(byStart);
  return out;
}

/** Precision and recall over pages, from their golden files: correct / (correct + false hits), correct / (correct + misses). */
export interface CorpusFigures {
  pages: number;
  correct: number;
  misses: number;
  falseHits: number;
  precision: number;
  recall: number;
  missesByKind: Record<string, number>;
  falseHitsByKind: Record<string, number>;
}

export function corpusFigures(goldens: readonly Golden[]): CorpusFigures {
  const count = (list: readonly Known[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const k of list) out[k.kind] = (out[k.kind] ?? 0) + 1;
    return out;
  };
  const correct = goldens.reduce((n, g) => n + g.correct.length, 0);
  const misses = goldens.flatMap((g) => g.misses);
  const falseHits = goldens.flatMap((g) => g.falseHits);
  return {
    pages: goldens.length,
    correct,
    misses: misses.length,
    falseHits: falseHits.length,
    precision: correct / Math.max(1, correct + falseHits.length),
    recall: correct / Math.max(1, correct + misses.length),
    missesByKind: count(misses),
    falseHitsByKind: count(falseHits),
  };
}

export function stringifyGolden(golden: Golden): string {
  // One mention per line: a review's change reads as a one-line diff.
  const list = (items: readonly object[]): string => items.length === 0 ? '[]' : `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  return `{\n  "page": ${JSON.stringify(golden.page)},\n  "source": ${JSON.stringify(golden.source)},\n  "reviewed": ${JSON.stringify(golden.reviewed)},\n` +
    `  "correct": ${list(golden.correct)},\n  "misses": ${list(golden.misses)},\n  "falseHits": ${list(golden.falseHits)}\n}\n`;
}
