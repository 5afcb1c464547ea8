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

/** True when nothing inside `el` may be annotated. */
export function isSkippedElement(el: Element): boolean {
  if (SKIPPED_TAGS.has(el.tagName)) return true;
  if (el.hasAttribute(OWN_UI_ATTRIBUTE)) return true;
  // Editing roots: "true", "" and "plaintext-only". The walk never enters their subtree, so
  // inherited editability needs no check.
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  // ARIA textboxes built from divs (some editors) are editors too.
  return el.getAttribute('role') === 'textbox';
}

/** Calls `visit` for each non-empty text node under `root` in document order, skipping as above. */
export function forEachTextNode(root: Node, visit: (node: Text) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      if ((node as Text).data.length > 0) visit(node as Text);
      continue;
    }
    if (node.nodeType === 1 && node !== root && isSkippedElement(node as Element)) continue;
    // Push children in reverse so they pop in document order.
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
}
