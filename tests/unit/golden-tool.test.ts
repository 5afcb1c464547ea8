/**
 * `npm run golden` records a review (build/corpus/golden.ts): what it reports as moved, and how it
 * rewrites a golden file, decide what the corpus test holds the next change to.
 */
import { describe, expect, it } from 'vitest';
import { corpusFigures, diffGolden, rewriteGolden, type Golden, type Mention } from '../../build/corpus/golden';

const TEXT = 'Elon Musk met Iran’s envoy. Kimbal Musk smiled. The Tesla CEO left. Trump spoke.';
const m = (entity: string, text: string, from = 0): Mention => {
  const start = TEXT.indexOf(text, from);
  return { entity, text, start, end: start + text.length };
};
const elon = m('elon-musk', 'Elon Musk');
const kimbal = m('elon-musk', 'Musk', TEXT.indexOf('Kimbal'));
const tesla = m('tesla', 'Tesla');
const trump = m('donald-trump', 'Trump');

const golden: Golden = {
  page: 'p.html', source: 's', reviewed: '2026-01-01',
  correct: [elon],
  misses: [{ ...tesla, kind: 'name as modifier', why: 'the Tesla CEO' }],
  falseHits: [{ ...kimbal, kind: 'part of another name', why: 'Kimbal Musk' }],
};

describe('the golden files', () => {
  it('agree with a scan that finds exactly the correct mentions and the known false hits', () => {
    expect(diffGolden(golden, [elon, kimbal], TEXT)).toEqual({ newHits: [], lost: [], fixedMisses: [], goneFalseHits: [], badOffsets: [] });
  });

  it('report a new hit, a lost mention, a fixed miss and a gone false hit, each by name', () => {
    expect(diffGolden(golden, [tesla, trump], TEXT)).toEqual({ newHits: [trump], lost: [elon], fixedMisses: [golden.misses[0]], goneFalseHits: [golden.falseHits[0]], badOffsets: [] });
  });

  it('report an entry whose text is not at its offsets (a hand edit gone wrong)', () => {
    const moved = { ...golden, correct: [{ ...elon, start: 1, end: 10 }] };
    expect(diffGolden(moved, [elon, kimbal], TEXT).badOffsets).toEqual([{ ...elon, start: 1, end: 10 }]);
  });

  it('rewrite after review: new hits correct unless marked false, fixed misses correct, lost ones misses', () => {
    const out = rewriteGolden(golden, [tesla, trump], new Map([[trump.start, 'other referent']]), '2026-12-07');
    expect(out.reviewed).toBe('2026-12-07');
    expect(out.correct).toEqual([tesla]);
    expect(out.falseHits).toEqual([{ ...trump, kind: 'other referent', why: 'marked false in review' }]);
    expect(out.misses).toEqual([{ ...elon, kind: 'regression', why: 'found before, not any more' }]);
  });

  it('drop a lost mention a longer one found now takes in, rather than call it missed', () => {
    const longer = m('elon-musk', 'Elon Musk met');
    const out = rewriteGolden({ ...golden, misses: [] }, [longer, kimbal], new Map(), '2026-12-07');
    expect(out.correct).toEqual([longer]);
    expect(out.misses).toEqual([]);
  });

  it('count a new hit over a lost correct mention as correct, not as a false hit that moved', () => {
    // "Musk" (false, Kimbal) is gone, and "Elon Musk" is now read as "Musk": the new "Musk" is Elon.
    const musk = m('elon-musk', 'Musk');
    const out = rewriteGolden(golden, [musk], new Map(), '2026-12-07');
    expect(out.correct).toEqual([musk]);
    expect(out.falseHits).toEqual([]);
    expect(out.misses).toEqual(golden.misses);
  });

  it('keep the class of an entry whose offsets only moved (text inserted before it)', () => {
    const shift = (x: Mention): Mention => ({ ...x, start: x.start + 4, end: x.end + 4 });
    const out = rewriteGolden(golden, [shift(elon), shift(kimbal)], new Map(), '2026-12-07');
    expect(out.correct).toEqual([shift(elon)]);
    expect(out.falseHits).toEqual([{ ...shift(kimbal), kind: 'part of another name', why: 'Kimbal Musk' }]);
    expect(out.misses).toEqual(golden.misses);
  });

  it('count precision and recall over pages, and the misses and false hits by kind', () => {
    expect(corpusFigures([golden, { ...golden, correct: [elon, trump] }])).toEqual({
      pages: 2, correct: 3, misses: 2, falseHits: 2, precision: 3 / 5, recall: 3 / 5,
      missesByKind: { 'name as modifier': 2 }, falseHitsByKind: { 'part of another name': 2 },
    });
  });
});
