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

/** What was measured and tried for the first highlight (kept up to date by hand, like the code it describes). */
const TRIED: string[] = [];

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
    'most a frame), DOMContentLoaded and the page\'s first contentful paint. "Index" is from the engine',
    'asking for the index to having it. Medians of the loads, with the range in brackets; "after DCL" is',
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
