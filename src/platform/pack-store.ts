/**
 * Installed packs: the bundled ones (inside the extension, compiled by the build) and the ones the
 * reader imported (in browser.storage.local, which content scripts can read directly; an
 * extension's IndexedDB would be out of their reach). Stored:
 *
 *   packs                { imported: PackMeta[] }         the imported packs, in import order
 *   pack:<id>            the imported pack's JSON text   for its cards and for export
 *   index                StoredIndex                     absent: use the bundled index as it is
 *   index:<gen>:<n>      base64 of part n of that index  (see core/match/index-text.ts)
 *
 * The index the pages use is one automaton over every enabled pack, so scanning costs the same
 * however many packs there are. It is rebuilt in the background whenever the set of enabled packs
 * changes; pages hear of it through storage.onChanged on `index` and read the page again.
 */
import { browser } from './browser';
import { INDEX_KEY, indexPartKey, isStoredIndex, type StoredIndex } from './stored-index';
import {
  IMPORT_LIMITS,
  INDEX_FORMAT_VERSION,
  STORED_PART_BYTES,
  checksum,
  compilePacks,
  indexToTextParts,
  packMeta,
  packsGateSource,
  planImport,
  serializeIndex,
  validatePack,
  type Pack,
  type PackMeta,
  type Problem,
  type ToBackground,
} from '../core';

export const REGISTRY_KEY = 'packs';
export const packKey = (id: string): string => `pack:${id}`;
export { INDEX_KEY, indexPartKey, isStoredIndex, type StoredIndex } from './stored-index';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isPackMeta(v: unknown): v is PackMeta {
  return isObject(v) && typeof v.id === 'string' && typeof v.title === 'string' && typeof v.version === 'string'
    && typeof v.asOf === 'string' && typeof v.language === 'string' && typeof v.entities === 'number' && v.imported === true;
}

/**
 * The imported packs, as the registry lists them. A damaged registry loses no pack: its whole
 * entries are kept, and any stored pack text it no longer lists is checked and listed again (the
 * registry is only an index of the `pack:<id>` entries). Logged, never thrown.
 */
export async function importedPacks(): Promise<PackMeta[]> {
  const stored = (await browser.storage.local.get(REGISTRY_KEY))[REGISTRY_KEY];
  if (stored === undefined) return [];
  const list = isObject(stored) && Array.isArray(stored.imported) ? stored.imported : null;
  const good = (list ?? []).filter(isPackMeta);
  if (list && good.length === list.length) return good;
  console.error('Backstory: the list of imported packs was damaged; rebuilt it from the packs stored');
  const all = await browser.storage.local.get(null);
  const listed = new Set(good.map((p) => p.id));
  for (const [key, text] of Object.entries(all)) {
    if (!key.startsWith('pack:') || listed.has(key.slice(5)) || typeof text !== 'string') continue;
    const checked = validatePack(text);
    if (checked.ok && packKey(checked.pack.id) === key) good.push(packMeta(checked.pack, true));
  }
  return good;
}

/** The ids of the bundled packs (packs/list.json inside the extension). */
export async function bundledPackIds(): Promise<string[]> {
  const response = await fetch(browser.runtime.getURL('packs/list.json'));
  if (!response.ok) throw new Error(`could not read packs/list.json: ${response.status}`);
  return JSON.parse(await response.text()) as string[];
}

/** A bundled pack's JSON text. */
async function bundledPackText(id: string): Promise<string> {
  const response = await fetch(browser.runtime.getURL(`packs/${id}.json`));
  if (!response.ok) throw new Error(`could not read packs/${id}.json: ${response.status}`);
  return response.text();
}

/**
 * A pack's JSON text: the imported copy if there is one (it replaces a bundled pack of the same
 * id), else the bundled file. For export and for the cards.
 */
export async function packText(id: string): Promise<string> {
  const stored = (await browser.storage.local.get(packKey(id)))[packKey(id)];
  return typeof stored === 'string' ? stored : bundledPackText(id);
}

/**
 * Every installed pack, for the options page and for search: the imported ones, and the bundled
 * ones no imported pack replaces, each with whether it replaces a bundled one.
 */
export async function installedPacks(): Promise<(PackMeta & { replacesBundled: boolean })[]> {
  const [imported, bundled] = await Promise.all([importedPacks(), bundledPackIds()]);
  const own = new Set(imported.map((p) => p.id));
  const fromBundle = await Promise.all(bundled.filter((id) => !own.has(id)).map(async (id) => packMeta(JSON.parse(await bundledPackText(id)) as Pack, false)));
  return [
    ...fromBundle.map((p) => ({ ...p, replacesBundled: false })),
    ...imported.map((p) => ({ ...p, replacesBundled: bundled.includes(p.id) })),
  ];
}

/** The outcome of {@link importPack}. */
export type ImportResult =
  | { readonly kind: 'problems'; readonly problems: readonly Problem[] }
  | { readonly kind: 'confirm'; readonly installed: PackMeta; readonly version: string; readonly reason: 'same' | 'older' }
  | { readonly kind: 'installed'; readonly pack: PackMeta; readonly replaced: PackMeta | null };

/** One write to the packs at a time (background only), so an import and a removal cannot interleave. */
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

/**
 * Background only: validates `text` as a pack under the import limits and, if it is good, stores
 * it and rebuilds the index. Installed already with the same or a newer version: nothing changes
 * unless `confirmed`. A bad pack changes nothing and comes back with every problem and its path.
 */
export function importPack(text: string, confirmed: boolean, disabled: readonly string[]): Promise<ImportResult> {
  return serialized(async () => {
    const checked = validatePack(text, IMPORT_LIMITS);
    if (!checked.ok) return { kind: 'problems', problems: checked.problems };
    const pack = checked.pack;
    const [imported, installed] = await Promise.all([importedPacks(), installedPacks()]);
    const plan = planImport(installed, pack);
    if (plan.kind === 'confirm' && !confirmed) return { kind: 'confirm', installed: plan.installed, version: pack.version, reason: plan.reason };
    const meta = packMeta(pack, true);
    const registry = [...imported.filter((p) => p.id !== pack.id), meta];
    await browser.storage.local.set({ [packKey(pack.id)]: text, [REGISTRY_KEY]: { imported: registry } });
    await buildIndex(disabled, true);
    return { kind: 'installed', pack: meta, replaced: plan.kind === 'install' ? null : plan.installed };
  });
}

/** Background only: removes an imported pack (a bundled one it replaced comes back). */
export function removePack(id: string, disabled: readonly string[]): Promise<void> {
  return serialized(async () => {
    const imported = await importedPacks();
    if (!imported.some((p) => p.id === id)) return;
    await browser.storage.local.set({ [REGISTRY_KEY]: { imported: imported.filter((p) => p.id !== id) } });
    await browser.storage.local.remove(packKey(id));
    await buildIndex(disabled, true);
  });
}

/**
 * Background only: makes the stored index match the enabled packs (after a pack was switched on or
 * off, and after an update, whose bundled packs may have changed). Does nothing when it already does.
 */
export function syncIndex(disabled: readonly string[]): Promise<void> {
  return serialized(() => buildIndex(disabled, false));
}

/**
 * The enabled packs, compiled into one index and stored in parts; or, when they are exactly the
 * bundled ones, no stored index at all (the pages load the build's). A stored pack that no longer
 * parses is left out and logged, never deleted: the others still work and the reader still has it.
 */
async function buildIndex(disabled: readonly string[], force: boolean): Promise<void> {
  const [imported, bundled, stored] = await Promise.all([
    importedPacks(), bundledPackIds(), browser.storage.local.get([INDEX_KEY, PENDING_KEY]),
  ]);
  const storedMeta = stored[INDEX_KEY];
  const previous = isStoredIndex(storedMeta) ? storedMeta : null;
  await removeStrayParts(storedMeta, previous, stored[PENDING_KEY]);
  const off = new Set(disabled);
  if (imported.length === 0 && !bundled.some((id) => off.has(id))) {
    if (storedMeta !== undefined) await dropIndex(previous);
    return;
  }
  const own = new Set(imported.map((p) => p.id));
  const packs: Pack[] = [];
  for (const id of bundled) {
    if (!off.has(id) && !own.has(id)) packs.push(JSON.parse(await bundledPackText(id)) as Pack);
  }
  for (const meta of imported) {
    if (off.has(meta.id)) continue;
    const text = (await browser.storage.local.get(packKey(meta.id)))[packKey(meta.id)];
    const checked = typeof text === 'string' ? validatePack(text) : null;
    if (checked?.ok) packs.push(checked.pack);
    else console.error(`Backstory: the stored pack ${meta.id} is damaged; left out until it is imported again`);
  }
  // What the index was built from and by: the packs, the index format and this build of Backstory
  // (an update may change how text is normalised or compiled without changing the format number).
  const signature = [`format ${INDEX_FORMAT_VERSION}`, `backstory ${browser.runtime.getManifest().version}`, ...packs.map((p) => `${p.id}@${p.version}`)];
  if (!force && previous && previous.packs.join('\n') === signature.join('\n')) return;
  const compiled = compilePacks(packs);
  const bytes = new Uint8Array(serializeIndex(compiled));
  const parts = indexToTextParts(bytes);
  const gen = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const sums = parts.map((_, n) => checksum(bytes, n * STORED_PART_BYTES, Math.min(bytes.length, (n + 1) * STORED_PART_BYTES)));
  // Parts first, then the entry that names them: a page never sees an index whose parts are missing.
  // The generation is noted first, so parts left by a background stopped half-way are found later.
  await browser.storage.local.set({ [PENDING_KEY]: gen });
  await browser.storage.local.set(Object.fromEntries(parts.map((text, n) => [indexPartKey(gen, n), text])));
  const meta: StoredIndex = { gen, bytes: bytes.length, sums, packs: signature, gate: packsGateSource(packs) ?? '' };
  await browser.storage.local.set({ [INDEX_KEY]: meta });
  await browser.storage.local.remove(PENDING_KEY);
  if (previous) await browser.storage.local.remove(previous.sums.map((_, n) => indexPartKey(previous.gen, n)));
}

/** Where a generation being written is noted until its entry is stored. */
const PENDING_KEY = 'index-pending';

/**
 * Removes index parts nothing names: those of a generation whose writing was cut short, and, when
 * the index entry itself is damaged, every part. Both are rare, so the keys are listed only then.
 */
async function removeStrayParts(storedMeta: unknown, previous: StoredIndex | null, pending: unknown): Promise<void> {
  const stale = typeof pending === 'string' && pending !== previous?.gen;
  const damaged = storedMeta !== undefined && previous === null;
  if (!stale && !damaged) return;
  const keys = Object.keys(await browser.storage.local.get(null))
    .filter((k) => (damaged && k.startsWith('index:')) || (stale && k.startsWith(`index:${String(pending)}:`)));
  await browser.storage.local.remove([PENDING_KEY, ...keys]);
}

async function dropIndex(previous: StoredIndex | null): Promise<void> {
  await browser.storage.local.remove(INDEX_KEY);
  if (previous) await browser.storage.local.remove(previous.sums.map((_, n) => indexPartKey(previous.gen, n)));
}

/** Options page: asks the background to import a pack from its JSON text. */
export function requestImport(text: string, confirmed: boolean): Promise<ImportResult> {
  const message: { type: 'backstory/pack-import' } & ToBackground['backstory/pack-import'] = { type: 'backstory/pack-import', text, confirmed };
  return browser.runtime.sendMessage<typeof message, ImportResult>(message);
}

/** Options page: asks the background to remove an imported pack. */
export async function requestRemove(id: string): Promise<void> {
  const message: { type: 'backstory/pack-remove' } & ToBackground['backstory/pack-remove'] = { type: 'backstory/pack-remove', id };
  await browser.runtime.sendMessage(message);
}

/** Calls `listener` when the installed packs change (an import or a removal), until `signal` aborts. */
export function watchInstalledPacks(listener: () => void, signal: AbortSignal): void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && REGISTRY_KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
}
