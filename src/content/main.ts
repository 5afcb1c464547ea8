/**
 * Content script entry: runs in every frame of every http(s) page, each frame on its own.
 * Everything it starts hangs off one AbortController (STYLE habit 5): switching Backstory off
 * aborts the current run and leaves the page exactly as it was; switching on starts a new one.
 */
import { loadSettings, watchSettings } from '../platform/settings-store';
import { loadBundledIndex } from '../platform/packs';
import type { CompiledIndex } from '../core';
import type { Settings } from '../core/settings';
import { Annotator } from './annotator';
import { watchDom } from './dom-watcher';
import { Painter } from './painter';
import { benchIndexReady, benchInjected, benchRead, benchStart } from './bench-marks';

/** Set on the isolated world's global so a second injection of this script does nothing. */
const INSTANCE_KEY = Symbol.for('backstory.content');

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
    index ??= loadBundledIndex();
    const loaded = await index;
    benchIndexReady();
    if (signal.aborted) return;
    annotator = new Annotator(loaded, document, signal, { mode: settings.mentionMode });
    watchDom(document, annotator, signal, (node) => node === annotator?.painter.ownNode());
    benchStart(annotator.painter);
    await annotator.start();
    benchRead(annotator.painter);
  };

  const apply = (settings: Settings) => {
    if (settings.enabled && !run) {
      run = new AbortController();
      begin(run.signal, settings).catch((error: unknown) => console.error('Backstory: could not annotate this page', error));
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
