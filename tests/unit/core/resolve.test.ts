import { describe, expect, it } from 'vitest';
import {
  compilePacks,
  decidePage,
  entityInfo,
  findMentions,
  NO_MATCHES,
  PageDecisions,
  scanBlock,
  type CompiledIndex,
  type DecidedBlock,
  type PageOptions,
} from '../../../src/core/index';
import { index, pack } from './pack-builder';

/** The accepted "text -> entity id" pairs of a page given as blocks. */
function accepted(idx: CompiledIndex, blocks: string[], options: PageOptions = { mode: 'all' }): string[] {
  const raw = blocks.map((b) => scanBlock(idx, b));
  return decidePage(idx, raw, options).flatMap((ms, i) =>
    ms.map((m) => `${blocks[i]!.slice(m.start, m.end)}>${entityInfo(idx, m.entity).id}`),
  );
}

const story = index([
  { id: 'elon-musk', name: 'Elon Musk', aliases: [{ text: 'Musk', caseSensitive: true, needsContext: true }], related: ['tesla'] },
  { id: 'tesla', name: 'Tesla Inc', type: 'organization', aliases: [{ text: 'Tesla', caseSensitive: true, needsContext: true }] },
  { id: 'donald-trump', name: 'Donald Trump', aliases: [{ text: 'Trump', caseSensitive: true, needsContext: true }] },
  { id: 'iran', name: 'Iran', type: 'place', broad: true },
  { id: 'israel', name: 'Israel', type: 'place', broad: true, related: ['hamas'] },
  { id: 'hamas', name: 'Hamas', type: 'organization', aliases: [{ text: 'the movement', needsContext: true }] },
  { id: 'sina-toossi', name: 'Sina Toossi', aliases: [{ text: 'Toossi', caseSensitive: true, needsContext: true }], related: ['israel'] },
]);

describe('decidePage: needsContext', () => {
  it('drops a needsContext mention without a strong mention on the page', () => {
    expect(accepted(story, ['Musk is a scent.'])).toEqual([]);
  });

  it('keeps it when the page names the entity strongly, in any block, before or after', () => {
    expect(accepted(story, ['Musk spoke first.', 'Later, Elon Musk left.'])).toEqual(['Musk>elon-musk', 'Elon Musk>elon-musk']);
  });

  it('keeps it when the page names a related entity strongly, in either direction', () => {
    expect(accepted(story, ['Musk arrived.', 'Shares of Tesla Inc fell.'])).toEqual(['Musk>elon-musk', 'Tesla Inc>tesla']);
    expect(accepted(story, ['Tesla fell.', 'Elon Musk said.'])).toEqual(['Tesla>tesla', 'Elon Musk>elon-musk']);
  });

  it('does not count another needsContext mention as context', () => {
    expect(accepted(story, ['Musk and Tesla and Trump.'])).toEqual([]);
  });

  it('counts a broad related entity as context only once broad entities are shown', () => {
    // Israel (broad) is related to Toossi; alone it is not shown, so it gives no context.
    expect(accepted(story, ['Toossi on Israel.'])).toEqual([]);
    // With two non-broad entities, Israel is shown and supports "Toossi".
    expect(accepted(story, ['Toossi on Israel.', 'Elon Musk and Hamas.'])).toEqual([
      'Toossi>sina-toossi',
      'Israel>israel',
      'Elon Musk>elon-musk',
      'Hamas>hamas',
    ]);
  });
});

describe('decidePage: broad entities', () => {
  it('drops a broad entity when fewer than two other non-broad entities are shown', () => {
    expect(accepted(story, ['Iran and Israel.'])).toEqual([]);
    expect(accepted(story, ['Iran and Elon Musk.'])).toEqual(['Elon Musk>elon-musk']);
  });

  it('keeps it with two other non-broad entities', () => {
    expect(accepted(story, ['Iran, Elon Musk and Donald Trump.'])).toEqual([
      'Iran>iran',
      'Elon Musk>elon-musk',
      'Donald Trump>donald-trump',
    ]);
  });

  it('does not count needsContext mentions that were dropped', () => {
    expect(accepted(story, ['Iran, Elon Musk and Trump.'])).toEqual(['Elon Musk>elon-musk']);
  });

  it('counts accepted needsContext mentions', () => {
    expect(accepted(story, ['Iran, Elon Musk and Tesla.'])).toEqual(['Iran>iran', 'Elon Musk>elon-musk', 'Tesla>tesla']);
  });
});

describe('decidePage: ambiguous spans', () => {
  const shared = index([
    { id: 'jaguar-cars', name: 'Jaguar Land Rover', type: 'organization', aliases: [{ text: 'Jaguar', needsContext: true }] },
    { id: 'jaguar-animal', name: 'Panthera onca', type: 'concept', aliases: [{ text: 'Jaguar', needsContext: true }] },
  ]);

  it('picks the alternative the page gives context for', () => {
    expect(accepted(shared, ['The Jaguar hunts.', 'Panthera onca lives here.'])).toEqual([
      'Jaguar>jaguar-animal',
      'Panthera onca>jaguar-animal',
    ]);
    expect(accepted(shared, ['Jaguar Land Rover said the Jaguar sold well.'])).toEqual([
      'Jaguar Land Rover>jaguar-cars',
      'Jaguar>jaguar-cars',
    ]);
    expect(accepted(shared, ['A Jaguar.'])).toEqual([]);
  });
});

describe('decidePage: modes and filters', () => {
  const page = ['Elon Musk met Donald Trump.', 'Musk and Trump spoke again; Elon Musk left.'];

  it('"all" keeps every mention', () => {
    expect(accepted(story, page)).toHaveLength(5);
  });

  it('"first" keeps the first mention of each entity, in document order', () => {
    expect(accepted(story, page, { mode: 'first' })).toEqual(['Elon Musk>elon-musk', 'Donald Trump>donald-trump']);
  });

  it('filters by type', () => {
    expect(accepted(story, ['Elon Musk, Tesla Inc and Hamas.'], { mode: 'all', enabledTypes: new Set(['organization']) })).toEqual([
      'Tesla Inc>tesla',
      'Hamas>hamas',
    ]);
  });

  it('hides entities by key but still uses them as context', () => {
    expect(accepted(story, page, { mode: 'all', hiddenEntities: new Set(['test:donald-trump']) })).toEqual([
      'Elon Musk>elon-musk',
      'Musk>elon-musk',
      'Elon Musk>elon-musk',
    ]);
    expect(accepted(story, ['Tesla fell.', 'Elon Musk said.'], { mode: 'all', hiddenEntities: new Set(['test:elon-musk']) })).toEqual([
      'Tesla>tesla',
    ]);
  });

  it('"first" counts only shown mentions', () => {
    expect(accepted(story, ['Musk.', 'Elon Musk.'], { mode: 'first' })).toEqual(['Musk>elon-musk']);
    expect(
      accepted(story, ['Elon Musk met Donald Trump.'], { mode: 'first', hiddenEntities: new Set(['test:elon-musk']) }),
    ).toEqual(['Donald Trump>donald-trump']);
  });

  it('is incremental-friendly: re-resolving with more blocks can unlock earlier mentions', () => {
    const blocks = ['Musk spoke.'];
    expect(accepted(story, blocks)).toEqual([]);
    blocks.push('Elon Musk, that is.');
    expect(accepted(story, blocks)).toEqual(['Musk>elon-musk', 'Elon Musk>elon-musk']);
  });
});

describe('findMentions', () => {
  it('treats lines as blocks and returns offsets in the whole string', () => {
    const text = 'Elon Musk.\r\nThen Musk left.\nIran';
    const ms = findMentions(story, text);
    expect(ms.map((m) => [m.text, text.slice(m.start, m.end), m.entityKey])).toEqual([
      ['Elon Musk', 'Elon Musk', 'test:elon-musk'],
      ['Musk', 'Musk', 'test:elon-musk'],
    ]);
  });

  it('accepts blocks as an array', () => {
    const ms = findMentions(story, ['Elon Musk.', 'Musk.'], { mode: 'first' });
    expect(ms.map((m) => [m.start, m.end])).toEqual([[0, 9]]);
    expect(findMentions(story, ['x', 'Elon Musk']).map((m) => m.start)).toEqual([2]);
  });
});

describe('the page\'s decisions with several packs', () => {
  // Two packs in one index, as when a reader imports a pack beside the bundled one.
  const two = compilePacks([
    pack([{ id: 'iran', name: 'Iran', type: 'place', broad: true }, { id: 'elon-musk', name: 'Elon Musk' }], 'story'),
    pack([{ id: 'port', name: 'Port of Kestrel', type: 'place' }, { id: 'union', name: 'Kestrel Dockworkers Union', type: 'organization' }], 'other'),
  ]);
  const page = ['Elon Musk visited the Port of Kestrel, where the Kestrel Dockworkers Union met.', 'Iran was not discussed.'];

  it('shows a broad entity only where two other entities of its own pack are named', () => {
    // Three non-broad names on the page, but only one from Iran's pack: Iran stays plain.
    expect(accepted(two, page)).toEqual(['Elon Musk>elon-musk', 'Port of Kestrel>port', 'Kestrel Dockworkers Union>union']);
    const decisions = new PageDecisions<DecidedBlock & { at: number }>(two, { mode: 'all' }, (a, b) => a.at < b.at);
    const blocks = page.map((text, at) => ({ at, raw: scanBlock(two, text), accepted: NO_MATCHES, shown: NO_MATCHES, holder: null }));
    blocks.forEach((b) => decisions.add(b));
    expect(blocks[1]!.shown).toEqual([]);
  });
});
