/**
 * The skip rules, as the content script and the CLI apply them: what text of a page is read at all.
 * Checked both with leaf elements read whole and with every node walked.
 */
import { describe, expect, it } from 'vitest';
import { BlockWalker, type Block } from '../../src/dom/blocks';

function textOf(html: string): string[] {
  document.body.innerHTML = html;
  const read = (wholeLeaves: boolean) => {
    const blocks: Block[] = [];
    new BlockWalker(document.body, (b) => blocks.push(b), new WeakMap(), wholeLeaves).run(Infinity);
    return blocks.flatMap((b) => b.nodes.map((n) => n.data));
  };
  const walked = read(false);
  expect(read(true)).toEqual(walked);
  return walked;
}

describe('the text Backstory reads', () => {
  it('visits readable text in document order', () => {
    expect(textOf('<p>Elon <b>Musk</b> met</p><ul><li>Iran</li></ul>')).toEqual(['Elon ', 'Musk', ' met', 'Iran']);
  });

  it.each([
    ['script', '<script>var Iran = 1;</script>'],
    ['style', '<style>.Iran{}</style>'],
    ['noscript', '<noscript>Iran</noscript>'],
    ['textarea', '<textarea>Iran</textarea>'],
    ['select', '<select><option>Iran</option></select>'],
    ['code', '<code>Iran</code>'],
    ['pre', '<pre>Iran</pre>'],
    ['contenteditable', '<div contenteditable="true"><p>Iran</p></div>'],
    ['contenteditable (empty value)', '<div contenteditable><p>Iran</p></div>'],
    ['plaintext-only editor', '<div contenteditable="plaintext-only">Iran</div>'],
    ["Backstory's own UI", '<div data-backstory-ui>Iran</div>'],
    ['svg', '<svg><text>Iran</text></svg>'],
  ])('skips text inside %s', (_label, html) => {
    expect(textOf(`<p>before</p>${html}<p>after</p>`)).toEqual(['before', 'after']);
  });

  it('reads text inside contenteditable="false" islands', () => {
    expect(textOf('<div contenteditable="false">Iran</div>')).toEqual(['Iran']);
  });
});
