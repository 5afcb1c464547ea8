/**
 * The content script's engine: everything that reads, paints and explains a page. The loader
 * (./main.ts), which runs in every frame, imports it only where the frame's text may name someone
 * of the packs, or where the reader asked for a card. Built as a module of its own (engine.js,
 * web-accessible through Chrome's dynamic URL) and imported into the content script's world, so a
 * frame that names nobody never compiles it: most frames a reader opens name nobody, and this is
 * nearly all of the content script's code.
 *
 * From then on the engine owns the frame: its lifecycle (./lifecycle.ts), the settings and packs as
 * they change, the messages. Everything it starts hangs off one AbortController (STYLE habit 5):
 * switching Backstory off aborts the current run and leaves the page exactly as it was; switching
 * on starts a new one.
 */
import { loadActiveIndex } from '../platform/packs';
import type { IndexParts } from '../platform/index-parts';
import { forgetPacks, loadPack, loadPacks } from '../platform/pack-data';
import { onCommand, onExplain, onPopupRequest, openOptionsPage, setBadgeCount } from '../platform/content-messages';
import { updateSettings, watchSettings } from '../platform/settings-store';
import { readStoredIndex, watchActiveIndex } from '../platform/stored-index';
import { extensionAlive, inPrivateWindow } from '../platform/native';
import { t } from '../platform/i18n';
import { ENTITY_TYPES, entityInfo, isCommand, pageEntities, preparePrefilter, type CompiledIndex, type PageEntity, type PageInfo } from '../core';
import { readSettings, siteOf, type Settings } from '../core/settings';
import { OWN_UI_ATTRIBUTE } from '../dom/text-nodes';
import { Lifecycle, type Run } from './lifecycle';
import { PageStyles, highlightsSupported, removeLeftovers } from './highlight-style';
import { SiteChoices } from './site-choices';
import { Annotator, type AnnotatorOptions } from './annotator';
import { CardController } from './card/controller';
import { cardStrings } from '../ui/card-strings';
import { answerMentions, answerState, cardShadowMode, onTestCommand, type ShownMention } from './test-hooks';
import { watchDom } from './dom-watcher';
import { watchModifier } from './modifier';
import { afterNextFrame } from './schedule';
import { benchEngine, benchIndexReady, benchIndexRequested, benchRead, benchStart } from './bench-marks';

/** What a run is given by the engine's start. */
interface EngineHost {
  readonly doc: Document;
  /** The run's styles (./highlight-style.ts), adopted as the run opens. */
  readonly styles: PageStyles;
  /** The reader's per-site choices ("Pause on this site", "Not this one here"). */
  readonly choices: SiteChoices;
  /** The settings applied last (the run reads them as they change). */
  settings(): Settings | null;
  /** What the stored index entry holds (see platform/stored-index.ts), read at document_start. */
  storedIndex(): Promise<unknown>;
  /** The index's parts the loader asked for as it handed over, the first time (then undefined). */
  takeIndexParts(): IndexParts | undefined;
  /** Backstory's own nodes (the fallback <style>, the card's host): their changes are never the page's. */
  isOwn(node: Node): boolean;
}

/** How long the engine waits for a frame before it reads anyway, ms. */
const FRAME_WAIT_MS = 200;

/** The index, loaded once per frame and kept across runs until the packs change. */
let index: Promise<CompiledIndex> | null = null;

/** Forgets the index and the packs' cards: the packs changed, or loading failed (the next run tries again). */
function forget(): void {
  index = null;
  forgetPacks();
}

/**
 * Loads the index and reads the page for one run, until `signal` aborts. `ready` is handed the run
 * as soon as it can answer requests (an Explain, a command, the popup), before the page is read.
 */
async function runEngine(host: EngineHost, signal: AbortSignal, ready: (run: EngineRun) => void): Promise<void> {
  if (!index) {
    const started = host.takeIndexParts();
    if (!started) benchIndexRequested();
    index = loadActiveIndex(host.storedIndex(), started);
    index.then(benchIndexReady, () => undefined);
  }
  // A frame goes first (at most 200 ms more): the page's own first paint where it has not painted
  // yet, and the restyle of the whole page that adopting the highlight sheet (as the run opened)
  // asks for. Waiting for the page to fall idle instead held the start back 150 ms on a 1 MB page
  // still loading; reading at once forced that restyle inside the first read of a box (135 ms).
  const [loaded] = await Promise.all([index, afterNextFrame(FRAME_WAIT_MS, signal)]);
  preparePrefilter(loaded);
  if (signal.aborted) return;
  const run = new EngineRun(loaded, host, signal);
  ready(run);
  benchStart(run.annotator.painter);
  await run.annotator.start();
  benchRead(run.annotator.painter);
}

/** One run of the engine on the page: the annotator and the cards. */
class EngineRun {
  readonly annotator: Annotator;
  readonly cards: CardController;
  /** The options the annotator shows (a key, to notice a change). */
  private shownOptions: string;
  /** Whether the reader holds Alt (the 'hidden until Alt' style shows highlights only then). */
  private revealed = false;

  constructor(index: CompiledIndex, private readonly host: EngineHost, signal: AbortSignal) {
    const { doc, choices } = host;
    const settings = host.settings()!;
    const options = this.optionsOf(settings);
    this.shownOptions = optionsKey(options);
    const own = new Annotator(index, doc, signal, options, host.styles);
    this.annotator = own;
    own.painter.setRegistered(this.shownNow(settings));
    watchModifier(doc.defaultView ?? window, (held) => {
      this.revealed = held;
      own.painter.setRegistered(this.shownNow(host.settings()));
    }, signal);
    watchDom(doc, own, signal, (node) => host.isOwn(node));
    this.cards = new CardController({
      doc,
      page: own.found,
      signal,
      loadPack,
      loadPacks: () => loadPacks(host.settings()?.disabledPacks),
      hoverDelayMs: () => host.settings()?.hoverDelayMs ?? 300,
      // Hidden until Alt: a hover opens a card only while the highlights show.
      hoverAllowed: () => this.shownNow(host.settings()),
      theme: () => host.settings()?.theme ?? 'auto',
      hideHere: (key) => choices.hide(key),
      pauseHere: () => choices.pause(),
      openSettings: openOptionsPage,
      shadowMode: cardShadowMode(),
      strings: () => cardStrings(t),
    });
    // The toolbar badge: distinct entities shown, a moment after the page settles. Only the top
    // frame counts (the background ignores the others), so frames do no work for it.
    if (window.top === window) {
      let badgeTimer = 0;
      own.onShownChange = () => {
        clearTimeout(badgeTimer);
        badgeTimer = window.setTimeout(() => {
          if (!signal.aborted) setBadgeCount(new Set(own.found.shownEntities()).size);
        }, 250);
      };
      signal.addEventListener('abort', () => {
        clearTimeout(badgeTimer);
        setBadgeCount(0);
      }, { once: true });
    }
  }

  /** "Explain … with Backstory" for `text`. */
  explain(text: string): void {
    void this.cards.explain(text);
  }

  /** A keyboard command for this frame (it has focus). */
  command(command: string): void {
    if (!isCommand(command)) return;
    if (command === 'open-card') void this.cards.openAtSelection();
    else void this.cards.step(command === 'next-mention' ? 1 : -1);
  }

  /** The popup's "show this one": scrolls to its first mention and opens its card. */
  showEntity(key: string): void {
    void this.cards.showEntity(key);
  }

  /** New settings for this run: repaint without reading the page again, where the choices changed. */
  update(settings: Settings): void {
    this.annotator.painter.setRegistered(this.shownNow(settings));
    const options = this.optionsOf(settings);
    const key = optionsKey(options);
    if (key !== this.shownOptions) {
      this.shownOptions = key;
      this.annotator.setOptions(options);
    }
  }

  /** The entities shown on the page, for the popup's list. */
  entities(): PageEntity[] {
    const found = this.annotator.found;
    return pageEntities(found.shownEntities().map((e) => entityInfo(this.annotator.index, e)));
  }

  /** Resolves once the page is read. */
  read(): Promise<void> {
    return this.annotator.start();
  }

  /** Every mention shown, for the test build (see ./test-hooks.ts). */
  mentions(): ShownMention[] {
    const found = this.annotator.found;
    return found.mentions().map((ref) => ({ entity: found.entity(ref).key, block: ref.block, start: ref.match.start, end: ref.match.end }));
  }

  private shownNow(settings: Settings | null): boolean {
    return settings?.highlightStyle !== 'modifier' || this.revealed;
  }

  private optionsOf(settings: Settings): AnnotatorOptions {
    return {
      mode: settings.mentionMode,
      hiddenEntities: this.host.choices.hidden(settings),
      // All types is no filter at all (the decisions then skip the check).
      ...(settings.enabledTypes.length < ENTITY_TYPES.length ? { enabledTypes: new Set(settings.enabledTypes) } : {}),
      storyOnly: settings.storyOnly,
    };
  }
}

function optionsKey(o: AnnotatorOptions): string {
  return `${o.mode}|${[...(o.hiddenEntities ?? [])].sort().join(',')}|${o.enabledTypes ? [...o.enabledTypes].join(',') : '*'}|${String(o.storyOnly)}`;
}

/** How often a content script checks that its extension is still there, ms. */
const ALIVE_CHECK_MS = 5_000;

/** What the loader hands over: what it read at document_start, and what it was asked meanwhile. */
export interface Handoff {
  /** The stored settings, as storage gave them (read here with readSettings). */
  readonly settings: unknown;
  /** The stored index entry, as storage gave it (see platform/stored-index.ts). */
  readonly storedIndex: unknown;
  /** The index's parts, asked for as the loader handed over (null where the entry changed meanwhile). */
  readonly indexParts: IndexParts | null;
  /** "Explain … with Backstory" asked before the engine was there. */
  readonly explain: string | null;
  /** The loader's state-changing listeners are gone once this is called: the engine's are in place. */
  readonly release: () => void;
}

/** What the loader may still ask of the engine: the answer to a popup's question it heard first. */
export interface Started {
  pageInfo(): PageInfo;
  showEntity(key: string): void;
}

/** Takes the frame over from the loader. */
export function startEngine(handoff: Handoff): Started | null {
  benchEngine();
  // A browser without the CSS Custom Highlight API: nothing to show (the loader does not check, to
  // spare every frame touching those interfaces; the manifests' minimum versions have them).
  if (!highlightsSupported()) {
    handoff.release();
    return null;
  }
  const lifetime = new AbortController();
  // What an earlier instance left behind when the extension was updated or reloaded under it.
  try {
    removeLeftovers(document);
  } catch (error) {
    console.error('Backstory: could not clear what an earlier version left', error);
  }
  // And this instance, once cut off the same way, cleans up after itself: checked every few
  // seconds and when the tab comes back into view (a property read; nothing else runs).
  const checkAlive = () => {
    if (!extensionAlive()) lifetime.abort();
  };
  const aliveTimer = window.setInterval(checkAlive, ALIVE_CHECK_MS);
  document.addEventListener('visibilitychange', checkAlive, { signal: lifetime.signal });
  lifetime.signal.addEventListener('abort', () => clearInterval(aliveTimer), { once: true });

  let storedIndex: Promise<unknown> = Promise.resolve(handoff.storedIndex);
  /** The loader's head start on the index, until used or the packs change. */
  let startedParts: IndexParts | null = handoff.indexParts;
  /** This page's site, for the per-site choices ("Pause on this site", "Not this one here"). */
  const site = siteOf(location.href);
  // In a private window the per-site choices stay with this page and are never stored.
  const choices = new SiteChoices(site, inPrivateWindow(), (change) => {
    updateSettings(change).catch(logWriteError);
  }, () => {
    if (life.settings) life.apply(life.settings);
  });

  const life = new Lifecycle<PageRun>({
    paused: (s) => choices.paused(s),
    open: (signal, settings) => {
      const styles = new PageStyles(document, signal, settings.highlightStyle);
      styles.adoptEarly();
      return new PageRun(styles);
    },
    begin: (run, signal, progress): Promise<void> => runEngine({
      doc: document,
      styles: run.styles,
      choices,
      settings: (): Settings | null => life.settings,
      storedIndex: () => storedIndex,
      takeIndexParts: () => {
        const parts = startedParts ?? undefined;
        startedParts = null;
        return parts;
      },
      isOwn: (node) => isOwnNode(run.styles, node),
    }, signal, (own) => {
      run.engine = own;
      progress.ready();
    }),
    update: (run, settings) => {
      // Same run (perhaps still loading: the style is set now, the rest once it has its engine).
      run.styles.setStyle(settings.highlightStyle);
      run.engine?.update(settings);
    },
    failed: (error) => {
      // A failed index load must not stick: the next run tries again.
      forget();
      console.error('Backstory: could not annotate this page', error);
    },
  }, lifetime.signal);

  // The context menu's "Explain … with Backstory", for the frame the selection is in; the test build
  // drives it, and the keyboard commands, from the page.
  onExplain((text) => life.explain(text), lifetime.signal);
  // Keyboard commands go to every frame of the tab: the one with focus acts.
  onCommand((command) => {
    if (document.hasFocus()) life.command(command);
  }, lifetime.signal);
  onTestCommand((command) => {
    if (command.startsWith('explain:')) life.explain(command.slice('explain:'.length));
    else if (command === 'mentions') {
      // Once the page is read (an empty list while Backstory has not started here: ask again).
      const own = life.ready?.engine;
      void (own?.read() ?? Promise.resolve()).then(() => answerMentions(document, () => own?.mentions() ?? []));
    } else if (command === 'state') answerState(document, life.state);
    else life.command(command);
  }, lifetime.signal);
  // The popup asks the top frame what it shows, and to show an entity.
  const popup: Started = {
    pageInfo: (): PageInfo => {
      const settings = life.settings;
      const state = !settings || !settings.enabled ? 'off' : choices.paused(settings) ? 'paused' : 'on';
      const own = life.ready?.engine;
      const reading = life.state === 'loading' || life.state === 'reading';
      return { site, state, entities: state === 'on' && own ? own.entities() : [], reading: state === 'on' && reading };
    },
    showEntity: (key) => life.ready?.engine?.showEntity(key),
  };
  onPopupRequest(popup, lifetime.signal);
  // A pack imported, replaced, removed or switched off: read the page again with the new index.
  watchActiveIndex(() => {
    startedParts = null;
    storedIndex = readStoredIndex();
    storedIndex.catch(() => undefined);
    forget();
    life.restart();
  }, lifetime.signal);
  watchSettings((s) => life.apply(s), lifetime.signal);
  handoff.release();

  life.apply(readSettings(handoff.settings).settings);
  if (handoff.explain !== null) life.explain(handoff.explain);
  return popup;
}

/** One run of Backstory on the page: its styles from the start, the engine's part once it is ready. */
class PageRun implements Run {
  engine: EngineRun | null = null;

  constructor(readonly styles: PageStyles) {}

  explain(text: string): void {
    this.engine?.explain(text);
  }

  command(command: string): void {
    this.engine?.command(command);
  }
}

/** Backstory's own nodes (the fallback <style>, the card's host): their changes are never the page's. */
function isOwnNode(styles: PageStyles, node: Node): boolean {
  return node === styles.ownNode() || (node instanceof Element && node.hasAttribute(OWN_UI_ATTRIBUTE));
}

function logWriteError(error: unknown): void {
  console.error('Backstory: could not save the setting', error);
}
