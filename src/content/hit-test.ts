/**
 * Pointer-to-text helpers for hit-testing mentions: which painted highlight ranges are under a
 * point, where the caret would fall, and whether a point is on a range's text.
 */

type HitRegistry = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number) => { highlight: Highlight; ranges?: AbstractRange[] }[];
};

/**
 * The highlight ranges painted under the point, by CSS.highlights.highlightsFromPoint; null where
 * the browser does not have it. The method came from w3c/csswg-drafts#7513; that it returns the
 * ranges hit, not only the highlights, from w3c/csswg-drafts#12031: a browser with the first form
 * gives no `ranges`, and the caret fallback below answers instead.
 */
export function rangesAtPoint(x: number, y: number): AbstractRange[] | null {
  const registry = CSS.highlights as HitRegistry;
  if (typeof registry.highlightsFromPoint !== 'function') return null;
  return registry.highlightsFromPoint(x, y).flatMap((hit) => hit.ranges ?? []);
}

/**
 * The text position nearest the point: caretPositionFromPoint first (all current browsers), then
 * caretRangeFromPoint (missing in Firefox 140). Null when the point is not over text.
 */
export function caretAt(doc: Document, x: number, y: number): { node: Text; offset: number } | null {
  const d = doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  let node: Node | null = null;
  let offset = 0;
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = d.caretPositionFromPoint(x, y);
    node = pos?.offsetNode ?? null;
    offset = pos?.offset ?? 0;
  } else if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    node = r?.startContainer ?? null;
    offset = r?.startOffset ?? 0;
  }
  return node && node.nodeType === 3 ? { node: node as Text, offset } : null;
}

/** Whether the point lies on one of the range's line boxes (the caret snaps to the nearest text). */
export function pointOnRange(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}
