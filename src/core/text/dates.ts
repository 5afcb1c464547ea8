/**
 * Dates as time-bound aliases need them: the span of an ISO date, the date a page's metadata gives,
 * and the dates written in a block of text. A date is a span of days (a day, a month or a year),
 * both ends included, counted from 1970-01-01 in the calendar as written: no time zone applies, as
 * a page dated "2020-01-05T23:00-05:00" is the 5th to its readers.
 *
 * Only dates in Latin script are read from text ("In January 2020", "14 November 2024",
 * "Nov. 14, 2024", "in 2020"): Persian dates come with Persian matching.
 */

/** A span of days since 1970-01-01, both ends included. */
export interface DateSpan {
  readonly lo: number;
  readonly hi: number;
}

/** A date that applies to a mention: its span, its ISO form, and where it was found. */
export interface AppliedDate extends DateSpan {
  /** ISO form: "2024-11-14", "2020-01", "2020"; two dates a block names, as "2015/2024". */
  readonly value: string;
  /** Where it was found: a metadata field, "--date", or "text" (written in the block). */
  readonly source: string;
  /** For a date written in the block: the words, as written ("In January 2020"). */
  readonly text?: string;
}

/** The earliest and latest days a period can have (an alias with no `from` or no `until`). */
export const DAY_MIN = -0x80000000;
export const DAY_MAX = 0x7fffffff;

const MS_PER_DAY = 86_400_000;

function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function span(year: number, month?: number, day?: number): DateSpan | null {
  if (month === undefined) return { lo: dayNumber(year, 1, 1), hi: dayNumber(year, 12, 31) };
  if (month < 1 || month > 12) return null;
  if (day === undefined) return { lo: dayNumber(year, month, 1), hi: dayNumber(year, month, daysInMonth(year, month)) };
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const d = dayNumber(year, month, day);
  return { lo: d, hi: d };
}

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The span of an ISO date of the pack's forms (YYYY, YYYY-MM, YYYY-MM-DD), or null. */
export function isoSpan(iso: string): DateSpan | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  return span(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
}

const META = /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?=$|[T\s+Z]|[+-]\d)/;

/**
 * The date of a metadata value ("2024-11-14T09:30:00-05:00", "2024-11-14", "2024-11"), as the
 * page's date from `source`; null for anything else (a date in words is not guessed at).
 */
export function metadataDate(value: string, source: string): AppliedDate | null {
  const m = META.exec(value);
  if (!m) return null;
  const s = span(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  if (s === null) return null;
  return { ...s, value: m[3] === undefined ? `${m[1]}-${m[2]}` : `${m[1]}-${m[2]}-${m[3]}`, source };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Capitalised, as English writes them: "may" and "march" in lower case are words.
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
const YEAR = '((?:19|20)\\d{2})(?![\\d\\p{L}]|[-\u2013/]\\d)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
/**
 * The forms read: "14 November 2024", "November 14, 2024", "November 2024", "2024-11-14", and a
 * year after "in" or "during" ("In 2020,", "in early 2020", "during mid-2020"). A year alone is
 * not a date: "the 2015 nuclear deal", "Resolution 2231".
 */
const WRITTEN = new RegExp(
  `(?<![\\p{L}\\d])(?:${DAY}\\s+${MONTH},?\\s+${YEAR}|${MONTH}\\s+${DAY},?\\s+${YEAR}|${MONTH},?\\s+${YEAR}|(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)|(?:[Ii]n|[Dd]uring)\\s+(?:(?:early|late|mid)[-\\s]?)?${YEAR})`,
  'gu',
);

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function iso(year: number, month?: number, day?: number): string {
  const mm = month === undefined ? '' : `-${String(month).padStart(2, '0')}`;
  const dd = day === undefined ? '' : `-${String(day).padStart(2, '0')}`;
  return `${year}${mm}${dd}`;
}

/**
 * The dates written in a block of text, as one date: the one it names, or, where it names several,
 * the span from the first day of the earliest to the last of the latest ("In 2015 … in 2024" is
 * 2015/2024). Null where it names none.
 */
export function blockDate(text: string): AppliedDate | null {
  let lo = DAY_MAX;
  let hi = DAY_MIN;
  let first = '';
  let last = '';
  const words: string[] = [];
  WRITTEN.lastIndex = 0;
  for (let m = WRITTEN.exec(text); m !== null; m = WRITTEN.exec(text)) {
    let year: number;
    let month: number | undefined;
    let day: number | undefined;
    if (m[3] !== undefined) [year, month, day] = [Number(m[3]), monthNumber(m[2]!), Number(m[1])];
    else if (m[6] !== undefined) [year, month, day] = [Number(m[6]), monthNumber(m[4]!), Number(m[5])];
    else if (m[8] !== undefined) [year, month] = [Number(m[8]), monthNumber(m[7]!)];
    else if (m[9] !== undefined) [year, month, day] = [Number(m[9]), Number(m[10]), Number(m[11])];
    else year = Number(m[12]);
    const s = span(year, month, day);
    if (s === null) continue;
    const value = iso(year, month, day);
    if (s.lo < lo) {
      lo = s.lo;
      first = value;
    }
    if (s.hi > hi) {
      hi = s.hi;
      last = value;
    }
    words.push(m[0]);
  }
  if (words.length === 0) return null;
  return { lo, hi, value: first === last ? first : `${first}/${last}`, source: 'text', text: words.join('; ') };
}

/** How a date stands to a period: 1 within it, -1 outside it, 0 partly in it (a month across its start). */
export function fitsPeriod(date: DateSpan, from: number, until: number): -1 | 0 | 1 {
  if (date.hi < from || date.lo > until) return -1;
  return date.lo >= from && date.hi <= until ? 1 : 0;
}
