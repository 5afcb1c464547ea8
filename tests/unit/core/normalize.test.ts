import { describe, expect, it } from 'vitest';
import { normalize, normalizeAlias } from '../../../src/core/index';

/** The original substring behind normalised [a, b). */
function original(src: string, map: Int32Array, a: number, b: number): string {
  return src.slice(map[a], map[b]);
}

describe('normalize', () => {
  it('keeps ASCII as is, with a lower-cased twin and an identity map', () => {
    const r = normalize('Elon Musk');
    expect(r.text).toBe('Elon Musk');
    expect(r.lower).toBe('elon musk');
    expect(Array.from(r.map)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('strips diacritics, one normalised char per original char', () => {
    expect(normalize('Saïd').text).toBe('Said');
    expect(normalize('Īravānī').text).toBe('Iravani');
    const r = normalize('Qāsem Soleymānī');
    expect(r.text).toBe('Qasem Soleymani');
    expect(Array.from(r.map)).toEqual([...Array(16).keys()]);
  });

  it('maps decomposed input (base + combining mark) back to the base char', () => {
    const src = 'Sai\u0308d'; // i + combining diaeresis
    const r = normalize(src);
    expect(r.text).toBe('Said');
    expect(Array.from(r.map)).toEqual([0, 1, 2, 4, 5]);
  });

  it('expands compatibility forms, every unit pointing at its source char', () => {
    const r = normalize('ﬁne'); // U+FB01 ligature
    expect(r.text).toBe('fine');
    expect(Array.from(r.map)).toEqual([0, 0, 1, 2, 3]);
  });

  it('unifies apostrophes, quotes and dashes', () => {
    expect(normalize('Musk’s Trump‘s Iʼm x′ `a`').text).toBe("Musk's Trump's I'm x' 'a'");
    expect(normalize('“a” „b”').text).toBe('"a" "b"');
    expect(normalize('US‐Iran US‑Iran a‒b a–b a—b a―b a−b').text).toBe('US-Iran US-Iran a-b a-b a-b a-b a-b');
  });

  it('collapses any whitespace run (NBSP, narrow NBSP, line breaks) to one space', () => {
    const src = 'Elon\u00A0\u202F\n\t Musk';
    const r = normalize(src);
    expect(r.text).toBe('Elon Musk');
    expect(r.map[4]).toBe(4);
    expect(r.map[5]).toBe(src.indexOf('M'));
  });

  it('removes soft hyphens, zero-width characters, word joiner and BOM', () => {
    const src = 'Mu\u00ADsk E\u200Blon T\u200Crump D\u200Doge W\u2060x \uFEFFy';
    const r = normalize(src);
    expect(r.text).toBe('Musk Elon Trump Doge Wx y');
    expect(original(src, r.map, 0, 4)).toBe('Mu\u00ADsk');
  });

  it('keeps text and lower the same length when lower-casing would change it (İ)', () => {
    const r = normalize('İstanbul');
    expect(r.text.length).toBe(r.lower.length);
    expect(r.lower).toBe('istanbul');
    const s = normalize('\u0130'); // alone
    expect(s.lower.length).toBe(s.text.length);
  });

  it('folds a few letters without decompositions and the final sigma', () => {
    expect(normalize('Søren Wałęsa Straße').lower).toBe('soren walesa strasse');
    expect(normalize('ΟΔΥΣΣΕΑΣ').lower).toBe(normalize('Οδυσσεας').lower);
  });

  it('drops transliteration marks for ayn and hamza', () => {
    expect(normalize('Saʿīd Qurʾān').text).toBe('Said Quran');
  });

  it('keeps astral characters and lone surrogates intact, mapped to their start', () => {
    const r = normalize('a\u{1F600}b\uD800c');
    expect(r.text).toBe('a\u{1F600}b\uD800c');
    expect(Array.from(r.map)).toEqual([0, 1, 1, 3, 4, 5, 6]);
  });

  it('ends the map with the original length, also after removed trailing chars', () => {
    const src = 'abc\u00AD\u200B';
    const r = normalize(src);
    expect(r.text).toBe('abc');
    expect(r.map[r.text.length]).toBe(src.length);
  });

  it('handles long non-ASCII text (buffer growth)', () => {
    const src = '\uFDFA'.repeat(500) + 'é'.repeat(5000);
    const r = normalize(src);
    expect(r.text.length).toBe(r.lower.length);
    expect(r.map.length).toBe(r.text.length + 1);
    expect(r.text.endsWith('e'.repeat(5000))).toBe(true);
  });

  it('normalizeAlias trims the spaces at either end', () => {
    expect(normalizeAlias('  Elon\u00A0Musk\n')).toEqual({ text: 'Elon Musk', lower: 'elon musk' });
    expect(normalizeAlias('\u00AD\u200B ').lower).toBe('');
  });
});
