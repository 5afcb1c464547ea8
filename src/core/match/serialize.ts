/**
 * serializeIndex / loadIndex: the compiled index as one ArrayBuffer. The build compiles the bundled
 * packs once; the content script fetches the buffer and loads it as typed-array views over the
 * same memory (no parsing, no copying), which is what keeps loading a 100,000-alias index cheap.
 *
 * Layout (all little-endian u32 words in the header):
 *   magic "BKIX", format version, endianness probe, section count,
 *   then per section: element kind, byte offset, element count;
 *   then the sections, each aligned to 8 bytes.
 */
import type { CompiledIndex } from './compiled-index';
import { buildPool, poolString } from './string-pool';

const MAGIC = 0x58494b42; // "BKIX" read as a little-endian u32
/** Bumped whenever the layout or the meaning of a section changes. */
export const INDEX_FORMAT_VERSION = 11;
const PROBE = 0x01020304;

type Kind = 'u8' | 'u16' | 'i32' | 'u32';
/** A string pool's units: u8 or u16, whichever the pool is (see string-pool.ts). */
type FieldKind = Kind | 'units';
const KIND_CODE: Record<Kind, number> = { u8: 1, u16: 2, i32: 3, u32: 4 };
const KIND_OF_CODE: readonly (Kind | undefined)[] = [undefined, 'u8', 'u16', 'i32', 'u32'];
type TypedArray = Uint8Array | Uint16Array | Int32Array | Uint32Array;

/** The typed-array fields, in their fixed order in the buffer. */
const FIELDS = [
  ['rootAscii', 'i32'],
  ['edgeStart', 'u32'],
  ['edgeChar', 'u16'],
  ['fail', 'i32'],
  ['dictLink', 'i32'],
  ['outStart', 'u32'],
  ['outAlias', 'i32'],
  ['aliasEntity', 'i32'],
  ['aliasFlags', 'u8'],
  ['aliasLength', 'u16'],
  ['caseTextStart', 'u32'],
  ['caseTextPool', 'units'],
  ['periodAlias', 'i32'],
  ['periodFrom', 'i32'],
  ['periodUntil', 'i32'],
  ['jointAlias', 'i32'],
  ['jointStart', 'u32'],
  ['jointAt', 'u16'],
  ['entityType', 'u8'],
  ['entityFlags', 'u8'],
  ['entityPack', 'u16'],
  ['entityIdStart', 'u32'],
  ['entityIdPool', 'units'],
  ['entityNameStart', 'u32'],
  ['entityNamePool', 'u8'],
  ['relatedStart', 'u32'],
  ['related', 'i32'],
] as const satisfies readonly (readonly [keyof CompiledIndex, FieldKind])[];

type ArrayField = (typeof FIELDS)[number][0];
/** Two extra sections hold a string pool: the pack ids, then the prefilter's source. */
const SECTIONS = FIELDS.length + 2;
const HEADER_WORDS = 4 + 3 * SECTIONS;

const align8 = (n: number): number => (n + 7) & ~7;

/** Serialises an index into one ArrayBuffer (see the layout above). */
export function serializeIndex(index: CompiledIndex): ArrayBuffer {
  const packs = buildPool([...index.packIds, index.prefilter]);
  const arrays: TypedArray[] = [...FIELDS.map(([name]) => index[name]), packs.start, packs.pool];
  const kinds: Kind[] = arrays.map(kindOf);
  let offset = align8(HEADER_WORDS * 4);
  const offsets: number[] = [];
  for (const a of arrays) {
    offsets.push(offset);
    offset = align8(offset + a.byteLength);
  }
  const buffer = new ArrayBuffer(offset);
  const header = new DataView(buffer);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, INDEX_FORMAT_VERSION, true);
  new Uint32Array(buffer, 8, 1)[0] = PROBE; // native order: loadIndex checks it reads back the same
  header.setUint32(12, SECTIONS, true);
  const bytes = new Uint8Array(buffer);
  arrays.forEach((a, i) => {
    const at = 16 + i * 12;
    header.setUint32(at, KIND_CODE[kinds[i]!], true);
    header.setUint32(at + 4, offsets[i]!, true);
    header.setUint32(at + 8, a.length, true);
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]);
  });
  return buffer;
}

/**
 * How many bytes of an index {@link serializeIndex} wrote, read from its first bytes: at least
 * {@link INDEX_HEADER_BYTES} of them. Lets a reader that gets the index in parts (see
 * {@link splitIndex}) know after the first part how many more to ask for.
 */
export function indexByteLength(head: Uint8Array): number {
  if (head.byteLength < INDEX_HEADER_BYTES) throw new Error('not a Backstory index: too short');
  const header = new DataView(head.buffer, head.byteOffset, INDEX_HEADER_BYTES);
  if (header.getUint32(0, true) !== MAGIC) throw new Error('not a Backstory index: bad magic');
  if (header.getUint32(12, true) !== SECTIONS) throw new Error('index has an unexpected number of sections');
  let end = INDEX_HEADER_BYTES;
  for (let i = 0; i < SECTIONS; i++) {
    const at = 16 + i * 12;
    const width = [0, 1, 2, 4, 4][header.getUint32(at, true)] ?? 0;
    end = Math.max(end, align8(header.getUint32(at + 4, true) + header.getUint32(at + 8, true) * width));
  }
  return end;
}

/** Bytes at the start of every index that describe it (enough for {@link indexByteLength}). */
export const INDEX_HEADER_BYTES = align8(HEADER_WORDS * 4);

/**
 * The largest part the build writes an index in. The content script fetches the parts in parallel
 * and joins them: Chromium hands a finished response body to the page in one task, which took
 * 24-38 ms for a single 16 MB file and stays near 10 ms for 4 MiB parts (1 MiB parts kept tasks
 * shorter still but made the whole load 40% slower: every request has its cost).
 */
export const INDEX_PART_BYTES = 4 << 20;

/** The file name of part `i` of an index written in parts (the build puts them in packs/). */
export function indexPartName(i: number): string {
  return `index-${i}.bin`;
}

/** A serialised index cut into parts of {@link INDEX_PART_BYTES} (the last may be shorter). */
export function splitIndex(bytes: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength || parts.length === 0; at += INDEX_PART_BYTES) {
    parts.push(bytes.subarray(at, Math.min(bytes.byteLength, at + INDEX_PART_BYTES)));
  }
  return parts;
}

function kindOf(a: TypedArray): Kind {
  return a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : a instanceof Int32Array ? 'i32' : 'u32';
}

function view(buffer: ArrayBuffer, kind: Kind, offset: number, length: number): TypedArray {
  switch (kind) {
    case 'u8':
      return new Uint8Array(buffer, offset, length);
    case 'u16':
      return new Uint16Array(buffer, offset, length);
    case 'i32':
      return new Int32Array(buffer, offset, length);
    case 'u32':
      return new Uint32Array(buffer, offset, length);
  }
}

/**
 * Loads an index serialised by {@link serializeIndex}. The typed arrays are views over `data`
 * (copied first only if a byte view is not 8-byte aligned), so do not modify `data` afterwards.
 * Throws on a buffer of another format version or byte order. It checks the header and section
 * bounds, not the automaton's consistency: load only indexes this code serialised.
 */
export function loadIndex(data: ArrayBuffer | ArrayBufferView): CompiledIndex {
  let buffer: ArrayBuffer;
  let base = 0;
  let size: number;
  // ArrayBuffer.isView, not instanceof: a buffer from another realm (a Firefox content script's
  // fetch) fails instanceof ArrayBuffer and would be misread as a view.
  if (!ArrayBuffer.isView(data)) {
    buffer = data;
    size = data.byteLength;
  } else if (data.byteOffset % 8 === 0 && data.buffer instanceof ArrayBuffer) {
    buffer = data.buffer;
    base = data.byteOffset;
    size = data.byteLength;
  } else {
    buffer = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer;
    size = buffer.byteLength;
  }
  if (size < 16) throw new Error('not a Backstory index: too short');
  const header = new DataView(buffer, base, size);
  if (header.getUint32(0, true) !== MAGIC) throw new Error('not a Backstory index: bad magic');
  const version = header.getUint32(4, true);
  if (version !== INDEX_FORMAT_VERSION) throw new Error(`index format ${version} is not supported (expected ${INDEX_FORMAT_VERSION})`);
  if (new Uint32Array(buffer, base + 8, 1)[0] !== PROBE) throw new Error('index was written with another byte order');
  if (header.getUint32(12, true) !== SECTIONS || size < HEADER_WORDS * 4) throw new Error('index has an unexpected number of sections');
  const expected: FieldKind[] = [...FIELDS.map(([, kind]) => kind), 'u32', 'units'];
  const arrays = expected.map((want, i) => {
    const at = 16 + i * 12;
    const kind = KIND_OF_CODE[header.getUint32(at, true)];
    const offset = header.getUint32(at + 4, true);
    const length = header.getUint32(at + 8, true);
    const width = kind === 'u8' ? 1 : kind === 'u16' ? 2 : 4;
    const kindOk = kind !== undefined && (want === 'units' ? kind === 'u8' || kind === 'u16' : kind === want);
    if (!kindOk || offset % 8 !== 0 || offset + length * width > size) {
      throw new Error(`index section ${i} is corrupt`);
    }
    return view(buffer, kind, base + offset, length);
  });
  const fields: Partial<Record<ArrayField, TypedArray>> = {};
  FIELDS.forEach(([name], i) => {
    fields[name] = arrays[i];
  });
  const packStart = arrays[FIELDS.length] as Uint32Array;
  const packPool = arrays[FIELDS.length + 1] as Uint8Array | Uint16Array;
  const packIds: string[] = [];
  for (let p = 0; p + 2 < packStart.length; p++) packIds.push(poolString(packStart, packPool, p));
  if (packStart.length < 2) throw new Error('index has no prefilter');
  const prefilter = poolString(packStart, packPool, packStart.length - 2);
  return { ...(fields as Pick<CompiledIndex, ArrayField>), packIds, prefilter };
}
