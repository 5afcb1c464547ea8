/**
 * findMentions: scan a plain string and decide what is shown, in one call, for tests and the .txt CLI. Each line
 * is a block (a paragraph), as on a page; offsets are in the whole string.
 */
import type { CompiledIndex } from './compiled-index';
import { entityInfo } from './entity-info';
import { decidePage, type PageOptions } from '../page/decisions';
import { scanBlock, type RawMatch, type ScanOptions } from './scan-block';
import type { AppliedDate } from '../text/dates';

/** A mention found in a string, with what a report needs. */
export interface Mention {
  /** Offsets in the whole input string, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The text as it appears in the input. */
  readonly text: string;
  readonly alias: number;
  readonly entity: number;
  /** `packId:entityId`. */
  readonly entityKey: string;
  readonly entityName: string;
  readonly strong: boolean;
  /** For a time-bound alias: the date that applied (null where none did); see RawMatch.date. */
  readonly date?: AppliedDate | null;
}

/** Options of {@link findMentions}: those of `decidePage` and `scanBlock`; mode defaults to "all". */
export type FindOptions = Partial<PageOptions> & ScanOptions;

const LINE = /\r\n|\r|\n/g;

/**
 * Finds the accepted mentions in `text`: a string is split into blocks at line breaks; an array is
 * taken as the blocks themselves (offsets then count each block as followed by one "\n").
 */
export function findMentions(index: CompiledIndex, text: string | readonly string[], options: FindOptions = {}): Mention[] {
  const blocks: { text: string; offset: number }[] = [];
  if (typeof text === 'string') {
    let last = 0;
    for (const m of text.matchAll(LINE)) {
      blocks.push({ text: text.slice(last, m.index), offset: last });
      last = m.index + m[0].length;
    }
    blocks.push({ text: text.slice(last), offset: last });
  } else {
    let offset = 0;
    for (const block of text) {
      blocks.push({ text: block, offset });
      offset += block.length + 1;
    }
  }
  const raw: (readonly RawMatch[])[] = blocks.map((b) => scanBlock(index, b.text, options));
  const resolved = decidePage(index, raw, { ...options, mode: options.mode ?? 'all' });
  const out: Mention[] = [];
  resolved.forEach((matches, i) => {
    const block = blocks[i]!;
    for (const m of matches) {
      const entity = entityInfo(index, m.entity);
      out.push({
        start: block.offset + m.start,
        end: block.offset + m.end,
        text: block.text.slice(m.start, m.end),
        alias: m.alias,
        entity: m.entity,
        entityKey: entity.key,
        entityName: entity.name,
        strong: m.strong,
        ...(m.date === undefined ? {} : { date: m.date }),
      });
    }
  });
  return out;
}
