/**
 * What a hover card shows, built from a pack: pure, so the content script, the popup (which shows
 * a card for a searched entity) and the tests all get the same card from the same data.
 *
 * Dates are shown as the pack wrote them, no more precise: "2024" stays a year, "2024-11" a month.
 * They are formatted in UTC: an ISO date is a calendar day, and formatting it in the reader's time
 * zone would show the day before west of Greenwich (a wrong date is a bug like a crash).
 */
import type { Entity, EntityType, Pack } from '../pack/types';
import { textDirection, type TextDirection } from '../text/direction';

/** A source of the card, as a link. */
export interface CardSource {
  /** 1-based, as the card numbers it. */
  readonly n: number;
  readonly title: string;
  readonly url: string;
  readonly publisher?: string;
  readonly dateText?: string;
}

export interface CardFact {
  readonly label: string;
  readonly value: string;
  readonly dateText?: string;
  readonly date?: string;
  readonly source: CardSource | null;
}

export interface CardTimelineEntry {
  readonly date: string;
  readonly dateText: string;
  readonly text: string;
  readonly source: CardSource | null;
}

export interface CardRelated {
  readonly key: string;
  readonly name: string;
  readonly type: EntityType;
  /** The language of the name (its pack's), where it may differ from the card's pack. */
  readonly language?: string;
}

/** Another entity the same words stand for (two packs sharing a name): the reader can switch to it. */
export interface CardAlternative extends CardRelated {
  readonly packTitle: string;
}

/** Why the mention was highlighted: the text as written on the page and the alias it matched. */
export interface CardWhy {
  readonly text: string;
  readonly alias: string;
}

export interface CardModel {
  /** `packId:entityId`. */
  readonly key: string;
  /**
   * The pack's language (BCP 47) and its direction: the pack's text keeps them whatever the UI's
   * language, so an English pack reads left to right in a Persian card.
   */
  readonly language: string;
  readonly dir: TextDirection;
  readonly name: string;
  readonly type: EntityType;
  /** The type in words ("Person"), so it is never told by colour alone. */
  readonly typeLabel: string;
  readonly summary: string;
  readonly context: string;
  readonly facts: readonly CardFact[];
  /** Events and agreements: their timeline, oldest first. */
  readonly timeline: readonly CardTimelineEntry[];
  readonly related: readonly CardRelated[];
  readonly sources: readonly CardSource[];
  readonly packTitle: string;
  readonly asOfText: string;
  readonly why: CardWhy | null;
  /** Other entities the highlighted words stand for, in other packs (or this one): shown near the top. */
  readonly alternatives: readonly CardAlternative[];
}

export const TYPE_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
  event: 'Event',
  agreement: 'Agreement',
  concept: 'Concept',
};

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Formatters by locale and precision: making an Intl.DateTimeFormat costs far more than using one
 * (a card's 40 dates took 13 ms to format with a new one each).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withDay: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withDay}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = withDay
      ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { month: 'long', year: 'numeric', timeZone: 'UTC' };
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      f = new Intl.DateTimeFormat('en-GB', options);
    }
    formatters.set(key, f);
  }
  return f;
}

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * An ISO date (year, year-month or full date) in words for `locale`, at the precision given:
 * "2024-11-11" -> "11 November 2024", "2024-11" -> "November 2024", "2024" -> "2024". Returns the
 * input unchanged if it is not such a date.
 */
export function formatIsoDate(iso: string, locale = 'en-GB'): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  // English, the bundled pack's language, without Intl: the first DateTimeFormat of a page costs
  // about 12 ms (locale data), which a card opening must not pay.
  if (/^en\b/.test(locale)) {
    const month = ENGLISH_MONTHS[Number(mo) - 1];
    if (month) return d ? `${Number(d)} ${month} ${y!}` : `${month} ${y!}`;
  }
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  return formatter(locale, d !== undefined).format(date);
}

/** The card of `entity` from `pack`; `related` names the related entities (from any installed pack). */
export function cardModel(
  pack: Pack,
  entity: Entity,
  options: { why?: CardWhy | null; lookup?: (id: string) => CardRelated | null; alternatives?: readonly CardAlternative[] } = {},
): CardModel {
  const locale = pack.language.startsWith('en') ? 'en-GB' : pack.language;
  const fmt = (iso: string) => formatIsoDate(iso, locale);
  const sources: CardSource[] = entity.sources.map((s, i) => ({
    n: i + 1,
    title: s.title,
    url: s.url,
    ...(s.publisher ? { publisher: s.publisher } : {}),
    ...(s.date ? { dateText: fmt(s.date) } : {}),
  }));
  const related: CardRelated[] = [];
  for (const id of entity.related) {
    const found = options.lookup?.(id) ?? relatedInPack(pack, id);
    if (found) related.push(found);
  }
  return {
    key: `${pack.id}:${entity.id}`,
    language: pack.language,
    dir: textDirection(pack.language),
    name: entity.name,
    type: entity.type,
    typeLabel: TYPE_LABELS[entity.type],
    summary: entity.summary,
    context: entity.context,
    facts: entity.facts.map((f) => ({
      label: f.label,
      value: f.value,
      ...(f.date ? { date: f.date, dateText: fmt(f.date) } : {}),
      source: sources[f.source] ?? null,
    })),
    timeline: [...(entity.timeline ?? [])]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((t) => ({ date: t.date, dateText: fmt(t.date), text: t.text, source: sources[t.source] ?? null })),
    related,
    sources,
    packTitle: pack.title,
    asOfText: fmt(pack.asOf),
    why: options.why ?? null,
    alternatives: options.alternatives ?? [],
  };
}

function relatedInPack(pack: Pack, id: string): CardRelated | null {
  const e = pack.entities.find((x) => x.id === id);
  return e ? { key: `${pack.id}:${e.id}`, name: e.name, type: e.type, language: pack.language } : null;
}
