/**
 * The bundled packs' compiled index, as the build wrote it (dist/<browser>/packs/index.bin).
 * Fetched as an ArrayBuffer and loaded as typed-array views: no parsing, so loading costs the
 * same whatever the pack's size.
 */
import { browser } from './browser';
import { loadIndex, type CompiledIndex } from '../core';

/** Path of the compiled index inside the extension. */
export const BUNDLED_INDEX_PATH = 'packs/index.bin';

/** Loads the bundled packs' index. */
export async function loadBundledIndex(): Promise<CompiledIndex> {
  const response = await fetch(browser.runtime.getURL(BUNDLED_INDEX_PATH));
  if (!response.ok) throw new Error(`could not read ${BUNDLED_INDEX_PATH}: ${response.status}`);
  const fetched = await response.arrayBuffer();
  // In a Firefox content script the buffer belongs to another compartment, and every typed-array
  // read through it would cross a wrapper: copy it into this realm once.
  const own = new Uint8Array(fetched.byteLength);
  own.set(new Uint8Array(fetched));
  return loadIndex(own.buffer);
}
