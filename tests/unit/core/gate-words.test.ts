/**
 * The name gate, the test a frame runs on its blocks before loading anything
 * (src/core/match/gate-words.ts): the words of the block, normalised as the matcher reads them,
 * against each alias's first two words. It must never rule out a block in which scanBlock finds a
 * match; it should rule out the English, accented or Persian text that names nobody.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundledPacks } from '../../../build/packs';
import { compilePacks, gateWordsSource, indexedAliases, packsGateSource, scanBlock, wordGate, type Alias, type Pack } from '../../../src/core/index';
import { pack } from './pack-builder';

const ROOT = resolve(__dirname, '../../..');
const bundledPacks = readBundledPacks(ROOT).map((p) => p.pack);

/** A small pack in Persian of its own (the bundled pack has Persian names too), written with ZWNJ as Persian is. */
const persian: Pack = pack(
  [
    { id: 'khamenei', name: 'Ali Khamenei', aliases: ['علی خامنه\u200Cای', { text: 'خامنه\u200Cای', needsContext: true }] },
    { id: 'pezeshkian', name: 'Masoud Pezeshkian', aliases: ['مسعود پزشکیان', 'پزشکیان'] },
    { id: 'araghchi', name: 'Abbas Araghchi', aliases: ['عباس عراقچی'] },
    { id: 'iran', name: 'Iran', type: 'place', aliases: ['ایران'] },
  ],
  'fa-test',
);

const bundled = compilePacks(bundledPacks);
const withPersian = compilePacks([...bundledPacks, persian]);

/** The test the frames of these packs run (none where there can be no gate: every block goes through). */
const testOf = (packs: readonly Pack[]) => {
  const source = packsGateSource(packs);
  return source === null ? () => true : wordGate(source);
};

const FRENCH =
  "Le gouvernement a présenté mercredi un projet de loi visant à réformer l'assurance chômage. Les syndicats, " +
  'réunis à Paris, ont dénoncé une mesure « injuste » qui pénaliserait les travailleurs précaires, tandis que le ' +
  "patronat s'est félicité d'une décision « nécessaire ». J'ai lu l'étude : elle prévoit un déficit réduit d'ici 2027.";
const SPANISH =
  'El ayuntamiento de Sevilla aprobó ayer un plan para reducir el tráfico en el centro histórico. Los comerciantes ' +
  'temen que la medida afecte a sus ventas durante la campaña de Navidad.';
const PERSIAN =
  'شهرداری شیراز اعلام کرد که طرح توسعه\u200Cی فضای سبز در مناطق جنوبی شهر از ماه آینده آغاز می\u200Cشود. به گفته\u200Cی ' +
  'مسئولان، این طرح شامل کاشت هزاران درخت و ساخت چند پارک محله\u200Cای است.';

describe('the gate on pages that name nobody', () => {
  it('rules out accented Latin text, the French "un" and "j\'ai" included (the pack\'s "UN" must match in its case, "J.D." is two words)', () => {
    const test = testOf(bundledPacks);
    expect(scanBlock(bundled, FRENCH, { prefilter: false })).toEqual([]);
    // The index's prefilter lets both through: they hold characters past ASCII.
    expect(new RegExp(bundled.prefilter, 'i').test(FRENCH)).toBe(true);
    expect(test(FRENCH)).toBe(false);
    expect(test(SPANISH)).toBe(false);
  });

  it('rules out a Persian paragraph in which none of the pack\'s Persian aliases appears', () => {
    expect(scanBlock(withPersian, PERSIAN, { prefilter: false })).toEqual([]);
    expect(testOf([...bundledPacks, persian])(PERSIAN)).toBe(false);
    expect(testOf(bundledPacks)(PERSIAN)).toBe(false);
    // The bundled pack names Tehran in Persian: the same paragraph about Tehran goes through.
    expect(testOf(bundledPacks)(PERSIAN.replace('شیراز', 'تهران'))).toBe(true);
  });

  it('rules out plain English that names nobody, and lets a name through', () => {
    const test = testOf(bundledPacks);
    expect(test('A paragraph about the weather and nothing else.')).toBe(false);
    expect(test('Elon Musk met the envoy.')).toBe(true);
  });
});

/** Each text holds a name scanBlock finds in `index`, and the gate of `packs` lets it through. */
function expectLetThrough(packs: readonly Pack[], index: ReturnType<typeof compilePacks>, texts: readonly string[]): void {
  const test = testOf(packs);
  for (const text of texts) {
    expect(scanBlock(index, text, { prefilter: false }).length, text).toBeGreaterThan(0);
    expect(test(text), text).toBe(true);
  }
}

/**
 * Runs a property 2,000 times: wherever scanBlock finds a name, the gate must let the text through.
 * Returns how often each answer came, so a test can check the generator makes both, often.
 */
function tally<T>(arbitrary: fc.Arbitrary<T>, answer: (value: T) => { found: boolean; may: boolean }): { matched: number; ruledOut: number } {
  let matched = 0;
  let ruledOut = 0;
  fc.assert(fc.property(arbitrary, (value) => {
    const { found, may } = answer(value);
    if (found) {
      matched++;
      expect(may).toBe(true);
    }
    if (!may) ruledOut++;
  }), { numRuns: 2000 });
  return { matched, ruledOut };
}

describe('the gate lets names through', () => {
  it('in accented text, in whatever case and accents the automaton accepts', () => {
    expectLetThrough(bundledPacks, bundled, [
      `${FRENCH} Élon Musk a réagi.`,
      'ÉLON MUSK a réagi sur X, selon le NYT.',
      'Le président de l\u2019Iran a répondu à Elon Mu\u00ADsk.',
      'Les US et l’Iran négocient à Oman.',
      'Une réunion à Doha avec Abbas Araghchi.',
    ]);
  });

  it('in Persian, written with or without the zero-width non-joiner, with harakat and with Latin around', () => {
    expectLetThrough([...bundledPacks, persian], withPersian, [
      `${PERSIAN} رئیس\u200Cجمهور مسعود پزشکیان روز دوشنبه با وزیر دیدار کرد.`,
      'سخنرانی آیت\u200Cالله علی خامنه\u200Cای در تهران',
      'سخنرانی آیت\u200Cالله علی خامنهای در تهران',
      'عَبّاس عراقچی گفت',
      'Iran (ایران) and Élysée',
    ]);
  });

  it('lets every alias of the bundled and Persian packs through, amid accented text', () => {
    const test = testOf([...bundledPacks, persian]);
    for (const p of [...bundledPacks, persian]) {
      for (const e of p.entities) {
        for (const a of indexedAliases(e)) {
          const text = `Avant « ${a.text} », après.`;
          if (scanBlock(withPersian, text, { prefilter: false }).length > 0) expect(test(text), a.text).toBe(true);
        }
      }
    }
  });
});

describe('gateWordsSource', () => {
  it('keeps the first two words of each alias, lower-cased, or in their case where the alias is case-sensitive', () => {
    const source = gateWordsSource([
      { norm: 'Elon Musk', caseSensitive: false },
      { norm: 'UN', caseSensitive: true },
      { norm: 'J.D. Vance', caseSensitive: false },
      { norm: 'Elon', caseSensitive: false },
      { norm: 'Tehran', caseSensitive: false },
    ])!;
    // "elon musk" is covered by "elon" alone; "UN" keeps its case; "j d" stops after two words.
    expect(source.split('\n')).toEqual(['=UN', 'elon', 'j d', 'tehran']);
  });

  it('has none where an alias has no word, and never lets anything through for packs without aliases', () => {
    expect(gateWordsSource([{ norm: '...', caseSensitive: false }])).toBeNull();
    expect(wordGate(packsGateSource([pack([])])!)('Élysée, Paris, Iran')).toBe(false);
  });

  it('keeps surrogate pairs whole, and finds a name ending in half a pair', () => {
    // U+2000B and U+2000C share their high surrogate: the trie splits them after it.
    const p = pack([
      { id: 'a', name: '\u{2000B}' },
      { id: 'b', name: '\u{2000C}' },
      { id: 'c', name: 'x\uD800' },
    ]);
    const idx = compilePacks([p]);
    const test = testOf([p]);
    for (const text of ['é \u{2000C}', 'é \u{2000B}.', 'é x\uD800 y', 'é x\uD800\uDC00']) {
      expect(scanBlock(idx, text, { prefilter: false }).length, text).toBeGreaterThan(0);
      expect(test(text), text).toBe(true);
    }
    expect(testOf([pack([{ id: 'a', name: '\u{2000B}' }, { id: 'b', name: '\u{2000C}' }])])('é \u{2000D}')).toBe(false);
    // Half a pair matches inside a word (the matcher compares UTF-16 units): no gate for such a pack.
    expect(packsGateSource([p])).toBeNull();
  });
});

/** The property tests below, run as they are and again with Set.prototype.isDisjointFrom, which the gate uses where the browser has it. */
function neverRulesOutAMatch(): void {
  /** Every alias of the bundled and Persian packs, as written. */
  const written = [...bundledPacks, persian].flatMap((p) => p.entities.flatMap((e) => indexedAliases(e).map((a) => a.text)));

  const ACCENTS: Record<string, string> = { a: 'à', e: 'é', i: 'ï', o: 'ô', u: 'ü', c: 'ç', n: 'ñ', E: 'É', A: 'Â', O: 'Ö' };
  /** What a page does to a name: its case, accents, a joiner or soft hyphen inside, the other Arabic yeh and kaf, a cut. */
  const mangled = fc
    .tuple(fc.constantFrom(...written), fc.constantFrom('keep', 'upper', 'lower', 'accent', 'joiner', 'arabic', 'persian', 'cut', 'first'), fc.nat())
    .map(([t, how, n]) => {
      switch (how) {
        case 'upper':
          return t.toUpperCase();
        case 'lower':
          return t.toLowerCase();
        case 'accent':
          return t.replace(/[aeioucnEAO]/g, (ch) => (n++ % 3 === 0 ? ACCENTS[ch]! : ch));
        case 'joiner': {
          const at = 1 + (n % Math.max(1, t.length - 1));
          return t.slice(0, at) + ['\u00AD', '\u200C', '\u200D', '\u0301'][n % 4] + t.slice(at);
        }
        case 'arabic':
          return t.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
        case 'persian':
          return t.replace(/ي/g, 'ی').replace(/ك/g, 'ک');
        case 'cut':
          return t.slice(0, 1 + (n % t.length));
        case 'first':
          return t.split(/[\s.]/)[0]!;
        default:
          return t;
      }
    });
  const words = fc.constantFrom(
    'le', 'un', 'une', "l'", "j'ai", 'été', 'à', 'où', 'ça', 'Élysée', 'États-Unis', 'España', 'niño', 'Straße', 'Øresund',
    'tehran', 'ایرانی', 'تهران', 'علیرضا', 'در', 'و', 'می\u200Cشود', 'كتاب', 'يك', 'نه', 'ـ', '\u064E', 'us', 'mu', 'the',
    'J', 'D', 'x', 'X', 'AI', '2231', '12', 'ｍｕｓｋ', 'ﬁ', 'İ', 'ß', '😀', '\uD83D',
  );
  const separators = fc.constantFrom(' ', ' ', ', ', '. ', '’', "'", '-', '–', '(', ')', ' « ', ' » ', '\u00A0', '\u200C', '\u00AD', '\n', '،', '؛', '_', '/');
  const texts = fc.array(fc.oneof({ arbitrary: mangled, weight: 2 }, { arbitrary: words, weight: 3 }, { arbitrary: separators, weight: 3 }), { maxLength: 24 }).map((p) => p.join(''));

  it('over pieces of the bundled and Persian packs\' aliases in accented and Persian text', () => {
    const test = testOf([...bundledPacks, persian]);
    const { matched, ruledOut } = tally(texts, (text) => ({ found: scanBlock(withPersian, text, { prefilter: false }).length > 0, may: test(text) }));
    // Guard against a generator that makes the property vacuous: both answers come, often.
    expect(matched).toBeGreaterThan(400);
    expect(ruledOut).toBeGreaterThan(200);
  });

  /** Small random aliases, case-sensitive or not, over an alphabet with every kind of unit the normaliser treats specially. */
  const aliasChars = fc.constantFrom('a', 'b', 'A', 'B', 'é', 'É', ' ', '-', '.', '’', 'ß', 'ж', 'Ж', '1', 'ی', 'ي', 'ک', '\u200C', '😀', '𝐀', '\uD800');
  const noise = fc.constantFrom(
    'a', 'b', 'A', 'B', 'x', 'é', 'e\u0301', 'É', ' ', '\u00A0', '-', '–', '’', "'", '`', '\u00AD', '\u200B', '\u200C', 'İ', 'ß', 'SS',
    'ж', 'Ж', '1', '.', 'ی', 'ي', 'ک', 'ك', '😀', '\uD83D', '\uDE00', '\uD800', '\uDC00', '𝐀', 'ﬁ', '_',
  );
  const cases = fc
    .array(fc.record({ chars: fc.array(aliasChars, { minLength: 1, maxLength: 5 }), caseSensitive: fc.boolean() }), { minLength: 1, maxLength: 6 })
    .chain((specs) => {
      const aliases: Alias[] = specs.map((s) => ({ text: s.chars.join(''), caseSensitive: s.caseSensitive }));
      const occurrence = fc
        .tuple(fc.constantFrom(...aliases.map((a) => a.text)), fc.constantFrom('keep', 'upper', 'lower'))
        .map(([t, how]) => (how === 'upper' ? t.toUpperCase() : how === 'lower' ? t.toLowerCase() : t));
      const part = fc.oneof({ arbitrary: occurrence, weight: 3 }, { arbitrary: noise, weight: 4 });
      return fc.record({ aliases: fc.constant(aliases), text: fc.array(part, { maxLength: 30 }).map((p) => p.join('')) });
    });

  it('over random aliases (surrogates, case-sensitive ones, letters that fold) and text', () => {
    const { matched, ruledOut } = tally(cases, ({ aliases, text }) => {
      const p = pack(aliases.map((a, i) => ({ id: `e${i}`, name: a.text, aliases: [a] })));
      return { found: scanBlock(compilePacks([p]), text, { prefilter: false }).length > 0, may: testOf([p])(text) };
    });
    expect(matched).toBeGreaterThan(500);
    expect(ruledOut).toBeGreaterThan(100);
  });
}

describe('the gate never rules out a block that scanBlock finds a match in (property)', neverRulesOutAMatch);

describe('the same, where the browser has Set.prototype.isDisjointFrom (Chrome 122, Firefox 127; not Node 20)', () => {
  const proto = Set.prototype as { isDisjointFrom?: (this: Set<unknown>, other: ReadonlySet<unknown>) => boolean };
  const own = proto.isDisjointFrom;
  beforeAll(() => {
    // The spec's answer, for an engine that lacks it.
    proto.isDisjointFrom ??= function isDisjointFrom(other) {
      for (const value of this) if (other.has(value)) return false;
      return true;
    };
  });
  afterAll(() => {
    if (own === undefined) delete proto.isDisjointFrom;
  });
  neverRulesOutAMatch();
});

describe('the bundled packs\' gate', () => {
  it('stays short enough to ship in the content script, and holds no word common in running text', () => {
    const source = packsGateSource(bundledPacks)!;
    expect(source.length).toBeLessThan(8_000);
    const singles = source.split('\n').filter((line) => !line.includes(' ')).map((line) => line.toLowerCase());
    for (const common of ['the', 'a', 'new', 'al', 'x', 'un', 'us', 'j', 'de', 'la', 'en', 'and']) expect(singles, common).not.toContain(common);
  });
});
