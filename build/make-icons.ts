/**
 * Draws Backstory's toolbar and store icons (assets/icons/icon-{16,32,48,128}.png).
 * The motif: a page of text lines on an ink-blue tile, one word marked in amber, the way
 * Backstory marks a name. Run by hand when the design changes (`npx tsx build/make-icons.ts`);
 * the PNGs are committed so a build needs no image tools.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
const INK: RGBA = [27, 58, 94, 255];
const PAPER: RGBA = [246, 241, 229, 255];
const LINE: RGBA = [120, 132, 150, 255];
const AMBER: RGBA = [242, 169, 0, 255];

interface Rect { x: number; y: number; w: number; h: number; r: number; c: RGBA }

/** Shapes in a 128-unit design space. */
const shapes: Rect[] = [
  { x: 4, y: 4, w: 120, h: 120, r: 26, c: INK },
  { x: 26, y: 18, w: 76, h: 92, r: 8, c: PAPER },
  { x: 36, y: 34, w: 56, h: 8, r: 4, c: LINE },
  { x: 32, y: 50, w: 64, h: 16, r: 5, c: AMBER },
  { x: 36, y: 54, w: 40, h: 8, r: 4, c: INK },
  { x: 36, y: 74, w: 56, h: 8, r: 4, c: LINE },
  { x: 36, y: 90, w: 36, h: 8, r: 4, c: LINE },
];

function inside(s: Rect, px: number, py: number): boolean {
  if (px < s.x || py < s.y || px > s.x + s.w || py > s.y + s.h) return false;
  const cx = Math.min(Math.max(px, s.x + s.r), s.x + s.w - s.r);
  const cy = Math.min(Math.max(py, s.y + s.r), s.y + s.h - s.r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= s.r ** 2;
}

function render(size: number): Buffer {
  const ss = 4; // 4x4 supersampling for smooth edges at 16 px
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const px = ((x + (sx + 0.5) / ss) * 128) / size;
          const py = ((y + (sy + 0.5) / ss) * 128) / size;
          let c: RGBA = [0, 0, 0, 0];
          for (const s of shapes) if (inside(s, px, py)) c = s.c;
          const a = c[3] / 255;
          acc[0]! += c[0] * a; acc[1]! += c[1] * a; acc[2]! += c[2] * a; acc[3]! += c[3];
        }
      }
      const n = ss * ss;
      const alpha = acc[3]! / n;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const k = alpha > 0 ? 255 / alpha : 0;
      raw[o] = Math.round((acc[0]! / n) * k);
      raw[o + 1] = Math.round((acc[1]! / n) * k);
      raw[o + 2] = Math.round((acc[2]! / n) * k);
      raw[o + 3] = Math.round(alpha);
    }
  }
  return png(size, size, raw);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(w: number, h: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('assets/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(`assets/icons/icon-${size}.png`, render(size));
}
console.log('wrote assets/icons/icon-{16,32,48,128}.png');
