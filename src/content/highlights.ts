/**
 * Paints mentions with the CSS Custom Highlight API: no node of the page is added, moved or split
 * (STYLE habit 7). The highlight's style reaches the page through one <style> element made with
 * createElement, which a strict page CSP still allows in Firefox (an innerHTML-made one is blocked).
 */

/** Highlight registry names are shared with the page, so ours carry a prefix no page would use. */
export const HIGHLIGHT_NAME = 'backstory-mention';

const STYLE_TEXT = `::highlight(${HIGHLIGHT_NAME}) {
  background-color: rgba(242, 169, 0, 0.28);
  text-decoration: underline 2px rgba(191, 120, 0, 0.9);
  text-underline-offset: 3px;
}
@media (prefers-color-scheme: dark) {
  ::highlight(${HIGHLIGHT_NAME}) {
    background-color: rgba(255, 200, 60, 0.3);
    text-decoration-color: rgba(255, 205, 80, 0.95);
  }
}`;

/** True where this browser can paint highlights at all. */
export function canHighlight(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Registers `ranges` as Backstory's highlight and adds the style element; both go away when
 * `signal` aborts, leaving the document exactly as it was.
 */
export function paintRanges(doc: Document, ranges: AbstractRange[], signal: AbortSignal): void {
  if (!canHighlight() || signal.aborted) return;
  const highlight = new Highlight(...ranges);
  CSS.highlights.set(HIGHLIGHT_NAME, highlight);
  const style = doc.createElement('style');
  style.textContent = STYLE_TEXT;
  (doc.head ?? doc.documentElement).append(style);
  signal.addEventListener('abort', () => {
    if (CSS.highlights.get(HIGHLIGHT_NAME) === highlight) CSS.highlights.delete(HIGHLIGHT_NAME);
    style.remove();
  }, { once: true });
}
