/** The message protocol's pure parts: recognising messages, and the popup's entity summary. */
import { describe, expect, it } from 'vitest';
import { isCommand, isMessageOf, pageEntities, type ToContent } from '../../src/core';

describe('messages', () => {
  it('claims only the types of its own map', () => {
    expect(isMessageOf<ToContent>({ type: 'backstory/page-info' }, ['backstory/page-info'])).toBe(true);
    expect(isMessageOf<ToContent>({ type: 'backstory/page-info' }, ['backstory/command'])).toBe(false);
    expect(isMessageOf<ToContent>({ type: 'other-extension/hello' }, ['backstory/page-info'])).toBe(false);
    for (const junk of [null, undefined, 'backstory/page-info', 42, []]) expect(isMessageOf<ToContent>(junk, ['backstory/page-info'])).toBe(false);
    expect(isCommand('open-card')).toBe(true);
    expect(isCommand('rm -rf')).toBe(false);
  });

  it('summarises the mentions of a page as entities in order of first mention, with counts', () => {
    const m = (key: string, type: 'person' | 'place' = 'person') => ({ key, name: key.toUpperCase(), type });
    expect(pageEntities([m('p:a'), m('p:b', 'place'), m('p:a'), m('p:a')])).toEqual([
      { key: 'p:a', name: 'P:A', type: 'person', count: 3 },
      { key: 'p:b', name: 'P:B', type: 'place', count: 1 },
    ]);
    expect(pageEntities([])).toEqual([]);
  });
});
