/**
 * The rows the popup's two lists share, the entities on the tab and the search results: a button
 * that names an entity with a short note after the name, and the line a list shows instead when it
 * has no rows.
 */
import type { EntityType } from '../core';
import { t } from '../platform/i18n';

const TYPE_KEYS: Record<EntityType, string> = {
  person: 'typePerson',
  organization: 'typeOrganization',
  place: 'typePlace',
  event: 'typeEvent',
  agreement: 'typeAgreement',
  concept: 'typeConcept',
};

/** The name of an entity type in the UI's language, as a group heading or a row's note. */
export function typeLabel(type: EntityType): string {
  return t(TYPE_KEYS[type]);
}

/** A line of text in place of a list (nothing found, paused here), as a `tag` element. */
export function statusLine<K extends 'p' | 'li'>(tag: K, text: string): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), { className: 'status', textContent: text });
}

/** The parts of one row, for the list that adds its own data and labels to them. */
export interface EntityRow {
  readonly item: HTMLLIElement;
  readonly button: HTMLButtonElement;
  readonly note: HTMLSpanElement;
}

/**
 * A list item holding a button that names an entity, then `note` (its count, or its type); `lang`
 * is the language of the name where it is pack text. Choosing the button calls `choose`.
 */
export function entityRow(name: string, note: string, choose: () => void, lang?: string): EntityRow {
  const button = document.createElement('button');
  button.type = 'button';
  const nameSpan = document.createElement('span');
  nameSpan.textContent = name;
  if (lang !== undefined) nameSpan.lang = lang;
  // Names are written in their own direction, whatever the UI's.
  nameSpan.dir = 'auto';
  const noteSpan = document.createElement('span');
  noteSpan.className = 'count';
  noteSpan.textContent = note;
  button.append(nameSpan, noteSpan);
  button.addEventListener('click', choose);
  const item = document.createElement('li');
  item.append(button);
  return { item, button, note: noteSpan };
}
