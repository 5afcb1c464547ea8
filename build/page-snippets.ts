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

/**
 * An expression for an extension page: the id of the first tab whose top frame reports what it
 * shows (the popup's page-info message) and names something, or null. A test driver cannot press
 * the toolbar button, so the popup opens as a page told which tab it is about.
 */
export const ANNOTATED_TAB_ID = `(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  for (const tab of await api.tabs.query({})) {
    try {
      const info = await api.tabs.sendMessage(tab.id, { type: 'backstory/page-info' }, { frameId: 0 });
      if (info && info.entities.length > 0) return tab.id;
    } catch {}
  }
  return null;
})()`;
