/**
 * Which packs the CLI uses: the bundled ones by default (the same JSON the extension is built
 * from), or the files given with --pack. Every pack goes through the same validator as the build
 * and pack import.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePack, type Pack, type Problem } from '../core';

/** A pack file that failed validation. */
export class BadPackError extends Error {
  constructor(readonly file: string, readonly problems: readonly Problem[]) {
    super(`${file} is not a valid pack (${problems.length} problem${problems.length === 1 ? '' : 's'}; see: backstory pack check ${file})`);
  }
}

/** Reads and validates one pack file. */
export async function readPack(file: string): Promise<Pack> {
  const result = validatePack(await readFile(file, 'utf8'));
  if (!result.ok) throw new BadPackError(file, result.problems);
  return result.pack;
}

/**
 * The folder of bundled packs: dist/packs beside the built CLI (dist/cli), or assets/packs when
 * run from source.
 */
export function bundledPackDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../packs'), join(here, '../../assets/packs')];
  const found = candidates.find((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.json')));
  if (!found) throw new Error(`no bundled packs found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The bundled packs, validated. */
export async function bundledPacks(): Promise<Pack[]> {
  return packsIn(bundledPackDir());
}

/**
 * The packs of a folder: those its list.json names (the build writes one beside the packs in
 * dist/packs, and it is not a pack), else every .json file in it.
 */
export async function packsIn(dir: string): Promise<Pack[]> {
  const list = join(dir, 'list.json');
  const files = existsSync(list)
    ? (JSON.parse(await readFile(list, 'utf8')) as string[]).map((id) => `${id}.json`)
    : readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map((f) => readPack(join(dir, f))));
}
