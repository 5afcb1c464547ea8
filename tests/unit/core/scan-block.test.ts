import { describe, expect, it } from 'vitest';
import { aliasInfo, compilePack, entityInfo, scanBlock, writtenAlias, type CompiledIndex } from '../../../src/core/index';
import { index, pack } from './pack-builder';

/** The matched texts of a block, in order. */
function found(idx: CompiledIndex, text: string, fusedNames = true): string[] {
  return scanBlock(idx, text, { fusedNames }).map((m) => text.slice(m.start, m.end));
}

const people = index([
  { id: 'elon-musk', name: 'Elon Musk', aliases: [{ text: 'Musk', caseSensitive: true }] },
  { id: 'donald-trump', name: 'Donald Trump', aliases: [{ text: 'Trump', caseSensitive: true }] },
  { id: 'doge', name: 'Department of Government Efficiency', type: 'organization', aliases: [{ text: 'DOGE', caseSensitive: true }] },
  { id: 'government', name: 'Government', type: 'concept' },
  { id: 'iran', name: 'Iran', type: 'place' },
  { id: 'us', name: 'United States', type: 'place', aliases: [{ text: 'US', caseSensitive: true }] },
  { id: 'jcpoa', name: '2015 Iran nuclear deal', type: 'agreement' },
  { id: 'israel', name: 'Israel', type: 'place' },
  { id: 'soleimani', name: 'Qassim Soleimani', aliases: ['Soleimani'] },
]);

describe('scanBlock: case', () => {
  it('matches case-insensitive aliases in any case', () => {
    expect(found(people, 'iran and IRAN and Iran')).toEqual(['iran', 'IRAN', 'Iran']);
  });

  it('requires the exact case for case-sensitive aliases', () => {
    expect(found(people, 'DOGE, doge, Doge and Dogecoin')).toEqual(['DOGE']);
    expect(found(people, 'us and US')).toEqual(['US']);
    expect(found(people, 'a musk scent and Musk himself')).toEqual(['Musk']);
  });

  it('compares case after normalisation (diacritics, joiners)', () => {
    const idx = index([{ id: 'iravani', name: 'Amir Saeid Iravani', aliases: [{ text: 'Īravānī', caseSensitive: true }] }]);
    expect(found(idx, 'Iravani, IRAVANI, iravani, Īravānī')).toEqual(['Iravani', 'Īravānī']);
  });

  it('does not let a candidate failing the case check block a shorter valid one', () => {
    const idx = index([
      { id: 'a', name: 'Trump Organization', aliases: [{ text: 'TRUMP TOWER', caseSensitive: true }] },
      { id: 'b', name: 'Donald Trump', aliases: [{ text: 'Trump', caseSensitive: true }] },
    ]);
    // "Trump Tower" fails its case check; "Trump" at the same start is still found.
    expect(found(idx, 'Trump tower', false)).toEqual(['Trump']);
  });
});

describe('scanBlock: boundaries', () => {
  it('rejects matches inside words', () => {
    expect(found(people, 'Iranian Irans MIran Iran2 2Iran')).toEqual([]);
  });

  it('treats non-Latin letters and digits as word characters', () => {
    expect(found(people, 'Irané Iranж Iran٣ жIran')).toEqual([]);
  });

  it('matches possessives with either apostrophe', () => {
    expect(found(people, "Musk's Trump’s Iranʼs")).toEqual(['Musk', 'Trump', 'Iran']);
  });

  it('matches names inside hyphenated compounds, with any dash', () => {
    expect(found(people, 'US-Iran anti-Trump pro‑Iran US–Iran')).toEqual(['US', 'Iran', 'Trump', 'Iran', 'US', 'Iran']);
  });

  it('matches across NBSP, line breaks and joiners in the page text', () => {
    const text = 'Elon\u00A0Musk, Elon\n  Musk, E\u200Blon Mu\u00ADsk';
    expect(found(people, text)).toEqual(['Elon\u00A0Musk', 'Elon\n  Musk', 'E\u200Blon Mu\u00ADsk']);
  });

  it('does not include removed characters after the match in its range', () => {
    const text = 'Iran\u00AD\u200B is';
    const [m] = scanBlock(people, text);
    expect(m && text.slice(m.start, m.end)).toBe('Iran');
  });

  it('matches at block start and end and next to punctuation', () => {
    expect(found(people, 'Iran')).toEqual(['Iran']);
    expect(found(people, '(Iran), "Iran". [US]')).toEqual(['Iran', 'Iran', 'US']);
  });

  it('treats an alias ending in punctuation like any other', () => {
    const idx = index([{ id: 'us', name: 'United States', aliases: [{ text: 'U.S.', caseSensitive: true }] }]);
    expect(found(idx, 'the U.S. said; the U.S.A. said')).toEqual(['U.S.']);
  });
});

describe('scanBlock: overlaps', () => {
  it('prefers the longest match at the leftmost position', () => {
    expect(found(people, 'the Department of Government Efficiency and the Government')).toEqual([
      'Department of Government Efficiency',
      'Government',
    ]);
    expect(found(people, 'pulled out of the 2015 Iran nuclear deal with Iran')).toEqual(['2015 Iran nuclear deal', 'Iran']);
  });

  it('never returns overlapping matches, leftmost first', () => {
    const idx = index([
      { id: 'a', name: 'New York' },
      { id: 'b', name: 'York Times' },
    ]);
    expect(found(idx, 'in New York Times Square', false)).toEqual(['New York']);
  });

  it('reports every alias of an identical span, strong first', () => {
    const idx = index([
      { id: 'a', name: 'Alpha', aliases: [{ text: 'Ace', needsContext: true }] },
      { id: 'b', name: 'Beta', aliases: ['Ace'] },
    ]);
    const [m] = scanBlock(idx, 'Ace');
    expect(m?.alternatives?.map((a) => aliasInfo(idx, a).entity)).toEqual([1, 0]);
    expect(m?.strong).toBe(true);
    expect(entityInfo(idx, m?.entity ?? -1).id).toBe('b');
  });
});

describe('scanBlock: fused proper names', () => {
  it('rejects a match fused with a capitalised word after it', () => {
    expect(found(people, 'The champion is Israel Adesanya, people say.')).toEqual([]);
    expect(found(people, 'The paper Israel Hayom reported it.')).toEqual([]);
  });

  it('rejects a match fused with a capitalised word before it', () => {
    expect(found(people, 'She wore White Musk all summer.')).toEqual([]);
  });

  it('accepts the full alias even though it is made of capitalised words', () => {
    expect(found(people, 'Then Elon Musk spoke.')).toEqual(['Elon Musk']);
  });

  it('accepts titles and honorifics before a name', () => {
    expect(found(people, 'later President Trump and Mr Musk and Gen. Soleimani and Maj. Gen. Qassim Soleimani met')).toEqual([
      'Trump',
      'Musk',
      'Soleimani',
      'Qassim Soleimani',
    ]);
    expect(found(people, 'the Foreign Minister Musk and Supreme Leader Trump and Ayatollah Trump')).toEqual(['Musk', 'Trump', 'Trump']);
  });

  it('accepts common capitalised words at sentence starts', () => {
    expect(found(people, 'Meanwhile Trump said so. But Musk did not. On Monday Trump left.')).toEqual(['Trump', 'Musk', 'Trump']);
    expect(found(people, 'When Iran agreed, I think Trump I guess nodded.')).toEqual(['Iran', 'Trump']);
  });

  it('accepts a neighbour that is itself a match', () => {
    expect(found(people, 'the talks between Iran Israel and others')).toEqual(['Iran', 'Israel']);
  });

  it('ignores neighbours separated by punctuation', () => {
    expect(found(people, 'They met Trump. Israel was not invited, said Musk, Tesla boss.')).toEqual(['Trump', 'Israel', 'Musk']);
  });

  it('does not apply in title-case headings', () => {
    expect(found(people, 'Musk’s Expanding Diplomatic Role')).toEqual(['Musk']);
    expect(found(people, 'Israel Adesanya Returns To The Octagon')).toEqual(['Israel']);
  });

  it('applies in a sentence that is not mostly capitalised', () => {
    expect(found(people, 'Israel Adesanya returns to the octagon next month in front of a home crowd')).toEqual([]);
  });

  it('can be switched off', () => {
    expect(found(people, 'The paper Israel Hayom reported it.', false)).toEqual(['Israel']);
  });
});

describe('scanBlock: offsets', () => {
  it('returns original offsets and the entity of the alias', () => {
    const text = 'Saïd met Mu\u00ADsk’s team';
    const idx = index([{ id: 'elon-musk', name: 'Elon Musk', aliases: ['Musk'] }]);
    const [m] = scanBlock(idx, text);
    expect(m).toMatchObject({ start: 9, end: 14, entity: 0, strong: true });
  });

  it('covers a whole astral code point at the edge of a match', () => {
    const idx = index([{ id: 'x', name: 'A\u{1D5A1}' }]); // mathematical sans-serif B: NFKD is "B"
    const text = 'x A\u{1D5A1} y';
    const [m] = scanBlock(idx, text);
    expect(m && text.slice(m.start, m.end)).toBe('A\u{1D5A1}');
  });

  it('returns nothing for empty text or an empty index', () => {
    expect(scanBlock(people, '')).toEqual([]);
    expect(scanBlock(index([]), 'Iran')).toEqual([]);
  });
});

describe('scanBlock: combining marks', () => {
  it('includes the combining marks of the last letter in the range', () => {
    const idx = index([{ id: 'jose', name: 'Jose' }]);
    const text = 'Jose\u0301 and Jose\u0301\u0327.';
    expect(found(idx, text)).toEqual(['Jose\u0301', 'Jose\u0301\u0327']);
  });
});

describe('writtenAlias', () => {
  it('gives each match its alias as the pack wrote it, read from the pack (the index keeps none)', () => {
    const p = pack([
      { id: 'elon-musk', name: 'Elon Musk', aliases: [{ text: 'Musk’s' }, { text: '\u00AD' }, { text: 'E. Musk' }] },
      { id: 'iran', name: 'Iran', type: 'place', aliases: [{ text: 'Iran' }, { text: 'Persia' }] },
    ]);
    const idx = compilePack(p);
    const text = 'Musk’s plan, Elon Musk, E. Musk; Persia and Iran.';
    const written = scanBlock(idx, text).map((m) => writtenAlias(idx, m.alias, p.entities[m.entity]!));
    // The name (not listed) comes first; an alias that normalises to nothing is not numbered.
    expect(written).toEqual(['Musk’s', 'Elon Musk', 'E. Musk', 'Persia', 'Iran']);
  });
});
