/**
 * The highlight styles: what readers see on every page, and a performance rule learned the hard way
 * (see src/content/highlight-style.ts): in Chromium, a text-decoration in any ::highlight rule makes
 * every later change to the highlight registry re-walk the whole document (17 ms at 1 MB, over
 * 80 ms at 5 MB), so the looks are a background wash and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../src/core';
import { highlightCss, highlightName } from '../../src/content/highlight-style';

const rules = (): Map<string, string> => {
  const out = new Map<string, string>();
  for (const m of highlightCss().matchAll(/::highlight\(([^)]+)\)\s*\{([^}]*)\}/g)) out.set(m[1]!, m[2]!.trim());
  return out;
};

describe('highlight styles', () => {
  it('give every entity type its own highlight, with a colour of its own', () => {
    const byName = rules();
    expect([...byName.keys()].sort()).toEqual(ENTITY_TYPES.map(highlightName).sort());
    expect(new Set(byName.values()).size).toBe(ENTITY_TYPES.length);
  });

  it('only wash the background: no text-decoration, no change to the text colour', () => {
    for (const [, body] of rules()) {
      const properties = body.split(';').map((d) => d.split(':')[0]!.trim()).filter(Boolean);
      expect(properties).toEqual(['background-color']);
    }
  });

  it('draw an underline instead only for readers who chose it, and the wash for the Alt style', () => {
    const underline = highlightCss('underline');
    for (const type of ENTITY_TYPES) expect(underline).toContain(`::highlight(${highlightName(type)}) { text-decoration: underline 2px`);
    expect(underline).not.toContain('background-color');
    // Hidden until Alt: the same sheet as the default; hiding is the painter's (the registry), so
    // pressing Alt never restyles the page.
    expect(highlightCss('modifier')).toBe(highlightCss('background'));
  });
});
