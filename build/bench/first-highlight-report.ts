/**
 * The "first highlight" scenario's targets and its section of docs/benchmarks.md (between the
 * markers below; `npm run bench -- --first-highlight` rewrites only that section).
 */
import { targetsOver, targetsTable, withSection, type JudgedTarget, type Measure } from './measures';
import type { HighlightFigures } from './first-highlight';

export const SECTION_START = '<!-- first-highlight:start -->';
export const SECTION_END = '<!-- first-highlight:end -->';

/** How long after DOMContentLoaded the first highlight may come, per page size, ms (Chromium). */
const GOALS: Record<string, number> = { '200kb': 100, '1mb': 300, '5mb': 300 };

/** The issue's targets, measured in one run. */
function measures(f: HighlightFigures): Measure[] {
  const out: Measure[] = [];
  for (const [size, row] of Object.entries(f)) {
    const goal = GOALS[size];
    if (goal !== undefined) {
      out.push({ name: `${size} story page: first highlight after DOMContentLoaded`, goal: `<= ${goal} ms`, unit: ' ms', value: row.chromium_after_dcl ?? NaN, meets: (v) => v <= goal });
    }
  }
  for (const [size, row] of Object.entries(f)) {
    out.push({ name: `${size} story page: first contentful paint vs the empty script`, goal: 'within 5 ms', unit: ' ms', value: row.fcp_vs_empty ?? NaN, meets: (v) => Math.abs(v) <= 5 });
  }
  return out;
}

/** The targets over one run or several, each judged by the median of its runs. */
export function firstHighlightTargetsOver(runs: readonly HighlightFigures[]): JudgedTarget[] {
  return targetsOver(runs.map(measures));
}

/** What was measured and tried for the first highlight (2026-12-07, Chromium 156; kept by hand, like the code it describes). */
const TRIED: string[] = [
  '### What was tried',
  '',
  'Traced on the 1 MB page: the name gate passes 4-7 ms after DOMContentLoaded; importing the engine then',
  'took 150-260 ms (its tasks wait behind the page\'s own layout), the index 140-150 ms more after that, and',
  'an idle moment up to 200 ms more, during which a frame of the page did the restyle that adopting the',
  'highlight sheet asks for (135-175 ms). Reading as soon as the index was there, without that wait, forced',
  'the restyle inside the painter\'s first read of a box instead: 135 ms in one microtask of Backstory\'s.',
  '',
  '- **Kept: the index on its way while the engine loads.** The loader asks for its parts as it hands over',
  '  (src/platform/index-parts.ts): the index is ready 4-6 ms after the engine instead of 140-150 ms. Firefox',
  '  and Chromium differed four times on the index because the old figure ran to the end of the idle wait.',
  '- **Kept: read after the next frame, not after idle** (src/content/schedule.ts afterNextFrame). The page',
  '  still paints first, and the restyle of the sheet still happens in the page\'s own rendering, so',
  '  Backstory\'s tasks at the start stay under 10 ms in the trace; the restyle itself still costs that',
  '  frame 135-175 ms at 1 MB.',
  '- **Not kept: adopting the sheet in the top frame\'s loader at document_start.** No restyle later, but',
  '  every style pass while the page loads computes the highlight styles too: DOMContentLoaded at 885',
  '  against 717 ms, first highlight at 1069 against 982 ms (medians of 10 loads at 1 MB).',
  '- **Not kept: looking at the page at its first paint, before DOMContentLoaded.** A 1 MB page paints at',
  '  about 0.2 s and parses until 0.6-0.9 s; but the loader\'s tasks wait behind the parser\'s (its look came',
  '  at 0.45 s) and the engine\'s import finished after DOMContentLoaded all the same.',
  '- **Not kept, for now: a `:root`-scoped ::highlight rule.** It paints in Chromium (highlight inheritance),',
  '  but adopting it restyled the 1 MB page in 108-146 ms against 120-229 ms: not clearly cheaper.',
  '- Three quick runs before and after the two kept changes (5 loads each, Chromium): first highlight',
  '  126-153 ms after DOMContentLoaded against 134-173 at 200 KB, 352-489 against 392-453 at 1 MB. The',
  '  ranges overlap: what bounds the figure is the page\'s own first layout and paint, and the restyle.',
  '',
];

const cell = (row: Record<string, number>, key: string) => (row[key] === undefined ? '' : `${row[key]} (${row[`${key}_min`]}-${row[`${key}_max`]})`);

/** The section, markers included. */
export function firstHighlightMarkdown(f: HighlightFigures, machine: string, firefox: string | null, targets: readonly JudgedTarget[]): string {
  const lines = [
    SECTION_START,
    '## First highlight on story pages',
    '',
    `${machine}${firefox ? `, Firefox ${firefox}` : ''}. The generated story pages are loaded in turns in a Chromium with`,
    'Backstory (its bench build: the shipped one plus performance marks), a Chromium with an empty MV3',
    `content script (document_start, every frame)${firefox ? ' and Firefox with Backstory' : ''}. Each load is timed from the page's own`,
    'world, from navigation start: the first frame in which `CSS.highlights` holds one of Backstory\'s',
    'ranges (a requestAnimationFrame watch the page starts before its own scripts; it errs late by at',
    'most a frame), DOMContentLoaded and the page\'s first contentful paint. "Index" is from the loader',
    'asking for the index (as it hands the frame to the engine, whose import runs meanwhile) to the engine',
    'having it. Medians of the loads, with the range in brackets; "after DCL" is',
    'the first highlight minus DOMContentLoaded, load by load. "FCP vs empty" is the median of each',
    'round\'s difference between the first paint with Backstory and with the empty script.',
    '',
    '| page | browser | first highlight ms | DOMContentLoaded ms | after DCL ms | index ms | FCP ms | FCP, empty script ms | FCP vs empty ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [size, row] of Object.entries(f)) {
    lines.push(`| ${size} (${row.loads} loads) | Chromium | ${cell(row, 'chromium_firstHighlight')} | ${cell(row, 'chromium_dcl')} | ${cell(row, 'chromium_after_dcl')} | ` +
      `${cell(row, 'chromium_index')} | ${cell(row, 'chromium_fcp')} | ${cell(row, 'empty_fcp')} | ${row.fcp_vs_empty ?? ''} |`);
    if (row.firefox_firstHighlight !== undefined) {
      lines.push(`| ${size} (${row.loads} loads) | Firefox | ${cell(row, 'firefox_firstHighlight')} | ${cell(row, 'firefox_dcl')} | ${cell(row, 'firefox_after_dcl')} | ` +
        `${cell(row, 'firefox_index')} | ${cell(row, 'firefox_fcp')} | | |`);
    }
  }
  const runs = targets[0]?.runs.length ?? 0;
  if (runs > 1) lines.push('', `The figures above are the last of ${runs} runs; each target (Chromium) is the median of the ${runs} runs' figures.`);
  lines.push('', ...targetsTable(targets));
  if (TRIED.length > 0) lines.push('', ...TRIED);
  lines.push(SECTION_END);
  return lines.join('\n');
}

/** `doc` with its first-highlight section replaced by `section` (appended where there is none). */
export function withFirstHighlightSection(doc: string, section: string): string {
  return withSection(doc, SECTION_START, SECTION_END, section);
}
