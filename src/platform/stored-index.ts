/**
 * The stored index's entry, as every page reads it: whether an index of imported or switched-off
 * packs replaces the bundled one, and the words a frame rules itself out with before loading
 * either (src/content/name-gate.ts). Native API only (./native.ts): the content script's loader
 * reads it in every frame. Writing the index is ./pack-store.ts's; loading it, ./packs.ts's.
 */
import { native } from './native';
import { STORED_PART_BYTES } from '../core/match/index-text';
import { SETTINGS_KEY } from '../core/settings/key';

export const INDEX_KEY = 'index';
export const indexPartKey = (gen: string, n: number): string => `index:${gen}:${n}`;

/** What `index` holds: which parts make the index the pages use, and what it was built from. */
export interface StoredIndex {
  readonly gen: string;
  /** Bytes of the whole index. */
  readonly bytes: number;
  /** FNV-1a of each part's bytes (each part is STORED_PART_BYTES but the last). */
  readonly sums: readonly number[];
  /** `id@version` of each pack compiled in, in order: the index is rebuilt when this changes. */
  readonly packs: readonly string[];
  /**
   * The name gate's words for these packs (core/match/gate-words.ts; '' where there can be none),
   * so a frame can rule itself out before loading the index. Absent in entries stored before it
   * was kept: then nothing is ruled out.
   */
  readonly gate?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isStoredIndex(v: unknown): v is StoredIndex {
  return isObject(v) && typeof v.gen === 'string' && typeof v.bytes === 'number' && Number.isInteger(v.bytes) && v.bytes >= 0
    && Array.isArray(v.sums) && v.sums.every((s) => typeof s === 'number')
    && v.sums.length === Math.max(1, Math.ceil(v.bytes / STORED_PART_BYTES))
    && Array.isArray(v.packs) && v.packs.every((p) => typeof p === 'string')
    && (v.gate === undefined || typeof v.gate === 'string');
}

/**
 * What the stored index entry holds (undefined: none, use the bundled index). The content script
 * asks at document_start, alongside the settings, so loading the index waits for no extra round trip.
 */
export async function readStoredIndex(): Promise<unknown> {
  return (await native.storage.local.get(INDEX_KEY))[INDEX_KEY];
}

/** What the content script's loader reads at document_start, as storage holds it. */
export interface Startup {
  /** The stored settings (core/settings readSettings reads them). */
  readonly settings: unknown;
  /** The stored index entry (undefined: the bundled index). */
  readonly storedIndex: unknown;
}

/** The loader's one storage read: the settings and the stored index entry, in one call. */
export async function readStartup(): Promise<Startup> {
  const got = await native.storage.local.get([SETTINGS_KEY, INDEX_KEY]);
  return { settings: got[SETTINGS_KEY], storedIndex: got[INDEX_KEY] };
}

/**
 * Where the popup asks the top frames that do not listen for messages to listen (see askPageInfo in
 * ./messaging.ts): a time, written and removed at once.
 */
export const WAKE_KEY = 'wake-top-frames';

/**
 * Calls `listener` with what storage holds now whenever the settings or the index entry change, and
 * `onWake` when the popup asks silent top frames to listen, until `signal` aborts.
 */
export function watchStartup(now: Startup, listener: (next: Startup) => void, onWake: () => void, signal: AbortSignal): void {
  let current = now;
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (changes[WAKE_KEY]?.newValue !== undefined) onWake();
    if (!(SETTINGS_KEY in changes || INDEX_KEY in changes)) return;
    current = {
      settings: SETTINGS_KEY in changes ? changes[SETTINGS_KEY]?.newValue : current.settings,
      storedIndex: INDEX_KEY in changes ? changes[INDEX_KEY]?.newValue : current.storedIndex,
    };
    listener(current);
  };
  native.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => native.storage.onChanged.removeListener(onChanged), { once: true });
}

/** Calls `listener` when the background stores a new index (a pack imported, removed, switched), until `signal` aborts. */
export function watchActiveIndex(listener: () => void, signal: AbortSignal): void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && INDEX_KEY in changes) listener();
  };
  native.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => native.storage.onChanged.removeListener(onChanged), { once: true });
}

declare const __BACKSTORY_GATE__: string | undefined;

/**
 * The name gate's source for the index this page would load, without loading it: the stored
 * index's (imported or switched-off packs; `stored` is what readStoredIndex gave), else the bundled
 * packs', compiled into the content script by the build. Null where a page cannot be ruled out that
 * way: no gate for these packs, a stored entry from before it was kept, a build without one.
 */
export function indexGate(stored: unknown): string | null {
  const source = stored === undefined ? (typeof __BACKSTORY_GATE__ === 'string' ? __BACKSTORY_GATE__ : '') : isStoredIndex(stored) ? stored.gate ?? '' : '';
  return source === '' ? null : source;
}
