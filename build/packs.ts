/**
 * The build-time pack step: every pack in assets/packs/ is validated with the same validator the
 * CLI and pack import use (a bad pack fails the build, with every problem and its JSON path) and
 * linted as `backstory pack check --strict` lints it (a warning the pack does not accept fails the
 * build too), then all are compiled into one index that the content script loads as is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { compilePacks, indexPartName, lintPack, serializeIndex, splitIndex, validatePack, type Pack } from '../src/core';
import { commonWords, persianWords } from '../src/cli/common-words';

export const PACKS_DIR = 'assets/packs';

/** Reads, validates and lints (strictly) every bundled pack; throws with all problems of all bad packs. */
export function readBundledPacks(root: string): { file: string; pack: Pack; json: string }[] {
  const dir = join(root, PACKS_DIR);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const problems: string[] = [];
  const packs: { file: string; pack: Pack; json: string }[] = [];
  for (const file of files) {
    const json = readFileSync(join(dir, file), 'utf8');
    const result = validatePack(json);
    if (!result.ok) {
      problems.push(...result.problems.map((p) => `${PACKS_DIR}/${file}: ${p.path}: ${p.message}`));
      continue;
    }
    packs.push({ file, pack: result.pack, json });
    for (const w of lintPack(result.pack, { commonWords: commonWords(), persianWords: persianWords() })) {
      if (w.accepted === undefined) problems.push(`${PACKS_DIR}/${file}: ${w.path}: ${w.rule}: ${w.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`invalid pack${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  if (packs.length === 0) throw new Error(`no pack in ${PACKS_DIR}`);
  return packs;
}

/** The serialised index of the given packs. */
export function compileBundled(packs: readonly Pack[]): Uint8Array {
  return new Uint8Array(serializeIndex(compilePacks(packs)));
}

/**
 * Writes a serialised index into `dir` as parts (index-0.bin, index-1.bin...), which the content
 * script fetches in parallel and joins (src/platform/packs.ts). Returns the parts' file names.
 */
export function writeIndexParts(dir: string, bytes: Uint8Array): string[] {
  return splitIndex(bytes).map((part, i) => {
    writeFileSync(join(dir, indexPartName(i)), part);
    return indexPartName(i);
  });
}
