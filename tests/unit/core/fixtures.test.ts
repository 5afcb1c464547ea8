import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePack, findMentions, validatePack, type Pack } from '../../../src/core/index';

const FIXTURES = 'tests/fixtures';

function loadPack(name: string): Pack {
  const result = validatePack(readFileSync(`${FIXTURES}/packs/${name}`, 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.pack;
}

const story = compilePack(loadPack('musk-iran.json'));

describe('fixture packs', () => {
  it.each(readdirSync(`${FIXTURES}/packs`).filter((f) => f.endsWith('.json')))('%s validates', (file) => {
    const result = validatePack(readFileSync(`${FIXTURES}/packs/${file}`, 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('the story article', () => {
  const text = readFileSync(`${FIXTURES}/article.txt`, 'utf8');
  const mentions = findMentions(story, text);
  const count = (id: string): number => mentions.filter((m) => m.entityKey === `musk-iran-2024:${id}`).length;

  it('finds the expected mentions of each entity', () => {
    const counts: Record<string, number> = {};
    for (const m of mentions) counts[m.entityKey.split(':')[1]!] = (counts[m.entityKey.split(':')[1]!] ?? 0) + 1;
    expect(counts).toEqual({
      'elon-musk': 15,
      'donald-trump': 8,
      doge: 1,
      tesla: 1,
      spacex: 2,
      starlink: 1,
      iran: 19,
      'united-states': 11,
      'united-nations': 1,
      ukraine: 1,
      russia: 1,
      israel: 2,
      'iran-nuclear-deal': 3,
      'qasem-soleimani': 1,
      'abbas-araghchi': 1,
      'volodymyr-zelenskyy': 2,
      'sina-toossi': 4,
      'center-for-international-policy': 1,
      hamas: 1,
      hezbollah: 1,
    });
  });

  it('prefers the long names over the names inside them', () => {
    const texts = mentions.map((m) => m.text);
    expect(texts).toContain('2015 Iran nuclear deal');
    expect(texts).toContain('Department of Government Efficiency');
    expect(texts).toContain('Qassim Soleimani');
    expect(texts).toContain('Seyed Abbas Araghchi');
    expect(texts).not.toContain('Iranian');
  });

  it('matches possessives and hyphenated compounds', () => {
    const at = (needle: string): string[] => {
      const start = text.indexOf(needle);
      return mentions.filter((m) => m.start >= start && m.end <= start + needle.length).map((m) => m.text);
    };
    expect(at('at Musk’s request')).toEqual(['Musk']);
    expect(at('for US-Iran relations')).toEqual(['US', 'Iran']);
    expect(at('Donald Trump’s decision')).toEqual(['Donald Trump']);
  });

  it('gives offsets that slice the original text exactly', () => {
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(count('elon-musk')).toBe(mentions.filter((m) => /Musk$/.test(m.text)).length);
  });

  it('"first" mode gives one mention per entity', () => {
    expect(findMentions(story, text, { mode: 'first' })).toHaveLength(20);
  });
});

describe('off-topic pages', () => {
  it.each(readdirSync(`${FIXTURES}/offtopic`).filter((f) => f.endsWith('.txt')))('%s has no accepted mention', (file) => {
    const text = readFileSync(`${FIXTURES}/offtopic/${file}`, 'utf8');
    expect(findMentions(story, text).map((m) => m.text)).toEqual([]);
  });
});
