/**
 * `backstory`: the command line over the same core as the extension.
 *
 *   backstory scan FILE... [--pack PACK.json]... [--json]
 *   backstory pack check FILE
 *
 * Exit codes: 0 fine, 1 a pack with problems (pack check), 2 a usage error or a file that cannot
 * be read or a bad --pack (one line on stderr naming it).
 */
import { BadPackError, bundledPacks, readPack } from './packs';
import { packCheck, scan, type CommandResult } from './commands';

const USAGE = `usage:
  backstory scan FILE... [--pack PACK.json]... [--json]
      report every mention of the packs' entities in .html or .txt files
      (default packs: the bundled ones)
  backstory pack check FILE
      validate a pack: every problem with its JSON path, or a one-line summary`;

class UsageError extends Error {}

/** Where output goes: process.stdout/stderr, or a test's sink. */
export interface Output {
  write(text: string): unknown;
}

async function run(args: readonly string[]): Promise<CommandResult> {
  const [command, ...rest] = args;
  if (command === 'scan') {
    const files: string[] = [];
    const packFiles: string[] = [];
    let json = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--pack') {
        const file = rest[++i];
        if (!file) throw new UsageError('--pack needs a file');
        packFiles.push(file);
      } else if (arg.startsWith('--pack=')) packFiles.push(arg.slice(7));
      else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
      else files.push(arg);
    }
    if (files.length === 0) throw new UsageError('scan needs at least one file');
    const packs = packFiles.length > 0 ? await Promise.all(packFiles.map(readPack)) : await bundledPacks();
    return scan(files, packs, json);
  }
  if (command === 'pack' && rest[0] === 'check') {
    if (rest.length !== 2) throw new UsageError('pack check needs exactly one file');
    return packCheck(rest[1]!);
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
    return result.code;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`backstory: ${error.message}\n${USAGE}\n`);
    } else if (error instanceof BadPackError) {
      stderr.write(`backstory: ${error.message}\n`);
    } else if (error && typeof error === 'object' && 'code' in error && 'path' in error) {
      // A file system error: name the file and the reason, in one line.
      const e = error as { code: string; path: string };
      stderr.write(`backstory: cannot read ${e.path}: ${e.code === 'ENOENT' ? 'no such file' : e.code}\n`);
    } else {
      stderr.write(`backstory: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 2;
  }
}
