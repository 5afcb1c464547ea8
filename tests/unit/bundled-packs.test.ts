/**
 * Meta-tests of the packs that ship inside the extension (STYLE habit 9): each validates, and the
 * bundled packs together highlight nothing on the off-topic fixture pages, whose words ("musk",
 * "trumps", "doge", "tesla", a fighter named Israel) have other senses.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePacks, findMentions } from '../../src/core';
import { ROOT } from '../../build/build';
import { readBundledPacks } from '../../build/packs';

const packs = readBundledPacks(ROOT);
const index = compilePacks(packs.map((p) => p.pack));

describe('bundled packs', () => {
  it('all validate (readBundledPacks throws with every problem otherwise)', () => {
    expect(packs.length).toBeGreaterThan(0);
  });

  it('stop the build when one does not validate, naming every problem by file and JSON path', () => {
    const root = mkdtempSync(join(tmpdir(), 'backstory-packs-'));
    mkdirSync(join(root, 'assets/packs'), { recursive: true });
    const bad = JSON.parse(packs[0]!.json) as { entities: { facts: { date?: string }[]; related: string[] }[] };
    bad.entities[0]!.facts[0]!.date = '2024-13-45';
    bad.entities[1]!.related.push('no-such-entity');
    writeFileSync(join(root, 'assets/packs/bad.json'), JSON.stringify(bad));
    expect(() => readBundledPacks(root)).toThrow(/assets\/packs\/bad\.json: \$\.entities\[0\]\.facts\[0\]\.date: [^\n]+\n\s+assets\/packs\/bad\.json: \$\.entities\[1\]\.related/);
  });

  it('stop the build on a warning of pack check --strict that the pack does not accept', () => {
    const root = mkdtempSync(join(tmpdir(), 'backstory-packs-'));
    mkdirSync(join(root, 'assets/packs'), { recursive: true });
    const risky = JSON.parse(packs[0]!.json) as { entities: { facts: { date?: string }[]; aliases: { text: string }[] }[] };
    delete risky.entities[0]!.facts[0]!.date;
    risky.entities[0]!.aliases.push({ text: 'the rocket company' });
    writeFileSync(join(root, 'assets/packs/risky.json'), JSON.stringify(risky));
    expect(() => readBundledPacks(root)).toThrow(/risky\.json: \$\.entities\[0\]\.aliases\[\d+\]: commonPhrase: [\s\S]+risky\.json: \$\.entities\[0\]\.facts\[0\]: undatedFact: /);
  });

  it.each(readdirSync('tests/fixtures/offtopic'))('highlight nothing on the off-topic page %s', (file) => {
    const text = readFileSync(`tests/fixtures/offtopic/${file}`, 'utf8');
    expect(findMentions(index, text).map((m) => m.text)).toEqual([]);
  });

  it('highlight the story article’s main names', () => {
    const names = new Set(findMentions(index, readFileSync('tests/fixtures/article.txt', 'utf8')).map((m) => m.entityName));
    for (const name of ['Elon Musk', 'Donald Trump', 'Iran', 'Hamas', 'Hezbollah', 'Qasem Soleimani', 'Volodymyr Zelenskyy']) {
      expect(names).toContain(name);
    }
  });
});
