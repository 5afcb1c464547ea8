/** "Only on pages about a pack's story": which packs a page's names make apply (the page's decisions, stage 2). */
import { describe, expect, it } from 'vitest';
import { compilePacks, decidePage, entityInfo, scanBlock } from '../../src/core';
import { pack } from './core/pack-builder';

const index = compilePacks([
  pack([
    { id: 'musk', name: 'Elon Musk' }, { id: 'trump', name: 'Donald Trump' }, { id: 'toossi', name: 'Sina Toossi' },
    { id: 'iran', name: 'Iran', type: 'place', broad: true }, { id: 'us', name: 'United States', type: 'place', broad: true },
  ], 'story'),
  pack([{ id: 'a', name: 'Alpha One' }, { id: 'b', name: 'Beta Two' }, { id: 'c', name: 'Gamma Three' }], 'other'),
]);

/** The packs whose names a page of these blocks shows with "only on pages about its story". */
function storyPacks(blocks: string[]): Set<string> {
  const shown = decidePage(index, blocks.map((b) => scanBlock(index, b)), { mode: 'all', storyOnly: true });
  return new Set(shown.flat().map((m) => entityInfo(index, m.entity).key.split(':')[0]!));
}

describe('story only', () => {
  it('applies a pack once the page names three of its distinct, non-broad entities', () => {
    expect(storyPacks(['Elon Musk', 'Donald Trump'])).toEqual(new Set());
    expect(storyPacks(['Elon Musk', 'Elon Musk', 'Donald Trump', 'Elon Musk'])).toEqual(new Set());
    expect(storyPacks(['Elon Musk', 'Donald Trump', 'Sina Toossi'])).toEqual(new Set(['story']));
  });

  it('does not count countries and large institutions, named everywhere', () => {
    expect(storyPacks(['Elon Musk', 'Iran', 'United States'])).toEqual(new Set());
  });

  it('decides each pack on its own names', () => {
    expect(storyPacks(['Elon Musk', 'Alpha One', 'Beta Two', 'Gamma Three'])).toEqual(new Set(['other']));
  });

  it('shows a story pack’s broad entities with the rest, once broad ones have their context', () => {
    const shown = decidePage(index, ['Elon Musk met Donald Trump and Sina Toossi in Iran.'].map((b) => scanBlock(index, b)), { mode: 'all', storyOnly: true });
    expect(shown.flat().map((m) => entityInfo(index, m.entity).id)).toEqual(['musk', 'trump', 'toossi', 'iran']);
  });
});
