/**
 * Persian as Persian sites write it (docs/pack-format.md, "How text is compared"): the letters
 * sites interchange, digits, the zero-width non-joiner, tatweel and harakat, and what may follow a
 * name. Property tests check the automaton against a reference written from the rules alone (its
 * own folding table, not the normaliser's), on random Persian text with and without joiners.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockDate, compilePack, findMentions, loadIndex, normalize, packsGateSource, scanBlock, serializeIndex, type Alias } from '../../../src/core/index';
import { wordGate } from '../../../src/core/match/gate-words';
import { pack } from './pack-builder';

const ZWNJ = '\u200c';
const TATWEEL = '\u0640';

describe('Persian letters, digits and joiners', () => {
  const folded = (text: string) => normalize(text).lower;

  it('folds the letters Persian sites interchange to one', () => {
    expect(folded('علي')).toBe(folded('علی')); // Arabic yeh
    expect(folded('مصطفى')).toBe(folded('مصطفی')); // alef maksura
    expect(folded('كرملين')).toBe(folded('کرملین')); // Arabic kaf
    expect(folded('حماسة')).toBe(folded('حماسه')); // teh marbuta
    expect(folded('خانۀ')).toBe(folded('خانه')); // heh with yeh above
    expect(folded('خانهٔ')).toBe(folded('خانه')); // heh and hamza above
    for (const alef of ['أ', 'إ', 'آ', 'ٱ']) expect(folded(`${alef}ب`)).toBe(folded('اب'));
    expect(folded('بقائی')).toBe(folded('بقایی')); // the hamza seat
    expect(folded('مسؤول')).toBe(folded('مسوول'));
  });

  it('ignores tatweel and harakat, and reads Persian and Arabic-Indic digits as digits', () => {
    expect(folded(`ایـــران`)).toBe(folded('ایران'));
    expect(folded('إِيرَانُ')).toBe(folded('ایران'));
    expect(folded('۲۰۲۴')).toBe('2024');
    expect(folded('٢٠٢٤')).toBe('2024');
  });

  it('makes a zero-width non-joiner between Arabic-script letters a space, and removes it elsewhere', () => {
    expect(folded(`نیویورک${ZWNJ}تایمز`)).toBe(folded('نیویورک تایمز'));
    expect(folded(`Mu${ZWNJ}sk`)).toBe('musk');
    expect(folded(`ایران ${ZWNJ}ها`)).toBe(folded('ایران ها'));
  });

  it('keeps offsets exact: every mention is the original text of the name', () => {
    const index = compilePack(pack([{ id: 'nyt', name: 'نیویورک تایمز' }, { id: 'iran', name: 'ایران' }]));
    const text = `روزنامه نيويورك‌تايمز گزارش داد که ایـران‌ها و ایرانی‌ها`;
    expect(scanBlock(index, text).map((m) => text.slice(m.start, m.end))).toEqual(['نيويورك‌تايمز', 'ایـران']);
  });
});

describe('what may follow a Persian name', () => {
  const index = compilePack(pack([
    { id: 'us', name: 'آمریکا' },
    { id: 'iran', name: 'ایران' },
    { id: 'nyt', name: 'نیویورک تایمز' },
    { id: 'hezbollah', name: 'حزب‌الله' },
    { id: 'khamenei', name: 'خامنه‌ای' },
  ]));
  const found = (text: string) => scanBlock(index, text).map((m) => text.slice(m.start, m.end));

  it('a space or ZWNJ and the plural or indefinite suffixes: the name, and the mention covers the name only', () => {
    for (const suffix of ['ها', 'های', 'هایی', 'ای', 'ی', 'است', 'اند', 'ام', 'ایم', 'اید']) {
      expect(found(`ایران ${suffix} گفتند`), suffix).toEqual(['ایران']);
      expect(found(`ایران${ZWNJ}${suffix} گفتند`), suffix).toEqual(['ایران']);
    }
  });

  it('reads nothing of an earlier block: a ZWNJ at the end of a block is judged the same after any other (found by the property test)', () => {
    const fresh = found(`سخن ایران${ZWNJ}${TATWEEL}`);
    // A longer block first leaves "ها" in the scanner's buffers just past where the short one ends.
    found(`سخن ایران${ZWNJ}ها و بسیار بیشتر از این`);
    expect(found(`سخن ایران${ZWNJ}${TATWEEL}`)).toEqual(fresh);
  });

  it('the ezafe yeh joined to a name ending in alef or waw: the name', () => {
    expect(found('سیاست آمریکای ترامپ')).toEqual(['آمریکا']);
    // Written the Dari way (no madda) and with Arabic letters, it is still the name.
    expect(found('سیاست امريكاي ترامپ')).toEqual(['امريكا']);
    expect(found('اروپای شرقی و آمریکای')).toEqual(['آمریکا']);
    // ...and so is "is" joined to it after the vowel: "it is America".
    expect(found('مقصد آمریکاست.')).toEqual(['آمریکا']);
    expect(found('آمریکاستان')).toEqual([]);
  });

  it('any other letter joined to a name makes another word, with a ZWNJ too', () => {
    expect(found('دیپلمات ایرانی و آمریکایی')).toEqual([]);
    expect(found('ایرانیان')).toEqual([]);
    expect(found(`ایران${ZWNJ}زمین و آمریکا${ZWNJ}ستیزی`)).toEqual([]);
    // ...but a space makes two words: the name, then another.
    expect(found('ایران زمین')).toEqual(['ایران']);
  });

  it('inside a name written in Arabic script, a space, a ZWNJ and nothing match one another', () => {
    for (const nyt of ['نیویورک تایمز', `نیویورک${ZWNJ}تایمز`, 'نیویورکتایمز', 'نيويورك تايمز']) expect(found(`روزنامه ${nyt} نوشت`), nyt).toEqual([nyt]);
    for (const h of ['حزب‌الله', 'حزب الله', 'حزبالله']) expect(found(`${h} لبنان`), h).toEqual([h]);
    for (const k of ['خامنه‌ای', 'خامنه ای', 'خامنهای', 'خامنه اي']) expect(found(`آیت‌الله ${k} گفت`), k).toEqual([k]);
  });

  it('a name of many words matches with any of its breaks joined, not only all or three (no longer one form per way of joining)', () => {
    const long = compilePack(pack([{ id: 'soleimani', name: 'سپهبد شهید حاج قاسم سلیمانی' }]));
    const hit = (text: string) => scanBlock(long, text).map((m) => text.slice(m.start, m.end));
    for (const form of ['سپهبد شهیدحاج قاسم سلیمانی', `سپهبد${ZWNJ}شهید حاجقاسم سلیمانی`, 'سپهبدشهیدحاجقاسمسلیمانی', 'سپهبد شهید حاج قاسم سلیمانی']) {
      expect(hit(`یاد ${form} گرامی`), form).toEqual([form]);
    }
    // One alias in the index, however many breaks it has: bytes every page loads.
    expect(long.aliasEntity.length).toBe(1);
  });

  it('a break only where the name has one: "ای ران" is not Iran, and a name written as one word is not met split', () => {
    expect(found('ای ران')).toEqual([]);
    expect(found(`ای${ZWNJ}ران`)).toEqual([]);
    const joined = compilePack(pack([{ id: 'iravani', name: 'امیرسعید ایروانی' }]));
    const hit = (text: string) => scanBlock(joined, text).map((m) => text.slice(m.start, m.end));
    expect(hit('امیرسعید ایروانی گفت')).toEqual(['امیرسعید ایروانی']);
    expect(hit('امیرسعیدایروانی گفت')).toEqual(['امیرسعیدایروانی']);
    expect(hit('امیر سعید ایروانی گفت')).toEqual([]);
  });

  it('a case-sensitive name with breaks in Arabic script: its case is checked past the breaks the page writes', () => {
    const bbc = compilePack(pack([{ id: 'bbc', name: 'BBC Persian service', aliases: [{ text: 'بی‌بی‌سی فارسی BBC', caseSensitive: true }] }]));
    const hit = (text: string) => scanBlock(bbc, text).map((m) => text.slice(m.start, m.end));
    expect(hit('به گزارش بی بی سی فارسی BBC امروز')).toEqual(['بی بی سی فارسی BBC']);
    expect(hit('به گزارش بیبیسیفارسی BBC امروز')).toEqual(['بیبیسیفارسی BBC']);
    expect(hit('به گزارش بی بی سی فارسی bbc امروز')).toEqual([]);
  });

  it('Latin text keeps its rules: a joiner inside a Latin name is ignored, a space is not', () => {
    const latin = compilePack(pack([{ id: 'nyt', name: 'New York Times' }]));
    expect(scanBlock(latin, `The New${ZWNJ} York Times`).length).toBe(1);
    expect(scanBlock(latin, 'The NewYork Times').length).toBe(0);
  });
});

describe('dates in Persian text', () => {
  const value = (text: string) => blockDate(text)?.value ?? null;

  it('Gregorian months as Persian writes them, in Persian digits', () => {
    expect(value('سفیر ایران در ۸ ژانویه ۲۰۲۰ گفت')).toBe('2020-01-08');
    expect(value('در نوامبر ۲۰۲۴ دیدار کرد')).toBe('2024-11');
    expect(value('در ژوئیه ۲۰۲۲')).toBe('2022-07');
  });

  it('Solar Hijri months, Iranian and Dari, to the day', () => {
    expect(value('از ۲ مرداد ۱۴۰۱ تاکنون')).toBe('2022-07-24');
    expect(value('۴ اردیبهشت ۱۳۹۸')).toBe('2019-04-24');
    expect(value('چهارشنبه ۲۸ آبان ۱۴۰۴')).toBe('2025-11-19');
    expect(value('در دی ۱۳۹۸')).toBe('2019-12-22/2020-01-20');
    expect(value('۱۴ اسد ۱۴۰۳')).toBe('2024-08-04');
    expect(value('سال ۱۳۹۸')).toBe('2019-03-21/2020-03-19');
  });

  it('Arabic-Indic and ASCII digits, and Arabic letters, too', () => {
    expect(value('٨ ژانويه ٢٠٢٠')).toBe('2020-01-08');
    expect(value('در سال 2020')).toBe('2020');
  });

  it('a month name without its year is a word: "mehr" a seal, "tir" an arrow, "mi" a prefix', () => {
    for (const text of ['مهر و موم شد', 'تیر خلاص', 'می خواهد برود', 'سال گذشته', '۳۰ تیر']) expect(value(text), text).toBeNull();
  });

  it('dates a time-bound description in a Persian paragraph', () => {
    const index = compilePack({ ...pack([
      { id: 'first', name: 'تخت روانچی', aliases: [{ text: 'سفیر ایران در سازمان ملل', needsContext: true, from: '2019-04-24', until: '2022-07-23', source: 0 }] },
      { id: 'second', name: 'ایروانی', aliases: [{ text: 'سفیر ایران در سازمان ملل', needsContext: true, from: '2022-07-24', source: 0 }] },
    ]), format: 2 });
    const who = (text: string) => findMentions(index, text).map((m) => m.entityKey);
    expect(who('در ۱۷ دی ۱۳۹۸ سفیر ایران در سازمان ملل نامه نوشت.')).toEqual(['test:first']);
    expect(who('در ۲۵ آبان ۱۴۰۳ سفیر ایران در سازمان ملل با ماسک دیدار کرد.')).toEqual(['test:second']);
  });
});

// The reference: the rules of docs/pack-format.md written out directly, with a folding table of
// their own, over original offsets.
const FOLD: Record<string, string> = {
  'ي': 'ی', 'ى': 'ی', 'ئ': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و',
  '۱': '1', '۲': '2', '٣': '3',
};
const DROPPED = new Set([TATWEEL, '\u064e', '\u0650', '\u0651', '\u0654']);
const ARABIC = /[\u0600-\u06ff]/;
const LETTER = /[\p{L}\p{N}]/u;

/** The text folded by the rules, each unit with the offset of the character it came from. */
function foldByRules(text: string): { chars: string[]; at: number[] } {
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (DROPPED.has(ch)) continue;
    if (ch === ZWNJ) {
      if (i > 0 && i + 1 < text.length && ARABIC.test(text[i - 1]!) && ARABIC.test(text[i + 1]!) && chars.at(-1) !== ' ') {
        chars.push(' ');
        at.push(i);
      }
      continue;
    }
    const c = ch === '\n' ? ' ' : ch;
    if (c === ' ' && chars.at(-1) === ' ') continue;
    chars.push(FOLD[c] ?? c);
    at.push(i);
  }
  return { chars, at };
}

/** Every leftmost-longest match of the aliases by the rules: [original start, alias ids]. */
function referenceMatches(aliases: readonly string[], text: string): [number, number[]][] {
  const { chars, at } = foldByRules(text);
  const s = chars.join('');
  // An alias's forms: its letters folded, each space between Arabic letters kept or taken out.
  const forms = aliases.map((a) => {
    const f = foldByRules(a.trim()).chars.join('');
    let out = [''];
    for (let i = 0; i < f.length; i++) {
      const joint = f[i] === ' ' && i > 0 && i + 1 < f.length && ARABIC.test(f[i - 1]!) && ARABIC.test(f[i + 1]!);
      out = out.flatMap((o) => (joint ? [o + ' ', o] : [o + f[i]]));
    }
    return out;
  });
  const result: [number, number[]][] = [];
  let p = 0;
  while (p < s.length) {
    let best = 0;
    let ids: number[] = [];
    forms.forEach((fs, id) => {
      for (const f of fs) {
        if (f === '' || s.slice(p, p + f.length) !== f) continue;
        const before = p > 0 ? s[p - 1]! : ' ';
        const after = s[p + f.length] ?? ' ';
        const afterNext = s[p + f.length + 1] ?? ' ';
        const vowel = f.endsWith('ا') || f.endsWith('و');
        const ezafe = vowel && ((after === 'ی' && !LETTER.test(afterNext)) || (s.startsWith('ست', p + f.length) && !LETTER.test(s[p + f.length + 2] ?? ' ')));
        // A ZWNJ after the name joins it to what follows, unless that is a suffix a name takes.
        const rest = s.slice(p + f.length + 1);
        const compound = after === ' ' && text[at[p + f.length]!] === ZWNJ && !/^(?:هایی|های|ها|ایم|اید|ای|ی|است|اند|ام)(?![\p{L}\p{N}])/u.test(rest);
        if (LETTER.test(before) || (LETTER.test(after) && !ezafe) || compound) continue;
        if (f.length > best) [best, ids] = [f.length, [id]];
        else if (f.length === best && !ids.includes(id)) ids.push(id);
      }
    });
    if (best > 0) {
      result.push([at[p]!, ids.sort((a, b) => a - b)]);
      p += best;
    } else p++;
  }
  return result;
}

const letters = fc.constantFrom('ا', 'ب', 'ر', 'ن', 'ی', 'ه', 'و', 'ک', 'م');
/** How a letter may be written on a page: as it is, or as the variant sites use. */
const VARIANTS: Record<string, readonly string[]> = { 'ی': ['ی', 'ي', 'ى'], 'ک': ['ک', 'ك'], 'ه': ['ه', 'ة'], 'ا': ['ا', 'أ', 'آ'] };

/** Random aliases of Persian letters and a text of their occurrences as pages write them. */
const cases = fc
    .array(fc.array(fc.array(letters, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 })
    .chain((specs) => {
      const aliases = specs.map((words) => words.map((w) => w.join('')).join(' '));
      const occurrence = fc.tuple(fc.constantFrom(...aliases), fc.array(fc.nat(), { minLength: 24, maxLength: 24 })).map(([alias, picks]) => {
        let k = 0;
        return [...alias].map((ch) => {
          const pick = picks[k++ % picks.length]!;
          // A space inside a name: kept, a ZWNJ, or nothing; a letter: as written or its variant.
          if (ch === ' ') return [' ', ZWNJ, ''][pick % 3]!;
          const v = VARIANTS[ch];
          return (v ? v[pick % v.length]! : ch) + (pick % 7 === 0 ? TATWEEL : pick % 11 === 0 ? '\u064e' : '');
        }).join('');
      });
      const after = fc.constantFrom(' ', ZWNJ + 'ها ', ' های ', 'ی ', 'ی', 'ان', '، ', '.', '', ZWNJ + 'ی ', ZWNJ + 'کوین ', 'ست ', 'ستان', ZWNJ + 'اند ', ZWNJ + 'انداز', ZWNJ + 'ام', ZWNJ + 'است');
      const noise = fc.constantFrom(' ', ZWNJ, 'ب', 'ی', 'ا', 'و', '۲', 'م ', '\n');
      const part = fc.oneof({ arbitrary: fc.tuple(occurrence, after).map(([o, a]) => o + a), weight: 3 }, { arbitrary: noise, weight: 2 });
      return fc.record({ aliases: fc.constant(aliases), text: fc.array(part, { maxLength: 30 }).map((p) => p.join('')) });
    });

describe('Persian properties', () => {
  it('the automaton agrees with the rules on random Persian text, with and without joiners (on a reloaded index)', () => {
    let matched = 0;
    let joined = 0;
    fc.assert(
      fc.property(cases, ({ aliases, text }) => {
        const specs: Alias[] = aliases.map((a) => ({ text: a }));
        const idx = loadIndex(serializeIndex(compilePack(pack(specs.map((a, i) => ({ id: `e${i}`, name: a.text, aliases: [a] }))))));
        const got = scanBlock(idx, text, { fusedNames: false }).map((m): [number, number[]] => [m.start, [...new Set((m.alternatives ?? [m.alias]).map((a) => idx.aliasEntity[a]!))].sort((a, b) => a - b)]);
        const want = referenceMatches(aliases, text);
        matched += want.length;
        if (text.includes(ZWNJ)) joined += want.length;
        expect(got).toEqual(want);
      }),
      { numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(1000);
    expect(joined).toBeGreaterThan(200);
  });

  it('the name gate never rules out a block in which the automaton finds a Persian name', () => {
    let found = 0;
    fc.assert(
      fc.property(cases, ({ aliases, text }) => {
        const p = pack(aliases.map((a, i) => ({ id: `e${i}`, name: a, aliases: [{ text: a }] })));
        const idx = compilePack(p);
        if (scanBlock(idx, text, { fusedNames: false, prefilter: false }).length === 0) return;
        found++;
        expect(wordGate(packsGateSource([p])!)(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(found).toBeGreaterThan(500);
  });
});
