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

/** Set on the isolated world's global so a second injection of this script does nothing. */
const INSTANCE_KEY = Symbol.for('backstory.content');

function start(): void {
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[INSTANCE_KEY] || !Painter.supported()) return;
  const lifetime = new AbortController();
  scope[INSTANCE_KEY] = lifetime;

  let index: Promise<CompiledIndex> | null = null;
  let run: AbortController | null = null;

  const begin = async (signal: AbortSignal) => {
    index ??= loadBundledIndex();
    const annotator = new Annotator(await index, document, signal, { mode: 'all' });
    if (signal.aborted) return;
    watchDom(document, annotator, signal, (node) => node === annotator.painter.ownNode());
    await annotator.start();
  };

  const apply = (settings: Settings) => {
    if (settings.enabled && !run) {
      run = new AbortController();
      begin(run.signal).catch((error: unknown) => console.error('Backstory: could not annotate this page', error));
    } else if (!settings.enabled && run) {
      run.abort();
      run = null;
    }
  };
  lifetime.signal.addEventListener('abort', () => run?.abort(), { once: true });

  watchSettings(apply, lifetime.signal);
  loadSettings().then(apply, (error: unknown) => console.error('Backstory: could not read settings', error));
}

start();
