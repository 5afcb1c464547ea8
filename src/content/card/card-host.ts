/**
 * The one element Backstory adds to a page, and only while a card is open: a custom element (page
 * rules for `div` or `aside` never match it) holding a closed shadow root. The host's own look is
 * set by `:host` rules with !important inside the shadow root: between encapsulation contexts the
 * inner one's important declarations win, so a page rule such as `* { all: unset !important }` or
 * `backstory-card { display: none !important }` cannot hide or restyle it. Only its position is
 * inline (left and top, !important; no text-spacing property inline, so a reader's own stylesheet
 * can still adjust spacing, WCAG 1.4.12). The card's stylesheet cannot leak out of the shadow root.
 *
 * The host is shown in the top layer as a manual popover (no light dismiss: the controller decides).
 *
 * Placement is @floating-ui/dom's: below or above the mention (flipped at the viewport's edges,
 * shifted along them), never over it, following scroll and resize; fixed positioning, so page zoom
 * and sticky headers make no difference, and the highest z-index keeps it above them.
 */
import { autoUpdate, computePosition, flip, offset, shift, type VirtualElement } from '@floating-ui/dom';
import { OWN_UI_ATTRIBUTE } from '../../dom/text-nodes';
import { cardCss } from '../../ui/card-styles';

/** The host element's tag: a custom element name, so no page selector by tag can match it. */
export const HOST_TAG = 'backstory-card';

/** Where the card points: the mention's box, read fresh on every placement. */
export interface CardAnchor {
  rect(): DOMRect | null;
  /** An element around the mention, so scrolling any of its scroll containers moves the card. */
  element: Element;
}

export class CardHost {
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private stopFollowing: (() => void) | null = null;

  /** `mode` is 'closed' in the extension; a test build may open it for an accessibility checker. */
  constructor(
    private readonly doc: Document,
    signal: AbortSignal,
    private readonly mode: ShadowRootMode = 'closed',
    /** Told when the pointer enters (true) or leaves (false) the card. */
    private readonly onPointer: (on: boolean) => void = () => undefined,
  ) {
    signal.addEventListener('abort', () => this.hide(), { once: true });
  }

  /** Whether `node` (from an event's composed path) is the card's host. */
  isHost(node: EventTarget | null): boolean {
    return node !== null && node === this.host;
  }

  get element(): HTMLElement | null {
    return this.host;
  }

  /**
   * Shows `content` next to `anchor`, replacing what was shown; `onShown` runs once it is placed.
   * A new card is laid out hidden in the browser's next frame and placed after it: measuring it at
   * once would force that layout inside this task (about 10 ms for a card full of facts), and a
   * task over 16 ms is a frame the reader loses.
   */
  show(content: HTMLElement, anchor: CardAnchor, onShown?: () => void): void {
    const shadow = this.ensureHost();
    for (const child of [...shadow.childNodes]) if (child.nodeName !== 'STYLE') child.remove();
    content.classList.add('placing');
    shadow.append(content);
    this.stopFollowing?.();
    this.stopFollowing = null;
    const host = this.host!;
    const view = this.doc.defaultView!;
    // The platform has no callback for "just after the next frame" (requestPostAnimationFrame was
    // proposed for it: https://github.com/WICG/request-post-animation-frame). A message posted from
    // an animation frame callback is the usual stand-in: it arrives once that frame is rendered.
    view.requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (this.host !== host || !content.isConnected) return;
        this.follow(anchor, () => {
          content.classList.remove('placing');
          onShown?.();
        });
      };
      channel.port2.postMessage(null);
    });
  }

  /** Removes the host: the page is as it was before the card opened. */
  hide(): void {
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.host?.remove();
    this.host = null;
    this.shadow = null;
  }

  private ensureHost(): ShadowRoot {
    if (this.host && this.shadow && this.host.isConnected) return this.shadow;
    const host = this.doc.createElement(HOST_TAG);
    host.setAttribute(OWN_UI_ATTRIBUTE, '');
    host.style.setProperty('left', '0px', 'important');
    host.style.setProperty('top', '0px', 'important');
    host.addEventListener('pointerenter', () => this.onPointer(true));
    host.addEventListener('pointerleave', () => this.onPointer(false));
    const shadow = host.attachShadow({ mode: this.mode });
    const style = this.doc.createElement('style');
    style.textContent = cardCss();
    shadow.append(style);
    // On the root element, not the body: a page may hide or transform its body.
    this.doc.documentElement.append(host);
    // In the top layer where the browser has it (Chrome 114, Firefox 125): above every page layer
    // and sticky header whatever their z-index, and far cheaper to add. A fixed element added to
    // the page made Chromium walk the whole document's paint properties (15-22 ms on a 1 MB page);
    // the same element shown as a popover costs 3-5 ms.
    if (typeof host.showPopover === 'function') {
      host.setAttribute('popover', 'manual');
      host.showPopover();
    }
    this.host = host;
    this.shadow = shadow;
    return shadow;
  }

  private follow(anchor: CardAnchor, placed: () => void): void {
    this.stopFollowing?.();
    const host = this.host!;
    let first = true;
    const reference: VirtualElement = {
      getBoundingClientRect: () => anchor.rect() ?? anchor.element.getBoundingClientRect(),
      contextElement: anchor.element,
    };
    const place = () => {
      void computePosition(reference, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [offset(6), flip({ padding: 8 }), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        if (this.host !== host) return;
        host.style.setProperty('left', `${Math.round(x)}px`, 'important');
        host.style.setProperty('top', `${Math.round(y)}px`, 'important');
        if (first) {
          first = false;
          placed();
        }
      });
    };
    // Scroll and resize of the mention's scroll containers and of the window, and the card's own size
    // changes; not layoutShift, whose observer reads the layout at once (10 ms on a long page).
    this.stopFollowing = autoUpdate(reference, host, place, { animationFrame: false, layoutShift: false });
  }
}
