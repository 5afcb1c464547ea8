/**
 * The card as a reader meets it, rendered by happy-dom: every field of the model is shown, pack
 * text is always inert text, links open safely, and the buttons do what they say.
 */
import { describe, expect, it, vi } from 'vitest';
import { cardModel, type Pack } from '../../src/core';
import { renderCard, type CardActions } from '../../src/ui/card-view';
import { CardHost, HOST_TAG } from '../../src/content/card/card-host';
import { cardStrings } from '../../src/ui/card-strings';
import { englishT } from '../support/messages';

const strings = cardStrings(englishT);

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

const pack: Pack = {
  id: 'test-pack',
  title: 'Test pack <b>bold</b>',
  description: '',
  version: '1.0.0',
  asOf: '2026-06-30',
  language: 'en',
  entities: [
    {
      id: 'the-event',
      type: 'event',
      name: `Event ${HOSTILE}`,
      aliases: [],
      summary: `Summary ${HOSTILE}`,
      context: `Context ${HOSTILE}`,
      facts: [{ label: `Label ${HOSTILE}`, value: `Value ${HOSTILE}`, date: '2024-11-11', source: 0 }],
      timeline: [
        { date: '2024-11-14', text: 'Second', source: 0 },
        { date: '2024-11', text: `First ${HOSTILE}`, source: 1 },
      ],
      related: ['other'],
      sources: [
        { title: `Source ${HOSTILE}`, url: 'https://example.org/a', publisher: 'Example', date: '2024-11-14' },
        { title: 'Second source', url: 'https://example.org/b' },
      ],
    },
    { id: 'other', type: 'person', name: 'Other Person', aliases: [], summary: 'Someone.', context: '', facts: [], related: [], sources: [] },
  ],
};

function actions(): CardActions & Record<string, ReturnType<typeof vi.fn>> {
  return { close: vi.fn(), togglePin: vi.fn(), back: vi.fn(), openRelated: vi.fn(), hideHere: vi.fn(), pauseHere: vi.fn(), openSettings: vi.fn() };
}

function render(canGoBack = false) {
  const model = cardModel(pack, pack.entities[0]!, { why: { text: 'the event', alias: 'Event' } });
  const a = actions();
  const view = renderCard(document, model, a, { canGoBack, pinned: false, dark: false, strings });
  view.complete();
  document.body.replaceChildren(view.root);
  return { view, a, root: view.root };
}

describe('the card', () => {
  it('is a dialog named by the entity, and shows every field of the model', () => {
    const { root } = render();
    expect(root.getAttribute('role')).toBe('dialog');
    const name = root.querySelector(`#${root.getAttribute('aria-labelledby')!}`);
    expect(name?.textContent).toBe(`Event ${HOSTILE}`);
    const text = root.textContent;
    for (const part of ['Event', 'Summary', 'Context', 'Label', 'Value', '11 November 2024', 'Timeline', 'First', 'Second',
      'November 2024', 'Related', 'Other Person', 'Sources', 'Example', 'Why highlighted', '“the event” matched “Event”',
      'Test pack <b>bold</b>, facts as of 30 June 2026', 'Not this one here', 'Pause on this site', 'Settings']) {
      expect(text, part).toContain(part);
    }
    // The type in words beside its colour, never colour alone.
    expect(root.querySelector('.type')?.textContent).toBe('Event');
    expect(root.querySelector('[aria-hidden]')).toBeNull();
  });

  it('where another pack has the same name, offers it near the top and switches to it', () => {
    const model = cardModel(pack, pack.entities[0]!, { alternatives: [{ key: 'other:elon-musk', name: 'Elon Musk', type: 'person', packTitle: `Kestrel ${HOSTILE}` }] });
    const a = actions();
    const view = renderCard(document, model, a, { canGoBack: false, pinned: false, dark: false, strings });
    const button = view.root.querySelector<HTMLButtonElement>('.alternatives button')!;
    expect(view.root.querySelector('.alternatives .label')!.textContent).toBe('The same name in another pack:');
    expect(button.textContent).toBe(`Elon Musk (Kestrel ${HOSTILE})`);
    expect(button.title).toBe(`Show Elon Musk from “Kestrel ${HOSTILE}” instead`);
    expect(view.root.querySelector('.alternatives img, .alternatives script')).toBeNull();
    button.click();
    expect(a.openRelated).toHaveBeenCalledWith('other:elon-musk');
  });

  it('lists the timeline oldest first, with machine-readable dates', () => {
    const { root } = render();
    const times = [...root.querySelectorAll('.timeline time')].map((t) => t.getAttribute('datetime'));
    expect(times).toEqual(['2024-11', '2024-11-14']);
  });

  it('shows pack text as text: no element, no script, no handler comes from a pack', () => {
    const { root } = render();
    expect(root.querySelector('img, script, b')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(root.textContent).toContain('<script>');
  });

  it('opens every source in a new tab without opener or referrer', () => {
    const { root } = render();
    const links = [...root.querySelectorAll('a')];
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('href')).toMatch(/^https:\/\/example\.org\//);
    }
  });

  it('runs the action of each button, and shows Back only when there is somewhere to go back to', () => {
    const { root, a } = render();
    expect(root.querySelector('.back')).toBeNull();
    const click = (sel: string) => (root.querySelector(sel) as HTMLButtonElement).click();
    click('.related-entity');
    expect(a.openRelated).toHaveBeenCalledWith('test-pack:other');
    click('.hide');
    click('.pause');
    click('.settings');
    click('.pin');
    click('.close');
    for (const f of ['hideHere', 'pauseHere', 'openSettings', 'togglePin', 'close'] as const) expect(a[f]).toHaveBeenCalledOnce();
    const again = render(true);
    (again.root.querySelector('.back') as HTMLButtonElement).click();
    expect(again.a.back).toHaveBeenCalledOnce();
  });
});

describe('the card host', () => {
  it('adds one element only while shown, and leaves the page as it was when hidden', () => {
    document.body.innerHTML = '<p id="m">A mention</p>';
    const before = document.documentElement.outerHTML;
    const run = new AbortController();
    const host = new CardHost(document, run.signal, 'open');
    const { view } = { view: renderCard(document, cardModel(pack, pack.entities[1]!), actions(), { canGoBack: false, pinned: false, dark: true, strings }) };
    host.show(view.root, { element: document.querySelector('#m')!, rect: () => null });
    const el = document.querySelector(HOST_TAG) as HTMLElement;
    expect(el).not.toBeNull();
    expect(el.hasAttribute('data-backstory-ui')).toBe(true);
    expect(el.style.getPropertyPriority('left')).toBe('important');
    // No text spacing inline, so a reader's stylesheet can still adjust it (WCAG 1.4.12).
    expect(el.getAttribute('style')).not.toMatch(/spacing|line-height/);
    expect(el.shadowRoot?.querySelector('style')?.textContent).toContain('.card');
    expect(el.shadowRoot?.querySelector('.card.dark')).not.toBeNull();
    run.abort();
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
