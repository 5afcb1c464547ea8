/**
 * Per-site choices in the settings: the repair rules for `sites`, the readers, the patch builders
 * and how `applyPatch` merges a `sites` patch host by host.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ENTITY_KEY_LENGTH, MAX_HIDDEN_PER_SITE, MAX_HIDDEN_TOTAL, MAX_SITES,
  applyPatch, defaultSettings, hiddenOn, hideEntity, isHostname, isPausedOn, pauseSite, pausedBy, readSettings,
  siteFromInput, siteOf, type Settings, type SiteSettings,
} from '../../src/core/settings';

const withSites = (sites: unknown): Settings => ({ ...defaultSettings(), sites } as Settings);
/** What repair-on-read makes of a stored `sites` value. */
const read = (sites: unknown) => {
  const r = readSettings(withSites(sites));
  return { sites: r.settings.sites, repaired: r.repairs.some((x) => x.field === 'sites') };
};
const hosts = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `site${from + i}.example`);

describe('siteOf', () => {
  it.each([
    ['https://www.example.com/news/1?x=1#y', 'www.example.com'],
    ['http://example.com:8080/', 'example.com'],
    ['https://WWW.Example.COM/', 'www.example.com'],
    ['https://example.com./', 'example.com.'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    ['http://127.0.0.1:3000/', '127.0.0.1'],
    ['http://[::1]:8000/', '[::1]'],
    ['http://localhost/', 'localhost'],
    ['https://user:pw@my_host.example.com/', 'my_host.example.com'],
  ])('gives the hostname of %s', (url, host) => {
    expect(siteOf(url)).toBe(host);
  });

  it.each([
    'file:///home/me/page.html', 'chrome://extensions/', 'about:blank', 'moz-extension://abc/options.html',
    'chrome-extension://abc/options.html', 'data:text/html,hi', 'ftp://example.com/', 'example.com', 'not a url', '',
  ])('gives null for %s', (url) => {
    expect(siteOf(url)).toBeNull();
  });
});

describe('isHostname', () => {
  it.each(['example.com', 'a', 'xn--bcher-kva.example', '127.0.0.1', '[2001:db8::1]', 'my_host.example', 'example.com.'])(
    'accepts %s', (host) => expect(isHostname(host)).toBe(true),
  );
  it.each(['', 'Example.com', 'a b.com', 'http://example.com', 'example.com/path', 'a..b', '.example', 'x'.repeat(256), 42, null])(
    'refuses %s', (host) => expect(isHostname(host)).toBe(false),
  );
});

describe('repairing stored per-site choices', () => {
  it('keeps valid records exactly, in their order, without asking for a write', () => {
    const sites = { 'b.example': { paused: true, hidden: ['p:x'] }, 'a.example': { hidden: ['p:y', 'q:z'] } };
    const r = readSettings(withSites(sites));
    expect(r.settings.sites).toEqual(sites);
    expect(Object.keys(r.settings.sites)).toEqual(['b.example', 'a.example']);
    expect(r.needsWrite).toBe(false);
  });

  it.each([['a boolean', true], ['a string', 'paused'], ['a number', 1], ['null', null], ['an array', [{ paused: true }]]])(
    'drops a record stored as %s and keeps the others',
    (_label, record) => {
      expect(read({ 'bad.example': record, 'ok.example': { paused: true } }))
        .toEqual({ sites: { 'ok.example': { paused: true } }, repaired: true });
    },
  );

  it.each(['', 'Example.com', 'a b', 'http://example.com', 'example.com/x'])('drops a record under the bad hostname %j', (host) => {
    expect(read({ [host]: { paused: true }, 'ok.example': { paused: true } }))
      .toEqual({ sites: { 'ok.example': { paused: true } }, repaired: true });
  });

  it('drops hidden keys that are not strings, empty or too long', () => {
    const long = 'p:' + 'x'.repeat(MAX_ENTITY_KEY_LENGTH);
    expect(read({ 'a.example': { hidden: ['p:a', 1, null, {}, ['p:b'], '', long, 'p:c'] } }))
      .toEqual({ sites: { 'a.example': { hidden: ['p:a', 'p:c'] } }, repaired: true });
  });

  it('dedupes hidden keys, keeping the first place of each', () => {
    expect(read({ 'a.example': { hidden: ['p:a', 'p:b', 'p:a', 'p:b', 'p:c'] } }))
      .toEqual({ sites: { 'a.example': { hidden: ['p:a', 'p:b', 'p:c'] } }, repaired: true });
  });

  it.each([['false', false], ['a string', 'yes'], ['1', 1], ['null', null]])('drops `paused` stored as %s', (_label, paused) => {
    expect(read({ 'a.example': { paused, hidden: ['p:a'] } }))
      .toEqual({ sites: { 'a.example': { hidden: ['p:a'] } }, repaired: true });
  });

  it.each([['a string', 'p:a'], ['an object', { 0: 'p:a' }], ['null', null]])('drops `hidden` stored as %s', (_label, hidden) => {
    expect(read({ 'a.example': { paused: true, hidden } }))
      .toEqual({ sites: { 'a.example': { paused: true } }, repaired: true });
  });

  it('drops unknown fields of a record', () => {
    expect(read({ 'a.example': { paused: true, colour: 'red' } }))
      .toEqual({ sites: { 'a.example': { paused: true } }, repaired: true });
  });

  it.each([
    ['no fields', {}], ['an empty hidden list', { hidden: [] }], ['paused: false', { paused: false }],
    ['only bad keys', { hidden: [1, 2] }], ['only unknown fields', { other: 1 }],
  ])('drops a record left with %s', (_label, record) => {
    expect(read({ 'a.example': record, 'b.example': { paused: true } }))
      .toEqual({ sites: { 'b.example': { paused: true } }, repaired: true });
  });

  it(`keeps the ${MAX_SITES} most recently changed sites`, () => {
    const stored = Object.fromEntries(hosts(MAX_SITES + 5).map((h) => [h, { paused: true }]));
    const { sites, repaired } = read(stored);
    expect(Object.keys(sites)).toEqual(hosts(MAX_SITES, 5));
    expect(repaired).toBe(true);
    expect(read(Object.fromEntries(hosts(MAX_SITES).map((h) => [h, { paused: true }]))).repaired).toBe(false);
  });

  it(`keeps a site's ${MAX_HIDDEN_PER_SITE} most recently hidden names`, () => {
    const keys = Array.from({ length: MAX_HIDDEN_PER_SITE + 3 }, (_, i) => `p:e${i}`);
    const { sites, repaired } = read({ 'a.example': { hidden: keys } });
    expect(sites['a.example']!.hidden).toEqual(keys.slice(3));
    expect(repaired).toBe(true);
  });

  it(`keeps at most ${MAX_HIDDEN_TOTAL} hidden names in all, forgetting those of the least recent sites`, () => {
    const keys = (site: number, n: number) => Array.from({ length: n }, (_, k) => `p:${site}-${k}`);
    const full = MAX_HIDDEN_TOTAL / MAX_HIDDEN_PER_SITE - 1;
    // Oldest first: a paused site, a site with 10 names, `full` full sites, then one 5 short of full.
    const [oldest, second, ...rest] = hosts(full + 3);
    const newest = rest.pop()!;
    const stored: Record<string, SiteSettings> = {
      [oldest!]: { paused: true, hidden: keys(0, MAX_HIDDEN_PER_SITE) },
      [second!]: { hidden: keys(1, 10) },
      ...Object.fromEntries(rest.map((h, i) => [h, { hidden: keys(i + 2, MAX_HIDDEN_PER_SITE) }])),
      [newest]: { hidden: keys(99, MAX_HIDDEN_PER_SITE - 5) },
    };
    const { sites, repaired } = read(stored);
    expect(repaired).toBe(true);
    expect(Object.values(sites).reduce((n, site) => n + (site.hidden?.length ?? 0), 0)).toBe(MAX_HIDDEN_TOTAL);
    expect(sites[newest]).toEqual(stored[newest]);
    for (const h of rest) expect(sites[h]).toEqual(stored[h]);
    expect(sites[second!]!.hidden).toEqual(keys(1, 10).slice(5));
    expect(sites[oldest!]).toEqual({ paused: true });
    expect(Object.keys(sites)).toEqual(Object.keys(stored));
  });

  it('stores a host called "__proto__" as plain data, never as a prototype', () => {
    const stored = JSON.parse('{"__proto__": {"paused": true}, "a.example": {"paused": true}}') as unknown;
    const { sites } = read(stored);
    expect(Object.getPrototypeOf(sites)).toBe(Object.prototype);
    expect(Object.hasOwn(sites, '__proto__')).toBe(true);
    expect(isPausedOn(withSites(sites), '__proto__')).toBe(true);
  });

  it('gives settings that read back unchanged, whatever was stored', () => {
    const junk = fc.oneof(fc.constantFrom('p:a', 'p:b', 'q:c', ''), fc.anything());
    const record = fc.oneof(
      fc.record({ paused: fc.oneof(fc.constant(true), fc.anything()), hidden: fc.oneof(fc.array(junk, { maxLength: 6 }), fc.anything()) }, { requiredKeys: [] }),
      fc.anything(),
    );
    const host = fc.oneof(fc.constantFrom('a.example', 'b.example', 'B.example', '', '__proto__', 'constructor'), fc.string());
    fc.assert(fc.property(fc.oneof(fc.dictionary(host, record), fc.anything()), (stored) => {
      const once = readSettings(withSites(stored));
      const twice = readSettings(JSON.parse(JSON.stringify(once.settings)) as unknown);
      expect(twice.settings).toEqual(once.settings);
      expect(twice.repairs).toEqual([]);
      for (const [h, site] of Object.entries(once.settings.sites)) {
        expect(isHostname(h)).toBe(true);
        expect(site.paused === true || (site.hidden?.length ?? 0) > 0).toBe(true);
        expect(new Set(site.hidden).size).toBe(site.hidden?.length ?? 0);
      }
    }), { numRuns: 500 });
  });
});

describe('reading per-site choices', () => {
  const settings = withSites({ 'a.example': { paused: true, hidden: ['p:x', 'p:y'] }, 'b.example': { hidden: ['p:z'] } });

  it('says whether a site is paused', () => {
    expect(isPausedOn(settings, 'a.example')).toBe(true);
    expect(isPausedOn(settings, 'b.example')).toBe(false);
    expect(isPausedOn(settings, 'c.example')).toBe(false);
  });

  it('gives the hidden keys of a site, or none', () => {
    expect([...hiddenOn(settings, 'a.example')]).toEqual(['p:x', 'p:y']);
    expect(hiddenOn(settings, 'b.example').has('p:z')).toBe(true);
    expect(hiddenOn(settings, 'c.example').size).toBe(0);
  });

  it('matches hostnames whatever their case', () => {
    expect(isPausedOn(settings, 'A.Example')).toBe(true);
    expect(hiddenOn(settings, 'B.EXAMPLE').has('p:z')).toBe(true);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('finds nothing inherited under %s', (host) => {
    expect(isPausedOn(defaultSettings(), host)).toBe(false);
    expect(hiddenOn(defaultSettings(), host).size).toBe(0);
  });
});

describe('per-site patch builders', () => {
  const settings = withSites({ 'a.example': { hidden: ['p:x'] }, 'b.example': { paused: true } });

  it('pause a site, keeping its hidden names, and name only that site', () => {
    expect(pauseSite(settings, 'a.example', true)).toEqual({ sites: { 'a.example': { paused: true, hidden: ['p:x'] } } });
    expect(pauseSite(settings, 'new.example', true)).toEqual({ sites: { 'new.example': { paused: true } } });
  });

  it('resume a site, leaving an empty record when nothing else was chosen there', () => {
    expect(pauseSite(settings, 'b.example', false)).toEqual({ sites: { 'b.example': {} } });
    expect(pauseSite(withSites({ 'a.example': { paused: true, hidden: ['p:x'] } }), 'a.example', false))
      .toEqual({ sites: { 'a.example': { hidden: ['p:x'] } } });
  });

  it('hide an entity after the ones already hidden, once', () => {
    expect(hideEntity(settings, 'a.example', 'p:y', true)).toEqual({ sites: { 'a.example': { hidden: ['p:x', 'p:y'] } } });
    expect(hideEntity(settings, 'a.example', 'p:x', true)).toEqual({ sites: { 'a.example': { hidden: ['p:x'] } } });
    expect(hideEntity(settings, 'b.example', 'p:y', true)).toEqual({ sites: { 'b.example': { paused: true, hidden: ['p:y'] } } });
  });

  it('show an entity again, dropping an empty list', () => {
    expect(hideEntity(settings, 'a.example', 'p:x', false)).toEqual({ sites: { 'a.example': {} } });
    expect(hideEntity(settings, 'a.example', 'p:other', false)).toEqual({ sites: { 'a.example': { hidden: ['p:x'] } } });
  });

  it('lower-case the hostname', () => {
    expect(pauseSite(settings, 'A.Example', true)).toEqual({ sites: { 'a.example': { paused: true, hidden: ['p:x'] } } });
    expect(hideEntity(settings, 'B.Example', 'p:y', true)).toEqual({ sites: { 'b.example': { paused: true, hidden: ['p:y'] } } });
  });

  it('never change the settings they are given', () => {
    const before = structuredClone(settings);
    pauseSite(settings, 'a.example', true);
    hideEntity(settings, 'a.example', 'p:y', true);
    hideEntity(settings, 'a.example', 'p:x', false);
    expect(settings).toEqual(before);
  });

  it('round-trip through applyPatch', () => {
    let s = applyPatch(defaultSettings(), pauseSite(defaultSettings(), 'a.example', true));
    expect(isPausedOn(s, 'a.example')).toBe(true);
    s = applyPatch(s, hideEntity(s, 'a.example', 'p:x', true));
    expect([...hiddenOn(s, 'a.example')]).toEqual(['p:x']);
    s = applyPatch(s, pauseSite(s, 'a.example', false));
    s = applyPatch(s, hideEntity(s, 'a.example', 'p:x', false));
    expect(s).toEqual(defaultSettings());
  });
});

describe('applying a sites patch', () => {
  const current = withSites({ 'a.example': { paused: true }, 'b.example': { hidden: ['p:x'] } });

  it('replaces the records of the hosts it names and keeps the others', () => {
    const next = applyPatch(current, { sites: { 'b.example': { paused: true } } });
    expect(next.sites).toEqual({ 'a.example': { paused: true }, 'b.example': { paused: true } });
  });

  it('moves a changed host to the newest place', () => {
    const next = applyPatch(current, { sites: { 'a.example': { hidden: ['p:y'] } } });
    expect(Object.keys(next.sites)).toEqual(['b.example', 'a.example']);
  });

  it('removes a host whose record is empty or has nothing valid', () => {
    expect(applyPatch(current, { sites: { 'a.example': {} } }).sites).toEqual({ 'b.example': { hidden: ['p:x'] } });
    const bad = { 'b.example': { hidden: [3] } } as unknown as Record<string, SiteSettings>;
    expect(applyPatch(current, { sites: bad }).sites).toEqual({ 'a.example': { paused: true } });
  });

  it('cleans the records it applies', () => {
    const patch = { 'c.example': { paused: true, hidden: ['p:a', 'p:a', 7], extra: 1 } } as unknown as Record<string, SiteSettings>;
    expect(applyPatch(current, { sites: patch }).sites['c.example']).toEqual({ paused: true, hidden: ['p:a'] });
  });

  it('ignores entries under a bad hostname or with a record that is not an object', () => {
    const patch = { 'Bad.Example': { paused: true }, 'a.example': null, 'b.example': 'x' } as unknown as Record<string, SiteSettings>;
    expect(applyPatch(current, { sites: patch })).toEqual(current);
  });

  it.each([['a string', 'x'], ['an array', []], ['null', null]])('ignores a sites patch that is %s', (_label, sites) => {
    expect(applyPatch(current, { sites } as unknown as Parameters<typeof applyPatch>[1])).toEqual(current);
  });

  it('keeps both of two changes built from the same old copy (two tabs)', () => {
    const old = current;
    const latest = applyPatch(current, pauseSite(old, 'c.example', true));
    const next = applyPatch(latest, hideEntity(old, 'd.example', 'p:z', true));
    expect(isPausedOn(next, 'c.example')).toBe(true);
    expect([...hiddenOn(next, 'd.example')]).toEqual(['p:z']);
  });

  it(`forgets the least recently changed site when a new one would pass ${MAX_SITES}`, () => {
    const full = withSites(Object.fromEntries(hosts(MAX_SITES).map((h) => [h, { paused: true }])));
    const next = applyPatch(full, pauseSite(full, 'new.example', true));
    expect(Object.keys(next.sites)).toHaveLength(MAX_SITES);
    expect(isPausedOn(next, 'new.example')).toBe(true);
    expect(isPausedOn(next, hosts(1)[0]!)).toBe(false);
  });

  it(`forgets a site's oldest hidden name past ${MAX_HIDDEN_PER_SITE}`, () => {
    const keys = Array.from({ length: MAX_HIDDEN_PER_SITE }, (_, i) => `p:e${i}`);
    const full = withSites({ 'a.example': { hidden: keys } });
    const next = applyPatch(full, hideEntity(full, 'a.example', 'p:new', true));
    expect(next.sites['a.example']!.hidden).toEqual([...keys.slice(1), 'p:new']);
  });

  it('applies a hover delay and a sites change together', () => {
    const next = applyPatch(current, { hoverDelayMs: 0, ...pauseSite(current, 'c.example', true) });
    expect(next.hoverDelayMs).toBe(0);
    expect(isPausedOn(next, 'c.example')).toBe(true);
  });
});

describe('a paused domain covers its subdomains', () => {
  const settings = applyPatch(defaultSettings(), { sites: { 'example.com': { paused: true } } });

  it('pauses the domain and every subdomain, and nothing that merely ends alike', () => {
    expect(isPausedOn(settings, 'example.com')).toBe(true);
    expect(isPausedOn(settings, 'news.example.com')).toBe(true);
    expect(isPausedOn(settings, 'a.b.example.com')).toBe(true);
    expect(isPausedOn(settings, 'badexample.com')).toBe(false);
    expect(isPausedOn(settings, 'example.org')).toBe(false);
    expect(pausedBy(settings, 'News.Example.com')).toBe('example.com');
  });

  it('reads a site from what a reader types or pastes', () => {
    expect(siteFromInput(' Example.COM ')).toBe('example.com');
    expect(siteFromInput('https://news.example.com/world/story?id=1')).toBe('news.example.com');
    expect(siteFromInput('localhost')).toBe('localhost');
    for (const bad of ['', 'not a site', 'example', 'ftp://example.com', 'javascript:alert(1)']) expect(siteFromInput(bad), bad).toBeNull();
  });
});
