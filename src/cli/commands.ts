/**
 * The CLI's two commands over the pure core: `scan` (what the extension would highlight in a file)
 * and `pack check` (what is wrong with a pack). Each returns its output lines and an exit code, so
 * tests can call them without a process.
 */
import { ENTITY_TYPES, compilePacks, findMentions, lintPack, parseEntityKey, validatePack, type AppliedDate, type Pack, type PageOptions } from '../core';
import { commonWords, persianWords } from './common-words';
import { readFile } from 'node:fs/promises';
import { readInput, type InputText } from './read-input';

export interface CommandResult {
  /** Lines for standard output (standard error for `pack check`'s problems, code 1). */
  out: string[];
  /** Lines for standard error. */
  err?: string[];
  code: number;
}

/** `scan`'s exit code when some file could not be read or parsed and the others were scanned. */
export const SOME_FILES_FAILED = 3;

/** One mention as `scan --json` reports it. */
export interface ScanMention {
  entity: string;
  name: string;
  text: string;
  start: number;
  end: number;
  /**
   * Only for a time-bound alias: the date that applied and where it came from (`source`: a
   * metadata field, "--date", or "text" with the words in `text`); null where none applied.
   */
  date?: { value: string; source: string; text?: string } | null;
}

/** What `scan` reads beyond the page options: the date of pages that give none (`--date`). */
export interface ScanDate {
  readonly date?: AppliedDate | null;
}

/**
 * Scans each file with the given packs and reports what the extension would show on it with the
 * given page options (the same decisions: src/core/page). A file that cannot be read or parsed
 * gets an error line of its own (with `json`, `{"file", "error"}` on standard output, in order)
 * and the others are still scanned; the code is then SOME_FILES_FAILED.
 */
export async function scan(files: readonly string[], packs: readonly Pack[], json: boolean, options: PageOptions & ScanDate = { mode: 'all' }): Promise<CommandResult> {
  const index = compilePacks(packs);
  const single = packs.length === 1;
  const out: string[] = [];
  const err: string[] = [];
  let failed = 0;
  for (const file of files) {
    let input: InputText;
    try {
      input = await readInput(file);
    } catch (error) {
      const reason = failure(error);
      failed++;
      if (json) out.push(JSON.stringify({ file, error: reason }));
      else err.push(`backstory: cannot read ${file}: ${reason}`);
      continue;
    }
    // The page's own date first; --date stands in for pages that give none.
    const date = input.date ?? options.date ?? null;
    const mentions: ScanMention[] = findMentions(index, input.blocks, { ...options, date }).map((m) => ({
      // With one pack the entity id alone is unambiguous; with several, keep the pack prefix.
      entity: single ? parseEntityKey(m.entityKey).entity : m.entityKey,
      name: m.entityName,
      text: m.text,
      start: m.start,
      end: m.end,
      ...(m.date === undefined ? {} : { date: m.date === null ? null : { value: m.date.value, source: m.date.source, ...(m.date.text === undefined ? {} : { text: m.date.text }) } }),
    }));
    if (json) {
      out.push(JSON.stringify({ file, mentions }));
      continue;
    }
    out.push(...table(file, mentions));
  }
  return { out, err, code: failed > 0 ? SOME_FILES_FAILED : 0 };
}

/** Why a file could not be read or parsed, in a few words. */
export function failure(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a directory' : error.code;
  }
  return error instanceof Error ? error.message : String(error);
}

function table(file: string, mentions: readonly ScanMention[]): string[] {
  const counts = new Map<string, { name: string; n: number; texts: Set<string> }>();
  for (const m of mentions) {
    const row = counts.get(m.entity) ?? { name: m.name, n: 0, texts: new Set<string>() };
    row.n++;
    row.texts.add(m.text);
    counts.set(m.entity, row);
  }
  const rows = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  const width = Math.max(6, ...rows.map(([id]) => id.length));
  const lines = [`${file}: ${mentions.length} mention${mentions.length === 1 ? '' : 's'} of ${rows.length} entit${rows.length === 1 ? 'y' : 'ies'}`];
  if (rows.length > 0) lines.push(`  ${'count'.padStart(5)}  ${'entity'.padEnd(width)}  as written`);
  for (const [id, row] of rows) lines.push(`  ${String(row.n).padStart(5)}  ${id.padEnd(width)}  ${[...row.texts].join(', ')}`);
  // Descriptions bound to a period: the date that decided each.
  for (const m of mentions) {
    if (m.date === undefined) continue;
    const when = m.date === null ? 'no date applied: needs context' : `${m.date.value} from ${m.date.text === undefined ? m.date.source : `"${m.date.text}" in its paragraph`}`;
    lines.push(`  dated: "${m.text}" at ${m.start} as ${m.entity}: ${when}`);
  }
  return lines;
}

/**
 * Validates and lints one pack file: every problem with its JSON path (the pack is then invalid),
 * else every warning of the linter with its path, rule and advice, the accepted ones marked with
 * the pack's reason, then a one-line summary. With `strict`, a warning not accepted fails too.
 */
export async function packCheck(file: string, strict = false): Promise<CommandResult> {
  const result = validatePack(await readFile(file, 'utf8'));
  if (!result.ok) {
    return { out: result.problems.map((p) => `${file}: ${p.path}: ${p.message}`), code: 1 };
  }
  const warnings = lintPack(result.pack, { commonWords: commonWords(), persianWords: persianWords() });
  const open = warnings.filter((w) => w.accepted === undefined);
  const out = warnings.map((w) => w.accepted === undefined
    ? `${file}: ${w.path}: ${strict ? 'error' : 'warning'} ${w.rule}: ${w.message}`
    : `${file}: ${w.path}: accepted ${w.rule}: ${w.accepted}`);
  out.push(`${summary(result.pack)}; ${open.length} warning${open.length === 1 ? '' : 's'}, ${warnings.length - open.length} accepted`);
  return { out, code: strict && open.length > 0 ? 1 : 0 };
}

/** "id version: N entities (...), N aliases, N sources, facts as of DATE" */
export function summary(pack: Pack): string {
  const byType = ENTITY_TYPES.map((t) => [t, pack.entities.filter((e) => e.type === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
  const aliases = pack.entities.reduce((n, e) => n + e.aliases.length, 0);
  const sources = pack.entities.reduce((n, e) => n + e.sources.length, 0);
  return `${pack.id} ${pack.version}: valid; ${pack.entities.length} entities (${byType}), ${aliases} aliases, ${sources} sources, facts as of ${pack.asOf}`;
}
