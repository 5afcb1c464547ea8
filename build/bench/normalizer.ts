/**
 * `npm run bench -- --normalizer`: a Node micro-benchmark of the text normaliser (src/core/text),
 * which every block of a page goes through before the automaton. It normalises the readable text
 * of the English and the Persian story pages (1 MB each), block by block into one reused buffer as
 * the scanner does, and prints the median time of each, in ms and in ns per character. Run it on
 * two checkouts to compare before and after a change to the folding rules; it times nothing else.
 */
import { createBuffers, normalizeInto } from '../../src/core/text/normalize';
import { pageOfSize, type SizeName } from './page';

/** The readable paragraphs of a generated page: what the scanner normalises, near enough. */
function blocksOf(size: SizeName): string[] {
  const html = pageOfSize(size).html;
  const blocks: string[] = [];
  for (const m of html.matchAll(/<(p|li|h[1-3]|td)>([\s\S]*?)<\/\1>/g)) blocks.push(m[2]!.replace(/<[^>]+>/g, ''));
  return blocks;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface NormalizerFigures {
  readonly chars: number;
  readonly median_ms: number;
  readonly ns_per_char: number;
}

/** Times the normaliser over one page's blocks: `runs` passes after two warm-up passes. */
export function timeNormalizer(size: SizeName, runs = 15): NormalizerFigures {
  const blocks = blocksOf(size);
  const chars = blocks.reduce((n, b) => n + b.length, 0);
  const buf = createBuffers(4096);
  const pass = (): number => {
    const start = performance.now();
    for (const b of blocks) normalizeInto(b, buf);
    return performance.now() - start;
  };
  pass();
  pass();
  const times = Array.from({ length: runs }, pass);
  const ms = median(times);
  return { chars, median_ms: Math.round(ms * 100) / 100, ns_per_char: Math.round((ms * 1e6) / chars * 10) / 10 };
}

/** The figures for the English and the Persian page, as printed by --normalizer. */
export function normalizerReport(): Record<string, NormalizerFigures> {
  return { english_1mb: timeNormalizer('1mb'), persian_1mb: timeNormalizer('fa-1mb') };
}
