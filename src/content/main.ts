/**
 * Content script entry: runs in every frame of every http(s) page.
 * Everything it starts hangs off one AbortController (STYLE habit 5): switching Backstory off
 * aborts the current run and leaves the page exactly as it was; switching on starts a new one.
 */
import { loadSettings, watchSettings } from '../platform/settings-store';
import type { Settings } from '../core/settings';
import { annotateDemoWord } from './demo-annotator';

/** Set on the isolated world's global so a second injection of this script does nothing. */
const INSTANCE_KEY = Symbol.for('backstory.content');

function start(): void {
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[INSTANCE_KEY]) return;
  const lifetime = new AbortController();
  scope[INSTANCE_KEY] = lifetime;

  let run: AbortController | null = null;
  const apply = (settings: Settings) => {
    if (settings.enabled && !run) {
      run = new AbortController();
      annotateDemoWord(document, run.signal);
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
