/**
 * The pack format: the schema (which validates) and the types derived from it. See
 * docs/pack-format.md for the public description newsrooms write against.
 */
import { array, boolean, index, object, oneOf, optional, string, type Infer } from './schema';
import { httpUrl, isoDate, kebabId, languageTag, maxLength, nonEmpty, nonEmptyAlias, semver } from './formats';
import { ENTITY_TYPES, MAX_ENTITY_ID_LENGTH, MAX_PACK_ID_LENGTH } from './limits';

export { ENTITY_TYPES, MAX_ENTITY_ID_LENGTH, MAX_PACK_ID_LENGTH } from './limits';

/** Longest summary, in characters: one sentence for the card's first line. */
export const MAX_SUMMARY = 160;
/** Longest context, in characters: why the entity matters to the story. */
export const MAX_CONTEXT = 400;

/**
 * An alias schema: the text to find, and how strictly. A description that was true of the entity
 * for a time ("Iran's UN ambassador") carries that period (format 2): `from` and/or `until`, both
 * ends included, and `source`, the entity's source for it. See docs/pack-format.md.
 */
export const aliasSchema = object({
  text: string(nonEmptyAlias),
  caseSensitive: optional(boolean()),
  needsContext: optional(boolean()),
  from: optional(string(isoDate)),
  until: optional(string(isoDate)),
  source: optional(index()),
});

/** A fact schema; `source` indexes the entity's `sources`. */
export const factSchema = object({
  label: string(nonEmpty),
  value: string(nonEmpty),
  date: optional(string(isoDate)),
  source: index(),
});

/** A timeline entry schema; `source` indexes the entity's `sources`. */
export const timelineEntrySchema = object({
  date: string(isoDate),
  text: string(nonEmpty),
  source: index(),
});

/** A source schema (http(s) only: it becomes a link in the card). */
export const sourceSchema = object({
  title: string(nonEmpty),
  url: string(httpUrl),
  publisher: optional(string(nonEmpty)),
  date: optional(string(isoDate)),
});

/** An entity schema. */
export const entitySchema = object({
  id: string(kebabId, maxLength(MAX_ENTITY_ID_LENGTH)),
  type: oneOf(ENTITY_TYPES),
  name: string(nonEmpty, nonEmptyAlias),
  aliases: array(aliasSchema),
  broad: optional(boolean()),
  summary: string(nonEmpty, maxLength(MAX_SUMMARY)),
  context: string(maxLength(MAX_CONTEXT)),
  facts: array(factSchema),
  timeline: optional(array(timelineEntrySchema)),
  related: array(string(kebabId)),
  sources: array(sourceSchema),
});

/**
 * The newest pack format this build reads. A pack says its format in `format`; one without the
 * field is format 1, as every pack was before the field existed. docs/pack-format.md says what
 * each format holds.
 */
export const PACK_FORMAT = 2;

/** An exception a pack's authors accept to a warning of the linter (format 2): the rule, where, and why. */
export const exceptionSchema = object({
  rule: string(nonEmpty),
  path: string(nonEmpty),
  reason: string(nonEmpty),
});

/** The pack schema (one JSON file). */
export const packSchema = object({
  format: optional(index()),
  exceptions: optional(array(exceptionSchema)),
  id: string(kebabId, maxLength(MAX_PACK_ID_LENGTH)),
  title: string(nonEmpty),
  description: string(),
  version: string(semver),
  asOf: string(isoDate),
  language: string(languageTag),
  entities: array(entitySchema),
});

/** A pack: one story's entities, as a newsroom publishes it. */
export type Pack = Infer<typeof packSchema>;
/** One person, organisation, place, event, agreement or concept of a pack. */
export type Entity = Infer<typeof entitySchema>;
/** The kind of an entity. */
export type EntityType = Entity['type'];
/** One way an entity is written in a page. */
export type Alias = Infer<typeof aliasSchema>;
/** A dated or undated fact shown on the card. */
export type Fact = Infer<typeof factSchema>;
/** One step of an entity's timeline. */
export type TimelineEntry = Infer<typeof timelineEntrySchema>;
/** Where a fact comes from. */
export type Source = Infer<typeof sourceSchema>;
