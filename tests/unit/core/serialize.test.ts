import { readdirSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  aliasInfo,
  base64Length,
  checksum,
  fromBase64Into,
  indexToTextParts,
  STORED_PART_BYTES,
  compilePack,
  compilePacks,
  entityInfo,
  findEntity,
  findMentions,
  INDEX_FORMAT_VERSION,
  INDEX_HEADER_BYTES,
  INDEX_PART_BYTES,
  indexByteLength,
  loadIndex,
  scanBlock,
  serializeIndex,
  splitIndex,
  validatePack,
  type Pack,
} from '../../../src/core/index';
import { pack } from './pack-builder';

const fixture = ((): Pack => {
  const r = validatePack(readFileSync('tests/fixtures/packs/musk-iran.json', 'utf8'));
  if (!r.ok) throw new Error('fixture pack is invalid');
  return r.pack;
})();

const pages = [
  readFileSync('tests/fixtures/article.txt', 'utf8'),
  ...readdirSync('tests/fixtures/offtopic').map((f) => readFileSync(`tests/fixtures/offtopic/${f}`, 'utf8')),
];

describe('serializeIndex / loadIndex', () => {
  const compiled = compilePack(fixture);
  const buffer = serializeIndex(compiled);

  it('round-trips to an index giving identical results', () => {
    const loaded = loadIndex(buffer);
    for (const page of pages) {
      expect(findMentions(loaded, page)).toEqual(findMentions(compiled, page));
      for (const line of page.split('\n')) expect(scanBlock(loaded, line)).toEqual(scanBlock(compiled, line));
    }
    expect(loaded.packIds).toEqual(['musk-iran-2024']);
    for (let e = 0; e < compiled.entityType.length; e++) expect(entityInfo(loaded, e)).toEqual(entityInfo(compiled, e));
    for (let a = 0; a < compiled.aliasEntity.length; a++) expect(aliasInfo(loaded, a)).toEqual(aliasInfo(compiled, a));
  });

  it('loads views over the buffer, without copying', () => {
    const loaded = loadIndex(buffer);
    expect(loaded.edgeChar.buffer).toBe(buffer);
    expect(loaded.entityNamePool.buffer).toBe(buffer);
    expect(loaded.caseTextPool.buffer).toBe(buffer);
  });

  it('accepts byte views, aligned or not (a Node Buffer from a file)', () => {
    const bytes = new Uint8Array(buffer.byteLength + 3);
    bytes.set(new Uint8Array(buffer), 3);
    const shifted = loadIndex(bytes.subarray(3));
    expect(findMentions(shifted, pages[0]!)).toEqual(findMentions(compiled, pages[0]!));
    const aligned = new Uint8Array(buffer.byteLength + 8);
    aligned.set(new Uint8Array(buffer), 8);
    expect(loadIndex(aligned.subarray(8)).packIds).toEqual(['musk-iran-2024']);
  });

  // Regression: a Firefox content script's fetch() returns an ArrayBuffer of another realm, which
  // fails `instanceof ArrayBuffer`; loadIndex once misread it as a view and threw "too short".
  it('accepts an ArrayBuffer from another realm', () => {
    const foreign = runInNewContext(`new ArrayBuffer(${buffer.byteLength})`) as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    new Uint8Array(foreign).set(new Uint8Array(buffer));
    expect(findMentions(loadIndex(foreign), pages[0]!)).toEqual(findMentions(compiled, pages[0]!));
  });

  it('rejects other data and other format versions', () => {
    expect(() => loadIndex(new ArrayBuffer(8))).toThrow(/too short/);
    expect(() => loadIndex(new Uint8Array(64))).toThrow(/magic/);
    const copy = buffer.slice(0);
    new DataView(copy).setUint32(4, INDEX_FORMAT_VERSION + 1, true);
    expect(() => loadIndex(copy)).toThrow(/not supported/);
  });

  it('round-trips an empty index', () => {
    const empty = loadIndex(serializeIndex(compilePack(pack([]))));
    expect(scanBlock(empty, 'Iran')).toEqual([]);
  });
});

describe('an index in parts (how the extension ships a large one)', () => {
  // A pack big enough for several parts: 30,000 entities with distinct names.
  const big = compilePack(pack(Array.from({ length: 30_000 }, (_, i) => ({ id: `e${i}`, name: `Name${i} Surname${i * 7}` }))));
  const bytes = new Uint8Array(serializeIndex(big));
  // (30,000 entities make an index of several parts whatever the part size.)

  it('knows its whole length from its header alone', () => {
    expect(bytes.byteLength).toBeGreaterThan(2 * INDEX_PART_BYTES);
    expect(indexByteLength(bytes.subarray(0, INDEX_HEADER_BYTES))).toBe(bytes.byteLength);
    expect(indexByteLength(new Uint8Array(serializeIndex(compiled())))).toBe(serializeIndex(compiled()).byteLength);
  });

  it('is cut into parts of at most 1 MiB that join back into the same index', () => {
    const parts = splitIndex(bytes);
    expect(parts.length).toBe(Math.ceil(bytes.byteLength / INDEX_PART_BYTES));
    expect(parts.every((p) => p.byteLength <= INDEX_PART_BYTES)).toBe(true);
    const joined = new Uint8Array(bytes.byteLength);
    parts.forEach((p, i) => joined.set(p, i * INDEX_PART_BYTES));
    const loaded = loadIndex(joined);
    expect(scanBlock(loaded, 'Name29999 Surname209993 met Name5 Surname35.').map((m) => m.entity)).toEqual([29999, 5]);
  });

  it('a small index is one part', () => {
    expect(splitIndex(new Uint8Array(serializeIndex(compiled())))).toHaveLength(1);
  });

  it('rejects a first part that is not an index', () => {
    expect(() => indexByteLength(new Uint8Array(8))).toThrow(/too short/);
    expect(() => indexByteLength(new Uint8Array(INDEX_HEADER_BYTES))).toThrow(/magic/);
  });
});

function compiled() {
  return compilePack(fixture);
}

describe('compilePacks', () => {
  const a = pack([{ id: 'iran', name: 'Iran', type: 'place', related: ['tehran'] }, { id: 'tehran', name: 'Tehran', type: 'place' }], 'pack-a');
  const b = pack([{ id: 'iran', name: 'Islamic Republic', type: 'place', aliases: [{ text: 'Tehran', needsContext: true }] }], 'pack-b');
  const merged = compilePacks([a, b]);

  it('namespaces entity keys by pack and resolves related ids within each pack', () => {
    expect(entityInfo(merged, 0)).toMatchObject({ key: 'pack-a:iran', packId: 'pack-a', id: 'iran', related: [1] });
    expect(entityInfo(merged, 2)).toMatchObject({ key: 'pack-b:iran', name: 'Islamic Republic', related: [] });
    expect(findEntity(merged, 'pack-b:iran')).toBe(2);
    expect(findEntity(merged, 'pack-c:iran')).toBe(-1);
  });

  it('matches aliases of every pack', () => {
    expect(findMentions(merged, 'Iran and the Islamic Republic').map((m) => m.entityKey)).toEqual(['pack-a:iran', 'pack-b:iran']);
  });

  it('keeps the same text in two packs as alternatives of one span', () => {
    const [m] = scanBlock(merged, 'Tehran');
    expect(m?.alternatives).toHaveLength(2);
    expect(entityInfo(merged, m?.entity ?? -1).key).toBe('pack-a:tehran');
  });
});

describe('the index as stored text', () => {
  it('round-trips through base64 parts with their checksums, at any length', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 4096, 3 * 1024 * 7 + 1]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
      const parts = indexToTextParts(bytes);
      expect(parts.join('')).toBe(Buffer.from(bytes).toString('base64'));
      const out = new Uint8Array(n);
      let at = 0;
      for (const part of parts) at += fromBase64Into(part, out, at);
      expect(at).toBe(n);
      expect(checksum(out)).toBe(checksum(bytes));
    }
  });

  it('splits a large index into parts of STORED_PART_BYTES and refuses damaged text', () => {
    const bytes = new Uint8Array(STORED_PART_BYTES * 2 + 10);
    expect(indexToTextParts(bytes).map(base64Length)).toEqual([STORED_PART_BYTES, STORED_PART_BYTES, 10]);
    expect(() => fromBase64Into('QUJD!', new Uint8Array(10), 0)).toThrow();
    expect(() => fromBase64Into('QU*D', new Uint8Array(10), 0)).toThrow();
    expect(() => fromBase64Into('QUJD', new Uint8Array(2), 0)).toThrow();
  });
});
