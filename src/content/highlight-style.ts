/**
 * How mentions look, and how those looks reach the page.
 *
 * One highlight per entity type, a wash of the type's colour behind the text, like a highlighter
 * pen. The colours are mid-tones that read on white and on near black alike, so one palette serves
 * light and dark pages: changing a ::highlight rule later (to follow a dark page) would cost a
 * whole-page style recalculation. The type is never told by colour alone: the card names it in text.
 *
 * Why no underline: in Chromium, while any ::highlight rule draws a text-decoration, every change to
 * the highlight registry (one range added) re-walks the whole document before the next paint, about
 * 17 ms on a 1 MB page and 80-125 ms at 5 MB; with only background-color (or color, or text-shadow)
 * the same change costs about 2 ms (measured, see docs/benchmarks.md). An underline would make it
 * impossible to keep every task under 16 ms on a long page.
 *
 * When the styles go in: adding any stylesheet with a ::highlight() rule makes Chromium restyle
 * every element of the page. Since issue 19 a frame loads the engine, and adopts the sheet as its
 * run opens, only once the page is parsed and may name someone: frames that name nobody never pay
 * for it. On the bench's 1 MB story page that restyle costs 135-175 ms (traced for issue 20); the
 * engine waits a frame after adopting (content/schedule.ts afterNextFrame), so it happens in the
 * page's own rendering: read at once, the painter's first read of a box forced it inside one task
 * of ours (135 ms, traced while trying to start sooner). Adopting the
 * sheet early instead, in the top frame's loader while the page was short, cost more: every style
 * pass of the page's loading then computed the highlight styles too, and DOMContentLoaded came at
 * 885 ms against 717 (medians of 10 loads). A constructed stylesheet adds no node to the page, and
 * a page's CSP does not apply to it. Where adoption fails (Firefox 140 content scripts), a single
 * <style> made with createElement (which a strict CSP allows in Firefox) is added when the first
 * mention is painted.
 */
import { ENTITY_TYPES, type EntityType } from '../core/pack/limits';
import type { HighlightStyle } from '../core/settings';
import { TYPE_COLOURS } from '../ui/type-colours';
import { OWN_UI_ATTRIBUTE } from '../dom/text-nodes';

/**
 * Whether this browser can show Backstory's highlights at all (the CSS Custom Highlight API, and
 * the IntersectionObserver the painter paints near the viewport with). Chrome 105, Firefox 140.
 */
export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function' && typeof IntersectionObserver === 'function';
}

/** The registry name of a type's highlight; prefixed because the registry is shared with the page. */
export function highlightName(type: EntityType): string {
  return `backstory-${type}`;
}


/** How much of the colour the wash mixes in: enough to find a name at a glance, little enough to read through. */
const WASH_PERCENT = 24;

/**
 * The stylesheet text for every type's highlight in the reader's style: the background wash (see
 * the note at the top), or an underline for readers who choose it despite its cost on long pages.
 * The 'modifier' style paints the wash too, but only while the reader holds Alt: the painter keeps
 * the highlights out of the registry until then (a registry change costs ~2 ms; changing the sheet
 * would restyle the whole page).
 */
export function highlightCss(style: HighlightStyle = 'background'): string {
  // The text colour is left alone so the page's own contrast holds.
  return ENTITY_TYPES.map((type) => `::highlight(${highlightName(type)}) { ${style === 'underline'
    ? `text-decoration: underline 2px ${TYPE_COLOURS[type]}; text-underline-offset: 3px;`
    : `background-color: color-mix(in srgb, ${TYPE_COLOURS[type]} ${WASH_PERCENT}%, transparent);`} }`).join('\n');
}

/**
 * Backstory's highlight styles in one document and its open shadow roots, for one run; everything
 * it adds goes away on abort.
 */
export class PageStyles {
  private sheet: CSSStyleSheet | null = null;
  private element: HTMLStyleElement | null = null;
  private readonly roots = new Map<ShadowRoot, CSSStyleSheet | null>();

  constructor(private readonly doc: Document, signal: AbortSignal, private style: HighlightStyle = 'background') {
    signal.addEventListener('abort', () => this.remove(), { once: true });
  }

  /**
   * Switches every sheet to another style. Costs one style recalculation of the whole page (the
   * rules change), so it happens only when the reader changes the setting.
   */
  setStyle(style: HighlightStyle): void {
    const before = highlightCss(this.style);
    this.style = style;
    const css = highlightCss(style);
    if (css === before) return;
    this.sheet?.replaceSync(css);
    if (this.element) this.element.textContent = css;
    for (const sheet of this.roots.values()) sheet?.replaceSync(css);
  }

  /** Adopts the sheet into the document now (cheap while the page is still loading). */
  adoptEarly(): void {
    if (this.sheet || this.element) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(highlightCss(this.style));
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, sheet];
      this.sheet = sheet;
    } catch {
      // Firefox 140 content scripts cannot construct or adopt sheets: ensure() falls back.
    }
  }

  /** Makes sure the document has the styles before the first mention is painted. */
  ensure(): void {
    // A page that assigns document.adoptedStyleSheets wholesale drops ours: adopt it again.
    if (this.sheet && !this.doc.adoptedStyleSheets.includes(this.sheet)) {
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
    }
    if (this.sheet || this.element) return;
    const style = this.doc.createElement('style');
    style.setAttribute(OWN_UI_ATTRIBUTE, '');
    style.textContent = highlightCss(this.style);
    (this.doc.head ?? this.doc.documentElement).append(style);
    this.element = style;
  }

  /** Styles highlights inside an open shadow root (document styles do not reach into it). */
  ensureShadowRoot(root: ShadowRoot): void {
    if (this.roots.has(root)) return;
    let sheet: CSSStyleSheet | null = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(highlightCss(this.style));
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // Firefox 140: those mentions stay unpainted but are still listed and reachable by keyboard.
      sheet = null;
    }
    this.roots.set(root, sheet);
  }

  /** The one node Backstory may have added to the page (the fallback <style>), if any. */
  ownNode(): Node | null {
    return this.element;
  }

  private remove(): void {
    if (this.sheet) this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    this.element?.remove();
    for (const [root, sheet] of this.roots) {
      if (sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    }
    this.sheet = null;
    this.element = null;
    this.roots.clear();
  }
}

/**
 * Removes what an earlier instance of Backstory left in the page: after an update or a reload of
 * the extension, the old content script is cut off (Chrome) or torn down (Firefox) without running
 * its cleanup, and its highlights, styles and card stay. Only Backstory's own names and marks are
 * touched: Backstory's highlight names, sheets whose rules are all Backstory's highlight rules,
 * and elements marked as Backstory's UI.
 */
export function removeLeftovers(doc: Document): void {
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    // By name, not by iterating the registry: Firefox cannot iterate it through a content script's
    // Xray wrapper ("Xray wrapping of iterators not supported").
    for (const type of ENTITY_TYPES) CSS.highlights.delete(highlightName(type));
  }
  const isOurs = (sheet: CSSStyleSheet) => {
    try {
      const rules = [...sheet.cssRules];
      return rules.length > 0 && rules.every((r) => r.cssText.startsWith('::highlight(backstory-'));
    } catch {
      return false;
    }
  };
  try {
    if (doc.adoptedStyleSheets.some(isOurs)) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !isOurs(s));
  } catch {
    // A browser that refuses adoptedStyleSheets to content scripts had none of ours there either.
  }
  for (const el of doc.querySelectorAll(`style[${OWN_UI_ATTRIBUTE}], backstory-card`)) el.remove();
}
