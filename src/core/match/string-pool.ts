/**
 * String pools: many short strings stored as one array of UTF-16 units plus an offset table, so the
 * index holds 100,000 alias texts without 100,000 string objects and serialises as two flat arrays.
 * A pool whose every unit is below 256 (Latin-1: most packs in Latin scripts) is a Uint8Array, half
 * the bytes to ship and to load; otherwise a Uint16Array.
 */
import { unitsToString } from '../text/normalize';

/** The units of a pool: one byte each where every unit fits in one. */
export type PoolUnits = Uint8Array | Uint16Array;

/** A built pool: string i is `pool[start[i]..start[i + 1]]`. */
export interface StringPool {
  readonly start: Uint32Array;
  readonly pool: PoolUnits;
}

/** Packs strings into a pool. */
export function buildPool(strings: readonly string[]): StringPool {
  const start = new Uint32Array(strings.length + 1);
  let total = 0;
  for (let i = 0; i < strings.length; i++) {
    total += strings[i]!.length;
    start[i + 1] = total;
  }
  const narrow = strings.every((str) => {
    for (let j = 0; j < str.length; j++) if (str.charCodeAt(j) > 0xff) return false;
    return true;
  });
  const pool = narrow ? new Uint8Array(total) : new Uint16Array(total);
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    const base = start[i]!;
    for (let j = 0; j < s.length; j++) pool[base + j] = s.charCodeAt(j);
  }
  return { start, pool };
}

/** Reads string i of a pool. */
export function poolString(start: Uint32Array, pool: PoolUnits, i: number): string {
  const a = start[i];
  const b = start[i + 1];
  if (a === undefined || b === undefined) throw new RangeError(`no string ${i} in pool`);
  return unitsToString(pool, a, b);
}

/**
 * A pool of display strings (names, aliases as written), UTF-8 encoded: one byte per unit for
 * ASCII whatever other characters the pool holds, where a units pool falls back to two bytes for
 * every unit as soon as one string has a character beyond Latin-1 (a macron, a Persian name).
 * Slower to read than units, so only for strings read one at a time (a card), never by the scanner.
 */
export interface TextPool {
  readonly start: Uint32Array;
  readonly pool: Uint8Array;
}

const encoder = new TextEncoder();
let decoder: TextDecoder | undefined;

/** Packs display strings into a UTF-8 pool; start offsets are in bytes. */
export function buildTextPool(strings: readonly string[]): TextPool {
  const encoded = strings.map((str) => encoder.encode(str));
  const start = new Uint32Array(strings.length + 1);
  let total = 0;
  encoded.forEach((bytes, i) => {
    total += bytes.length;
    start[i + 1] = total;
  });
  const pool = new Uint8Array(total);
  encoded.forEach((bytes, i) => pool.set(bytes, start[i]));
  return { start, pool };
}

/** String `i` of a UTF-8 pool. */
export function textPoolString(start: Uint32Array, pool: Uint8Array, i: number): string {
  const a = start[i];
  const b = start[i + 1];
  if (a === undefined || b === undefined) throw new RangeError(`no string ${i} in pool`);
  decoder ??= new TextDecoder();
  return decoder.decode(pool.subarray(a, b));
}
