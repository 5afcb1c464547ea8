/**
 * What `npm start` and `npm run screenshots` share: the bundled demo article served from loopback
 * and a way to hover a highlighted name in it.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { ROOT } from './build';
import { serveStatic, type StaticServer } from './serve';

export const DEMO_PAGE = 'article.html';

/** Serves examples/demo on 127.0.0.1. */
export function serveDemo(): Promise<StaticServer> {
  return serveStatic(join(ROOT, 'examples/demo'));
}

/** Waits for Backstory's highlights on `page`, then rests the pointer on the first highlighted name. */
export async function hoverFirstMention(page: Page, timeout = 15_000): Promise<string> {
  await page.waitForFunction(() => [...CSS.highlights].some(([name, h]) => name.startsWith('backstory') && h.size > 0), { timeout, polling: 100 });
  const target = await page.evaluate(() => {
    // Backstory paints StaticRanges, which have no geometry: make a live Range of each.
    const ranges: Range[] = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('backstory')) continue;
      for (const r of h) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        ranges.push(range);
      }
    }
    // The first mention in reading order that is on screen.
    const visible = ranges
      .map((r) => ({ r, rect: r.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && rect.top >= 0 && rect.bottom <= innerHeight)
      .sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left)[0];
    if (!visible) return null;
    return { x: visible.rect.left + visible.rect.width / 2, y: visible.rect.top + visible.rect.height / 2, text: visible.r.toString() };
  });
  if (!target) throw new Error('no highlighted name on screen');
  await page.mouse.move(target.x, target.y, { steps: 4 });
  // Rest long enough for hover intent (the card's delay is about 300 ms).
  await new Promise((r) => setTimeout(r, 700));
  return target.text;
}
