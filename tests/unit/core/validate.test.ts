import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePack, type Problem } from '../../../src/core/index';
import { pack } from './pack-builder';

/** A valid pack as a mutable JSON value, to break one thing at a time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON to break field by field
function base(): any {
  return JSON.parse(JSON.stringify(pack([
    { id: 'elon-musk', name: 'Elon Musk', aliases: [{ text: 'Musk', caseSensitive: true, needsContext: true }], related: ['tesla'] },
    { id: 'tesla', name: 'Tesla', type: 'organization', related: [] },
  ])));
}

function problems(json: unknown, limits = {}): Problem[] {
  const r = validatePack(json, limits);
  return r.ok ? [] : [...r.problems];
}

function paths(json: unknown): string[] {
  return problems(json).map((p) => p.path);
}

describe('validatePack', () => {
  it('accepts a valid pack and returns it typed', () => {
    const r = validatePack(base());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.pack.entities[0]?.name).toBe('Elon Musk');
  });

  it('accepts the fixture pack', () => {
    const r = validatePack(readFileSync('tests/fixtures/packs/musk-iran.json', 'utf8'));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('rejects a non-object', () => {
    expect(paths(null)).toEqual(['$']);
    expect(paths([])).toEqual(['$']);
  });

  it('rejects a missing field', () => {
    const p = base();
    delete p.entities[1].summary;
    expect(problems(p)).toEqual([{ path: '$.entities[1].summary', message: 'is required', code: 'required', args: [] }]);
  });

  it('rejects a wrong-typed field', () => {
    const p = base();
    p.entities[0].aliases[0].caseSensitive = 'yes';
    expect(paths(p)).toEqual(['$.entities[0].aliases[0].caseSensitive']);
  });

  it('rejects an unknown entity type', () => {
    const p = base();
    p.entities[1].type = 'company';
    expect(paths(p)).toEqual(['$.entities[1].type']);
  });

  it('rejects unknown extra keys', () => {
    const p = base();
    p.entities[0].facts = [{ label: 'Born', value: '1971', source: 0, note: 'x' }];
    p.extra = 1;
    expect(paths(p).sort()).toEqual(['$.entities[0].facts[0].note', '$.extra']);
  });

  it('quotes keys that are not identifiers in paths', () => {
    const p = base();
    p['bad key'] = 1;
    expect(paths(p)).toEqual(['$["bad key"]']);
  });

  it('rejects a dangling related id', () => {
    const p = base();
    p.entities[1].related = ['elon-musk', 'spacex'];
    expect(paths(p)).toEqual(['$.entities[1].related[1]']);
  });

  it('rejects a duplicate entity id', () => {
    const p = base();
    p.entities[1].id = 'elon-musk';
    p.entities[0].related = [];
    expect(paths(p)).toContain('$.entities[1].id');
  });

  it('rejects one alias on two entities unless both need context', () => {
    const p = base();
    p.entities[1].aliases = [{ text: 'Mu\u00ADSK' }]; // same after normalisation
    expect(paths(p)).toEqual(['$.entities[1].aliases[0].text']);
    p.entities[1].aliases = [{ text: 'musk', needsContext: true }];
    expect(paths(p)).toEqual([]);
  });

  it('counts the canonical name as an alias when checking clashes', () => {
    const p = base();
    p.entities[1].aliases = [{ text: 'elon musk' }];
    expect(paths(p)).toEqual(['$.entities[1].aliases[0].text']);
  });

  it('rejects a fact or timeline source index out of range', () => {
    const p = base();
    p.entities[0].facts = [{ label: 'Born', value: '1971', source: 1 }];
    p.entities[0].timeline = [{ date: '2024-11-11', text: 'Met', source: 3 }];
    expect(paths(p)).toEqual(['$.entities[0].facts[0].source', '$.entities[0].timeline[0].source']);
  });

  it('rejects a negative or fractional source index', () => {
    const p = base();
    p.entities[0].facts = [{ label: 'Born', value: '1971', source: -1 }, { label: 'x', value: 'y', source: 0.5 }];
    expect(paths(p)).toEqual(['$.entities[0].facts[0].source', '$.entities[0].facts[1].source']);
  });

  it('rejects an over-long summary or context', () => {
    const p = base();
    p.entities[0].summary = 'x'.repeat(161);
    p.entities[1].context = 'y'.repeat(401);
    expect(paths(p)).toEqual(['$.entities[0].summary', '$.entities[1].context']);
    p.entities[0].summary = 'é'.repeat(160); // counted in characters
    p.entities[1].context = '😀'.repeat(400);
    expect(paths(p)).toEqual([]);
  });

  it('rejects invalid dates, including days that do not exist', () => {
    const p = base();
    p.asOf = '2023-02-30';
    p.entities[0].facts = [{ label: 'Born', value: '1971', date: '1971-13', source: 0 }];
    p.entities[0].sources[0].date = '20240101';
    expect(paths(p)).toEqual(['$.asOf', '$.entities[0].facts[0].date', '$.entities[0].sources[0].date']);
    p.asOf = '2024-02-29';
    p.entities[0].facts[0].date = '1971';
    p.entities[0].sources[0].date = '2024-11';
    expect(paths(p)).toEqual([]);
    p.asOf = '2023-02-29';
    expect(paths(p)).toEqual(['$.asOf']);
  });

  it('rejects a URL that is not http(s)', () => {
    const p = base();
    p.entities[0].sources[0].url = 'javascript:alert(1)';
    p.entities[1].sources[0].url = 'example.org/page';
    expect(paths(p)).toEqual(['$.entities[0].sources[0].url', '$.entities[1].sources[0].url']);
  });

  it('rejects a non-kebab id', () => {
    const p = base();
    p.id = 'Test_Pack';
    p.entities[1].id = 'tesla--inc';
    p.entities[0].related = [];
    expect(paths(p)).toEqual(['$.id', '$.entities[1].id']);
  });

  it('rejects a bad semver', () => {
    const p = base();
    p.version = '1.0';
    expect(paths(p)).toEqual(['$.version']);
    p.version = '01.0.0';
    expect(paths(p)).toEqual(['$.version']);
    p.version = '1.2.3-beta.1+build.5';
    expect(paths(p)).toEqual([]);
  });

  it('rejects empty alias text, also when only invisible characters', () => {
    const p = base();
    p.entities[0].aliases.push({ text: '' }, { text: ' \u00AD\u200B ' });
    expect(paths(p)).toEqual(['$.entities[0].aliases[1].text', '$.entities[0].aliases[2].text']);
  });

  it('rejects a bad language tag', () => {
    const p = base();
    p.language = 'english';
    expect(paths(p)).toEqual(['$.language']);
  });

  it('reports every problem at once', () => {
    const p = base();
    p.version = 'x';
    p.entities[0].type = 'alien';
    p.entities[1].related = ['nobody'];
    p.entities[1].sources = [];
    p.entities[1].facts = [{ label: 'a', value: 'b', source: 0 }];
    expect(paths(p)).toEqual(['$.version', '$.entities[0].type', '$.entities[1].related[0]', '$.entities[1].facts[0].source']);
  });

  it('applies the limits: bytes (of the text or of the value) and entities', () => {
    const text = JSON.stringify(base());
    expect(problems(text, { maxBytes: 100 })[0]?.path).toBe('$');
    expect(problems(base(), { maxBytes: 100 })[0]?.message).toMatch(/larger than/);
    expect(problems(text, { maxBytes: 1_000_000 })).toEqual([]);
    expect(problems(base(), { maxEntities: 1 })).toEqual([{ path: '$.entities', message: 'pack has 2 entities, more than the limit of 1', code: 'tooManyEntities', args: ['2', '1'] }]);
  });

  it('reports unparsable JSON text at the root', () => {
    expect(problems('{"id": ')[0]?.path).toBe('$');
  });
});

describe('problems in any language', () => {
  it('give every problem a code and the arguments a translation needs', () => {
    const bad = JSON.parse(readFileSync(join(__dirname, '../../fixtures/invalid-packs/kestrel-harbour-bad.json'), 'utf8')) as unknown;
    const result = validatePack(bad);
    if (result.ok) throw new Error('the bad fixture validated');
    expect(result.problems.map((p) => [p.path, p.code, p.args])).toEqual(expect.arrayContaining([
      ['$.version', 'semver', ['one']],
      ['$.entities[1].sources[0].url', 'httpUrl', ['javascript:alert(1)']],
      ['$.entities[2].facts[0].date', 'isoDate', ['2025-13-45']],
      ['$.entities[0].related[0]', 'unknownRelated', ['nowhere']],
    ]));
  });
});

describe('id lengths', () => {
  it('refuses ids longer than a reader’s choices can store', () => {
    const long = pack([{ id: 'e'.repeat(100), name: 'Long' }], 'p'.repeat(101));
    const result = validatePack(long);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.code])).toEqual([['$.id', 'tooLong'], ['$.entities[0].id', 'tooLong']]);
    expect(validatePack(pack([{ id: 'e'.repeat(99), name: 'Fine' }], 'p'.repeat(100))).ok).toBe(true);
  });
});
