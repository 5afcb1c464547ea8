/**
 * Content script entry: runs in every frame of every http(s) page, each frame on its own, from
 * document_start. So early, it only reads the settings, adopts the highlight styles while the
 * document is still nearly empty (see ./highlight-style.ts for why) and starts loading the index;
 * the page is read once its DOM is parsed.
 *
 * Everything it starts hangs off one AbortController (STYLE habit 5): switching Backstory off
 * aborts the current run and leaves the page exactly as it was; switching on starts a new one.
 */
import { loadSettings, updateSettings, watchSettings } from '../platform/settings-store';
import { loadActiveIndex, readStoredIndex, watchActiveIndex } from '../platform/packs';
import { forgetPacks, loadPack, loadPacks } from '../platform/pack-data';
import { onCommand, onExplain, onPopupRequest, openOptionsPage, setBadgeCount } from '../platform/messaging';
import { siteOf, type Settings } from '../core/settings';
import { SiteChoices } from './site-choices';
import { OWN_UI_ATTRIBUTE } from '../dom/text-nodes';
import { Annotator, type AnnotatorOptions } from './annotator';
import { CardController } from './card/controller';
import { cardStrings } from '../ui/card-strings';
import { t } from '../platform/i18n';
import { answerMentions, cardShadowMode, onTestCommand, testSettingsDelay } from './test-hooks';
import { entityInfo, ENTITY_TYPES, isCommand, pageEntities, preparePrefilter, type CompiledIndex, type PageInfo } from '../core';
import { watchDom } from './dom-watcher';
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
  let run: AbortController | null = null;
  let annotator: Annotator | null = null;
  let current: Settings | null = null;
  let cardsOfRun: CardController | null = null;
  let stylesOfRun: PageStyles | null = null;
  /** The run's handler of keyboard commands, once it has its cards. */
  let commandOfRun: ((command: string) => void) | null = null;
  /**
   * "Explain … with Backstory" asked before the run had its cards (the page, the settings or the
   * index still loading): the text, answered as soon as the cards exist. The reader asked for it,
   * so it is kept rather than lost; switching off forgets it.
   */
  let explainLater: string | null = null;
  /** Whether the reader holds Alt (the 'hidden until Alt' style shows highlights only then). */
  let revealed = false;
  const shownNow = (s: Settings | null) => s?.highlightStyle !== 'modifier' || revealed;
  /** This page's site, for the per-site choices ("Pause on this site", "Not this one here"). */
  const site = siteOf(location.href);
  // In a private window the per-site choices stay with this page and are never stored.
  const choices = new SiteChoices(site, inPrivateWindow(), (change) => {
    updateSettings(change).catch(logWriteError);
  }, () => {
    if (current) apply(current);
  });
  const active = (s: Settings) => s.enabled && !choices.paused(s);
  const optionsOf = (s: Settings): AnnotatorOptions => ({
    mode: s.mentionMode,
    hiddenEntities: choices.hidden(s),
    // All types is no filter at all (the resolver then skips the check).
    ...(s.enabledTypes.length < ENTITY_TYPES.length ? { enabledTypes: new Set(s.enabledTypes) } : {}),
    storyOnly: s.storyOnly,
  });
  const optionsKey = (o: AnnotatorOptions) =>
    `${o.mode}|${[...(o.hiddenEntities ?? [])].sort().join(',')}|${o.enabledTypes ? [...o.enabledTypes].join(',') : '*'}|${String(o.storyOnly)}`;
  let shownOptions = '';

  const begin = async (signal: AbortSignal, settings: Settings) => {
    const styles = new PageStyles(document, signal, settings.highlightStyle);
    stylesOfRun = styles;
    styles.adoptEarly();
    if (!index) {
      benchIndexRequested();
      index = loadActiveIndex(storedIndex);
    }
    const loaded = await index;
    preparePrefilter(loaded);
    benchIndexReady();
    await pageSettled(document, signal);
    if (signal.aborted) return;
    const options = optionsOf(current ?? settings);
    shownOptions = optionsKey(options);
    annotator = new Annotator(loaded, document, signal, options, styles);
    const own = annotator;
    own.painter.setRegistered(shownNow(current ?? settings));
    watchModifier(window, (held) => {
      revealed = held;
      own.painter.setRegistered(shownNow(current));
    }, signal);
    // Backstory's own nodes (the fallback <style>, the card's host) never count as page changes.
    watchDom(document, own, signal, (node) => node === styles.ownNode() || (node instanceof Element && node.hasAttribute(OWN_UI_ATTRIBUTE)));
    const cards = new CardController({
      doc: document,
      annotator: own.found,
      signal,
      loadPack,
      loadPacks: () => loadPacks(current?.disabledPacks),
      hoverDelayMs: () => current?.hoverDelayMs ?? 300,
      // Hidden until Alt: a hover opens a card only while the highlights show.
      hoverAllowed: () => shownNow(current),
      theme: () => current?.theme ?? 'auto',
      hideHere: (key) => choices.hide(key),
      pauseHere: () => choices.pause(),
      openSettings: openOptionsPage,
      shadowMode: cardShadowMode(),
      strings: () => cardStrings(t),
    });
    cardsOfRun = cards;
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
    const runCommand = (command: string) => {
      if (!isCommand(command)) return;
      if (command === 'open-card') void cards.openAtSelection();
      else void cards.step(command === 'next-mention' ? 1 : -1);
    };
    onCommand((command) => {
      if (document.hasFocus()) runCommand(command);
    }, signal);
    commandOfRun = runCommand;
    // "Explain … with Backstory" asked while the page was still loading: answered now.
    if (explainLater !== null) {
      const text = explainLater;
      explainLater = null;
      void cards.explain(text);
    }
    benchStart(own.painter);
    await own.start();
    benchRead(own.painter);
  };

  const apply = (settings: Settings) => {
    current = settings;
    if (active(settings) && !run) {
      run = new AbortController();
      begin(run.signal, settings).catch((error: unknown) => {
        // A failed index load must not stick: the next switch-on tries again.
        index = null;
        console.error('Backstory: could not annotate this page', error);
      });
    } else if (!active(settings) && run) {
      run.abort();
      run = null;
      annotator = null;
      cardsOfRun = null;
      stylesOfRun = null;
      commandOfRun = null;
      explainLater = null;
    } else if (!active(settings)) {
      explainLater = null;
    } else if (run) {
      // Same run (perhaps still loading: the style is set now, the rest once it has an annotator).
      stylesOfRun?.setStyle(settings.highlightStyle);
      if (!annotator) return;
      annotator.painter.setRegistered(shownNow(settings));
      // Same run, new choices: repaint without reading the page again (only if they changed).
      const options = optionsOf(settings);
      const key = optionsKey(options);
      if (key !== shownOptions) {
        shownOptions = key;
        annotator.setOptions(options);
      }
    }
  };
  lifetime.signal.addEventListener('abort', () => run?.abort(), { once: true });

  // The settings, read once here and then followed (watchSettings, below, in this same task).
  const settingsKnown = testSettingsDelay().then(() => loadSettings()).then(apply, (error: unknown) => console.error('Backstory: could not read settings', error));

  // The context menu's "Explain … with Backstory", for the frame the selection is in; the test build
  // drives it, and the keyboard commands, from the page.
  const explain = (text: string) => {
    if (cardsOfRun) void cardsOfRun.explain(text);
    // Not known yet whether Backstory runs here, or it runs but is still loading: later.
    else if (!current || run) explainLater = text;
  };
  onExplain(explain, lifetime.signal);
  onTestCommand((command) => {
    if (command.startsWith('explain:')) explain(command.slice('explain:'.length));
    else if (command === 'mentions') {
      // Once the page is read (an empty list while Backstory has not started here: ask again).
      const own = annotator;
      void (own?.start() ?? Promise.resolve()).then(() => answerMentions(document, () =>
        own?.found.mentions().map((ref) => ({ entity: own.found.entity(ref).key, block: ref.block, start: ref.match.start, end: ref.match.end })) ?? []));
    } else commandOfRun?.(command);
  }, lifetime.signal);

  // The popup asks the top frame what it shows, and to show an entity. Not before the settings are
  // known: "off" said too early was taken for the answer (a popup opened as the script starts,
  // "Annotate this page now" on a busy machine), and the popup stopped asking.
  onPopupRequest({
    pageInfo: async (): Promise<PageInfo> => {
      await settingsKnown;
      const state = !current || !current.enabled ? 'off' : choices.paused(current) ? 'paused' : 'on';
      const shown = state === 'on' && annotator ? annotator.found.shownEntities().map((e) => entityInfo(annotator!.index, e)) : [];
      return { site, state, entities: pageEntities(shown), reading: state === 'on' && (annotator?.reading ?? true) };
    },
    showEntity: (key) => void cardsOfRun?.showEntity(key),
  }, lifetime.signal);

  // A pack imported, replaced, removed or switched off: read the page again with the new index.
  watchActiveIndex(() => {
    index = null;
    storedIndex = readStoredIndex();
    storedIndex.catch(() => undefined);
    forgetPacks();
    if (run) {
      run.abort();
      run = null;
      annotator = null;
      cardsOfRun = null;
      stylesOfRun = null;
      commandOfRun = null;
    }
    if (current) apply(current);
  }, lifetime.signal);
  watchSettings(apply, lifetime.signal);
}

function logWriteError(error: unknown): void {
  console.error('Backstory: could not save the setting', error);
}

start();
