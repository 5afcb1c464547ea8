/**
 * The bundled packs' compiled index, as the build wrote it (dist/<browser>/packs/index.bin).
 * Fetched as an ArrayBuffer and loaded as typed-array views: no parsing, so loading costs the
 * same whatever the pack's size.
 */
import { browser } from './browser';
import { loadIndex, type CompiledIndex } from '../core';

/** Path of the compiled index inside the extension. */
export const BUNDLED_INDEX_PATH = 'packs/index.bin';

/**
 * Loads the bundled packs' index. The bytes are read as a stream into a buffer of this realm: each
 * chunk arrives in a task of its own, so a large index (a 100,000-alias pack is ~18 MB) never
 * blocks the page in one piece, and in a Firefox content script the bytes end up in this
 * compartment rather than behind a cross-compartment wrapper (every read through one is slow).
 */
export async function loadBundledIndex(): Promise<CompiledIndex> {
  const response = await fetch(browser.runtime.getURL(BUNDLED_INDEX_PATH));
  if (!response.ok) throw new Error(`could not read ${BUNDLED_INDEX_PATH}: ${response.status}`);
  return loadIndex(await readAll(response));
}

/**
 * The whole body of `response` in one Uint8Array of this realm. Extension resources come without
 * a Content-Length, so the chunks are kept and joined once at the end: one allocation and one copy
 * (about 6 ms for an 18 MB index), where growing a buffer as chunks arrive copies it again and again.
 */
async function readAll(response: Response): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } else {
    const whole = new Uint8Array(await response.arrayBuffer());
    chunks.push(whole);
    length = whole.length;
  }
  const own = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    own.set(chunk, offset);
    offset += chunk.length;
  }
  return own;
}
