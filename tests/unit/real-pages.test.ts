/**
 * The real-page corpus (tests/fixtures/real, README.md there): saved pages nobody here wrote, and
 * a few written here where that corpus has gaps, each with a golden file recording a person's
 * review. Every page is scanned through the decision core with the default settings, as
 * `backstory scan` scans it, and must find exactly the golden file's correct mentions and known
 * false hits: a new hit, a lost mention, a known miss now found or a known false hit now gone
 * fails here until `npm run golden -- PAGE --write` records the review of the change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../build/build';
import { readBundledPacks } from '../../build/packs';
import {
  KINDS, REAL_DIR, bundledIndex, corpusFigures, corpusPages, diffGolden, pageSource, pageText, readGolden, scanPage, type Golden,
} from '../../build/corpus/golden';

const index = bundledIndex(readBundledPacks(ROOT).map((p) => p.pack));
const pages = corpusPages();
/** Pages written here: in English (written--), and in Persian and Arabic (fa--, ar--). */
const isWritten = (p: string) => /^(?:written|fa|ar)--/.test(p);
const written = pages.filter(isWritten);
const goldens: Golden[] = [];

describe('the real-page corpus', () => {
  it('holds 60 to 120 pages, most of them saved from the real web, each with where it came from', () => {
    expect(pages.length).toBeGreaterThanOrEqual(60);
    expect(pages.length).toBeLessThanOrEqual(120);
    expect(pages.length - written.length).toBeGreaterThan(2 * written.length);
    const sources = readFileSync(join(REAL_DIR, 'SOURCES.md'), 'utf8');
    for (const page of pages) {
      const source = pageSource(page);
      expect(source, page).toMatch(isWritten(page) ? /^Written here for the corpus/ : /^Source: github\.com\/postlight\/parser@[0-9a-f]{40} fixtures\//);
      expect(sources, `SOURCES.md lists ${page}`).toContain(page);
    }
  });

  it('holds Persian story pages, Persian trap pages and an Arabic trap page, and the traps light up nothing', () => {
    const persian = pages.filter((p) => p.startsWith('fa--'));
    const traps = persian.filter((p) => p.includes('trap'));
    expect(persian.length - traps.length).toBeGreaterThanOrEqual(8);
    expect(traps.length).toBeGreaterThanOrEqual(4);
    const arabic = pages.filter((p) => p.startsWith('ar--'));
    expect(arabic.length).toBeGreaterThanOrEqual(1);
    for (const trap of [...traps, ...arabic]) expect(scanPage(index, trap), trap).toEqual([]);
  });

  it('keeps no script of the saved pages (JSON-LD, which is data, aside)', () => {
    for (const page of pages) {
      const html = readFileSync(join(REAL_DIR, page), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/type="application\/ld\+json"/.test(m[1]!));
      expect(scripts, page).toEqual([]);
      expect(html, page).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it.each(pages)('%s: finds what its golden file records', (page) => {
    const golden = readGolden(page);
    expect(golden, `${page} has no golden file: npm run golden -- ${page} --write, then review it`).not.toBeNull();
    goldens.push(golden!);
    expect(golden!.reviewed, `${page} has not been reviewed`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const k of [...golden!.misses, ...golden!.falseHits]) {
      expect(KINDS, `${page} ${k.start}: kind "${k.kind}"`).toContain(k.kind);
      expect(k.why, `${page} ${k.start}`).not.toBe('');
    }
    const diff = diffGolden(golden!, scanPage(index, page), pageText(page).text);
    // Named lists, so a failure says what moved: `npm run golden -- PAGE` shows each with its context.
    expect(diff).toEqual({ newHits: [], lost: [], fixedMisses: [], goneFalseHits: [], badOffsets: [] });
  });

  afterAll(() => {
    if (goldens.length !== pages.length) return;
    const f = corpusFigures(goldens);
    const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
    console.log(`Real-page corpus: ${f.pages} pages (${f.pages - written.length} saved, ${written.length} written here); ` +
      `${f.correct} correct mentions, ${f.misses} known misses, ${f.falseHits} known false hits; ` +
      `precision ${pct(f.precision)}, recall ${pct(f.recall)}\n` +
      `  misses by kind: ${JSON.stringify(f.missesByKind)}\n  false hits by kind: ${JSON.stringify(f.falseHitsByKind)}`);
  });
});
