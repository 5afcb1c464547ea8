/**
 * `npm run golden`: the real-page corpus against its golden files (build/corpus/golden.ts).
 *
 *   npm run golden                      every page that differs, and the corpus's figures
 *   npm run golden -- PAGE...           what differs on these pages, each with its context
 *   npm run golden -- PAGE --show       every mention found on the page, with its context, to review
 *   npm run golden -- PAGE --find TEXT  where TEXT is in the page's text (offsets for a miss)
 *   npm run golden -- PAGE --write [--false START=KIND ...]
 *                                       after review: rewrites the golden file. New hits become
 *                                       correct, except those whose start is marked false; lost
 *                                       correct mentions become misses; fixed misses become correct.
 *
 * PAGE is a file name in tests/fixtures/real (with or without .html). A page without a golden
 * file gets one with --write: every mention found counted correct until the review says otherwise.
 */
import { writeFileSync } from 'node:fs';
import { ROOT } from './build';
import { readBundledPacks } from './packs';
import {
  bundledIndex, corpusFigures, corpusPages, diffGolden, goldenPath, isClean, pageSource, pageText, readGolden,
  rewriteGolden, scanPage, stringifyGolden, type Golden, type Mention,
} from './corpus/golden';

function context(text: string, m: Mention): string {
  const before = text.slice(Math.max(0, m.start - 50), m.start).replace(/\n/g, ' ⏎ ');
  const after = text.slice(m.end, m.end + 50).replace(/\n/g, ' ⏎ ');
  return `${before}[${text.slice(m.start, m.end)}]${after}`;
}

function line(text: string, m: Mention): string {
  return `  ${String(m.start).padStart(6)}-${String(m.end).padEnd(6)} ${m.entity.padEnd(28)} …${context(text, m)}…`;
}

function main(args: string[]): number {
  const index = bundledIndex(readBundledPacks(ROOT).map((p) => p.pack));
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const falseStarts = new Map<number, string>();
  let find: string | null = null;
  const pages: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--false') {
      const [start, kind] = (args[++i] ?? '').split('=');
      if (!start || !kind || !/^\d+$/.test(start)) throw new Error('--false needs START=KIND, e.g. --false 1234="plain phrase"');
      falseStarts.set(Number(start), kind);
    } else if (a === '--find') find = args[++i] ?? null;
    else if (!a.startsWith('--')) pages.push(a.endsWith('.html') ? a : `${a}.html`);
  }
  const known = new Set(corpusPages());
  for (const p of pages) if (!known.has(p)) throw new Error(`no page ${p} in tests/fixtures/real`);
  const today = new Date().toISOString().slice(0, 10);

  if (pages.length === 0) {
    const goldens: Golden[] = [];
    let differing = 0;
    for (const page of corpusPages()) {
      const golden = readGolden(page);
      if (!golden) {
        console.log(`${page}: no golden file`);
        differing++;
        continue;
      }
      goldens.push(golden);
      const diff = diffGolden(golden, scanPage(index, page), pageText(page).text);
      if (!isClean(diff)) {
        differing++;
        console.log(`${page}: ${Object.entries(diff).filter(([, l]) => l.length > 0).map(([k, l]) => `${l.length} ${k}`).join(', ')}`);
      }
    }
    const f = corpusFigures(goldens);
    console.log(`${f.pages} pages, ${differing} differing; ${f.correct} correct, ${f.misses} known misses, ${f.falseHits} known false hits; ` +
      `precision ${(100 * f.precision).toFixed(1)}%, recall ${(100 * f.recall).toFixed(1)}%`);
    console.log(`misses by kind: ${JSON.stringify(f.missesByKind)}\nfalse hits by kind: ${JSON.stringify(f.falseHitsByKind)}`);
    return differing > 0 ? 1 : 0;
  }

  let differing = 0;
  for (const page of pages) {
    const { text } = pageText(page);
    const found = scanPage(index, page);
    if (find !== null) {
      for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) console.log(line(text, { entity: '(text)', text: find, start: at, end: at + find.length }));
      continue;
    }
    if (flags.has('--show')) {
      console.log(`${page}: ${found.length} mentions`);
      for (const m of found) console.log(line(text, m));
      continue;
    }
    const golden = readGolden(page) ?? { page, source: pageSource(page), reviewed: '', correct: [], misses: [], falseHits: [] };
    const diff = diffGolden(golden, found, text);
    if (flags.has('--write')) {
      if (diff.badOffsets.length > 0) throw new Error(`${page}: golden entries whose text is not at their offsets:\n${diff.badOffsets.map((m) => line(text, m)).join('\n')}`);
      writeFileSync(goldenPath(page), stringifyGolden(rewriteGolden(golden, found, falseStarts, today)));
      console.log(`${page}: golden file written (${found.length} found)`);
      continue;
    }
    if (isClean(diff)) {
      console.log(`${page}: as the golden file says`);
      continue;
    }
    differing++;
    for (const [what, list] of Object.entries(diff) as [keyof typeof diff, Mention[]][]) {
      if (list.length === 0) continue;
      console.log(`${page}: ${what}`);
      for (const m of list) console.log(line(text, m));
    }
  }
  return differing > 0 ? 1 : 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
