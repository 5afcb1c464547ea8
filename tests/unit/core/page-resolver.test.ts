/**
 * PageResolver must decide exactly what resolvePage decides over the same blocks, however the
 * blocks arrive (one by one, in any order) and whatever is removed later.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack, resolvePage, scanBlock, validatePack, type EntityType, type RawMatch } from '../../../src/core/index';
import { PageResolver, resolverEntry, type ResolverEntry } from '../../../src/core/match/page-resolver';

const fixture = (() => {
  const r = validatePack(readFileSync('tests/fixtures/packs/musk-iran.json', 'utf8'));
  if (!r.ok) throw new Error('fixture pack is invalid');
  return r.pack;
})();
const index = compilePack(fixture);

/** Phrases that exercise every rule: strong and needsContext aliases, broad entities, relations. */
const phrases = [
  'Elon Musk', 'Musk', 'musk', 'Donald Trump', 'Trump', 'trumps', 'DOGE', 'doge', 'Tesla', 'Iran', 'Israel',
  'United States', 'US', 'UN', 'Hamas', 'Hezbollah', 'Toossi', 'Sina Toossi', 'Araghchi', 'Zelensky', 'Soleimani',
  'Qassim Soleimani', 'JCPOA', 'nuclear deal', 'Starlink', 'SpaceX', 'Ukraine', 'Russia', 'Iravani', 'the weather',
];

const blockArb = fc.array(fc.constantFrom(...phrases), { minLength: 0, maxLength: 5 }).map((words) => `${words.join(', ')}.`);
const ENTITY_TYPES: EntityType[] = ['person', 'organization', 'place', 'event', 'agreement', 'concept'];

function byResolvePage(raw: (readonly RawMatch[])[], filters: { enabledTypes?: Set<EntityType>; hiddenEntities?: Set<string> }): RawMatch[][] {
  return resolvePage(index, raw, { mode: 'all', ...filters });
}

describe('PageResolver', () => {
  it('matches resolvePage however the blocks arrive, with or without filters', () => {
    fc.assert(
      fc.property(
        fc.array(blockArb, { minLength: 1, maxLength: 12 }),
        fc.func(fc.integer()),
        fc.option(fc.subarray(ENTITY_TYPES, { minLength: 1 }), { nil: undefined }),
        fc.option(fc.subarray(['musk-iran-2024:iran', 'musk-iran-2024:elon-musk', 'musk-iran-2024:hamas']), { nil: undefined }),
        (texts, order, types, hidden) => {
          const raw = texts.map((t) => scanBlock(index, t));
          const filters = { ...(types ? { enabledTypes: new Set(types) } : {}), ...(hidden ? { hiddenEntities: new Set(hidden) } : {}) };
          const expected = byResolvePage(raw, filters);
          const resolver = new PageResolver(index, filters);
          const blocks = raw.map(resolverEntry);
          const arrival = raw.map((_, i) => i).sort((a, b) => order(a) - order(b) || a - b);
          const reported = new Set<ResolverEntry>();
          for (const i of arrival) for (const k of resolver.add(blocks[i]!)) reported.add(k);
          blocks.forEach((b, i) => expect(resolver.shown(b)).toEqual(expected[i]));
          // Every block that shows something was reported as changed at some point.
          blocks.forEach((b, i) => {
            if (expected[i]!.length > 0) expect(reported.has(b)).toBe(true);
          });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('matches resolvePage after blocks are removed, and reports what changed', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 2, maxLength: 10 }), fc.array(fc.nat(9), { maxLength: 4 }), (texts, removals) => {
        const raw = texts.map((t) => scanBlock(index, t));
        const resolver = new PageResolver(index);
        const blocks = raw.map(resolverEntry);
        blocks.forEach((b) => resolver.add(b));
        const alive = new Set(raw.map((_, i) => i));
        for (const victim of removals) {
          if (!alive.has(victim)) continue;
          const before = new Map([...alive].map((i) => [i, JSON.stringify(resolver.shown(blocks[i]!))]));
          alive.delete(victim);
          const changed = resolver.remove([blocks[victim]!]);
          expect(resolver.shown(blocks[victim]!)).toEqual([]);
          const keys = [...alive];
          const expected = byResolvePage(keys.map((i) => raw[i]!), {});
          keys.forEach((i, k) => {
            expect(resolver.shown(blocks[i]!)).toEqual(expected[k]);
            expect(changed.has(blocks[i]!)).toBe(before.get(i) !== JSON.stringify(expected[k]));
          });
        }
      }),
      { numRuns: 800 },
    );
  });

  it('unlocks earlier needsContext mentions when a strong one arrives later', () => {
    const resolver = new PageResolver(index);
    const a = resolverEntry(scanBlock(index, 'Musk spoke.'));
    const b = resolverEntry(scanBlock(index, 'Elon Musk later said more.'));
    expect(resolver.add(a).size).toBe(0);
    expect(resolver.shown(a)).toEqual([]);
    const changed = resolver.add(b);
    expect([...changed]).toEqual(expect.arrayContaining([a, b]));
    expect(changed.size).toBe(2);
    expect(resolver.shown(a).map((m) => m.start)).toEqual([0]);
  });

  it('decides afresh for blocks moved to a new resolver (new filters), and the old one lets go', () => {
    const old = new PageResolver(index);
    const blocks = ['Elon Musk spoke.', 'Hamas and Hezbollah.'].map((t) => resolverEntry(scanBlock(index, t)));
    blocks.forEach((b) => old.add(b));
    const fresh = new PageResolver(index, { enabledTypes: new Set<EntityType>(['organization']) });
    blocks.forEach((b) => fresh.add(b));
    expect(blocks.map((b) => fresh.shown(b).length)).toEqual([0, 2]);
    expect(blocks.map((b) => old.shown(b).length)).toEqual([0, 0]);
  });
});
