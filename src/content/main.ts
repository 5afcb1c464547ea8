/**
 * Content script entry: runs in every frame of every http(s) page, each frame on its own, from
 * document_start. So early, it only reads the settings and adopts the highlight styles while the
 * document is still nearly empty (see ./highlight-style.ts for why). Once the DOM is parsed, a
 * frame whose text cannot name anyone stays dormant (./name-gate.ts); the others load the index and
 * read the page.
 *
 * Everything it starts hangs off one AbortController (STYLE habit 5): switching Backstory off
 * aborts the current run and leaves the page exactly as it was; switching on starts a new one.
 */
import { loadSettings, updateSettings, watchSettings } from '../platform/settings-store';
import { indexPrefilter, loadActiveIndex, readStoredIndex, watchActiveIndex } from '../platform/packs';
import { forgetPacks, loadPack, loadPacks } from '../platform/pack-data';
import { onCommand, onExplain, onPopupRequest, openOptionsPage, setBadgeCount } from '../platform/messaging';
import { siteOf, type Settings } from '../core/settings';
import { SiteChoices } from './site-choices';
import { OWN_UI_ATTRIBUTE } from '../dom/text-nodes';
import { Annotator, type AnnotatorOptions } from './annotator';
import { Lifecycle, type Run } from './lifecycle';
import { CardController } from './card/controller';
import { cardStrings } from '../ui/card-strings';
import { t } from '../platform/i18n';
import { answerMentions, answerState, cardShadowMode, onTestCommand, testSettingsDelay } from './test-hooks';
import { entityInfo, ENTITY_TYPES, isCommand, pageEntities, preparePrefilter, type CompiledIndex, type PageInfo } from '../core';
import { watchDom } from './dom-watcher';
import { mayName, watchForNames } from './name-gate';
import { PageStyles, removeLeftovers } from './highlight-style';
import { extensionAlive, inPrivateWindow } from '../platform/browser';
import { Painter } from './painter';
import { watchModifier } from './modifier';
import { whenIdle } from './schedule';
import { benchIndexReady, benchIndexRequested, benchInjected, benchRead, benchStart } from './bench-marks';

/** How often a content script checks that its extension is still there, ms. */
const ALIVE_CHECK_MS = 5_000;

/** Set on the isolated world's global so a second injection of this script does nothing. */
const INSTANCE_KEY = Symbol.for('backstory.content');

/** Resolves once the document is parsed. */
async function parsed(doc: Document, signal: AbortSignal): Promise<void> {
  if (doc.readyState === 'loading') {
    await new Promise<void>((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true, signal }));
  }
}

/**
 * Resolves at the page's first idle moment (at most 200 ms later), like the browsers'
 * document_idle: the page's own first layout and paint go first.
 */
function firstIdle(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => whenIdle(resolve, 200, signal));
}

function start(): void {
  benchInjected();
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[INSTANCE_KEY] || !Painter.supported()) return;
  const lifetime = new AbortController();
  scope[INSTANCE_KEY] = lifetime;
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

  let index: Promise<CompiledIndex> | null = null;
  // Asked now, with the settings: whether an index of imported or switched-off packs replaces the bundled one.
  let storedIndex = readStoredIndex();
  storedIndex.catch(() => undefined);
  /** Whether the reader holds Alt (the 'hidden until Alt' style shows highlights only then). */
  let revealed = false;
  const shownNow = (s: Settings | null) => s?.highlightStyle !== 'modifier' || revealed;
  /** This page's site, for the per-site choices ("Pause on this site", "Not this one here"). */
  const site = siteOf(location.href);
  // In a private window the per-site choices stay with this page and are never stored.
  const choices = new SiteChoices(site, inPrivateWindow(), (change) => {
    updateSettings(change).catch(logWriteError);
  }, () => {
    if (life.settings) life.apply(life.settings);
  });
  const optionsOf = (s: Settings): AnnotatorOptions => ({
    mode: s.mentionMode,
    hiddenEntities: choices.hidden(s),
    // All types is no filter at all (the decisions then skip the check).
    ...(s.enabledTypes.length < ENTITY_TYPES.length ? { enabledTypes: new Set(s.enabledTypes) } : {}),
    storyOnly: s.storyOnly,
  });
  const optionsKey = (o: AnnotatorOptions) =>
    `${o.mode}|${[...(o.hiddenEntities ?? [])].sort().join(',')}|${o.enabledTypes ? [...o.enabledTypes].join(',') : '*'}|${String(o.storyOnly)}`;
  /** The settings applied last (the run reads them as they change). */
  const settingsNow = () => life.settings;

  const life = new Lifecycle<PageRun>({
    paused: (s) => choices.paused(s),
    open: (signal, settings) => {
      const styles = new PageStyles(document, signal, settings.highlightStyle);
      styles.adoptEarly();
      return new PageRun(styles);
    },
    begin: async (run, signal, progress) => {
      await parsed(document, signal);
      if (signal.aborted) return;
      // A frame that names nobody loads nothing more, and waits for a change that may bring a name.
      const source = indexPrefilter(await storedIndex.catch(() => undefined));
      if (source !== null) {
        const prefilter = new RegExp(source, 'i');
        // Watched from before the first read: a part the read has passed may change meanwhile.
        const watch = watchForNames(document, prefilter, signal, (node) => isOwnNode(run.styles, node));
        run.wakeDormant = () => watch.wake();
        const may = await mayName(document.body ?? document.documentElement, prefilter, signal, (root) => watch.watch(root));
        if (signal.aborted) return;
        if (!may && progress.dormant()) {
          await watch.named;
          if (signal.aborted) return;
          progress.woke();
        }
        watch.wake();
        run.wakeDormant = null;
      }
      if (!index) {
        benchIndexRequested();
        index = loadActiveIndex(storedIndex);
      }
      const [loaded] = await Promise.all([index, firstIdle(signal)]);
      preparePrefilter(loaded);
      benchIndexReady();
      if (signal.aborted) return;
      const settings = settingsNow()!;
      const options = optionsOf(settings);
      run.shownOptions = optionsKey(options);
      const own = new Annotator(loaded, document, signal, options, run.styles);
      run.annotator = own;
      own.painter.setRegistered(shownNow(settings));
      watchModifier(window, (held) => {
        revealed = held;
        own.painter.setRegistered(shownNow(settingsNow()));
      }, signal);
      watchDom(document, own, signal, (node) => isOwnNode(run.styles, node));
      run.cards = new CardController({
        doc: document,
        page: own.found,
        signal,
        loadPack,
        loadPacks: () => loadPacks(settingsNow()?.disabledPacks),
        hoverDelayMs: () => settingsNow()?.hoverDelayMs ?? 300,
        // Hidden until Alt: a hover opens a card only while the highlights show.
        hoverAllowed: () => shownNow(settingsNow()),
        theme: () => settingsNow()?.theme ?? 'auto',
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
      // Keyboard commands go to every frame of the tab: the one with focus acts.
      onCommand((command) => {
        if (document.hasFocus()) life.command(command);
      }, signal);
      progress.ready();
      benchStart(own.painter);
      await own.start();
      benchRead(own.painter);
    },
    update: (run, settings) => {
      // Same run (perhaps still loading: the style is set now, the rest once it has an annotator).
      run.styles.setStyle(settings.highlightStyle);
      if (!run.annotator) return;
      run.annotator.painter.setRegistered(shownNow(settings));
      // Same run, new choices: repaint without reading the page again (only if they changed).
      const options = optionsOf(settings);
      const key = optionsKey(options);
      if (key !== run.shownOptions) {
        run.shownOptions = key;
        run.annotator.setOptions(options);
      }
    },
    failed: (error) => {
      // A failed index load must not stick: the next run tries again.
      index = null;
      console.error('Backstory: could not annotate this page', error);
    },
  }, lifetime.signal);

  // The settings, read once here and then followed (watchSettings, below, in this same task).
  const settingsKnown = testSettingsDelay().then(() => loadSettings()).then((s) => life.apply(s), (error: unknown) => console.error('Backstory: could not read settings', error));

  // The context menu's "Explain … with Backstory", for the frame the selection is in; the test build
  // drives it, and the keyboard commands, from the page.
  onExplain((text) => life.explain(text), lifetime.signal);
  onTestCommand((command) => {
    if (command.startsWith('explain:')) life.explain(command.slice('explain:'.length));
    else if (command === 'mentions') {
      // Once the page is read (an empty list while Backstory has not started here: ask again).
      const own = life.ready?.annotator;
      void (own?.start() ?? Promise.resolve()).then(() => answerMentions(document, () =>
        own?.found.mentions().map((ref) => ({ entity: own.found.entity(ref).key, block: ref.block, start: ref.match.start, end: ref.match.end })) ?? []));
    } else if (command === 'state') answerState(document, life.state);
    else life.command(command);
  }, lifetime.signal);

  // The popup asks the top frame what it shows, and to show an entity. Not before the settings are
  // known: "off" said too early was taken for the answer (a popup opened as the script starts,
  // "Annotate this page now" on a busy machine), and the popup stopped asking.
  onPopupRequest({
    pageInfo: async (): Promise<PageInfo> => {
      await settingsKnown;
      const settings = life.settings;
      const state = !settings || !settings.enabled ? 'off' : choices.paused(settings) ? 'paused' : 'on';
      const own = life.ready?.annotator;
      const shown = state === 'on' && own ? own.found.shownEntities().map((e) => entityInfo(own.index, e)) : [];
      const reading = life.state === 'loading' || life.state === 'reading';
      return { site, state, entities: pageEntities(shown), reading: state === 'on' && reading };
    },
    showEntity: (key) => void life.ready?.cards?.showEntity(key),
  }, lifetime.signal);

  // A pack imported, replaced, removed or switched off: read the page again with the new index.
  watchActiveIndex(() => {
    index = null;
    storedIndex = readStoredIndex();
    storedIndex.catch(() => undefined);
    forgetPacks();
    life.restart();
  }, lifetime.signal);
  watchSettings((s) => life.apply(s), lifetime.signal);
}

/** One run of Backstory on the page: its styles from the start, the rest once the page is read. */
class PageRun implements Run {
  annotator: Annotator | null = null;
  cards: CardController | null = null;
  /** The options the annotator shows (a key, to notice a change). */
  shownOptions = '';

  constructor(readonly styles: PageStyles) {}

  /** Wakes the run while it is dormant (see Lifecycle). */
  wakeDormant: (() => void) | null = null;

  explain(text: string): void {
    void this.cards?.explain(text);
  }

  wake(): void {
    this.wakeDormant?.();
  }

  command(command: string): void {
    if (!isCommand(command) || !this.cards) return;
    if (command === 'open-card') void this.cards.openAtSelection();
    else void this.cards.step(command === 'next-mention' ? 1 : -1);
  }
}

/** Backstory's own nodes (the fallback <style>, the card's host): their changes are never the page's. */
function isOwnNode(styles: PageStyles, node: Node): boolean {
  return node === styles.ownNode() || (node instanceof Element && node.hasAttribute(OWN_UI_ATTRIBUTE));
}

function logWriteError(error: unknown): void {
  console.error('Backstory: could not save the setting', error);
}

start();
