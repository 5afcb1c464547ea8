/**
 * Page-side code shared by the benchmark and the e2e tests, as source text: page.evaluate needs
 * self-contained code (tsx wraps shared functions in a `__name` helper the page does not have).
 */

/**
 * An expression for the page: Backstory's painted mentions as live Ranges (it paints
 * StaticRanges, which have no text or geometry of their own), in registry order.
 */
export const BACKSTORY_LIVE_RANGES = `(() => {
  const out = [];
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('backstory-')) continue;
    for (const r of h) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      out.push(range);
    }
  }
  return out;
})()`;
