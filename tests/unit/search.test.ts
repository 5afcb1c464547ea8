/** The popup's search over the installed packs, as a reader types. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { searchEntities, validatePack, type Pack } from '../../src/core';

const pack = (validatePack(readFileSync('assets/packs/musk-iran-2024.json', 'utf8')) as { ok: true; pack: Pack }).pack;
const names = (q: string) => searchEntities([pack], q).map((h) => h.entity.name);

describe('searchEntities', () => {
  it('finds an entity the page need not mention, by name, best match first', () => {
    expect(names('soleimani')[0]).toBe('Qasem Soleimani');
    expect(names('Elon')[0]).toBe('Elon Musk');
  });

  it('finds by alias and transliteration, whatever the case, diacritics or dashes', () => {
    expect(names('qassim')).toContain('Qasem Soleimani');
    expect(names('ZELENSKY')).toContain('Volodymyr Zelenskyy');
    expect(names('jcpoa')[0]).toMatch(/Joint Comprehensive Plan of Action|nuclear deal/i);
  });

  it('reports which name or alias matched', () => {
    const hit = searchEntities([pack], 'qassim')[0]!;
    expect(hit.matched.toLowerCase()).toContain('qassim');
  });

  it('needs two characters, and caps the list', () => {
    expect(searchEntities([pack], 'e')).toEqual([]);
    expect(searchEntities([pack], 'an', 5)).toHaveLength(5);
  });
});
