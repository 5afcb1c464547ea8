/**
 * Which parts of a page Backstory reads: the skip rules shared by block collection and tests.
 * Nothing inside code, forms, editors, non-rendered or foreign content, or Backstory's own UI.
 */

/** Elements whose text is never annotated. Upper case for HTML; SVG and MathML keep their case. */
export const SKIPPED_TAGS = new Set([
  'HEAD', 'TITLE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION',
  'BUTTON', 'CODE', 'PRE', 'KBD', 'SAMP', 'VAR', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
  'VIDEO', 'AUDIO', 'svg', 'math',
]);

/**
 * Elements that end one block of text and start another. Text inside one block is read as one
 * string, so "Elon <b>Musk</b>" is one mention; across blocks, never.
 */
export const BLOCK_TAGS = new Set([
  'HTML', 'BODY', 'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'CENTER', 'DD', 'DETAILS',
  'DIALOG', 'DIR', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'IMG',
]);

/** The attribute that marks Backstory's own UI, should any of it ever sit in the page's tree. */
export const OWN_UI_ATTRIBUTE = 'data-backstory-ui';

/**
 * Elements marked as never annotated by an attribute: editing roots ("true", "" and
 * "plaintext-only"; the walk never enters their subtree, so inherited editability needs no check),
 * ARIA textboxes built from divs (some editors), and Backstory's own UI.
 */
const SKIPPED_BY_ATTRIBUTE = `[contenteditable]:not([contenteditable="false" i]), [role="textbox"], [${OWN_UI_ATTRIBUTE}]`;

/**
 * Whether `el`'s textContent is exactly the text Backstory reads in it: no block boundary and no
 * skipped element anywhere inside. Such a "leaf" block is read in one call (see BlockWalker).
 * Walked in script over element children only: about three times faster than one
 * querySelector with a selector of every such tag (measured on the 1 MB bench page).
 */
export function isLeafContent(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const tag = c.tagName;
    if (BLOCK_TAGS.has(tag) || isSkippedElement(c, tag)) return false;
    if (c.firstElementChild && !isLeafContent(c)) return false;
  }
  return true;
}

/**
 * True when nothing inside `el` may be annotated. Called for every element of a page, so it asks
 * the DOM as little as it can: the tag, then one selector match, and only for elements that have
 * attributes at all.
 */
export function isSkippedElement(el: Element, tag: string = el.tagName): boolean {
  if (SKIPPED_TAGS.has(tag)) return true;
  return el.hasAttributes() && el.matches(SKIPPED_BY_ATTRIBUTE);
}
