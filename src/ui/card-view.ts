/**
 * The card's DOM, built from a CardModel: data in, nodes out, nothing else (STYLE habit 1). Every
 * piece of pack text goes in with textContent, so a pack can never inject markup (habit 7); links
 * are only the pack's http(s) sources, opened in a new tab without an opener or a referrer.
 *
 * The card is a dialog named by the entity's name; its parts are plain headings, lists and buttons,
 * so a screen reader can walk it, and nothing in it is aria-hidden.
 *
 * Two languages meet in a card: its own words (headings, buttons) are in the UI's language and
 * direction, set on the root; the pack's text (name, summary, context, facts, timeline, related
 * names, sources) carries the pack's `lang` and `dir`, so an English pack reads left to right with
 * English hyphenation and voice in a Persian card, and a Persian pack right to left in an English one.
 */
import { textDirection, type CardModel, type CardRelated, type CardSource } from '../core';
import type { CardStrings } from './card-strings';

/** What the card's buttons do; the controller supplies them. */
export interface CardActions {
  readonly close: () => void;
  readonly togglePin: () => void;
  readonly back: () => void;
  readonly openRelated: (key: string) => void;
  readonly hideHere: () => void;
  readonly pauseHere: () => void;
  readonly openSettings: () => void;
}

/** The rendered card and the parts the controller needs again. */
export interface CardView {
  readonly root: HTMLElement;
  readonly pin: HTMLButtonElement;
  /** Where focus goes when the card opens by keyboard. */
  readonly focusTarget: HTMLElement;
  /**
   * Adds the parts below the card's first screen (timeline, related, sources, why, actions). The
   * card is shown without them and completed once placed, so laying out a long card never falls in
   * one frame with adding it to the page.
   */
  readonly complete: () => void;
}

let serial = 0;

/** Builds the card for `model` in `doc`; `canGoBack` shows a Back button, `pinned` the pin state. */
export function renderCard(
  doc: Document,
  model: CardModel,
  actions: CardActions,
  state: {
    canGoBack: boolean; pinned: boolean; dark: boolean; strings: CardStrings;
    /** False where there is no site to apply "Not this one here" and "Pause on this site" to. */
    siteActions?: boolean;
  },
): CardView {
  const s = state.strings;
  const id = `backstory-card-${++serial}`;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const button = (cls: string, label: string, onClick: () => void, title?: string): HTMLButtonElement => {
    const b = el('button', cls, label);
    b.type = 'button';
    if (title) b.title = title;
    b.addEventListener('click', (event) => {
      event.stopPropagation();
      onClick();
    });
    return b;
  };

  /** Marks `node` as pack text in `language` (the card's pack unless given). */
  const packText = <N extends HTMLElement>(node: N, language = model.language): N => {
    node.lang = language;
    node.dir = language === model.language ? model.dir : textDirection(language);
    return node;
  };

  /** A list of buttons, each opening another entity's card in place (related, or the same name elsewhere). */
  const entityList = <T extends CardRelated>(items: readonly T[], text: (entity: T) => string, title: (entity: T) => string) => {
    const list = el('ul', 'related');
    items.forEach((entity) => {
      const b = button(`related-entity type-${entity.type}`, '', () => actions.openRelated(entity.key), title(entity));
      b.append(packText(el('span', undefined, text(entity)), entity.language));
      const item = el('li');
      item.append(b);
      list.append(item);
    });
    return list;
  };

  const root = el('div', `card type-${model.type}${state.dark ? ' dark' : ''}`);
  root.lang = s.lang;
  root.dir = s.dir;
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-labelledby', `${id}-name`);
  root.setAttribute('aria-describedby', `${id}-summary`);
  root.tabIndex = -1;

  // Header: type (in words, beside its colour), name, pin and close.
  const header = el('div', 'header');
  const type = el('span', 'type', s.types[model.type]);
  const name = packText(el('h2', 'name', model.name));
  name.id = `${id}-name`;
  const tools = el('div', 'tools');
  if (state.canGoBack) tools.append(button('back', s.back, actions.back, s.backTitle));
  const pin = button('pin', state.pinned ? s.unpin : s.pin, actions.togglePin, s.pinTitle);
  pin.setAttribute('aria-pressed', String(state.pinned));
  tools.append(pin, button('close', s.close, actions.close, s.closeTitle));
  header.append(type, tools);
  root.append(header, name);

  const summary = packText(el('p', 'summary', model.summary));
  summary.id = `${id}-summary`;
  root.append(summary);
  if (model.context) root.append(packText(el('p', 'context', model.context)));

  // The same words in another pack: say so at once, and let the reader switch.
  if (model.alternatives.length > 0) {
    const box = el('div', 'alternatives');
    box.append(el('p', 'label', s.alsoIn), entityList(model.alternatives, (a) => `${a.name} (${a.packTitle})`, (a) => s.alsoInTitle(a.name, a.packTitle)));
    root.append(box);
  }

  if (model.facts.length > 0) {
    root.append(el('h3', 'section', s.keyFacts));
    const list = packText(el('ul', 'facts'));
    for (const f of model.facts) {
      const item = el('li');
      item.append(el('span', 'label', `${f.label}: `), el('span', 'value', f.value));
      if (f.dateText) {
        const time = el('time', 'date', f.dateText);
        time.dateTime = f.date ?? '';
        item.append(' ', time);
      }
      if (f.source) item.append(' ', sourceMark(el, f.source, s));
      list.append(item);
    }
    root.append(list);
  }

  // What lies below the card's first screen is added once the card is placed (see complete()).
  const later: Node[] = [];
  if (model.timeline.length > 0 && (model.type === 'event' || model.type === 'agreement')) {
    later.push(el('h3', 'section', s.timeline));
    const list = packText(el('ol', 'timeline'));
    for (const t of model.timeline) {
      const item = el('li');
      const time = el('time', 'date', t.dateText);
      time.dateTime = t.date;
      item.append(time, ' ', el('span', 'value', t.text));
      if (t.source) item.append(' ', sourceMark(el, t.source, s));
      list.append(item);
    }
    later.push(list);
  }

  if (model.related.length > 0) {
    later.push(el('h3', 'section', s.related), entityList(model.related, (r) => r.name, (r) => s.relatedTitle(r.name)));
  }

  if (model.sources.length > 0) {
    later.push(el('h3', 'section', s.sources));
    const list = packText(el('ol', 'sources'));
    for (const s of model.sources) {
      const item = el('li');
      item.id = `${id}-source-${s.n}`;
      const link = el('a', 'source', s.title);
      link.href = s.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      item.append(link);
      const meta = [s.publisher, s.dateText].filter(Boolean).join(', ');
      if (meta) item.append(el('span', 'meta', ` (${meta})`));
      list.append(item);
    }
    later.push(list);
  }

  const footer = el('div', 'footer');
  if (model.why) {
    const why = el('p', 'why');
    why.append(el('span', 'label', s.whyLabel), s.why(model.why.text, model.why.alias));
    footer.append(why);
  }
  footer.append(el('p', 'pack', s.asOf(model.packTitle, model.asOfText)));
  const actionsRow = el('div', 'actions');
  if (state.siteActions !== false) {
    actionsRow.append(
      button('hide', s.hideHere, actions.hideHere, s.hideTitle(model.name)),
      button('pause', s.pauseHere, actions.pauseHere, s.pauseTitle),
    );
  }
  actionsRow.append(button('settings', s.settings, actions.openSettings, s.settingsTitle));
  footer.append(actionsRow);
  later.push(footer);

  let completed = false;
  const complete = () => {
    if (completed) return;
    completed = true;
    root.append(...later);
  };
  return { root, pin, focusTarget: root, complete };
}

/** A short dialog in the card's look: "the installed packs do not cover “…”", with Close. */
export function renderNotice(doc: Document, text: string, close: () => void, s: CardStrings): CardView {
  const root = doc.createElement('div');
  root.className = 'card notice type-concept';
  root.lang = s.lang;
  root.dir = s.dir;
  root.setAttribute('role', 'dialog');
  root.tabIndex = -1;
  const message = doc.createElement('p');
  message.className = 'summary';
  message.textContent = s.notCovered(text);
  const id = `backstory-notice-${++serial}`;
  message.id = id;
  root.setAttribute('aria-labelledby', id);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'close';
  button.textContent = s.close;
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    close();
  });
  const pin = doc.createElement('button');
  root.append(message, button);
  return { root, pin, focusTarget: root, complete: () => undefined };
}

/** A fact's source as a small numbered link to the source itself. */
function sourceMark(
  el: <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => HTMLElementTagNameMap[K],
  source: CardSource,
  s: CardStrings,
): HTMLAnchorElement {
  const a = el('a', 'cite', `[${source.n}]`);
  a.href = source.url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.title = source.publisher ? `${source.title} (${source.publisher})` : source.title;
  a.setAttribute('aria-label', s.sourceLabel(source.n, source.title));
  return a;
}
