/**
 * The bundled packs' compiled index, as the build wrote it: dist/<browser>/packs/index-0.bin,
 * index-1.bin... (parts of at most INDEX_PART_BYTES), each listed in the manifest's
 * web_accessible_resources. Fetched and loaded as typed-array views: no parsing, so loading costs
 * the same whatever the pack's size.
 */
import {
  INDEX_HEADER_BYTES, INDEX_PART_BYTES, STORED_PART_BYTES, checksum, fromBase64Into, indexByteLength, loadIndex, type CompiledIndex,
} from '../core';
import { readStoredIndex } from './stored-index';
import { fetchBundledParts, indexParts, type BundledParts, type IndexParts } from './index-parts';

/**
 * Loads the bundled packs' index, asking for every part at once. Parts keep each task short:
 * Chromium hands a finished response body to the page in one task, which took 24-38 ms for a
 * single 16 MB file. The bytes are copied into one buffer of this realm with one bulk copy per
 * part: in a Firefox content script a fetched buffer belongs to another compartment, and reads
 * through its wrapper are slow (views over it, `subarray` and DataView, are refused outright).
 */
export async function loadBundledIndex(bundled: BundledParts = fetchBundledParts()): Promise<CompiledIndex> {
  const { paths } = bundled;
  if (paths.length === 0) throw new Error('the manifest lists no packs/index-N.bin');
  const parts = await bundled.files;
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

/**
 * The index the pages use: the one the background stored for the enabled packs (when the reader
 * imported a pack or switched one off), else the bundled one. Each stored part is read, checked and
 * decoded in its own task. A stored index that is missing a part or fails its check is logged and
 * the bundled one used instead: never a broken page. `started`: the parts already asked for (by the
 * content script's loader, ./index-parts.ts), for the entry `stored` holds.
 */
export async function loadActiveIndex(stored: Promise<unknown> = readStoredIndex(), started?: IndexParts): Promise<CompiledIndex> {
  let parts = started;
  if (!parts) {
    const meta = await stored.catch((error: unknown) => {
      console.error('Backstory: could not read which packs are enabled; using the bundled ones', error);
      return undefined;
    });
    parts = indexParts(meta);
  }
  if (parts.kind === 'bundled') {
    if (parts.damaged) console.error('Backstory: the stored index could not be read; using the bundled packs only', new Error('its description is damaged'));
    return loadBundledIndex(parts);
  }
  const { meta } = parts;
  try {
    const own = new Uint8Array(meta.bytes);
    await Promise.all(parts.texts.map(async (part, n) => {
      const text = await part;
      if (typeof text !== 'string') throw new Error(`part ${n} is missing`);
      const at = n * STORED_PART_BYTES;
      const length = fromBase64Into(text, own, at);
      if (length !== Math.min(STORED_PART_BYTES, meta.bytes - at) || checksum(own, at, at + length) !== meta.sums[n]) throw new Error(`part ${n} is damaged`);
    }));
    return loadIndex(own);
  } catch (error) {
    console.error('Backstory: the stored index could not be read; using the bundled packs only', error);
    return loadBundledIndex();
  }
}
