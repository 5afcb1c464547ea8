/**
 * Ruling a frame out before loading the index: the name gate's words alone, over the blocks the
 * content script would read. It may let a page through that names nobody (then the index says so), but it
 * must never rule out a page that names someone: that page would stay plain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compilePack, findMentions, packsGateSource, validatePack, wordGate, type CompiledIndex } from '../../src/core';
import { mayName, watchForNames } from '../../src/content/name-gate';
import { htmlBlocks } from '../../src/cli/read-input';

let index: CompiledIndex;
let prefilter: (text: string) => boolean;
const never = new AbortController().signal;

beforeAll(() => {
  const result = validatePack(readFileSync(join(__dirname, '../fixtures/packs/musk-iran.json'), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  index = compilePack(result.pack);
  prefilter = wordGate(packsGateSource([result.pack])!);
});

beforeEach(() => {
  document.body.replaceChildren();
});

const pages: Record<string, string> = {
  'a paragraph': '<p>Elon Musk met Iran’s envoy.</p>',
  'names in list items side by side (their text runs together in textContent)': '<ul><li>A</li><li>Trump</li><li>Biden</li></ul>',
  'a name split across inline elements': '<p>Elon <b>Musk</b> spoke.</p>',
  'a name inside a block of several nodes with a block child': '<div>Hamas said <p>nothing</p> today.</div>',
  'a name in accented text': '<p>Le président Donald Trump a parlé à Téhéran.</p>',
  'a name in an open shadow root only': '<div id="host"></div>',
};

describe('mayName', () => {
  it('never rules out a page whose text holds a name of the pack, however the page lays it out', async () => {
    for (const [what, html] of Object.entries(pages)) {
      document.body.innerHTML = html;
      const host = document.querySelector('#host');
      if (host) host.attachShadow({ mode: 'open' }).innerHTML = '<p>Hezbollah</p>';
      expect({ what, may: await mayName(document.body, prefilter, never) }).toEqual({ what, may: true });
    }
  });

  it('rules out a page that names nobody, and names in editors and code, which are never read', async () => {
    const quiet = '<h1>Garden notes</h1><p>The beans climbed the fence.</p><textarea>Elon Musk</textarea><pre><code>Donald Trump</code></pre>';
    document.body.innerHTML = quiet;
    expect(findMentions(index, htmlBlocks(`<body>${quiet}</body>`))).toEqual([]);
    expect(await mayName(document.body, prefilter, never)).toBe(false);
  });

  it('rules out a page in accented text or another script that names nobody, and lets one that names someone through', async () => {
    const quiet = {
      french: '<p>Le café de la gare a rouvert ses portes après l’été ; les habitués y étaient déjà à l’aube.</p>',
      persian: '<p>باغ‌های شهر در پاییز رنگ دیگری دارند و مردم عصرها در آن قدم می‌زنند.</p>',
    };
    for (const [what, html] of Object.entries(quiet)) {
      document.body.innerHTML = html;
      expect(findMentions(index, htmlBlocks(`<body>${html}</body>`)), what).toEqual([]);
      expect({ what, may: await mayName(document.body, prefilter, never) }).toEqual({ what, may: false });
    }
    document.body.innerHTML = '<p>À Téhéran, l’équipe d’Elon Musk a été reçue.</p>';
    expect(await mayName(document.body, prefilter, never)).toBe(true);
  });

  it('tells of the open shadow roots it reads, so their changes can be watched', async () => {
    document.body.innerHTML = '<div id="host"></div><p>Nothing here.</p>';
    document.querySelector('#host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Quiet, too.</p>';
    const roots: ShadowRoot[] = [];
    expect(await mayName(document.body, prefilter, never, (r) => roots.push(r))).toBe(false);
    expect(roots).toEqual([document.querySelector('#host')!.shadowRoot]);
  });
});

describe('watchForNames', () => {
  it('resolves when a change brings a possible name', async () => {
    document.body.innerHTML = '<p>Nothing here.</p>';
    const run = new AbortController();
    const gate = watchForNames(document, prefilter, run.signal, () => false);
    const p = document.createElement('p');
    p.textContent = 'Then Hezbollah was named.';
    document.body.append(p);
    await gate.named;
    expect(run.signal.aborted).toBe(false);
    run.abort();
  });

  it('resolves at once when woken (an Explain), and when its run ends', async () => {
    const woken = watchForNames(document, prefilter, never, () => false);
    woken.wake();
    await woken.named;
    const run = new AbortController();
    const ended = watchForNames(document, prefilter, run.signal, () => false);
    run.abort();
    await ended.named;
  });

  it('watches a shadow root it is given: a name arriving there wakes it', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Quiet.</p>';
    const run = new AbortController();
    const watch = watchForNames(document, prefilter, run.signal, () => false);
    watch.watch(shadow);
    const p = document.createElement('p');
    p.textContent = 'Elon Musk arrived.';
    shadow.append(p);
    await watch.named;
    expect(run.signal.aborted).toBe(false);
    run.abort();
  });
});
