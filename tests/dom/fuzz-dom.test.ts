/**
 * Random page shapes (fast-check): annotating any DOM tree, watching it change, then switching off
 * leaves the serialised DOM byte-for-byte as it was, with nothing of Backstory's left in the
 * highlight registry or the document's adopted sheets. Trees mix the pack's names (split across
 * inline elements), editors, inputs, code, shadow roots, comments and odd text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePack, validatePack, type CompiledIndex } from '../../src/core';
import { Annotator } from '../../src/content/annotator';
import { PageStyles } from '../../src/content/highlight-style';
import { watchDom } from '../../src/content/dom-watcher';
import { installHighlightStub } from './support/highlight-stub';

let index: CompiledIndex;

beforeAll(() => {
  installHighlightStub();
  const result = validatePack(readFileSync(join(__dirname, '../fixtures/packs/musk-iran.json'), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  index = compilePack(result.pack);
});

const WORDS = ['Elon', 'Musk', 'Elon Musk', 'Donald Trump', 'Trump', 'Iran', 'Hamas', 'Hezbollah', 'DOGE', 'the', 'met', 'envoy',
  '’s', 'US-Iran', ' ', '\u00a0', '\u00ad', '\u200b', '<b>', '&amp;', 'مسک', 'Saïd', '', '\n'];
const INLINE = ['b', 'i', 'a', 'span', 'em', 'mark'];
const BLOCK = ['p', 'div', 'li', 'h2', 'blockquote', 'td'];
const SPECIAL = ['textarea', 'code', 'pre', 'script', 'style', 'noscript', 'template', 'svg'];

type Tree = { kind: 'text'; text: string } | { kind: 'el'; tag: string; attrs: string; children: Tree[] } | { kind: 'comment' } | { kind: 'shadow'; children: Tree[] };

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => ({ kind: 'text' as const, text: w.join(' ') }));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.constant({ kind: 'comment' as const }),
    fc.record({
      kind: fc.constant('el' as const),
      tag: fc.constantFrom(...INLINE, ...BLOCK, ...SPECIAL),
      attrs: fc.constantFrom('', ' contenteditable="true"', ' dir="rtl"', ' hidden', ' class="x" data-n="1"', ' style="display:none"'),
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('shadow' as const), children: fc.array(tie('node'), { maxLength: 3 }) }),
  ),
})).node;

function build(parent: Node, node: Tree): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  if (node.kind === 'text') parent.appendChild(doc.createTextNode(node.text));
  else if (node.kind === 'comment') parent.appendChild(doc.createComment('c'));
  else if (node.kind === 'shadow') {
    const host = doc.createElement('div');
    parent.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    for (const child of node.children) build(root, child);
  } else {
    const wrap = doc.createElement('div');
    wrap.innerHTML = `<${node.tag}${node.attrs}></${node.tag}>`;
    const el = wrap.firstElementChild ?? wrap;
    parent.appendChild(el);
    const target = el instanceof HTMLTemplateElement ? el.content : el;
    for (const child of node.children) build(target, child);
  }
}

/** The DOM as a reader's tools would see it: markup, shadow roots included, and every text node's exact data. */
function serialise(root: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof Element) {
      parts.push(`<${n.tagName}${[...n.attributes].map((a) => ` ${a.name}="${a.value}"`).join('')}>`);
      if (n.shadowRoot) {
        parts.push('#shadow(');
        n.shadowRoot.childNodes.forEach(walk);
        parts.push(')');
      }
      n.childNodes.forEach(walk);
      parts.push(`</${n.tagName}>`);
    } else parts.push(`${n.nodeType}:${JSON.stringify(n.nodeValue)}`);
  };
  walk(root);
  return parts.join('');
}

describe('random DOM trees', () => {
  it('annotating, changing the page and switching off leave the DOM exactly as it was', async () => {
    let painted = 0;
    await fc.assert(fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 5 }), fc.array(tree, { maxLength: 2 }), async (nodes, added) => {
      document.head.replaceChildren();
      document.body.replaceChildren();
      for (const n of nodes) build(document.body, n);
      const pristine = serialise(document.documentElement);
      const run = new AbortController();
      const styles = new PageStyles(document, run.signal);
      styles.adoptEarly();
      const annotator = new Annotator(index, document, run.signal, { mode: 'all' }, styles);
      watchDom(document, annotator, run.signal, (node) => node === styles.ownNode());
      await annotator.start();
      painted += annotator.found.mentions().length;
      // Reading and painting changed no node.
      expect(serialise(document.documentElement)).toBe(pristine);
      // The page changes while Backstory runs (its own change, not Backstory's), then it is switched off.
      for (const n of added) build(document.body, n);
      await new Promise((r) => setTimeout(r, 0));
      const changed = serialise(document.documentElement);
      run.abort();
      expect(serialise(document.documentElement)).toBe(changed);
      expect([...CSS.highlights.keys()].filter((k) => String(k).startsWith('backstory-'))).toEqual([]);
      expect(document.adoptedStyleSheets).toEqual([]);
    }), { numRuns: 150 });
    // The trees do name the pack's entities: the property is not vacuous.
    expect(painted).toBeGreaterThan(50);
  }, 60_000);
});
