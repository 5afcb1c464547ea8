/**
 * The bundled packs' full text (summaries, facts, sources), for the cards: fetched from the
 * extension's own files only when the first card opens, then kept for the page's lifetime. The
 * build validated every bundled pack, so it is parsed as it is.
 */
import { browser } from './browser';
import type { Pack } from '../core';

const cache = new Map<string, Promise<Pack>>();

/** The bundled pack `packId` (packs/<id>.json inside the extension). */
export function loadBundledPack(packId: string): Promise<Pack> {
  let pending = cache.get(packId);
  if (!pending) {
    pending = (async () => {
      const path = `packs/${packId}.json`;
      const response = await fetch(browser.runtime.getURL(path));
      if (!response.ok) throw new Error(`could not read ${path}: ${response.status}`);
      return JSON.parse(await response.text()) as Pack;
    })();
    pending.catch(() => cache.delete(packId));
    cache.set(packId, pending);
  }
  return pending;
}

/** Every bundled pack (packs/list.json names them), for the popup's search. */
export async function loadBundledPacks(): Promise<Pack[]> {
  const response = await fetch(browser.runtime.getURL('packs/list.json'));
  if (!response.ok) throw new Error(`could not read packs/list.json: ${response.status}`);
  const ids = JSON.parse(await response.text()) as string[];
  return Promise.all(ids.map(loadBundledPack));
}
