/**
 * The pack linter (core/pack/lint.ts) and the pack format's version: what a newsroom writing a
 * pack is warned about, with a path, a rule and advice, and what a pack for a newer Backstory gets.
 */
import { describe, expect, it } from 'vitest';
import { lintPack, validatePack, PACK_FORMAT, type Entity, type Pack } from '../../../src/core/index';
import { commonWords, persianWords } from '../../../src/cli/common-words';
import { entity, pack } from './pack-builder';

const common = commonWords();
const persian = persianWords();
const rulesOf = (p: Pack): string[] => lintPack(p, { commonWords: common, persianWords: persian }).map((w) => `${w.rule} ${w.path}${w.accepted ? ` accepted: ${w.accepted}` : ''}`);

/** A pack with one entity and a dated, cited fact, so that only what a test adds is warned about. */
function one(spec: Parameters<typeof entity>[0], overrides: Partial<Entity> = {}): Pack {
  const e = entity(spec);
  const dated: Entity = {
    ...e,
    sources: [{ ...e.sources[0]!, date: '2024-11-14' }],
    facts: [{ label: 'Said', value: 'Something', date: '2024-11-14', source: 0 }],
    ...overrides,
  };
  return { ...pack([]), entities: [dated] };
}

describe('the pack linter', () => {
  it('warns about an alias made of common words that neither needs context nor keeps its case', () => {
    expect(rulesOf(one({ id: 'mp', name: 'Maximum pressure campaign', type: 'concept', aliases: ['maximum pressure', { text: '2024 presidential election', needsContext: true }, { text: 'DOGE', caseSensitive: true }] })))
      .toEqual(['commonPhrase $.entities[0].name', 'commonPhrase $.entities[0].aliases[0]']);
  });

  it('warns about a Persian alias of common Persian words that nothing but context guards: Persian has no capitals', () => {
    // ماسک is a face mask; written with Arabic kaf it is the same word; keeping its case guards nothing.
    expect(rulesOf(one({ id: 'musk', name: 'Elon Musk', aliases: ['ماسک', 'ماسك', { text: 'ماسک', caseSensitive: true }, { text: 'ماسک', needsContext: true }, 'ایلان ماسک', 'زلنسکی'] })))
      .toEqual(['commonPhrase $.entities[0].aliases[0]', 'commonPhrase $.entities[0].aliases[1]', 'commonPhrase $.entities[0].aliases[2]']);
    // The list holds names too (آمریکا, واشنگتن): a broad entity is guarded; a narrow one is warned about.
    expect(rulesOf(one({ id: 'us', name: 'United States', type: 'place', broad: true, aliases: ['آمریکا'] }))).toEqual([]);
    expect(rulesOf(one({ id: 'dc', name: 'Washington', type: 'place', aliases: ['واشنگتن'] }))).toEqual(['commonPhrase $.entities[0].aliases[0]']);
    // Each word common: the phrase is; a word the list does not hold makes a name.
    expect(rulesOf(one({ id: 'musk', name: 'Elon Musk', aliases: ['آقای ماسک', 'ایلان ماسک'] }))).toEqual(['commonPhrase $.entities[0].aliases[0]']);
  });

  it('reads its Persian words from the word list, folded as the matcher folds text', () => {
    // 10,000 entries, fewer once folded: the list holds some words in both spellings.
    expect(persian.size).toBeGreaterThan(8000);
    // The list writes اين and مي with Arabic yeh; folded, they are the Persian words.
    expect(persian.has('این')).toBe(true);
    expect(persian.has('اين')).toBe(false);
    expect(persian.has('ماسک')).toBe(true);
  });

  it('does not count names as common words, and takes numbers as common', () => {
    expect(rulesOf(one({ id: 'iran', name: 'Iran', type: 'place', aliases: ['Islamic Republic of Iran', '2024 2025'] }))).toEqual(['commonPhrase $.entities[0].aliases[1]']);
  });

  it('warns about a descriptive alias of a person, organisation or place that does not need context, not about an event named so', () => {
    const dated = { from: '2022-07-24', source: 0 };
    expect(rulesOf(one({ id: 'iravani', name: 'Amir Saeid Iravani', aliases: [{ text: "Iran's UN ambassador", ...dated }, 'Qassem Suleimani', { text: "Iran's UN envoy", needsContext: true, ...dated }, 'Saeid Iravani'] })))
      .toEqual(['descriptiveAlias $.entities[0].aliases[0]']);
    // Made of common words too: both rules say so.
    expect(rulesOf(one({ id: 'doge', name: 'DOGE', type: 'organization', aliases: ['the cost-cutting department', 'Russian Federation'] })))
      .toEqual(['commonPhrase $.entities[0].aliases[0]', 'descriptiveAlias $.entities[0].aliases[0]']);
    expect(rulesOf(one({ id: 'deal', name: 'JCPOA', type: 'agreement', aliases: [{ text: 'the 2015 nuclear deal', needsContext: true }] }))).toEqual([]);
  });

  it('requires the period of a description that names an office, and a source for every period', () => {
    const p = one({ id: 'iravani', name: 'Amir Saeid Iravani', aliases: [
      { text: "Iran's UN ambassador", needsContext: true },
      { text: "Iran's UN envoy", needsContext: true, from: '2022-07-24', source: 0 },
      { text: "Iran's permanent representative to the UN", needsContext: true, until: '2030' },
      // Named, with a title: not a description of whoever holds the office.
      'Ambassador Iravani',
    ] });
    expect(rulesOf(p)).toEqual([
      'officeWithoutPeriod $.entities[0].aliases[0]',
      'unsourcedPeriod $.entities[0].aliases[2]',
    ]);
    // A title before a name the entity goes by names the person ("Zelensky" is listed, if not the name).
    expect(rulesOf(one({ id: 'zelenskyy', name: 'Volodymyr Zelenskyy', aliases: ['Zelensky', 'President Zelensky'] }))).toEqual(['descriptiveAlias $.entities[0].aliases[1]']);
    // An event or an organisation named after an office is not one holder of it.
    expect(rulesOf(one({ id: 'meeting', name: 'Musk-Iravani meeting', type: 'event', aliases: ["meeting with Iran's UN ambassador"] }))).toEqual([]);
  });

  it('rejects a period that ends before it starts', () => {
    const p = one({ id: 'iravani', name: 'Amir Saeid Iravani', aliases: [{ text: "Iran's UN envoy", needsContext: true, from: '2022-07-24', until: '2022-06', source: 0 }] });
    const result = validatePack(p);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((x) => `${x.code} ${x.path}`)).toEqual(['periodOrder $.entities[0].aliases[0].until']);
    expect(validatePack(one({ id: 'iravani', name: 'Amir Saeid Iravani', aliases: [{ text: "Iran's UN envoy", needsContext: true, from: '2022-07', until: '2022-07', source: 0 }] })).ok).toBe(true);
    expect(validatePack(one({ id: 'iravani', name: 'Amir Saeid Iravani', aliases: [{ text: "Iran's UN envoy", source: 3 }] })).ok).toBe(false);
  });

  it('warns about a fact or a source without a date, a source nothing cites, and a value that says its date again', () => {
    const p = one({ id: 'musk', name: 'Elon Musk' }, {
      facts: [
        { label: 'Founded', value: 'Founded the rocket company in 2002', date: '2002', source: 0 },
        { label: 'Role', value: 'Chief executive', source: 0 },
      ],
      sources: [{ title: 'Dated', url: 'https://example.org/d', date: '2024-11-14' }, { title: 'Uncited', url: 'https://example.org/u' }],
    });
    expect(rulesOf(p)).toEqual([
      'dateSaidTwice $.entities[0].facts[0].value',
      'undatedFact $.entities[0].facts[1]',
      'undatedSource $.entities[0].sources[1]',
      'uncitedSource $.entities[0].sources[1]',
    ]);
  });

  it('reports a warning the pack accepts, with its reason, as accepted', () => {
    const p = { ...one({ id: 'mp', name: 'Maximum pressure campaign', type: 'concept' }), format: 2, exceptions: [{ rule: 'commonPhrase', path: '$.entities[0].name', reason: 'the campaign is only ever written so' }] };
    expect(validatePack(p).ok).toBe(true);
    expect(rulesOf(p)).toEqual(['commonPhrase $.entities[0].name accepted: the campaign is only ever written so']);
  });

  it('gives every warning one sentence of advice', () => {
    const warnings = lintPack(one({ id: 'mp', name: 'Maximum pressure campaign', type: 'concept' }), { commonWords: common });
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^"Maximum pressure campaign" is made of common words[^.]*: mark it needsContext or caseSensitive, or write a more specific alias\.$/)]);
  });
});

describe('the pack format', () => {
  it('reads a pack without "format" as format 1, and one with format 2', () => {
    expect(validatePack(pack([{ id: 'a', name: 'A' }])).ok).toBe(true);
    expect(validatePack({ ...pack([{ id: 'a', name: 'A' }]), format: 2 }).ok).toBe(true);
    expect(PACK_FORMAT).toBe(2);
  });

  it('answers a pack for a newer Backstory with one clear error, not a list of unknown keys', () => {
    const result = validatePack({ ...pack([{ id: 'a', name: 'A' }]), format: 3, sections: [], entities: [{ id: 'a', name: 'A', kind: 'new' }] });
    expect(result).toEqual({ ok: false, problems: [{ path: '$.format', code: 'newerFormat', args: ['3', '2'], message: 'the pack is in format 3, which needs a newer Backstory (this one reads formats 1 to 2)' }] });
  });
});
