/**
 * How mentions look: one highlight per entity type, told apart by colour AND by underline style,
 * so colour is never the only cue. Two palettes, picked from the page's own background: a dark
 * page gets light underlines, whatever the system's colour scheme says.
 */
import { ENTITY_TYPES, type EntityType } from '../core';

/** The registry name of a type's highlight; prefixed because the registry is shared with the page. */
export function highlightName(type: EntityType): string {
  return `backstory-${type}`;
}

interface Look {
  /** Underline colour on light pages, and on dark pages. */
  light: string;
  dark: string;
  style: 'solid' | 'double' | 'dotted' | 'dashed' | 'wavy';
}

const LOOKS: Record<EntityType, Look> = {
  person: { light: '#b45309', dark: '#fbbf24', style: 'solid' },
  organization: { light: '#1d4ed8', dark: '#93c5fd', style: 'double' },
  place: { light: '#047857', dark: '#6ee7b7', style: 'dashed' },
  event: { light: '#7e22ce', dark: '#d8b4fe', style: 'wavy' },
  agreement: { light: '#0f766e', dark: '#5eead4', style: 'dotted' },
  concept: { light: '#4b5563', dark: '#d1d5db', style: 'dotted' },
};

/** The stylesheet text for every type's highlight, for a light or a dark page. */
export function highlightCss(scheme: 'light' | 'dark'): string {
  return ENTITY_TYPES.map((type) => {
    const look = LOOKS[type];
    const colour = look[scheme];
    // A faint wash of the same colour helps the eye find names without hiding the text; the
    // text colour itself is left alone so the page's contrast holds.
    return `::highlight(${highlightName(type)}) {
  text-decoration: underline ${look.style} ${colour};
  text-decoration-thickness: 2px;
  text-underline-offset: 3px;
  background-color: color-mix(in srgb, ${colour} ${scheme === 'dark' ? 22 : 14}%, transparent);
}`;
  }).join('\n');
}

/** Parses an rgb()/rgba() computed colour into [r, g, b, a]. */
function parseRgb(value: string): [number, number, number, number] | null {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(value);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/**
 * Whether the page reads as dark: the first opaque background from body up, else the page's
 * declared colour scheme. Two style reads, once per run.
 */
export function pageScheme(doc: Document): 'light' | 'dark' {
  const view = doc.defaultView;
  if (!view) return 'light';
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgba = parseRgb(view.getComputedStyle(el).backgroundColor);
    if (rgba && rgba[3] > 0.5) {
      const [r, g, b] = rgba;
      const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      return luminance < 0.45 ? 'dark' : 'light';
    }
  }
  const declared = view.getComputedStyle(doc.documentElement).colorScheme;
  if (declared.includes('dark') && !declared.includes('light')) return 'dark';
  if (declared.includes('dark') && view.matchMedia('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}
