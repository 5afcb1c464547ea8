/**
 * Every word of the card's own (the pack's text aside), so it goes through _locales like the rest
 * of the UI: a context builds them with its `t` (src/platform/i18n.ts) and hands them to renderCard.
 */
import { ENTITY_TYPES, textDirection, type EntityType, type TextDirection } from '../core';

export interface CardStrings {
  /**
   * The UI's language and direction, for the card's own words (its chrome); the pack's text keeps
   * the pack's language (CardModel.language). From the translation in use, as the pages' are.
   */
  readonly lang: string;
  readonly dir: TextDirection;
  readonly types: Readonly<Record<EntityType, string>>;
  readonly keyFacts: string;
  readonly timeline: string;
  readonly related: string;
  readonly sources: string;
  readonly back: string;
  readonly backTitle: string;
  readonly pin: string;
  readonly unpin: string;
  readonly pinTitle: string;
  readonly close: string;
  readonly closeTitle: string;
  readonly hideHere: string;
  readonly pauseHere: string;
  readonly pauseTitle: string;
  readonly settings: string;
  readonly settingsTitle: string;
  readonly whyLabel: string;
  /** "“$1” matched “$2”." */
  why(text: string, alias: string): string;
  /** "$1, facts as of $2" */
  asOf(pack: string, date: string): string;
  /** "Stop highlighting $1 on this site" */
  hideTitle(name: string): string;
  /** "Open the card of $1" */
  relatedTitle(name: string): string;
  /** "Source $1: $2" */
  sourceLabel(n: number, title: string): string;
  /** "The installed packs do not cover “$1”." */
  notCovered(text: string): string;
  /** "The same name in another pack:" */
  readonly alsoIn: string;
  /** "Show $1 from “$2” instead" */
  alsoInTitle(name: string, pack: string): string;
}

/** The message keys the card uses, each in assets/_locales/en/messages.json (a unit test checks). */
export const CARD_MESSAGE_KEYS = [
  'uiLanguage', 'cardKeyFacts', 'cardTimeline', 'cardRelated', 'cardSources', 'cardBack', 'cardBackTitle', 'cardPin', 'cardUnpin',
  'cardPinTitle', 'cardClose', 'cardCloseTitle', 'cardHideHere', 'cardPauseHere', 'cardPauseTitle', 'cardSettings',
  'cardSettingsTitle', 'cardWhyLabel', 'cardWhy', 'cardAsOf', 'cardHideTitle', 'cardRelatedTitle', 'cardSourceLabel', 'cardNotCovered', 'cardAlsoIn', 'cardAlsoInTitle',
  ...ENTITY_TYPES.map(typeKey),
] as const;

function typeKey(type: EntityType): string {
  return `cardType${type[0]!.toUpperCase()}${type.slice(1)}`;
}

/** The card's strings from a message lookup (`t(key, substitutions)`). */
export function cardStrings(t: (key: string, substitutions?: string[]) => string): CardStrings {
  const named = t('uiLanguage');
  const lang = named === 'uiLanguage' ? 'en' : named;
  return {
    lang,
    dir: textDirection(lang),
    types: Object.fromEntries(ENTITY_TYPES.map((type) => [type, t(typeKey(type))])) as Record<EntityType, string>,
    keyFacts: t('cardKeyFacts'),
    timeline: t('cardTimeline'),
    related: t('cardRelated'),
    sources: t('cardSources'),
    back: t('cardBack'),
    backTitle: t('cardBackTitle'),
    pin: t('cardPin'),
    unpin: t('cardUnpin'),
    pinTitle: t('cardPinTitle'),
    close: t('cardClose'),
    closeTitle: t('cardCloseTitle'),
    hideHere: t('cardHideHere'),
    pauseHere: t('cardPauseHere'),
    pauseTitle: t('cardPauseTitle'),
    settings: t('cardSettings'),
    settingsTitle: t('cardSettingsTitle'),
    whyLabel: t('cardWhyLabel'),
    why: (text, alias) => t('cardWhy', [text, alias]),
    asOf: (pack, date) => t('cardAsOf', [pack, date]),
    hideTitle: (name) => t('cardHideTitle', [name]),
    relatedTitle: (name) => t('cardRelatedTitle', [name]),
    sourceLabel: (n, title) => t('cardSourceLabel', [String(n), title]),
    notCovered: (text) => t('cardNotCovered', [text]),
    alsoIn: t('cardAlsoIn'),
    alsoInTitle: (name, pack) => t('cardAlsoInTitle', [name, pack]),
  };
}
