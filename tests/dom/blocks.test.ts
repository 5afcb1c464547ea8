import { beforeEach, describe, expect, it } from 'vitest';
import * as blocksModule from '../../src/dom/blocks';
import { BlockWalker, isIntact, liveRangeOf, nodeIndexAt, type Block } from '../../src/dom/blocks';

function blocksOf(root: Node = document.body, deadline = Infinity): Block[] {
  const out: Block[] = [];
  const walker = new BlockWalker(root, (b) => out.push(b), new WeakMap());
  let runs = 0;
  while (!walker.run(deadline === Infinity ? Infinity : performance.now() + deadline)) runs++;
  expect(runs).toBeLessThan(100_000);
  return out;
}

const texts = (blocks: Block[]) => blocks.map((b) => b.text.trim());

beforeEach(() => {
  document.body.replaceChildren();
});

describe('text collection by block', () => {
  it('reads a name split across inline elements as one string', () => {
    document.body.innerHTML = '<p>Elon <b>Musk</b> met <a href="#">Donald</a> Trump.</p>';
    expect(texts(blocksOf())).toEqual(['Elon Musk met Donald Trump.']);
  });

  it('ends a block at block elements and line breaks', () => {
    document.body.innerHTML = '<div>Elon<div>Musk</div>after</div><p>one<br>two</p><ul><li>a</li><li>b</li></ul>';
    expect(texts(blocksOf())).toEqual(['Elon', 'Musk', 'after', 'one', 'two', 'a', 'b']);
  });

  it('leaves out editors, form fields, code and scripts without splitting the text around them', () => {
    document.body.innerHTML =
      '<p>before <code>Iran</code> after</p><textarea>Iran</textarea><div contenteditable>Iran</div>' +
      '<div role="textbox">Iran</div><script>Iran</script><p>Hamas <input value="Iran"> Hezbollah</p>';
    expect(texts(blocksOf())).toEqual(['before  after', 'Hamas  Hezbollah']);
  });

  it('skips blocks of whitespace only', () => {
    document.body.innerHTML = '<div>\n  <p>text</p>\n  </div>';
    expect(texts(blocksOf())).toEqual(['text']);
  });

  it('reads open shadow roots as roots of their own', () => {
    document.body.innerHTML = '<p>light</p><div id="host"></div>';
    const root = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Elon <b>Musk</b> in the shadow</p>';
    const blocks = blocksOf();
    expect(texts(blocks)).toEqual(['light', 'Elon Musk in the shadow']);
    expect(blocks[1]!.root).toBe(root);
    expect(blocks[0]!.root).toBe(document);
  });

  it('drops the document\'s leaves its test rules out, and still hands over every block of a shadow root', () => {
    document.body.innerHTML = '<p>weather</p><p>Elon <b>Musk</b></p><div>Iran <p>nested</p></div><div id="host"></div>';
    const root = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>weather in the shadow</p>';
    const out: Block[] = [];
    const tested: string[] = [];
    const walker = new BlockWalker(document.body, (b) => out.push(b), null, true, (text) => {
      tested.push(text);
      return text.includes('Musk');
    });
    expect(walker.run(Infinity)).toBe(true);
    // Leaves are tested (the shadow host too, empty); text read node by node (around a nested
    // block) and a shadow root's blocks are not.
    expect(tested).toEqual(['weather', 'Elon Musk', 'nested', '']);
    expect(texts(out)).toEqual(['Elon Musk', 'Iran', 'weather in the shadow']);
  });

  it('keeps a name split across inline elements whole at the top of a shadow root', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    root.innerHTML = 'Elon <b>Musk</b> and <i>Donald</i> Trump<div>inner</div>tail';
    expect(texts(blocksOf())).toEqual(['Elon Musk and Donald Trump', 'inner', 'tail']);
  });

  it('ends a block where the text leaves its block element', () => {
    document.body.innerHTML = '<div>Elon <p>Musk</p> Donald <span>Trump</span></div>';
    expect(texts(blocksOf())).toEqual(['Elon', 'Musk', 'Donald Trump']);
  });

  it('gives the same blocks when cut into many tiny slices', () => {
    const html = Array.from({ length: 300 }, (_, i) => `<p>Para ${i} with <i>Elon</i> Musk</p><div><span>x${i}</span></div>`).join('');
    document.body.innerHTML = html;
    const whole = texts(blocksOf());
    const sliced = texts(blocksOf(document.body, 0));
    expect(sliced).toEqual(whole);
    expect(whole).toHaveLength(600);
  });

  it('reads the clock by the text handed over too, so long paragraphs cannot hold a slice past its deadline', () => {
    const long = 'A long paragraph of plain words. '.repeat(600); // 19,800 characters
    document.body.innerHTML = Array.from({ length: 50 }, () => `<p>${long}</p>`).join('');
    const seen: Block[] = [];
    const walker = new BlockWalker(document.body, (b) => seen.push(b), null);
    // A deadline already passed: the walker stops at its first look at the clock.
    expect(walker.run(performance.now() - 1)).toBe(false);
    expect(seen.length).toBeLessThanOrEqual(1);
    while (!walker.run(performance.now() - 1));
    expect(seen.length).toBe(50);
  });

  it('never reads a text node twice when it already belongs to a block', () => {
    document.body.innerHTML = '<p>one</p><p>two</p>';
    const claimed = new WeakMap();
    const first: Block[] = [];
    new BlockWalker(document.body, (b) => first.push(b), claimed, false).run(Infinity);
    const again: Block[] = [];
    new BlockWalker(document.body, (b) => again.push(b), claimed, false).run(Infinity);
    expect(first).toHaveLength(2);
    expect(again).toHaveLength(0);
  });
});

describe('leaf blocks', () => {
  it('reads a leaf element whole, with the same text, nodes and offsets as a walk', () => {
    document.body.innerHTML = '<p>Elon <b>Musk</b> met <a href="#"><i>Donald</i></a> Trump.</p><li>Iran</li>';
    const fast: Block[] = [];
    new BlockWalker(document.body, (b) => fast.push(b), new WeakMap()).run(Infinity);
    const slow: Block[] = [];
    new BlockWalker(document.body, (b) => slow.push(b), new WeakMap(), false).run(Infinity);
    expect(fast.map((b) => b.leaf?.tagName)).toEqual(['P', 'LI']);
    expect(fast.map((b) => b.text)).toEqual(slow.map((b) => b.text));
    expect(fast.map((b) => b.nodes)).toEqual(slow.map((b) => b.nodes));
    expect(fast.map((b) => b.starts)).toEqual(slow.map((b) => b.starts));
    expect(liveRangeOf(fast[0]!, 14, 26).toString()).toBe('Donald Trump');
  });

  it('walks an element with a block or a skipped element inside instead', () => {
    document.body.innerHTML = '<div>Elon Musk<p>inner</p></div><p>Hamas <code>x</code> Hezbollah</p>';
    const blocks = blocksOf();
    expect(blocks.map((b) => [b.text.trim(), b.leaf?.tagName])).toEqual([['Elon Musk', undefined], ['inner', 'P'], ['Hamas  Hezbollah', undefined]]);
  });

  it('walks a paragraph whose skipped element or editor sits deep inside inline elements', () => {
    document.body.innerHTML = '<p>Hamas <span><b><code>Musk</code></b></span> Hezbollah</p>' +
      '<p>Iran <em><span contenteditable="">Musk</span></em> Israel</p><p>Hamas <a href="#"><b>and</b></a> Iran</p>';
    const blocks = blocksOf();
    expect(blocks.map((b) => [b.text, b.leaf?.tagName])).toEqual([
      ['Hamas  Hezbollah', undefined], ['Iran  Israel', undefined], ['Hamas and Iran', 'P'],
    ]);
  });

  it('notices when a leaf’s text changed, before and after its nodes were looked up', () => {
    document.body.innerHTML = '<p>Elon <b>Musk</b></p>';
    const [block] = blocksOf();
    expect(isIntact(block!)).toBe(true);
    document.querySelector('b')!.textContent = 'Musk!';
    expect(isIntact(block!)).toBe(false);
  });
});

describe('offsets back to the DOM', () => {
  it('maps a block offset range to the text nodes it spans', () => {
    document.body.innerHTML = '<p>Elon <b>Musk</b> met</p>';
    const [block] = blocksOf();
    expect(nodeIndexAt(block!, 0)).toBe(0);
    expect(nodeIndexAt(block!, 5)).toBe(1);
    const range = liveRangeOf(block!, 0, 9);
    expect(range.toString()).toBe('Elon Musk');
    expect(range.startContainer).toBe(block!.nodes[0]);
    expect(range.endContainer).toBe(block!.nodes[1]);
    expect(range.endOffset).toBe(4);
  });

  it('notices when a block’s text changed or left the page', () => {
    document.body.innerHTML = '<p>Elon <b>Musk</b></p>';
    const [block] = blocksOf();
    expect(isIntact(block!)).toBe(true);
    block!.nodes[1]!.data = 'Muskrat';
    expect(isIntact(block!)).toBe(false);
    block!.nodes[1]!.data = 'Musk';
    document.querySelector('b')!.remove();
    expect(isIntact(block!)).toBe(false);
  });

  it('is still the one module readers of blocks import, with its helpers split off into their own files', () => {
    expect(Object.keys(blocksModule).sort()).toEqual(['BlockWalker', 'boundsOf', 'isIntact', 'liveRangeOf', 'nodeIndexAt', 'staticRangeOf']);
  });
});
