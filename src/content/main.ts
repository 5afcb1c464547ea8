/**
 * Content script entry: runs in every frame of every http(s) page, each frame on its own, from
 * document_start. So early, it only reads the settings, adopts the highlight styles while the
 * document is still nearly empty (see ./highlight-style.ts for why) and starts loading the index;
 * the page is read once its DOM is parsed.
 *
 * Everything it starts hangs off one AbortController (STYLE habit 5): switching Backstory off
 * aborts the current run and leaves the page exactly as it was; switching on starts a new one.
 */
import { loadSettings, watchSettings } from '../platform/settings-store';
import { loadBundledIndex } from '../platform/packs';
import type { CompiledIndex } from '../core';
import type { Settings } from '../core/settings';
import { Annotator } from './annotator';
import { watchDom } from './dom-watcher';
import { PageStyles } from './highlight-style';
import { Painter } from './painter';
import { whenIdle } from './schedule';
import { benchIndexReady, benchIndexRequested, benchInjected, benchRead, benchStart } from './bench-marks';

/** Set on the isolated world's global so a second injection of this script does nothing. */
const INSTANCE_KEY = Symbol.for('backstory.content');

/**
 * Resolves once the document is parsed and the page has had its first idle moment (at most
 * 200 ms later), like the browsers' document_idle: the page's own first layout and paint go first.
 */
async function pageSettled(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.readyState === 'loading') {
    await new Promise<void>((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true, signal }));
  }
  await new Promise<void>((resolve) => whenIdle(resolve, 200, signal));
}

function start(): void {
  benchInjected();
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[INSTANCE_KEY] || !Painter.supported()) return;
  const lifetime = new AbortController();
  scope[INSTANCE_KEY] = lifetime;

  let index: Promise<CompiledIndex> | null = null;
  let run: AbortController | null = null;
  let annotator: Annotator | null = null;

  const begin = async (signal: AbortSignal, settings: Settings) => {
    const styles = new PageStyles(document, signal);
    styles.adoptEarly();
    if (!index) {
      benchIndexRequested();
      index = loadBundledIndex();
    }
    const loaded = await index;
    benchIndexReady();
    await pageSettled(document, signal);
    if (signal.aborted) return;
    annotator = new Annotator(loaded, document, signal, { mode: settings.mentionMode }, styles);
    const own = annotator;
    watchDom(document, own, signal, (node) => node === styles.ownNode());
    benchStart(own.painter);
    await own.start();
    benchRead(own.painter);
  };

  const apply = (settings: Settings) => {
    if (settings.enabled && !run) {
      run = new AbortController();
      begin(run.signal, settings).catch((error: unknown) => {
        // A failed index load must not stick: the next switch-on tries again.
        index = null;
        console.error('Backstory: could not annotate this page', error);
      });
    } else if (!settings.enabled && run) {
      run.abort();
      run = null;
      annotator = null;
    } else if (settings.enabled) {
      // Same run, new choices: repaint without reading the page again.
      annotator?.setOptions({ mode: settings.mentionMode });
    }
  };
  lifetime.signal.addEventListener('abort', () => run?.abort(), { once: true });

  watchSettings(apply, lifetime.signal);
  loadSettings().then(apply, (error: unknown) => console.error('Backstory: could not read settings', error));
}

start();
