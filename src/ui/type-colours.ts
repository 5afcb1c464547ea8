/**
 * Each entity type's colour, shared by the page's highlights and the card (and the popup's card):
 * mid-tones, distinct in hue and in lightness, readable on white and on near black.
 */
import type { EntityType } from '../core';

export const TYPE_COLOURS: Record<EntityType, string> = {
  person: '#d97706',
  organization: '#3b82f6',
  place: '#0d9488',
  event: '#a855f7',
  agreement: '#db2777',
  concept: '#64748b',
};
