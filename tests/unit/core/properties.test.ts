/**
 * Property tests: the automaton against a naive reference matcher, and the offset map against the
 * text, on random Unicode text full of joiners, dashes, case changes and overlapping aliases.
 * About 12,000 generated cases in all.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack, isoSpan, loadIndex, metadataDate, normalize, normalizeAlias, scanBlock, serializeIndex, writtenAlias, type Alias, type Pack } from '../../../src/core/index';
import { pack } from './pack-builder';

const WORD = /^[\p{L}\p{N}\p{M}]$/u;

/** Small alias alphabet, so aliases overlap and share prefixes and suffixes. */
const aliasChars = fc.constantFrom('a', 'b', 'c', 'A', 'B', 'é', 'É', ' ', '-', '’', 'ß', 'ж', '1', '.');
/** Text noise: the alias letters plus every kind of character the normaliser treats specially. */
const noise = fc.constantFrom(
  'a', 'b', 'c', 'A', 'B', 'C', 'x', 'é', 'e\u0308', 'E\u0301', ' ', '  ', '\u00A0', '\u202F', '\n', '-', '–', '—',
  '’', "'", '`', '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', 'İ', 'ß', 'SS', 'ж', 'Ж', '1', '.',
  '😀', 'ﬁ', '\uD800',
);

interface Case {
  aliases: Alias[];
  text: string;
}

/** Random aliases and a text built from (case-mangled) alias occurrences and noise. */
const cases: fc.Arbitrary<Case> = fc
  .array(fc.record({ chars: fc.array(aliasChars, { minLength: 1, maxLength: 5 }), caseSensitive: fc.boolean() }), { minLength: 1, maxLength: 6 })
  .chain((specs) => {
    const aliases: Alias[] = specs.map((s) => ({ text: s.chars.join(''), caseSensitive: s.caseSensitive }));
    const occurrence = fc
      .tuple(fc.constantFrom(...aliases.map((a) => a.text)), fc.constantFrom('keep', 'upper', 'lower'), fc.constantFrom('', '\u00AD', '\u200D'))
      .map(([t, how, joiner]) => {
        const cased = how === 'upper' ? t.toUpperCase() : how === 'lower' ? t.toLowerCase() : t;
        // A joiner inside an occurrence must not stop it matching.
        return cased.length > 1 ? cased[0] + joiner + cased.slice(1) : cased;
      });
    const separator = fc.constantFrom(' ', '\u00A0', '-', '–', '’s ', '. ', ', ', '\n');
    const part = fc.oneof({ arbitrary: occurrence, weight: 3 }, { arbitrary: noise, weight: 2 }, { arbitrary: separator, weight: 3 });
    const text = fc.array(part, { maxLength: 40 }).map((parts) => parts.join(''));
    return fc.record({ aliases: fc.constant(aliases), text });
  });

function codePointBefore(s: string, p: number): string {
  if (p <= 0) return '';
  const c = s.charCodeAt(p - 1);
  if (c >= 0xdc00 && c <= 0xdfff && p >= 2) {
    const h = s.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return s.slice(p - 2, p);
  }
  return s[p - 1] ?? '';
}

function codePointAt(s: string, p: number): string {
  const cp = s.codePointAt(p);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

const isWord = (ch: string): boolean => ch !== '' && WORD.test(ch);

/** The naive matcher: at each position, every alias by slicing, leftmost-longest, boundaries. */
function reference(aliases: Alias[], text: string): { start: number; end: number; aliases: number[] }[] {
  const { text: norm, lower, map } = normalize(text);
  const keys = aliases.map((a) => normalizeAlias(a.text));
  const out: { start: number; end: number; aliases: number[] }[] = [];
  let p = 0;
  while (p < norm.length) {
    let best: { len: number; ids: number[] } | undefined;
    keys.forEach((k, id) => {
      const len = k.lower.length;
      if (len === 0 || (best && len < best.len)) return;
      if (lower.slice(p, p + len) !== k.lower) return;
      if (aliases[id]!.caseSensitive && norm.slice(p, p + len) !== k.text) return;
      if (isWord(codePointBefore(norm, p)) || (p + len < norm.length && isWord(codePointAt(norm, p + len)))) return;
      if (!best || len > best.len) best = { len, ids: [id] };
      else best.ids.push(id);
    });
    if (best) {
      const last = map[p + best.len - 1]!;
      out.push({ start: map[p]!, end: last, aliases: best.ids.sort((a, b) => a - b) });
      p += best.len;
    } else p++;
  }
  return out;
}

function compile(aliases: Alias[]) {
  // One entity per alias; the name is the alias itself, so it adds no implicit alias.
  return compilePack(pack(aliases.map((a, i) => ({ id: `e${i}`, name: a.text, aliases: [a] }))));
}

describe('properties', () => {
  it('the automaton agrees with the naive reference matcher', () => {
    let matched = 0;
    let ambiguous = 0;
    fc.assert(
      fc.property(cases, ({ aliases, text }) => {
        const idx = compile(aliases);
        const got = scanBlock(idx, text, { fusedNames: false }).map((m) => ({
          start: m.start,
          // The reference stops at the last unit's source; the scanner's end also covers its width.
          end: m.end,
          aliases: [...(m.alternatives ?? [m.alias])].map((a) => idx.aliasEntity[a]!).sort((a, b) => a - b),
        }));
        const want = reference(aliases, text);
        matched += want.length;
        ambiguous += want.filter((w) => w.aliases.length > 1).length;
        expect(got.map((g) => ({ ...g, end: undefined }))).toEqual(want.map((w) => ({ ...w, end: undefined })));
        got.forEach((g, i) => expect(g.end).toBeGreaterThan(want[i]!.end));
      }),
      { numRuns: 10_000 },
    );
    // Guard against a generator that makes the property vacuous.
    expect(matched).toBeGreaterThan(1000);
    expect(ambiguous).toBeGreaterThan(10);
  });

  it('a time-bound alias is absent where the date falls outside its period, and strong by the date where it falls inside (on a reloaded index)', () => {
    const month = fc.tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    const period = fc.record({ from: fc.option(month, { nil: undefined }), until: fc.option(month, { nil: undefined }) });
    const pageDate = fc.option(fc.oneof(month, month.map((m) => `${m}-15`)), { nil: null });
    let inside = 0;
    let outside = 0;
    fc.assert(
      fc.property(cases, fc.array(period, { minLength: 6, maxLength: 6 }), pageDate, ({ aliases, text }, periods, page) => {
        // Half the aliases are bound to a period, in either order of its ends.
        const bound: Alias[] = aliases.map((a, i) => {
          const p = periods[i]!;
          if (i % 2 === 1 || (p.from === undefined && p.until === undefined)) return { ...a, needsContext: true };
          const [from, until] = p.from !== undefined && p.until !== undefined && p.from > p.until ? [p.until, p.from] : [p.from, p.until];
          return { ...a, needsContext: true, ...(from ? { from } : {}), ...(until ? { until } : {}), source: 0 };
        });
        const date = page === null ? null : metadataDate(page, 'test');
        // How the date stands to each alias's period: 1 inside, -1 outside, 0 no period or no date or across its edge.
        const fit = bound.map((a) => {
          if (date === null || (a.from === undefined && a.until === undefined)) return 0;
          const lo = a.from === undefined ? -Infinity : isoSpan(a.from)!.lo;
          const hi = a.until === undefined ? Infinity : isoSpan(a.until)!.hi;
          return date.hi < lo || date.lo > hi ? -1 : date.lo >= lo && date.hi <= hi ? 1 : 0;
        });
        const idx = loadIndex(serializeIndex(compile(bound)));
        const found = scanBlock(idx, text, { fusedNames: false, date });
        const got = found.map((m) => ({ start: m.start, aliases: [...(m.alternatives ?? [m.alias])].map((a) => idx.aliasEntity[a]!).sort((a, b) => a - b) }));
        // The reference over the aliases the date leaves (an alias left out is as if the pack lacked it).
        const kept = bound.map((a, i) => (fit[i] === -1 ? { ...a, text: '' } : a));
        const want = reference(kept, text).map((w) => ({ start: w.start, aliases: w.aliases }));
        expect(got).toEqual(want);
        for (const m of found) {
          const candidates = m.alternatives ?? [m.alias];
          const timeBound = candidates.filter((a) => bound[idx.aliasEntity[a]!]!.from !== undefined || bound[idx.aliasEntity[a]!]!.until !== undefined);
          expect(m.date === undefined).toBe(timeBound.length === 0);
          const strongByDate = candidates.filter((a) => fit[idx.aliasEntity[a]!] === 1);
          expect([...(m.byDate ?? [])]).toEqual(strongByDate);
          expect(m.strong).toBe(strongByDate.includes(m.alias));
          inside += strongByDate.length;
        }
        outside += fit.filter((f) => f === -1).length;
      }),
      { numRuns: 3000 },
    );
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(100);
  });

  it('every match slices an original substring that normalises to its alias (on a reloaded index)', () => {
    fc.assert(
      fc.property(cases, ({ aliases, text }) => {
        const idx = loadIndex(serializeIndex(compile(aliases)));
        for (const m of scanBlock(idx, text, { fusedNames: false })) {
          const alias = aliases[idx.aliasEntity[m.alias]!]!;
          const got = normalizeAlias(text.slice(m.start, m.end));
          expect(got.lower).toBe(normalizeAlias(alias.text).lower);
          if (alias.caseSensitive) expect(got.text).toBe(normalizeAlias(alias.text).text);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('normalisation keeps text and lower aligned and the map monotone and exact', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(noise, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 60 }).map((p) => p.join('')), (src) => {
        const { text, lower, map } = normalize(src);
        expect(lower.length).toBe(text.length);
        expect(map.length).toBe(text.length + 1);
        expect(map[text.length]).toBe(src.length);
        for (let i = 0; i < text.length; i++) {
          expect(map[i]).toBeLessThanOrEqual(map[i + 1]!);
          expect(map[i]).toBeLessThan(src.length);
        }
        // No whitespace run survives, and nothing the rules remove is left.
        expect(text).not.toMatch(/ {2}|[\u00A0\u00AD\u200B-\u200D\u2060\uFEFF\u2013\u2014\u2019]/);
        // Normalising is idempotent.
        expect(normalize(text).text).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('normalising a whole text equals normalising it one code point at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(noise, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 }).map((p) => p.join('')), (src) => {
        let text = '';
        let lower = '';
        for (const ch of src) {
          const part = normalize(ch);
          // Whitespace runs collapse across code points, including a space that a compatibility
          // decomposition starts with: "゛" (U+309B) is " " + U+3099, so " ゛" is " \u3099".
          const skip = part.text.startsWith(' ') && text.endsWith(' ') ? 1 : 0;
          text += part.text.slice(skip);
          lower += part.lower.slice(skip);
        }
        const whole = normalize(src);
        expect(whole.text).toBe(text);
        expect(whole.lower).toBe(lower);
      }),
      { numRuns: 2000 },
    );
  });

  it('the prefilter never changes a result, on plain text where it takes its shortcut', () => {
    // ASCII words and punctuation with the typographic characters a plain block may hold, and now
    // and then one that it may not (a soft hyphen, a diacritic), which sends the block to the automaton.
    // An alias may hold a symbol a page uses as a separator (a middle dot): then that symbol is not plain.
    const plainAliasChars = fc.constantFrom('a', 'b', 'c', 'A', 'B', '1', ' ', '-', "'", '.', '&', '\u00B7');
    const plainNoise = fc.constantFrom(
      'a', 'b', 'c', 'A', 'B', 'x', '1', ' ', '  ', '\n', '\t', '-', '.', ',', "'", '`', '"', '_', '&',
      '\u00A0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2013', '\u2014', '\u2026',
      '\u00B7', '\u2022', '\u00A9', '\u2192', '\u00BB', '\u2502',
    );
    const rare = fc.constantFrom('\u00AD', '\u200B', 'é', 'ﬁ', '\u2010', 'ſ', 'K');
    let shortcuts = 0;
    let matched = 0;
    fc.assert(
      fc.property(
        fc
          .array(fc.record({ chars: fc.array(plainAliasChars, { minLength: 1, maxLength: 6 }), caseSensitive: fc.boolean(), extra: fc.boolean() }), { minLength: 1, maxLength: 6 })
          .chain((specs) => {
            const aliases: Alias[] = specs.map((s) => ({ text: s.chars.join('') + (s.extra ? ' abc' : ''), caseSensitive: s.caseSensitive }));
            const occurrence = fc
              .tuple(fc.constantFrom(...aliases.map((a) => a.text)), fc.boolean(), fc.constantFrom('', '', '', '\u00AD', '\u200B'))
              .map(([t, up, joiner]) => (up ? t.toUpperCase() : t).replace(/^(.)/, `$1${joiner}`));
            const part = fc.oneof({ arbitrary: occurrence, weight: 3 }, { arbitrary: plainNoise, weight: 4 }, { arbitrary: rare, weight: 1 });
            return fc.record({ aliases: fc.constant(aliases), text: fc.array(part, { maxLength: 30 }).map((p) => p.join('')) });
          }),
        ({ aliases, text }) => {
          const idx = compile(aliases);
          const full = scanBlock(idx, text, { prefilter: false });
          const fast = scanBlock(idx, text);
          if (idx.prefilter && !new RegExp(idx.prefilter, 'i').test(text)) shortcuts++;
          matched += full.length;
          expect(fast).toEqual(full);
        },
      ),
      { numRuns: 10_000 },
    );
    // Guard against a generator that makes the property vacuous: both paths are taken, often.
    expect(shortcuts).toBeGreaterThan(1000);
    expect(matched).toBeGreaterThan(1000);
  });

  it('the prefilter stays within the bundled pack\'s needs and every bundled alias passes it', () => {
    const pack = JSON.parse(readFileSync(resolve(__dirname, '../../../assets/packs/musk-iran-2024.json'), 'utf8')) as Pack;
    const bundled = compilePack(pack);
    const re = new RegExp(bundled.prefilter, 'i');
    expect(bundled.prefilter.length).toBeLessThan(12_000);
    const entities = pack.entities;
    for (let a = 0; a < bundled.aliasEntity.length; a++) {
      const text = writtenAlias(bundled, a, entities[bundled.aliasEntity[a]!]!);
      expect(re.test(`Before ${text}, after.`), text).toBe(true);
    }
    expect(re.test('A paragraph about the weather and nothing else.')).toBe(false);
  });
});
