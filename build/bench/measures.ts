/**
 * Targets judged over several runs of a scenario (the issues ask for the median of 3 runs), and a
 * scenario's own section of docs/benchmarks.md, which a scenario run on its own rewrites alone.
 */
import { median, round } from './summary';
import type { Target } from './report';

/**
 * One target's measure in one run: its figure, and whether a figure meets it. `control` is the same
 * figure for a setup identical to the one compared against (what identical setups differ by), where there is one.
 */
export interface Measure {
  name: string;
  goal: string;
  unit: string;
  value: number;
  control?: number;
  meets: (value: number) => boolean;
}

/** A target with every run's figure and, where measured, the control's median. */
export type JudgedTarget = Target & { runs: string[]; control?: string };

/** Each target judged by the median of its runs' figures (`each`: one list of measures per run, in the same order). */
export function targetsOver(each: readonly (readonly Measure[])[]): JudgedTarget[] {
  return each[0]!.map((m, i) => {
    const values = each.map((r) => r[i]!.value).filter((v) => !Number.isNaN(v));
    const mid = values.length > 0 ? median(values) : NaN;
    const controls = each.map((r) => r[i]!.control).filter((c) => c !== undefined);
    return {
      name: m.name, goal: m.goal, value: `${round(mid, 2)}${m.unit}`, pass: !Number.isNaN(mid) && m.meets(mid), runs: each.map((r) => `${round(r[i]!.value, 2)}`),
      ...(controls.length === 0 ? {} : { control: `${round(median(controls), 2)}${m.unit}` }),
    };
  });
}

/** The targets' table: one column per run where there were several, and the control's where any target has one. */
export function targetsTable(targets: readonly JudgedTarget[]): string[] {
  const runs = targets[0]?.runs.length ?? 0;
  const control = targets.some((t) => t.control !== undefined);
  const head = ['target', 'goal', ...(runs > 1 ? Array.from({ length: runs }, (_, i) => `run ${i + 1}`) : []), runs > 1 ? 'median' : 'this run', ...(control ? ['control'] : []), ''];
  const lines = [`| ${head.join(' | ')} |`, `|---|---|${'---:|'.repeat(head.length - 3)}---|`];
  for (const t of targets) {
    const cells = [t.name, t.goal, ...(runs > 1 ? t.runs : []), t.value, ...(control ? [t.control ?? ''] : []), t.pass ? 'PASS' : '**MISS**'];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

/** `doc` with the section between `start` and `end` replaced by `section` (markers included; appended where there is none). */
export function withSection(doc: string, start: string, end: string, section: string): string {
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) return `${doc.trimEnd()}\n\n${section}\n`;
  return doc.slice(0, from) + section + doc.slice(to + end.length);
}
