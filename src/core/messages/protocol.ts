/**
 * The messages between Backstory's contexts, one map per direction (STYLE habit 3). Each listener
 * claims only the types of its own map and checks the sender; a tab's id comes from the sender,
 * never from a payload.
 */

/** The keyboard commands the manifest declares (rebindable in the browser's shortcut settings). */
export const COMMANDS = ['open-card', 'next-mention', 'previous-mention'] as const;
export type Command = (typeof COMMANDS)[number];

import type { EntityType } from '../pack/types';
import type { SettingsChange } from '../settings/change';

/** One entity found on a page, as the popup lists it. */
export interface PageEntity {
  readonly key: string;
  readonly name: string;
  readonly type: EntityType;
  /** Mentions shown on the page. */
  readonly count: number;
}

/** What the popup learns from the tab's top frame. */
export interface PageInfo {
  /** The page's site (hostname), for the per-site switch. */
  readonly site: string | null;
  /** 'on': annotating; 'paused': off on this site; 'off': off everywhere. */
  readonly state: 'on' | 'paused' | 'off';
  /** The entities shown, in order of first mention. */
  readonly entities: readonly PageEntity[];
  /**
   * True while the page is still being read for the first time, so the list may yet grow. Absent
   * from a script of an older version: then an empty list is taken to mean "not yet".
   */
  readonly reading?: boolean;
}

/**
 * Background or popup to content script: a keyboard command (for the frame that has focus); the
 * popup's questions, for the top frame: what is on the page, and show this entity.
 */
export interface ToContent {
  'backstory/command': { command: Command };
  'backstory/page-info': object;
  'backstory/show-entity': { key: string };
  /** The context menu on selected text, for the frame the text is in. */
  'backstory/explain': { text: string };
}

/** Content script (or an extension page) to background. */
export interface ToBackground {
  'backstory/open-options': object;
  /** The top frame's count of distinct entities shown, for the toolbar badge (0 while paused). */
  'backstory/badge': { count: number };
  /** A change to the settings, which the background owns; answered with the settings stored. */
  'backstory/settings': { change: SettingsChange };
  /** Import a pack from its JSON text (answered with an ImportResult); `confirmed` replaces the same or a newer version. */
  'backstory/pack-import': { text: string; confirmed: boolean };
  /** Remove an imported pack. */
  'backstory/pack-remove': { id: string };
}

/** The entities among `shown` (one key per mention, in page order), with their mention counts. */
export function pageEntities(shown: readonly { key: string; name: string; type: EntityType }[]): PageEntity[] {
  const byKey = new Map<string, { key: string; name: string; type: EntityType; count: number }>();
  for (const m of shown) {
    const e = byKey.get(m.key);
    if (e) e.count++;
    else byKey.set(m.key, { key: m.key, name: m.name, type: m.type, count: 1 });
  }
  return [...byKey.values()];
}

export type Message<M> = { [K in keyof M]: { type: K } & M[K] }[keyof M];

/** Whether `value` is a message of map `M` whose type is one of `types`. */
export function isMessageOf<M>(value: unknown, types: readonly (keyof M)[]): value is Message<M> {
  return typeof value === 'object' && value !== null && types.includes((value as { type?: unknown }).type as keyof M);
}

/** Whether `value` names one of the manifest's commands. */
export function isCommand(value: unknown): value is Command {
  return (COMMANDS as readonly unknown[]).includes(value);
}
