/**
 * The index's parts as they arrive, before any check: the bundled files' bytes, or the text of the
 * stored parts of an index of imported or switched-off packs. Native API only (./native.ts): the
 * content script's loader asks for them as it hands a frame over to the engine, so they are on their
 * way while the engine loads (in Chromium, on a 1 MB story page, loading the engine and then the
 * index took 150-260 and then 140-150 ms, one after the other). ./packs.ts checks and assembles them.
 */
import { native } from './native';
import { indexPartKey, isStoredIndex, type StoredIndex } from './stored-index';

const PART = /^packs\/index-(\d+)\.bin$/;

/** The index's parts inside the extension, in order, as the build listed them in the manifest. */
export function bundledIndexParts(): string[] {
  const war = (native.runtime.getManifest().web_accessible_resources ?? []) as ({ resources?: string[] } | string)[];
  // Firefox hands the paths back with a leading slash ("/packs/index-0.bin").
  const parts = war.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.resources ?? []))
    .map((r) => r.replace(/^\//, '')).filter((r) => PART.test(r));
  return parts.sort((a, b) => Number(PART.exec(a)![1]) - Number(PART.exec(b)![1]));
}

/**
 * The bundled index's files, fetched all at once: `paths` and their bytes, in order. `damaged`:
 * fetched in place of a stored index whose entry is damaged.
 */
export interface BundledParts {
  readonly kind: 'bundled';
  readonly paths: readonly string[];
  readonly files: Promise<readonly ArrayBuffer[]>;
  readonly damaged?: boolean;
}

/**
 * A stored index's parts: its entry, and what storage holds under each part's key (text, unless
 * damaged), each read on its own so that each answer, decoded as it comes, is a task of its own.
 */
export interface StoredParts {
  readonly kind: 'stored';
  readonly meta: StoredIndex;
  readonly texts: readonly Promise<unknown>[];
}

/** The parts of the index the entry names, on their way. */
export type IndexParts = BundledParts | StoredParts;

/** Starts fetching the bundled index's files. */
export function fetchBundledParts(): BundledParts {
  const paths = bundledIndexParts();
  const files = Promise.all(paths.map(fetchBytes));
  // Handled where they are used (./packs.ts): not an unhandled rejection meanwhile.
  files.catch(() => undefined);
  return { kind: 'bundled', paths, files };
}

async function fetchBytes(path: string): Promise<ArrayBuffer> {
  const response = await fetch(native.runtime.getURL(path));
  if (!response.ok) throw new Error(`could not read ${path}: ${response.status}`);
  return response.arrayBuffer();
}

/**
 * Starts reading the parts of the index `meta` names (the stored index entry, as storage gave it):
 * the stored parts where there is an entry; the bundled files where there is none,
 * or where the entry is damaged (the bundled index is then used: never a broken page).
 */
export function indexParts(meta: unknown): IndexParts {
  if (meta === undefined) return fetchBundledParts();
  if (!isStoredIndex(meta)) return { ...fetchBundledParts(), damaged: true };
  const texts = meta.sums.map((_, n) => {
    const key = indexPartKey(meta.gen, n);
    const text = native.storage.local.get(key).then((got) => got[key]);
    text.catch(() => undefined);
    return text;
  });
  return { kind: 'stored', meta, texts };
}
