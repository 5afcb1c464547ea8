/**
 * How mentions look, and how those looks reach the page.
 *
 * One highlight per entity type, told apart by colour AND by underline style, so colour is never
 * the only cue. The colours are mid-tones that keep at least 3:1 contrast on white and on near
 * black, so one palette serves light and dark pages alike: changing a ::highlight rule later (to
 * follow a dark page) would cost a second whole-page style recalculation.
 *
 * Why the styles go in early: adding any stylesheet with a ::highlight() rule makes Chromium
 * recalculate the style of every element of the page, about 100 ms on a 1 MB page (measured; see
 * docs/benchmarks.md). Adopted while the document is still nearly empty, at document_start, the
 * same sheet costs next to nothing. A constructed stylesheet adds no node to the page, and a
 * page's CSP does not apply to it. Where adoption fails (Firefox 140 content scripts), a single
 * <style> made with createElement (which a strict CSP allows in Firefox) is added when the first
 * mention is painted.
 */
import { ENTITY_TYPES, type EntityType } from '../core';

/** The registry name of a type's highlight; prefixed because the registry is shared with the page. */
export function highlightName(type: EntityType): string {
  return `backstory-${type}`;
}

interface Look {
  colour: string;
  style: 'solid' | 'double' | 'dotted' | 'dashed' | 'wavy';
}

const LOOKS: Record<EntityType, Look> = {
  person: { colour: '#d97706', style: 'solid' },
  organization: { colour: '#3b82f6', style: 'double' },
  place: { colour: '#0d9488', style: 'dashed' },
  event: { colour: '#a855f7', style: 'wavy' },
  agreement: { colour: '#db2777', style: 'dotted' },
  concept: { colour: '#64748b', style: 'dotted' },
};

/** The stylesheet text for every type's highlight. */
export function highlightCss(): string {
  return ENTITY_TYPES.map((type) => {
    const { colour, style } = LOOKS[type];
    // A faint wash of the same colour helps the eye find names; the text colour is left alone so
    // the page's own contrast holds.
    return `::highlight(${highlightName(type)}) {
  text-decoration: underline ${style} ${colour};
  text-decoration-thickness: 2px;
  text-underline-offset: 3px;
  background-color: color-mix(in srgb, ${colour} 16%, transparent);
}`;
  }).join('\n');
}

/**
 * Backstory's highlight styles in one document and its open shadow roots, for one run; everything
 * it adds goes away on abort.
 */
export class PageStyles {
  private sheet: CSSStyleSheet | null = null;
  private element: HTMLStyleElement | null = null;
  private readonly roots = new Map<ShadowRoot, CSSStyleSheet | null>();

  constructor(private readonly doc: Document, signal: AbortSignal) {
    signal.addEventListener('abort', () => this.remove(), { once: true });
  }

  /** Adopts the sheet into the document now (cheap while the page is still loading). */
  adoptEarly(): void {
    if (this.sheet || this.element) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(highlightCss());
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
    style.textContent = highlightCss();
    (this.doc.head ?? this.doc.documentElement).append(style);
    this.element = style;
  }

  /** Styles highlights inside an open shadow root (document styles do not reach into it). */
  ensureShadowRoot(root: ShadowRoot): void {
    if (this.roots.has(root)) return;
    let sheet: CSSStyleSheet | null = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(highlightCss());
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
