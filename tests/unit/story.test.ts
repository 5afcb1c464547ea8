/** "Only on pages about a pack's story": which packs a page's names make apply. */
import { describe, expect, it } from 'vitest';
import { compilePacks, findEntity, storyPacks } from '../../src/core';
import { pack } from './core/pack-builder';

const index = compilePacks([
  pack([
    { id: 'musk', name: 'Elon Musk' }, { id: 'trump', name: 'Donald Trump' }, { id: 'toossi', name: 'Sina Toossi' },
    { id: 'iran', name: 'Iran', type: 'place', broad: true }, { id: 'us', name: 'United States', type: 'place', broad: true },
  ], 'story'),
  pack([{ id: 'a', name: 'Alpha One' }, { id: 'b', name: 'Beta Two' }, { id: 'c', name: 'Gamma Three' }], 'other'),
]);
const e = (key: string) => findEntity(index, key);

describe('storyPacks', () => {
  it('applies a pack once the page names three of its distinct, non-broad entities', () => {
    expect(storyPacks(index, [e('story:musk'), e('story:trump')])).toEqual(new Set());
    expect(storyPacks(index, [e('story:musk'), e('story:musk'), e('story:trump'), e('story:musk')])).toEqual(new Set());
    expect(storyPacks(index, [e('story:musk'), e('story:trump'), e('story:toossi')])).toEqual(new Set([0]));
  });

  it('does not count countries and large institutions, named everywhere', () => {
    expect(storyPacks(index, [e('story:musk'), e('story:iran'), e('story:us')])).toEqual(new Set());
  });

  it('decides each pack on its own names', () => {
    const page = [e('story:musk'), e('other:a'), e('other:b'), e('other:c')];
    expect(storyPacks(index, page)).toEqual(new Set([1]));
  });
});
