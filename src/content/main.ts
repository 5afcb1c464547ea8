/**
 * Content script entry, the loader: runs in every frame of every http(s) page, from document_start,
 * and most of those frames name nobody of the packs. So it is small, and does little: one storage
 * read (the settings and which packs' index applies), then, once the document is parsed, a look at
 * the page's words (./name-gate.ts with core/match/gate-words.ts). A frame that may name someone
 * imports the engine (./engine.ts: the index, the reader, the painter, the cards) and hands the
 * frame over; one that names nobody stays dormant and watches the page, the settings and the packs
 * for a change that may bring a name. Until then, it answers what a frame is asked (the popup in
 * the top frame, "Explain with Backstory" in any) itself.
 *
 * Its listeners and watches hang off one AbortController, aborted when the engine takes over.
 */
import { indexGate, readStartup, watchStartup, type Startup } from '../platform/stored-index';
import { indexParts } from '../platform/index-parts';
import { onExplain, onPopupRequest } from '../platform/content-messages';
import { extensionAlive, importOwn } from '../platform/native';
import { switchedOff } from '../core/settings/key';
import type { PageInfo } from '../core/messages/protocol';
import { wordGate } from '../core/match/gate-words';
import { answerMentions, answerState, onTestCommand, testSettingsDelay } from './test-hooks';
import { mayName, watchForNames } from './name-gate';
import { benchHandOver, benchIndexRequested, benchInjected } from './bench-marks';
import type * as Engine from './engine';

/** Set on the isolated world's global so a second injection of this script does nothing. */
const INSTANCE_KEY = Symbol.for('backstory.content');

/**
 * Where the loader is: `off` (switched off), `looking` (reading the settings, or the page's words),
 * `dormant` (the page names nobody, as far as its words tell), `engine` (handed over, or loading it).
 */
type LoaderState = 'off' | 'looking' | 'dormant' | 'engine';

/** Resolves once the document is parsed. */
async function parsed(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.readyState === 'loading') {
    await new Promise<void>((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true, signal }));
  }
}

function start(): void {
  benchInjected();
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[INSTANCE_KEY]) return;
  const loader = new AbortController();
  scope[INSTANCE_KEY] = loader;
  let state: LoaderState = 'looking';
  /** What storage held last; null until the first read answers. */
  let latest: Startup | null = null;
  /** "Explain … with Backstory" asked before the engine: answered by it once loaded. */
  let explain: string | null = null;
  /** The look under way (the page's words, then the dormant watch), aborted when the settings or the packs change. */
  let look: AbortController | null = null;
  /** Ends the dormant watch early: an Explain needs the engine. */
  let wake: (() => void) | null = null;

  /** The engine once started; the loader's listeners are gone by then, but a question they heard is answered. */
  let started: Promise<Engine.Started | null> | null = null;

  const handOver = (): Promise<Engine.Started | null> => {
    look?.abort();
    started ??= (async () => {
      await known;
      // Cut off by an update or reload of the extension: nothing of it is left to load.
      if (!extensionAlive() || !latest) {
        loader.abort();
        return null;
      }
      state = 'engine';
      benchHandOver();
      // The index is on its way while the engine loads: one after the other, the two took twice as long.
      const asked = latest.storedIndex;
      benchIndexRequested();
      const parts = indexParts(asked);
      // Noted only while the engine loads (a frame that names nobody pays nothing for it): a
      // failure to load while the page is being left is the page going, not an error.
      let leaving = false;
      window.addEventListener('pagehide', () => { leaving = true; }, { once: true, signal: loader.signal });
      try {
        const { startEngine } = await importOwn<typeof Engine>('engine.js');
        if (loader.signal.aborted) return null;
        // What storage holds and what was asked are read now: they may have changed during the import.
        return startEngine({
          settings: latest.settings,
          storedIndex: latest.storedIndex,
          indexParts: latest.storedIndex === asked ? parts : null,
          explain,
          release: () => loader.abort(),
        });
      } catch (error) {
        // A tab closed while the engine loaded ends its import too (Firefox rejects it): nothing failed.
        if (!leaving) console.error('Backstory: could not load', error);
        // The next change of the settings or the packs, or the next question, tries again.
        state = 'dormant';
        started = null;
        return null;
      }
    })();
    return started;
  };

  /** Looks at the page under what storage holds now, and hands over or stays dormant. */
  const lookAgain = async (): Promise<void> => {
    look?.abort();
    if (state === 'engine' || !latest) return;
    const current = new AbortController();
    look = current;
    const signal = current.signal;
    loader.signal.addEventListener('abort', () => current.abort(), { once: true, signal });
    if (switchedOff(latest.settings)) {
      state = 'off';
      return;
    }
    state = 'looking';
    await parsed(document, signal);
    if (signal.aborted) return;
    const gate = indexGate(latest.storedIndex);
    if (gate !== null && explain === null) {
      const test = wordGate(gate);
      // Watched from before the first read: a part the read has passed may change meanwhile.
      const watch = watchForNames(document, test, signal, () => false);
      const may = await mayName(document.body ?? document.documentElement, test, signal, (root) => watch.watch(root));
      if (signal.aborted) return;
      if (!may && explain === null) {
        state = 'dormant';
        wake = () => watch.wake();
        await watch.named;
        wake = null;
        if (signal.aborted) return;
      }
      watch.wake();
    }
    await handOver();
  };

  const asked = (text: string): void => {
    if (state === 'off') return;
    explain = text;
    if (wake) wake();
    else if (state !== 'looking') void handOver();
  };

  // The extension's messaging costs a frame about 1 ms on first use, as much as the rest of this
  // script: a frame that names nobody does not listen. "Explain … with Backstory" is listened for
  // once the reader opens a context menu in the frame (the menu item comes after); the popup, which
  // asks the top frame what it shows, first asks the top frames to listen, through storage
  // (platform/messaging.ts askPageInfo). Its questions load the engine, which answers them.
  let listening = false;
  const listen = (): void => {
    if (listening || loader.signal.aborted) return;
    listening = true;
    onExplain(asked, loader.signal);
    if (window.top !== window) return;
    onPopupRequest({
      pageInfo: async (): Promise<PageInfo> => {
        const engine = await handOver();
        if (!engine) throw new Error('Backstory could not load here');
        return engine.pageInfo();
      },
      showEntity: (key) => void handOver().then((engine) => engine?.showEntity(key)),
    }, loader.signal);
  };
  document.addEventListener('contextmenu', listen, { once: true, capture: true, passive: true, signal: loader.signal });
  onTestCommand((command) => {
    if (command.startsWith('explain:')) asked(command.slice('explain:'.length));
    else if (command === 'mentions') answerMentions(document, () => []);
    else if (command === 'state') answerState(document, state === 'engine' ? 'loading' : state);
  }, loader.signal);

  const known = testSettingsDelay().then(() => readStartup()).then((startup) => {
    latest = startup;
    watchStartup(startup, (next) => {
      latest = next;
      void lookAgain();
    }, () => {
      if (window.top === window) listen();
    }, loader.signal);
    void lookAgain();
  }, (error: unknown) => console.error('Backstory: could not read settings', error));
}

start();
