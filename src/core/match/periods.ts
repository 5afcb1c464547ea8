/**
 * Time-bound aliases in a block being scanned (see ALIAS_TIME_BOUND and docs/pack-format.md,
 * "Descriptions bound to their time"): the date that applies to the block (one it writes, else the
 * page's), found at most once per block and only when an alias of a candidate is time-bound, and
 * how that date stands to an alias's period. scanBlock opens a block with beginBlock and closes it
 * with endBlock, so the block's text and the caller's options are not kept after the scan.
 */
import { blockDate, fitsPeriod, type AppliedDate } from '../text/dates';
import { ALIAS_TIME_BOUND, placeOf, type CompiledIndex } from './compiled-index';

/** Where the page's date comes from: the date itself, a function that finds it, or none. */
export type PageDateSource = AppliedDate | null | undefined | (() => AppliedDate | null);

/** A match as far as its dates go (scan-block.ts's RawMatch). */
interface Dated {
  readonly alias: number;
  readonly strong: boolean;
  readonly alternatives?: readonly number[];
  readonly date?: AppliedDate | null;
  readonly byDate?: readonly number[];
}

let blockText = '';
let pageDate: PageDateSource;
/** The date that applies to the block: undefined until asked for. */
let blockDated: AppliedDate | null | undefined;

export function beginBlock(text: string, page: PageDateSource): void {
  blockText = text;
  pageDate = page;
  blockDated = undefined;
}

export function endBlock(): void {
  beginBlock('', undefined);
}

/** The date that applies to the block being scanned: one written in it, else the page's, else null. */
export function appliedDate(): AppliedDate | null {
  if (blockDated === undefined) {
    blockDated = blockDate(blockText) ?? (typeof pageDate === 'function' ? pageDate() : pageDate) ?? null;
  }
  return blockDated;
}

/** How the date that applies stands to time-bound alias `alias`'s period: 1 within, -1 outside, 0 no date or across its edge. */
export function dateFit(index: CompiledIndex, alias: number): -1 | 0 | 1 {
  const date = appliedDate();
  if (date === null) return 0;
  const k = placeOf(index.periodAlias, alias);
  return fitsPeriod(date, index.periodFrom[k]!, index.periodUntil[k]!);
}

/** Whether alias `alias` may stand as far as dates go: it is not time-bound, or the date does not rule it out. */
export function dateAllows(index: CompiledIndex, alias: number): boolean {
  return (index.aliasFlags[alias]! & ALIAS_TIME_BOUND) === 0 || dateFit(index, alias) >= 0;
}

/**
 * A match with what the date says of its time-bound aliases (RawMatch.date and byDate), or the
 * match itself when it has none. Those the date rules out were never made candidates.
 */
export function withDates<M extends Dated>(index: CompiledIndex, m: M): M {
  const candidates = m.alternatives ?? [m.alias];
  let timeBound = false;
  let byDate: number[] | null = null;
  for (const a of candidates) {
    if ((index.aliasFlags[a]! & ALIAS_TIME_BOUND) === 0) continue;
    timeBound = true;
    if (dateFit(index, a) === 1) (byDate ??= []).push(a);
  }
  if (!timeBound) return m;
  const date = appliedDate();
  if (byDate === null) return { ...m, date };
  return { ...m, date, byDate, strong: m.strong || byDate.includes(m.alias) };
}
