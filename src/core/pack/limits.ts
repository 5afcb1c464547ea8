/**
 * The pack format's constants that other parts of the core need without its schema (./types.ts):
 * the settings keep pack ids and entity types, and the content script's loader reads the settings
 * in every frame, where building the schema would be wasted work.
 */

/**
 * Id lengths: a reader's choices store a pack's id (switched off) and `packId:entityId` (hidden on a
 * site, at most 200 characters: MAX_ENTITY_KEY_LENGTH in settings), so ids must fit those.
 */
export const MAX_PACK_ID_LENGTH = 100;
export const MAX_ENTITY_ID_LENGTH = 99;

/** The kinds of entity a pack can describe. */
export const ENTITY_TYPES = ['person', 'organization', 'place', 'event', 'agreement', 'concept'] as const;

/** A kind of entity. */
export type EntityType = (typeof ENTITY_TYPES)[number];
