/**
 * Light card or dark card: the reader's theme setting, or with 'auto' the page behind the mention,
 * so a card on a dark page does not flash white and one on a light page does not sit there black.
 */
import type { Theme } from '../../core/settings';

/** Whether a card with theme setting `theme` opening beside `el` is dark. */
export function cardIsDark(theme: Theme, el: Element): boolean {
  return theme === 'auto' ? isDarkAt(el) : theme === 'dark';
}

/**
 * Whether the page is dark behind `el`: the first opaque background up its ancestors, else the
 * browser's canvas as the page's color-scheme and the reader's preference make it.
 */
export function isDarkAt(el: Element): boolean {
  const win = el.ownerDocument.defaultView;
  if (!win) return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const rgba = parseColour(win.getComputedStyle(node).backgroundColor);
    if (rgba && rgba[3] > 0.5) return luminance(rgba) < 0.35;
  }
  // No background of its own: the browser's canvas shows, dark where the page's color-scheme says so
  // ("dark"), or where it allows both and the reader prefers dark ("light dark").
  const scheme = win.getComputedStyle(el.ownerDocument.documentElement).colorScheme;
  if (!/\bdark\b/.test(scheme)) return false;
  return !/\blight\b/.test(scheme) || win.matchMedia('(prefers-color-scheme: dark)').matches;
}

type Rgba = [number, number, number, number];

/**
 * A computed colour as red, green, blue (0-255) and alpha (0-1). Computed styles serialise plain
 * colours as rgb()/rgba(), with commas or with spaces and a slash; anything else (a color() or
 * oklch() value) is not understood and counts as no background.
 */
function parseColour(css: string): Rgba | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)/.exec(css);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** The relative luminance of an sRGB colour, 0 (black) to 1 (white), as WCAG 2 defines it. */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
