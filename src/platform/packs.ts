/**
 * The bundled packs' compiled index, as the build wrote it: dist/<browser>/packs/index-0.bin,
 * index-1.bin... (parts of at most INDEX_PART_BYTES), each listed in the manifest's
 * web_accessible_resources. Fetched and loaded as typed-array views: no parsing, so loading costs
 * the same whatever the pack's size.
 */
import { browser } from './browser';
import {
  INDEX_HEADER_BYTES, INDEX_PART_BYTES, STORED_PART_BYTES, checksum, fromBase64Into, indexByteLength, loadIndex, type CompiledIndex,
} from '../core';
import { indexPartKey, isStoredIndex, readStoredIndex } from './stored-index';

const PART = /^packs\/index-(\d+)\.bin$/;

/** The index's parts inside the extension, in order, as the build listed them in the manifest. */
export function bundledIndexParts(): string[] {
  const war = (browser.runtime.getManifest().web_accessible_resources ?? []) as ({ resources?: string[] } | string)[];
  // Firefox hands the paths back with a leading slash ("/packs/index-0.bin").
  const parts = war.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.resources ?? []))
    .map((r) => r.replace(/^\//, '')).filter((r) => PART.test(r));
  return parts.sort((a, b) => Number(PART.exec(a)![1]) - Number(PART.exec(b)![1]));
}

/**
 * Loads the bundled packs' index, asking for every part at once. Parts keep each task short:
 * Chromium hands a finished response body to the page in one task, which took 24-38 ms for a
 * single 16 MB file. The bytes are copied into one buffer of this realm with one bulk copy per
 * part: in a Firefox content script a fetched buffer belongs to another compartment, and reads
 * through its wrapper are slow (views over it, `subarray` and DataView, are refused outright).
 */
export async function loadBundledIndex(): Promise<CompiledIndex> {
  const paths = bundledIndexParts();
  if (paths.length === 0) throw new Error('the manifest lists no packs/index-N.bin');
  const parts = await Promise.all(paths.map(fetchBytes));
  const head = new Uint8Array(INDEX_HEADER_BYTES);
  head.set(new Uint8Array(parts[0]!, 0, Math.min(INDEX_HEADER_BYTES, parts[0]!.byteLength)));
  const total = indexByteLength(head);
  if (paths.length !== Math.ceil(total / INDEX_PART_BYTES)) throw new Error(`the index needs ${Math.ceil(total / INDEX_PART_BYTES)} parts, the manifest lists ${paths.length}`);
  const own = new Uint8Array(total);
  parts.forEach((part, i) => {
    if (part.byteLength !== Math.max(0, Math.min(INDEX_PART_BYTES, total - i * INDEX_PART_BYTES))) {
      throw new Error(`${paths[i]} has ${part.byteLength} bytes, not what the index's header says`);
    }
    own.set(new Uint8Array(part), i * INDEX_PART_BYTES);
  });
  return loadIndex(own);
}

async function fetchBytes(path: string): Promise<ArrayBuffer> {
  const response = await fetch(browser.runtime.getURL(path));
  if (!response.ok) throw new Error(`could not read ${path}: ${response.status}`);
  return response.arrayBuffer();
}

/**
 * The index the pages use: the one the background stored for the enabled packs (when the reader
 * imported a pack or switched one off), else the bundled one. Each stored part is read, checked and
 * decoded in its own task. A stored index that is missing a part or fails its check is logged and
 * the bundled one used instead: never a broken page.
 */
export async function loadActiveIndex(stored: Promise<unknown> = readStoredIndex()): Promise<CompiledIndex> {
  const meta = await stored.catch((error: unknown) => {
    console.error('Backstory: could not read which packs are enabled; using the bundled ones', error);
    return undefined;
  });
  if (meta === undefined) return loadBundledIndex();
  try {
    if (!isStoredIndex(meta)) throw new Error('its description is damaged');
    const own = new Uint8Array(meta.bytes);
    await Promise.all(meta.sums.map(async (sum, n) => {
      const key = indexPartKey(meta.gen, n);
      const text = (await browser.storage.local.get(key))[key];
      if (typeof text !== 'string') throw new Error(`part ${n} is missing`);
      const at = n * STORED_PART_BYTES;
      const length = fromBase64Into(text, own, at);
      if (length !== Math.min(STORED_PART_BYTES, meta.bytes - at) || checksum(own, at, at + length) !== sum) throw new Error(`part ${n} is damaged`);
    }));
    return loadIndex(own);
  } catch (error) {
    console.error('Backstory: the stored index could not be read; using the bundled packs only', error);
    return loadBundledIndex();
  }
}
