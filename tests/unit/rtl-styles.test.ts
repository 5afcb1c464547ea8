/**
 * Meta-test: the extension's pages and the card mirror in a right-to-left UI because their CSS is
 * written in logical properties (margin-inline-start, padding-inline, inset-inline, text-align:
 * start). A physical left or right would stay put when the UI is Persian.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardCss } from '../../src/ui/card-styles';

/** Declarations that name a physical side: `margin-left`, `left:`, `text-align: right`, `float: left`, ... */
const PHYSICAL = /(?:^|[\s;{])(?:(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)[\w-]*|left|right)\s*:|:\s*(?:left|right)\b/gm;

/**
 * The card host's own `:host` rule: the host is placed by viewport coordinates (left and top,
 * from @floating-ui), and its direction is pinned to ltr so those coordinates mean one thing; the
 * card inside takes the UI's direction from its dir attribute.
 */
function withoutHostRule(css: string): string {
  return css.replace(/:host\s*\{[^}]*\}/, '');
}

describe('right-to-left layout', () => {
  it.each([
    ['assets/pages/pages.css', readFileSync('assets/pages/pages.css', 'utf8')],
    ['the card (src/ui/card-styles.ts)', withoutHostRule(cardCss())],
  ])('%s uses logical properties, never a physical left or right', (_name, css) => {
    expect(css.match(PHYSICAL) ?? []).toEqual([]);
  });

  it('catches a physical side (the check above can fail)', () => {
    expect('a { margin-left: 1px; text-align: right; left: 0; border-right-width: 2px }'.match(PHYSICAL)).toHaveLength(4);
    expect(cardCss().match(PHYSICAL)).not.toBeNull();
  });
});
