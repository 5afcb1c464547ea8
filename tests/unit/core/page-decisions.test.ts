/**
 * The page's decisions are made by one implementation, used incrementally by the content script
 * and in one call by the CLI. Whatever order a page's blocks are added, changed and removed in, and
 * whatever the reader's options, the incremental decisions must end equal to the batch call on the
 * final page, and every block whose shown mentions changed must be reported (the content script
 * repaints only what is reported).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePacks,
  decidePage,
  NO_MATCHES,
  PageDecisions,
  scanBlock,
  validatePack,
  type DecidedBlock,
  type EntityType,
  type PageOptions,
  type RawMatch,
} from '../../../src/core/index';
import { pack } from './pack-builder';

const fixture = (() => {
  const r = validatePack(readFileSync('tests/fixtures/packs/musk-iran.json', 'utf8'));
  if (!r.ok) throw new Error('fixture pack is invalid');
  return r.pack;
})();
// Two packs, as when a reader imports one beside the bundled pack: broad entities and stories are per pack.
const other = pack([
  { id: 'port', name: 'Port of Kestrel', type: 'place' },
  { id: 'union', name: 'Kestrel Dockworkers Union', type: 'organization', aliases: [{ text: 'the union', needsContext: true }] },
  { id: 'mayor', name: 'Ada Lind', aliases: [{ text: 'Lind', caseSensitive: true, needsContext: true }], related: ['port'] },
  { id: 'kestrel', name: 'Kestrel City', type: 'place', broad: true },
], 'other');
const index = compilePacks([fixture, other]);

/** Phrases that exercise every rule: strong and needsContext aliases, broad entities, relations, two packs. */
const phrases = [
  'Elon Musk', 'Musk', 'musk', 'Donald Trump', 'Trump', 'trumps', 'DOGE', 'doge', 'Tesla', 'Iran', 'Israel',
  'United States', 'US', 'UN', 'Hamas', 'Hezbollah', 'Toossi', 'Sina Toossi', 'Araghchi', 'Zelensky', 'Soleimani',
  'Qassim Soleimani', 'JCPOA', 'nuclear deal', 'Starlink', 'SpaceX', 'Ukraine', 'Russia', 'Iravani', 'the weather',
  'Port of Kestrel', 'the union', 'Kestrel Dockworkers Union', 'Lind', 'Ada Lind', 'Kestrel City',
];
const textArb = fc.array(fc.constantFrom(...phrases), { minLength: 0, maxLength: 5 }).map((words) => `${words.join(', ')}.`);
const TYPES: EntityType[] = ['person', 'organization', 'place', 'event', 'agreement', 'concept'];
const HIDEABLE = ['musk-iran-2024:iran', 'musk-iran-2024:elon-musk', 'musk-iran-2024:hamas', 'other:port'];

const optionsArb: fc.Arbitrary<PageOptions> = fc.record(
  {
    mode: fc.constantFrom('all' as const, 'first' as const),
    enabledTypes: fc.subarray(TYPES, { minLength: 1 }).map((t) => new Set(t)),
    hiddenEntities: fc.subarray(HIDEABLE).map((h) => new Set(h)),
    storyOnly: fc.boolean(),
  },
  { requiredKeys: ['mode'] },
);

/** A block of the test page: its place in the final page, and its text's matches. */
interface Block extends DecidedBlock {
  readonly at: number;
}
const block = (at: number, text: string): Block => ({ at, raw: scanBlock(index, text), accepted: NO_MATCHES, shown: NO_MATCHES, holder: null });
const precedes = (a: Block, b: Block) => a.at < b.at;

/** One step of a page's life: a block read, changed to another text, or removed; or new options. */
type Step = { kind: 'add'; at: number; text: string } | { kind: 'remove'; at: number } | { kind: 'options'; options: PageOptions };
const stepArb = (size: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(size - 1), text: textArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat(size - 1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('options' as const), options: optionsArb }) },
  );

const show = (list: readonly RawMatch[]) => list.map((m) => `${m.start}-${m.end}:${m.entity}/${m.alias}`);

describe('PageDecisions', () => {
  it('ends equal to decidePage on the final page, whatever the order of updates, and reports every change', () => {
    fc.assert(
      fc.property(
        fc.array(textArb, { minLength: 1, maxLength: 10 }).chain((final) =>
          fc.tuple(fc.constant(final), fc.array(stepArb(final.length), { maxLength: 25 }), fc.func(fc.integer()), optionsArb, optionsArb),
        ),
        ([final, steps, order, startOptions, endOptions]) => {
          const decisions = new PageDecisions<Block>(index, startOptions, precedes);
          /** The block at each place of the page, if it is on the page now. */
          const page = new Map<number, Block>();
          /** What each block showed when last checked. */
          const seen = new Map<Block, RawMatch[]>();
          const check = (changed: Set<Block>) => {
            // Reported: exactly the blocks on the page whose shown list differs from the last one seen.
            for (const b of page.values()) {
              const before = seen.get(b) ?? [];
              if (show(before).join() !== show(b.shown).join()) expect(changed.has(b)).toBe(true);
              seen.set(b, [...b.shown]);
            }
          };
          const put = (at: number, text: string) => {
            const changed = new Set<Block>();
            const old = page.get(at);
            // A changed block is removed and read again as a new one, as the content script does.
            if (old) decisions.remove([old], changed);
            const fresh = block(at, text);
            page.set(at, fresh);
            decisions.add(fresh, changed);
            check(changed);
          };
          for (const step of steps) {
            if (step.kind === 'add') put(step.at, step.text);
            else if (step.kind === 'remove') {
              const old = page.get(step.at);
              if (!old) continue;
              page.delete(step.at);
              const changed = decisions.remove([old]);
              expect(old.shown).toEqual([]);
              check(changed);
            } else check(decisions.setOptions(step.options));
          }
          // Then the page reaches its final state, the missing blocks arriving in any order.
          const places = final.map((_, i) => i).sort((a, b) => order(a) - order(b) || a - b);
          for (const at of places) {
            const now = page.get(at);
            if (!now || !sameText(now, final[at]!)) put(at, final[at]!);
          }
          check(decisions.setOptions(endOptions));

          const expected = decidePage(index, final.map((t) => scanBlock(index, t)), endOptions);
          final.forEach((_, at) => expect(show(page.get(at)!.shown)).toEqual(show(expected[at]!)));
          // The blocks held are those that name someone, in document order.
          expect(decisions.ordered.map((b) => b.at)).toEqual(final.map((_, at) => at).filter((at) => page.get(at)!.raw.length > 0));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('unlocks earlier needsContext mentions when a strong one arrives later, and reports both', () => {
    const decisions = new PageDecisions<Block>(index, { mode: 'all' }, precedes);
    const a = block(0, 'Musk spoke.');
    const b = block(1, 'Elon Musk later said more.');
    expect(decisions.add(a).size).toBe(0);
    expect(a.shown).toEqual([]);
    const changed = decisions.add(b);
    expect([...changed]).toEqual(expect.arrayContaining([a, b]));
    expect(changed.size).toBe(2);
    expect(a.shown.map((m) => m.start)).toEqual([0]);
  });

  it('in first-mention mode, moves the first mention to a block read later that comes earlier in the page', () => {
    const decisions = new PageDecisions<Block>(index, { mode: 'first' }, precedes);
    const later = block(5, 'Elon Musk and Hamas.');
    const earlier = block(2, 'Hamas first.');
    decisions.add(later);
    expect(show(later.shown)).toHaveLength(2);
    const changed = decisions.add(earlier);
    expect(changed).toEqual(new Set([earlier, later]));
    expect(later.shown.map((m) => m.start)).toEqual([0]);
    expect(decisions.ordered).toEqual([earlier, later]);
    // And back, when that block leaves the page.
    expect(decisions.remove([earlier])).toEqual(new Set([later]));
    expect(show(later.shown)).toHaveLength(2);
  });

  it('with story only, shows a pack once the page names three of its entities, and stops when one goes', () => {
    const decisions = new PageDecisions<Block>(index, { mode: 'all', storyOnly: true }, precedes);
    const blocks = [block(0, 'Elon Musk spoke.'), block(1, 'Hamas replied, and Port of Kestrel.'), block(2, 'Hezbollah answered.')];
    decisions.add(blocks[0]!);
    decisions.add(blocks[1]!);
    expect(blocks.map((b) => b.shown.length)).toEqual([0, 0, 0]);
    expect(decisions.add(blocks[2]!)).toEqual(new Set(blocks));
    // The other pack's one name stays plain: its story is not this page's.
    expect(blocks.map((b) => b.shown.length)).toEqual([1, 1, 1]);
    decisions.remove([blocks[2]!]);
    expect(blocks.map((b) => b.shown.length)).toEqual([0, 0, 0]);
  });

  it('decides afresh under new options without the page being read again', () => {
    const decisions = new PageDecisions<Block>(index, { mode: 'all' }, precedes);
    const blocks = [block(0, 'Elon Musk spoke.'), block(1, 'Hamas and Hezbollah.')];
    blocks.forEach((b) => decisions.add(b));
    const changed = decisions.setOptions({ mode: 'all', enabledTypes: new Set<EntityType>(['organization']) });
    expect(changed).toEqual(new Set([blocks[0]]));
    expect(blocks.map((b) => b.shown.length)).toEqual([0, 2]);
  });
});

function sameText(b: Block, text: string): boolean {
  return JSON.stringify(b.raw) === JSON.stringify(scanBlock(index, text));
}
