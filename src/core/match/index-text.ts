/**
 * The compiled index as text, for browser.storage.local, which keeps only what JSON can hold in
 * Chrome: base64, in parts of STORED_PART_BYTES so a content script reads and decodes one part per
 * task (a 1 MiB part decodes in a few milliseconds). Written here rather than with btoa/atob so
 * the core stays free of globals and decodes straight into the index's own buffer.
 */

/** Bytes of index per stored part. */
export const STORED_PART_BYTES = 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Base64 of `bytes` (with padding). */
export function toBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  // Built in slices of 4096 characters: String.fromCharCode spreads its arguments on the stack,
  // and a service worker's stack overflowed at 65,536.
  const SLICE = 3 * 1024;
  for (let at = 0; at < bytes.length; at += SLICE) {
    const end = Math.min(bytes.length, at + SLICE);
    const units: number[] = [];
    for (let i = at; i < end; i += 3) {
      const n = (bytes[i]! << 16) | ((i + 1 < end ? bytes[i + 1]! : 0) << 8) | (i + 2 < end ? bytes[i + 2]! : 0);
      units.push(ALPHABET.charCodeAt(n >> 18), ALPHABET.charCodeAt((n >> 12) & 63));
      units.push(i + 1 < end ? ALPHABET.charCodeAt((n >> 6) & 63) : 61, i + 2 < end ? ALPHABET.charCodeAt(n & 63) : 61);
    }
    chunks.push(String.fromCharCode(...units));
  }
  return chunks.join('');
}

/** The index's bytes as base64 parts of at most STORED_PART_BYTES each (at least one part). */
export function indexToTextParts(bytes: Uint8Array): string[] {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length || parts.length === 0; at += STORED_PART_BYTES) {
    parts.push(toBase64(bytes.subarray(at, Math.min(bytes.length, at + STORED_PART_BYTES))));
  }
  return parts;
}

/** How many bytes the base64 `text` decodes to. */
export function base64Length(text: string): number {
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

/**
 * Decodes base64 `text` into `into` from `offset`; returns the bytes written. Throws on anything
 * that is not well-formed base64 (stored data is checked, never trusted).
 */
export function fromBase64Into(text: string, into: Uint8Array, offset: number): number {
  if (text.length % 4 !== 0) throw new Error('stored index part is not base64');
  const length = base64Length(text);
  if (offset + length > into.length) throw new Error('stored index part is longer than its index');
  let out = offset;
  for (let i = 0; i < text.length; i += 4) {
    const a = DECODE[text.charCodeAt(i)] ?? -1;
    const b = DECODE[text.charCodeAt(i + 1)] ?? -1;
    const c3 = text.charCodeAt(i + 2);
    const d4 = text.charCodeAt(i + 3);
    const c = c3 === 61 ? 0 : DECODE[c3] ?? -1;
    const d = d4 === 61 ? 0 : DECODE[d4] ?? -1;
    if ((a | b | c | d) < 0) throw new Error('stored index part is not base64');
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    into[out++] = n >> 16;
    if (c3 !== 61) into[out++] = (n >> 8) & 255;
    if (d4 !== 61) into[out++] = n & 255;
  }
  return out - offset;
}

/** FNV-1a (32-bit) of `bytes[start..end)`: a stored part's check against truncation and corruption. */
export function checksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}
