/**
 * `backstory`: the command line over the same core as the extension.
 *
 *   backstory scan FILE... [--pack PACK.json]... [--json] [--first] [--story-only] [--types T,...] [--hide KEY]... [--date YYYY-MM-DD]
 *   backstory pack check FILE [--strict]
 *
 * Exit codes are in USAGE.
 */
import { ENTITY_TYPES, metadataDate, type AppliedDate, type EntityType, type PageOptions } from '../core';
import { BadPackError, bundledPacks, readPack } from './packs';
import { failure, packCheck, scan, type CommandResult } from './commands';

const USAGE = `usage:
  backstory scan FILE... [options]
      report what Backstory highlights in .html or .txt files: the same decisions
      as the extension with the same settings
      --pack PACK.json   use this pack (repeatable; default: the bundled packs)
      --json             one JSON line per file: {"file", "mentions"} or {"file", "error"};
                         a description bound to a period has "date": the date that
                         applied and its source, or null
      --first            only the first mention of each entity ("First mention only")
      --story-only       a pack's names only on pages about its story
      --types T,...      only these kinds: ${ENTITY_TYPES.join(', ')}
      --hide PACK:ENTITY as if the reader hid this entity on the site (repeatable)
      --date YYYY-MM-DD  the date of files whose metadata gives none (.txt files,
                         pages without one): descriptions bound to a period, such
                         as "Iran's UN ambassador", are read as of that date
      exit: 0 every file scanned; 2 usage error or bad pack;
            3 some file could not be read or parsed (the others were scanned)
  backstory pack check FILE [--strict]
      validate a pack (every problem with its JSON path), then lint it: each
      warning with its JSON path, rule and advice (docs/authoring-a-pack.md)
      --strict           warnings the pack does not accept are errors
      exit: 0 valid (and, with --strict, no warning); 1 the pack has problems;
            2 usage error or unreadable file`;

class UsageError extends Error {}

/** `--hide PACK:ENTITY`: a key as the extension stores it (an entity id alone would hide nothing). */
function parseHidden(key: string): string {
  if (!/^[^:]+:[^:]+$/.test(key)) throw new UsageError(`--hide takes PACK:ENTITY (for example musk-iran-2024:elon-musk), not ${key}`);
  return key;
}

/** `--date 2020-01-15` (or 2020-01): the date of pages that give none. */
function parseDate(value: string): AppliedDate {
  const date = /^\d{4}-\d{2}(?:-\d{2})?$/.test(value) ? metadataDate(value, '--date') : null;
  if (date === null) throw new UsageError(`--date takes a date as YYYY-MM-DD (or YYYY-MM), not ${value}`);
  return date;
}

/** "person,organization" -> the types, or a usage error naming what is not a type. */
function parseTypes(list: string): EntityType[] {
  const types = list.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  const wrong = types.filter((t) => !(ENTITY_TYPES as readonly string[]).includes(t));
  if (wrong.length > 0 || types.length === 0) throw new UsageError(`--types takes ${ENTITY_TYPES.join(', ')}; not ${wrong.join(', ') || 'nothing'}`);
  return types as EntityType[];
}

/** Where output goes: process.stdout/stderr, or a test's sink. */
export interface Output {
  write(text: string): unknown;
}

async function run(args: readonly string[]): Promise<CommandResult> {
  const [command, ...rest] = args;
  if (command === 'scan') {
    const files: string[] = [];
    const packFiles: string[] = [];
    const hidden: string[] = [];
    let json = false;
    let first = false;
    let storyOnly = false;
    let types: EntityType[] | null = null;
    let date: AppliedDate | null = null;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      // --name=value and --name value alike.
      const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      const value = (): string => {
        const v = eq > 0 ? arg.slice(eq + 1) : rest[++i];
        if (!v) throw new UsageError(`${name} needs a value`);
        return v;
      };
      if (name === '--json') json = true;
      else if (name === '--first') first = true;
      else if (name === '--story-only') storyOnly = true;
      else if (name === '--pack') packFiles.push(value());
      else if (name === '--hide') hidden.push(parseHidden(value()));
      else if (name === '--types') types = parseTypes(value());
      else if (name === '--date') date = parseDate(value());
      else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
      else files.push(arg);
    }
    if (files.length === 0) throw new UsageError('scan needs at least one file');
    const packs = packFiles.length > 0 ? await Promise.all(packFiles.map(readPack)) : await bundledPacks();
    const options: PageOptions & { date: AppliedDate | null } = {
      date,
      mode: first ? 'first' : 'all',
      storyOnly,
      ...(types ? { enabledTypes: new Set(types) } : {}),
      ...(hidden.length > 0 ? { hiddenEntities: new Set(hidden) } : {}),
    };
    return scan(files, packs, json, options);
  }
  if (command === 'pack' && rest[0] === 'check') {
    const args = rest.slice(1);
    const strict = args.includes('--strict');
    const files = args.filter((a) => a !== '--strict');
    const unknown = files.find((a) => a.startsWith('-'));
    if (unknown) throw new UsageError(`unknown option ${unknown}`);
    if (files.length !== 1) throw new UsageError('pack check needs exactly one file');
    return packCheck(files[0]!, strict);
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { out: [USAGE], code: command === undefined ? 2 : 0 };
  }
  throw new UsageError(`unknown command ${args.join(' ')}`);
}

/** Runs the CLI; returns the exit code. Output goes to the given streams (process ones by default). */
export async function main(args: readonly string[], stdout: Output = process.stdout, stderr: Output = process.stderr): Promise<number> {
  try {
    const result = await run(args);
    if (result.out.length > 0) (result.code === 1 ? stderr : stdout).write(result.out.join('\n') + '\n');
    if (result.err && result.err.length > 0) stderr.write(result.err.join('\n') + '\n');
    return result.code;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`backstory: ${error.message}\n${USAGE}\n`);
    } else if (error instanceof BadPackError) {
      stderr.write(`backstory: ${error.message}\n`);
    } else if (error && typeof error === 'object' && 'code' in error && 'path' in error) {
      // A file system error: name the file and the reason, in one line.
      stderr.write(`backstory: cannot read ${(error as { path: string }).path}: ${failure(error)}\n`);
    } else {
      stderr.write(`backstory: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 2;
  }
}
