/**
 * The engine's life on one page, as one object with named states (before the engine, a frame that
 * names nobody is dormant in the loader: see ./main.ts):
 *
 *   off ──settings on──▶ loading ──ready──▶ reading ──page read──▶ painted
 *    ▲                                                                 │
 *    └──── settings off, paused on the site, a pack change (then loading again) ◀──┘
 *
 * Each run (loading to painted) has one AbortController: every side effect of the run hangs off
 * its signal (STYLE habit 5), and ending the run is written once, in `end`. What a run is (its
 * styles, the index, the annotator, the cards) is the host's: this file only keeps the states and
 * what must outlive a state change (an "Explain" asked while loading).
 */
import type { Settings } from '../core/settings';

/** Where the engine is on this page. */
export type LifeState = 'off' | 'paused' | 'loading' | 'reading' | 'painted';

/** A run as the host makes it: whatever it holds, and how it answers requests once ready. */
export interface Run {
  /** "Explain … with Backstory" for `text` (asked only once the run is ready). */
  explain(text: string): void;
  /** A keyboard command: next mention, open the card... (asked only once the run is ready). */
  command(command: string): void;
}

/** What a run tells the lifecycle as it goes. */
export interface RunProgress {
  /** It can answer requests now (then it reads the page). */
  ready(): void;
}

/** What the lifecycle asks of the content script that owns it. */
export interface LifecycleHost<R extends Run> {
  /** Whether Backstory is paused on this page's site under `settings`. */
  paused(settings: Settings): boolean;
  /** Makes a run under `settings`, at once: everything it makes hangs off `signal`. */
  open(signal: AbortSignal, settings: Settings): R;
  /**
   * Loads what the run needs and reads the page, telling `progress` as it goes; resolves once the
   * page is read.
   */
  begin(run: R, signal: AbortSignal, progress: RunProgress): Promise<void>;
  /** New settings for the run under way (ready or still loading). */
  update(run: R, settings: Settings): void;
  /** A run could not start (the index did not load...). */
  failed(error: unknown): void;
}

export class Lifecycle<R extends Run> {
  private now: LifeState = 'off';
  private controller: AbortController | null = null;
  private current: R | null = null;
  private latest: Settings | null = null;
  /**
   * "Explain … with Backstory" asked before the run had its parts (the page, the settings or the
   * index still loading): the text, answered as soon as they exist. The reader asked for it, so
   * it is kept rather than lost; a run that ends forgets it.
   */
  private explainLater: string | null = null;

  constructor(
    private readonly host: LifecycleHost<R>,
    lifetime: AbortSignal,
  ) {
    lifetime.addEventListener('abort', () => this.end('off'), { once: true });
  }

  /** Where it is now. */
  get state(): LifeState {
    return this.now;
  }

  /** The settings last applied (null before the first). */
  get settings(): Settings | null {
    return this.latest;
  }

  /** The run, once it is ready (reading or painted). */
  get ready(): R | null {
    return this.now === 'reading' || this.now === 'painted' ? this.current : null;
  }

  /** Follows new settings: starts a run, ends it, or hands the settings to the run under way. */
  apply(settings: Settings): void {
    this.latest = settings;
    if (!settings.enabled || this.host.paused(settings)) {
      this.end(settings.enabled ? 'paused' : 'off');
      return;
    }
    if (this.current) this.host.update(this.current, settings);
    else this.start(settings);
  }

  /** Starts again under the same settings (the packs changed: the page is read with the new index). */
  restart(): void {
    const settings = this.latest;
    this.end(this.now === 'paused' ? 'paused' : 'off');
    if (settings) this.apply(settings);
  }

  /** "Explain … with Backstory": now if the run has its parts, else once it has, if one is coming. */
  explain(text: string): void {
    const ready = this.ready;
    if (ready) ready.explain(text);
    // Not known yet whether Backstory runs here, or it runs but is still loading: later.
    else if (this.latest === null || this.now === 'loading') this.explainLater = text;
  }

  /** A keyboard command, for a run that is ready (a command before that has nothing to act on). */
  command(command: string): void {
    this.ready?.command(command);
  }

  private start(settings: Settings): void {
    const controller = new AbortController();
    const run = this.host.open(controller.signal, settings);
    this.controller = controller;
    this.current = run;
    this.now = 'loading';
    const current = () => this.controller === controller && !controller.signal.aborted;
    this.host.begin(run, controller.signal, {
      ready: () => {
        if (!current()) return;
        this.now = 'reading';
        const text = this.explainLater;
        this.explainLater = null;
        if (text !== null) run.explain(text);
      },
    }).then(
      () => {
        if (current()) this.now = 'painted';
      },
      (error: unknown) => {
        if (!current()) return;
        this.host.failed(error);
        // Not stuck: the next settings applied (a switch on, any change) try again.
        this.end('off');
      },
    );
  }

  /** Ends the run, if any: its side effects go with its signal, and what it kept is forgotten. */
  private end(state: 'off' | 'paused'): void {
    this.controller?.abort();
    this.controller = null;
    this.current = null;
    this.explainLater = null;
    this.now = state;
  }
}
