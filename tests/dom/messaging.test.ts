/**
 * What the background accepts from whom (src/platform/messaging.ts): Backstory's own pages may
 * change any setting and manage packs; a content script (a web page may have compromised it) only
 * the per-site choices its card offers, for its own frame's site.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ listener: null as null | ((message: unknown, sender: unknown) => unknown) }));

vi.mock('../../src/platform/browser', () => ({
  browser: {
    runtime: {
      id: 'backstory',
      getURL: (path: string) => `chrome-extension://backstory/${path}`,
      onMessage: { addListener: (l: (message: unknown, sender: unknown) => unknown) => { fake.listener = l; } },
    },
  },
}));

const { onBackgroundMessage } = await import('../../src/platform/messaging');
const applied: unknown[] = [];
const packs: string[] = [];

beforeAll(() => {
  onBackgroundMessage({
    openOptions: () => Promise.resolve(),
    badge: () => Promise.resolve(),
    settings: (change) => {
      applied.push(change);
      return Promise.resolve({} as never);
    },
    importPack: () => {
      packs.push('import');
      return Promise.resolve({ kind: 'problems', problems: [] });
    },
    removePack: (id) => {
      packs.push(`remove ${id}`);
      return Promise.resolve();
    },
  });
});

const page = (url: string) => ({ id: 'backstory', url, tab: { id: 3, incognito: false }, frameId: 0 });
const options = { id: 'backstory', url: 'chrome-extension://backstory/options.html', tab: { id: 4, incognito: false } };
const send = (message: unknown, sender: unknown) => fake.listener!(message, sender);

describe('the background’s messages', () => {
  it('lets a page hide a name or pause its own site, and nothing else', async () => {
    applied.length = 0;
    await send({ type: 'backstory/settings', change: { kind: 'hide-entity', site: 'news.example', key: 'p:e', hidden: true } }, page('https://news.example/a'));
    await send({ type: 'backstory/settings', change: { kind: 'pause-site', site: 'news.example', paused: true } }, page('https://news.example/a'));
    expect(applied).toHaveLength(2);
    for (const change of [
      { kind: 'pause-site', site: 'other.example', paused: true },
      { kind: 'hide-entity', site: 'other.example', key: 'p:e', hidden: true },
      { kind: 'reset' },
      { kind: 'patch', patch: { enabled: false } },
      { kind: 'pack-enabled', id: 'musk-iran-2024', enabled: false },
    ]) {
      await expect(send({ type: 'backstory/settings', change }, page('https://news.example/a'))).rejects.toThrow();
    }
    expect(applied).toHaveLength(2);
  });

  it('lets Backstory’s own pages change anything and manage packs; a page cannot import or remove packs', async () => {
    applied.length = 0;
    await send({ type: 'backstory/settings', change: { kind: 'reset' } }, options);
    expect(applied).toEqual([{ kind: 'reset' }]);
    expect(send({ type: 'backstory/pack-import', text: '{}', confirmed: false }, page('https://news.example/'))).toBeUndefined();
    expect(send({ type: 'backstory/pack-remove', id: 'x' }, page('https://news.example/'))).toBeUndefined();
    await send({ type: 'backstory/pack-remove', id: 'x' }, options);
    expect(packs).toEqual(['remove x']);
    // Another extension's messages are not ours to answer.
    expect(send({ type: 'backstory/settings', change: { kind: 'reset' } }, { ...options, id: 'someone-else' })).toBeUndefined();
  });
});
