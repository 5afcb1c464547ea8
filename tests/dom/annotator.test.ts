import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { compilePack, validatePack, type CompiledIndex } from '../../src/core';
import { Annotator } from '../../src/content/annotator';
import { BlockWalker } from '../../src/dom/blocks';
import { PageStyles, highlightCss, removeLeftovers } from '../../src/content/highlight-style';
import { watchDom } from '../../src/content/dom-watcher';
import { installHighlightStub, paintedTexts } from './support/highlight-stub';

let index: CompiledIndex;
let run: AbortController;
let own: () => Node | null = () => null;

beforeAll(() => {
  installHighlightStub();
  const result = validatePack(readFileSync(join(__dirname, '../fixtures/packs/musk-iran.json'), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  index = compilePack(result.pack);
});

beforeEach(() => {
  run = new AbortController();
  document.head.replaceChildren();
  document.body.replaceChildren();
});

afterEach(() => {
  run.abort();
  vi.restoreAllMocks();
});

async function annotate(html: string, mode: 'all' | 'first' = 'all'): Promise<Annotator> {
  document.body.innerHTML = html;
  const styles = new PageStyles(document, run.signal);
  styles.adoptEarly();
  const annotator = new Annotator(index, document, run.signal, { mode }, styles);
  own = () => styles.ownNode();
  await annotator.start();
  await new Promise((r) => setTimeout(r, 0));
  return annotator;
}

describe('Annotator', () => {
  it('paints each accepted mention once, by type', async () => {
    const a = await annotate('<p>Elon <b>Musk</b> met Iran’s envoy.</p><p>Musk later spoke of Hamas and Hezbollah.</p>');
    expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas', 'Hezbollah', 'Iran', 'Musk']);
    expect(a.painter.counts()).toEqual({ person: 2, place: 1, organization: 2 });
    expect(a.found.mentions().map((m) => a.found.entity(m).id)).toEqual(['elon-musk', 'iran', 'elon-musk', 'hamas', 'hezbollah']);
  });

  it('asks for a frame after its first slice and reads on while it has not come, instead of waiting idle', async () => {
    document.body.innerHTML = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i}: Elon Musk met Iran’s envoy.</p>`).join('');
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    // A clock that runs fast, so the read is cut into many slices whatever this machine's speed
    // (it used to take 4,000 paragraphs of real time, and ran out of time on a busy machine).
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
    const slices = vi.spyOn(BlockWalker.prototype, 'run');
    const a = new Annotator(index, document, run.signal, { mode: 'all' }, new PageStyles(document, run.signal));
    // No frame ever comes here: the whole page is read all the same.
    await a.start();
    expect(slices.mock.calls.length).toBeGreaterThan(3);
    expect(a.reading).toBe(false);
    expect(a.found.shownEntities()).toHaveLength(400);
    // Frames asked for: the first screenful's, and the painter's look at the screen once the page is
    // read; not one per slice.
    expect(frames).toHaveLength(2);
  });

  it('says it is reading until its first read of the page has ended (the popup follows it)', async () => {
    document.body.innerHTML = '<p>Elon Musk met Iran’s envoy.</p>';
    const a = new Annotator(index, document, run.signal, { mode: 'all' }, new PageStyles(document, run.signal));
    expect(a.reading).toBe(true);
    const read = a.start();
    expect(a.reading).toBe(true);
    await read;
    expect(a.reading).toBe(false);
  });

  it('shows only the first mention of each entity in first-mention mode', async () => {
    await annotate('<p>Elon Musk, then Musk again, with Hamas and Hezbollah and Hamas.</p>', 'first');
    expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas', 'Hezbollah']);
  });

  it('with storyOnly, paints a pack’s names only once the page is about its story', async () => {
    document.body.innerHTML = '<p>Elon Musk spoke to Hamas.</p>';
    const styles = new PageStyles(document, run.signal);
    const a = new Annotator(index, document, run.signal, { mode: 'all', storyOnly: true }, styles);
    await a.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(paintedTexts()).toEqual([]);
    // A third name of the story arrives: the page is about it, and every name is painted.
    const p = document.createElement('p');
    p.textContent = 'Hezbollah answered.';
    document.body.append(p);
    await a.reread([p], false);
    await new Promise((r) => setTimeout(r, 0));
    expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas', 'Hezbollah']);
    a.setOptions({ mode: 'all', storyOnly: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas', 'Hezbollah']);
  });

  it('with storyOnly, finds the story across a long page read in many slices', async () => {
    // The three names sit in different slices: the slices' entities add up (the first read keeps
    // them rather than going over every block read so far at each slice).
    const filler = '<p>Filler text with no names at all.</p>'.repeat(1500);
    document.body.innerHTML = `<p>Elon Musk spoke.</p>${filler}<p>Hamas replied.</p>${filler}<p>Hezbollah answered.</p>`;
    const styles = new PageStyles(document, run.signal);
    const a = new Annotator(index, document, run.signal, { mode: 'all', storyOnly: true }, styles);
    // A clock that runs fast, so the read is cut into many slices whatever this machine's speed.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 1));
    const slices = vi.spyOn(BlockWalker.prototype, 'run');
    await a.start();
    vi.restoreAllMocks();
    expect(slices.mock.calls.length).toBeGreaterThan(3);
    await new Promise((r) => setTimeout(r, 0));
    expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas', 'Hezbollah']);
    a.setOptions({ mode: 'all', storyOnly: true, hiddenEntities: new Set([a.found.entity(a.found.mentions()[2]!).key]) });
    await new Promise((r) => setTimeout(r, 0));
    // Two names left: the page is no longer about the story.
    expect(paintedTexts()).toEqual([]);
  });

  it('paints nothing on an off-topic page', async () => {
    await annotate('<p>A warm musk and amber perfume.</p><p>Trump your partner’s ace in bridge.</p>');
    expect(paintedTexts()).toEqual([]);
  });

  it('switching modes and filters repaints without reading the page again', async () => {
    const a = await annotate('<p>Elon Musk and Musk, Hamas and Hezbollah.</p>');
    a.setOptions({ mode: 'all', enabledTypes: new Set(['organization']) });
    await new Promise((r) => setTimeout(r, 0));
    expect(paintedTexts()).toEqual(['Hamas', 'Hezbollah']);
  });

  it('styles highlights without a node where it can adopt a sheet, and removes everything on abort', async () => {
    await annotate('<p>Elon Musk and Donald Trump.</p>');
    const markup = document.documentElement.outerHTML;
    const adopted = document.adoptedStyleSheets.length;
    expect(CSS.highlights.size).toBeGreaterThan(0);
    run.abort();
    expect(CSS.highlights.size).toBe(0);
    expect(document.adoptedStyleSheets.length).toBeLessThanOrEqual(adopted);
    expect(document.documentElement.outerHTML).toBe(markup);
  });

  it('falls back to one <style> element when adopting fails, and removes it on abort', async () => {
    vi.spyOn(document, 'adoptedStyleSheets', 'set').mockImplementation(() => {
      throw new Error('Firefox 140 content script');
    });
    const before = document.documentElement.outerHTML;
    await annotate('<p>Elon Musk and Donald Trump.</p>');
    expect(document.head.querySelector('style')?.textContent).toContain('::highlight(backstory-person)');
    run.abort();
    expect(document.head.querySelector('style')).toBeNull();
    expect(document.documentElement.outerHTML).toBe(before.replace('<body></body>', '<body><p>Elon Musk and Donald Trump.</p></body>'));
  });

  it('finds the mention under a point through the caret position', async () => {
    const a = await annotate('<p>Elon <b>Musk</b> met Donald Trump.</p>');
    const b = document.querySelector('b')!.firstChild!;
    const doc = document as Document & { caretPositionFromPoint: (x: number, y: number) => CaretPosition | null };
    doc.caretPositionFromPoint = () => ({ offsetNode: b, offset: 2 }) as unknown as CaretPosition;
    vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue([{ left: 0, right: 100, top: 0, bottom: 20 }] as unknown as DOMRectList);
    const hit = a.found.mentionAt(10, 10);
    expect(hit && a.found.entity(hit).id).toBe('elon-musk');
    // A point beside the text, where the caret snaps to the nearest character, hits nothing.
    expect(a.found.mentionAt(500, 10)).toBeNull();
  });
});

describe('removeLeftovers', () => {
  it('clears what a cut-off earlier instance left, and nothing of the page’s', () => {
    document.body.innerHTML = '<p>Text</p><backstory-card data-backstory-ui></backstory-card>';
    const ours = document.createElement('style');
    ours.setAttribute('data-backstory-ui', '');
    ours.textContent = highlightCss();
    const theirs = document.createElement('style');
    theirs.textContent = 'p { color: red }';
    document.head.append(ours, theirs);
    // (Adopted sheets are checked in a real browser: happy-dom's CSS parser drops ::highlight rules.)
    CSS.highlights.set('backstory-person', new Highlight());
    CSS.highlights.set('page-search', new Highlight());
    removeLeftovers(document);
    expect([...CSS.highlights.keys()]).toEqual(['page-search']);
    expect(document.querySelector('backstory-card')).toBeNull();
    expect([...document.head.querySelectorAll('style')]).toEqual([theirs]);
    CSS.highlights.delete('page-search');
  });
});

describe('watchDom', () => {
  it('re-reads added text and drops removed text, in batches', async () => {
    const a = await annotate('<p id="one">Elon Musk met Donald Trump.</p>');
    watchDom(document, a, run.signal, (n) => n === own());
    const p = document.createElement('p');
    p.append('Hamas and ', Object.assign(document.createElement('b'), { textContent: 'Hezbollah' }));
    document.body.append(p);
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Donald Trump', 'Elon Musk', 'Hamas', 'Hezbollah']));
    document.querySelector('#one')!.remove();
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Hamas', 'Hezbollah']));
  });

  it('re-reads text changed in place again and again, and a name completed by a later node (bug: a re-read block naming nobody kept its text claimed)', async () => {
    const a = await annotate('<p id="lead">Elon Musk spoke.</p><p id="status">Waiting…</p><p id="arrival"></p>');
    watchDom(document, a, run.signal, (n) => n === own());
    const status = document.querySelector('#status')!.firstChild as Text;
    status.data = 'Still waiting for the guest…';
    document.querySelector('#arrival')!.append('Donald ');
    await a.reread([status.parentNode!, document.querySelector('#arrival')!], false);
    expect(paintedTexts()).toEqual(['Elon Musk']);
    status.data = 'Hamas has arrived.';
    document.querySelector('#arrival')!.append(Object.assign(document.createElement('b'), { textContent: 'Trump' }));
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Donald Trump', 'Elon Musk', 'Hamas']));
  });

  it('keeps the blocks it paints in document order: text after a nested block, a name accepted late, a block added later', async () => {
    // The painter appends the first read's leaf blocks without comparing positions; the other
    // cases must still land in their place.
    const a = await annotate(
      '<p id="a">Musk spoke.</p>' + '<p>Nothing here.</p>'.repeat(5) +
      '<div id="d"><p id="b">Hamas said no.</p>Then Hezbollah replied.</div>' +
      '<p id="c">Elon Musk answered.</p><ul><li id="e">Donald Trump</li></ul>',
    );
    watchDom(document, a, run.signal, (n) => n === own());
    const added = Object.assign(document.createElement('p'), { id: 'f', textContent: 'Elon Musk and Iran.' });
    document.querySelector('#b')!.after(added);
    await vi.waitFor(() => expect(paintedTexts()).toContain('Iran'));
    const order = a.painter.anchorsInOrder();
    expect(order.map((el) => el.id)).toEqual(['a', 'd', 'b', 'f', 'c', 'e']);
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('reads a paragraph again when its text changes but keeps its length (only lengths are kept)', async () => {
    const a = await annotate('<p id="x">Elon Musk spoke.</p><p id="y">Donald Trump spoke.</p><p>Elsewhere, nothing.</p>');
    watchDom(document, a, run.signal, (n) => n === own());
    const x = document.querySelector('#x')!.firstChild as Text;
    // Both keep their length: "Elon Musk spoke." and "Donald Trump spoke.".
    x.data = 'Hamas replied...';
    document.querySelector('#y')!.textContent = 'Hezbollah spoke too';
    expect([x.data.length, document.querySelector('#y')!.textContent.length]).toEqual([16, 19]);
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Hamas', 'Hezbollah']));
  });

  it('reads a paragraph changed while its names were filtered out once, not twice (bug: hiding a block\'s names forgot where it was)', async () => {
    const a = await annotate('<p id="x">Elon Musk spoke.</p><p id="y">Hamas replied.</p>');
    watchDom(document, a, run.signal, (n) => n === own());
    // A first change elsewhere, so the annotator has its maps from elements to blocks.
    document.querySelector('#y')!.textContent = 'Hamas replied: no.';
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas']));
    await new Promise((r) => setTimeout(r, 400));
    a.setOptions({ mode: 'all', enabledTypes: new Set(['organization']) });
    // Edited in place, to the same length: only the watcher can tell the paragraph changed.
    (document.querySelector('#x')!.firstChild as Text).data = 'Elon Musk talks.';
    await vi.waitFor(() => expect(a.found.mentions().map((m) => a.found.entity(m).id)).toEqual(['hamas']));
    await new Promise((r) => setTimeout(r, 400));
    a.setOptions({ mode: 'all' });
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas']));
    expect(a.found.mentions().map((m) => a.found.entity(m).id)).toEqual(['elon-musk', 'hamas']);
  });

  it('forgets the place of a block the page took out, wherever it stood', async () => {
    // Its element is out of the document then: its place in the painter's order cannot be found
    // by comparing positions any more, yet it must leave that order (it would be watched forever).
    const a = await annotate('<p id="a">Elon Musk spoke.</p><p id="b">Hamas said no.</p><p id="c">Donald Trump answered.</p><p id="d">Hezbollah replied.</p>');
    watchDom(document, a, run.signal, (n) => n === own());
    document.querySelector('#b')!.remove();
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Donald Trump', 'Elon Musk', 'Hezbollah']));
    expect(a.painter.anchorsInOrder().map((el) => el.id)).toEqual(['a', 'c', 'd']);
    document.querySelector('#c')!.remove();
    await vi.waitFor(() => expect(paintedTexts()).toEqual(['Elon Musk', 'Hezbollah']));
    expect(a.painter.anchorsInOrder().map((el) => el.id)).toEqual(['a', 'd']);
  });

  it('finds a walked block read after a hover asked during the first read (bug: a change to it was read twice)', async () => {
    document.body.innerHTML = `${'<p>Filler text with no names at all.</p>'.repeat(300)}<div id="late">Elon Musk spoke <p>aside</p> at length.</div>`;
    const styles = new PageStyles(document, run.signal);
    const a = new Annotator(index, document, run.signal, { mode: 'all' }, styles);
    // A fast clock cuts the read into slices; after the first, a hover's caret lookup builds the
    // map of walked text nodes, as mentionAt does where highlightsFromPoint is missing.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the walker as `this`
    const original = BlockWalker.prototype.run;
    let slices = 0;
    vi.spyOn(BlockWalker.prototype, 'run').mockImplementation(function (this: BlockWalker, deadline: number) {
      if (slices++ === 1) a.found.claimed();
      return original.call(this, deadline);
    });
    await a.start();
    vi.restoreAllMocks();
    expect(slices).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(paintedTexts()).toEqual(['Elon Musk']);
    const div = document.querySelector('#late')!;
    div.firstChild!.textContent = 'Donald Trump spoke ';
    await a.reread([div], false);
    await new Promise((r) => setTimeout(r, 0));
    expect(paintedTexts()).toEqual(['Donald Trump']);
  });

  it('reads a change made while the page is first read once, never twice', async () => {
    // Long enough that the first read takes several slices: the change lands while it runs.
    document.body.innerHTML = '<p>Filler text with no names at all.</p>'.repeat(3000) + '<div id="late"><span>Elon Musk</span> and Hamas</div>';
    const styles = new PageStyles(document, run.signal);
    const a = new Annotator(index, document, run.signal, { mode: 'all' }, styles);
    const reading = a.start();
    const late = document.querySelector('#late')!;
    late.append(' with Hezbollah');
    const rereading = a.reread([late], false);
    await Promise.all([reading, rereading]);
    expect(a.found.mentions().map((m) => a.found.entity(m).id)).toEqual(['elon-musk', 'hamas', 'hezbollah']);
    expect(paintedTexts()).toEqual(['Elon Musk', 'Hamas', 'Hezbollah']);
  });

  it('ignores text typed into editors', async () => {
    const a = await annotate('<p>Elon Musk met Donald Trump.</p><div contenteditable="true"><p>draft</p></div>');
    watchDom(document, a, run.signal, (n) => n === own());
    document.querySelector('[contenteditable] p')!.textContent = 'Hamas and Hezbollah';
    await new Promise((r) => setTimeout(r, 400));
    expect(paintedTexts()).toEqual(['Donald Trump', 'Elon Musk']);
  });
});

describe('trackPointer', () => {
  it('hit-tests at most once per animation frame, with the latest position, and reports changes only', async () => {
    const { trackPointer } = await import('../../src/content/pointer');
    const a = await annotate('<p>Elon Musk met Donald Trump.</p>');
    const calls: [number, number][] = [];
    vi.spyOn(a.found, 'mentionAt').mockImplementation((x, y) => {
      calls.push([x, y]);
      return x < 50 ? a.found.mentions()[0]! : null;
    });
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    const changes: (string | null)[] = [];
    trackPointer(window, a.found, (m) => changes.push(m && a.found.entity(m).id), run.signal);
    for (const x of [10, 20, 30]) window.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: 5 }));
    expect(frames).toHaveLength(1);
    frames.shift()!(0);
    expect(calls).toEqual([[30, 5]]);
    window.dispatchEvent(new PointerEvent('pointermove', { clientX: 40, clientY: 5 }));
    frames.shift()!(0);
    window.dispatchEvent(new PointerEvent('pointermove', { clientX: 90, clientY: 5 }));
    frames.shift()!(0);
    expect(changes).toEqual(['elon-musk', null]);
  });
});
