/**
 * Corrupt storage: every settings field of the wrong type, a damaged index, a truncated imported
 * pack. Each gives defaults (or the bundled packs), a console error, no crash, and no intact
 * imported pack lost. The platform layer runs against an in-memory browser.storage and the built
 * extension's files (dist/chrome) served through a stubbed fetch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DIST, build } from '../../build/build';
import { SETTINGS_KEY, defaultSettings } from '../../src/core/settings';
import { entityCount, findEntity } from '../../src/core';

interface FakeStore { data: Record<string, unknown>; manifest: unknown }
const store: FakeStore = vi.hoisted(() => ({ data: {}, manifest: null }));

// The same in-memory browser behind both of platform's handles: the polyfill's and the native one.
const fakeBrowser = vi.hoisted(() => () => ({
  storage: {
    local: {
      get: (keys: string | string[] | null) => {
        const list = keys === null ? Object.keys(store.data) : typeof keys === 'string' ? [keys] : keys;
        return Promise.resolve(Object.fromEntries(list.filter((k) => k in store.data).map((k) => [k, structuredClone(store.data[k])])));
      },
      set: (items: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(items)) store.data[k] = JSON.parse(JSON.stringify(v)) as unknown;
        return Promise.resolve();
      },
      remove: (keys: string | string[]) => {
        for (const k of typeof keys === 'string' ? [keys] : keys) delete store.data[k];
        return Promise.resolve();
      },
    },
    onChanged: { addListener: () => undefined, removeListener: () => undefined },
  },
  runtime: { getURL: (path: string) => `ext:///${path}`, getManifest: () => store.manifest },
}));
vi.mock('../../src/platform/browser', () => ({ browser: fakeBrowser() }));
vi.mock('../../src/platform/native', () => ({ native: fakeBrowser() }));

const { loadSettings } = await import('../../src/platform/settings-store');
const { importPack, importedPacks, syncIndex, packKey, INDEX_KEY, REGISTRY_KEY, indexPartKey, isStoredIndex } = await import('../../src/platform/pack-store');
const { loadActiveIndex } = await import('../../src/platform/packs');
const { indexParts } = await import('../../src/platform/index-parts');

const kestrel = readFileSync(join(__dirname, '../fixtures/packs/kestrel-harbour.json'), 'utf8');
const second = JSON.stringify({ ...JSON.parse(kestrel), id: 'second-pack', title: 'Second' });
let errors: unknown[][] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST, 'chrome/manifest.json'))) await build();
  store.manifest = JSON.parse(readFileSync(join(DIST, 'chrome/manifest.json'), 'utf8'));
  vi.stubGlobal('fetch', (url: string) => {
    const file = join(DIST, 'chrome', url.replace('ext:///', ''));
    return Promise.resolve(existsSync(file) ? new Response(readFileSync(file)) : new Response('', { status: 404 }));
  });
});

beforeEach(() => {
  store.data = {};
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
});
afterEach(() => vi.restoreAllMocks());

describe('corrupt storage', () => {
  it('settings with every field of the wrong type: defaults, one console error, no crash', async () => {
    store.data[SETTINGS_KEY] = {
      version: 7, enabled: 'yes', mentionMode: 3, hoverDelayMs: 'slow', sites: [], enabledTypes: 'all', storyOnly: null, theme: {}, highlightStyle: 9, disabledPacks: 'x',
    };
    expect(await loadSettings()).toEqual(defaultSettings());
    expect(errors).toHaveLength(1);
    store.data[SETTINGS_KEY] = 'not even an object';
    expect(await loadSettings()).toEqual(defaultSettings());
  });

  it('a damaged stored index: the bundled packs instead, and a console error', async () => {
    expect((await importPack(kestrel, false, [])).kind).toBe('installed');
    const meta = store.data[INDEX_KEY];
    if (!isStoredIndex(meta)) throw new Error('no stored index');
    const withImport = await loadActiveIndex();
    expect(findEntity(withImport, 'kestrel-harbour:port-of-kestrel')).toBeGreaterThanOrEqual(0);
    // A part cut short, a part of junk, a part gone, a description of the wrong shape.
    const part = indexPartKey(meta.gen, 0);
    const good = store.data[part] as string;
    for (const damage of [good.slice(0, 1000), `${good.slice(0, -8)}AAAAAAAA`, undefined]) {
      if (damage === undefined) delete store.data[part];
      else store.data[part] = damage;
      errors = [];
      const index = await loadActiveIndex();
      expect(findEntity(index, 'kestrel-harbour:port-of-kestrel')).toBe(-1);
      expect(findEntity(index, 'musk-iran-2024:elon-musk')).toBeGreaterThanOrEqual(0);
      expect(errors).toHaveLength(1);
    }
    store.data[INDEX_KEY] = { gen: 7 };
    expect(entityCount(await loadActiveIndex())).toBeGreaterThan(50);
  });

  it('the parts the loader asks for as it hands over give the engine the same index, and the same fallbacks', async () => {
    // Bundled only: no stored entry.
    const bundled = await loadActiveIndex(Promise.resolve(undefined), indexParts(undefined));
    expect(entityCount(bundled)).toBe(entityCount(await loadActiveIndex()));
    // With an imported pack.
    await importPack(kestrel, false, []);
    const meta = store.data[INDEX_KEY];
    if (!isStoredIndex(meta)) throw new Error('no stored index');
    const started = indexParts(meta);
    const withImport = await loadActiveIndex(Promise.resolve(meta), started);
    expect(findEntity(withImport, 'kestrel-harbour:port-of-kestrel')).toBeGreaterThanOrEqual(0);
    expect(entityCount(withImport)).toBe(entityCount(await loadActiveIndex()));
    // A part gone before the loader asked: the bundled packs, and one console error.
    delete store.data[indexPartKey(meta.gen, 0)];
    errors = [];
    const damaged = await loadActiveIndex(Promise.resolve(meta), indexParts(meta));
    expect(findEntity(damaged, 'kestrel-harbour:port-of-kestrel')).toBe(-1);
    expect(findEntity(damaged, 'musk-iran-2024:elon-musk')).toBeGreaterThanOrEqual(0);
    expect(errors).toHaveLength(1);
    // An entry of the wrong shape: the same.
    errors = [];
    expect(entityCount(await loadActiveIndex(Promise.resolve({ gen: 7 }), indexParts({ gen: 7 })))).toBe(entityCount(bundled));
    expect(errors).toHaveLength(1);
  });

  it('a truncated imported pack is left out of the index and logged, never deleted; the other packs stay whole', async () => {
    await importPack(kestrel, false, []);
    await importPack(second, false, []);
    const truncated = kestrel.slice(0, kestrel.length / 2);
    store.data[packKey('kestrel-harbour')] = truncated;
    await syncIndex(['nothing']);
    const index = await loadActiveIndex();
    expect(findEntity(index, 'kestrel-harbour:port-of-kestrel')).toBe(-1);
    expect(findEntity(index, 'second-pack:port-of-kestrel')).toBeGreaterThanOrEqual(0);
    expect(errors.some((e) => String(e[0]).includes('kestrel-harbour is damaged'))).toBe(true);
    // Still stored (the reader can export what is left, or import it again), still listed.
    expect(store.data[packKey('kestrel-harbour')]).toBe(truncated);
    expect((await importedPacks()).map((p) => p.id)).toEqual(['kestrel-harbour', 'second-pack']);
  });

  it('a damaged list of imported packs loses no pack: whole entries kept, the rest found again from the packs stored', async () => {
    await importPack(kestrel, false, []);
    store.data[REGISTRY_KEY] = { imported: [(store.data[REGISTRY_KEY] as { imported: unknown[] }).imported[0], { id: 3 }, 'junk'] };
    expect((await importedPacks()).map((p) => p.id)).toEqual(['kestrel-harbour']);
    expect(errors).toHaveLength(1);
    // Nothing whole left in the list: the packs stored are listed again from their own text.
    store.data[REGISTRY_KEY] = 'junk';
    expect((await importedPacks()).map((p) => p.id)).toEqual(['kestrel-harbour']);
    expect((await importPack(second, false, [])).kind).toBe('installed');
    expect((await importedPacks()).map((p) => p.id)).toEqual(['kestrel-harbour', 'second-pack']);
  });

  it('leaves no index parts that nothing names: after a damaged entry, or a rebuild cut short', async () => {
    await importPack(kestrel, false, []);
    const partKeys = () => Object.keys(store.data).filter((k) => k.startsWith('index:')).sort();
    const first = store.data[INDEX_KEY] as { gen: string };
    // A rebuild cut short after its parts were written, and an entry that no longer parses.
    store.data['index-pending'] = 'cut';
    store.data[indexPartKey('cut', 0)] = 'AAAA';
    store.data[INDEX_KEY] = { gen: 7 };
    await importPack(second, false, []);
    const now = store.data[INDEX_KEY] as { gen: string };
    expect(now.gen).not.toBe(first.gen);
    expect(partKeys()).toEqual([indexPartKey(now.gen, 0)]);
    expect(store.data['index-pending']).toBeUndefined();
  });
});
