/**
 * Keyboard focus and the card (WCAG 2.1.1, 2.4.3): a card opened from the keyboard takes focus,
 * keeps Tab inside itself, and gives focus back to where it was when it closes.
 */
import type { CardView } from '../../ui/card-view';

/** The element that had focus before a card took it, to give focus back to on close. */
export class FocusReturn {
  private element: Element | null = null;

  /** Remembers the focused element, unless one is remembered already (the first open's wins). */
  remember(doc: Document): void {
    this.element ??= doc.activeElement;
  }

  /** Whether a card holds focus that it must give back. */
  get held(): boolean {
    return this.element !== null;
  }

  /** Forgets the element; with `restore`, focuses it again first (without scrolling the page). */
  release(restore: boolean): void {
    const back = this.element;
    this.element = null;
    if (restore && back instanceof HTMLElement) back.focus({ preventScroll: true });
  }
}

/** Inside the card: Tab and Shift+Tab cycle through its controls instead of leaving it. */
export function trapTab(event: KeyboardEvent, view: CardView): void {
  if (event.key !== 'Tab') return;
  const focusables = [...view.root.querySelectorAll<HTMLElement>('button, a[href]')];
  if (focusables.length === 0) return;
  const active = (view.root.getRootNode() as ShadowRoot).activeElement;
  const first = focusables[0]!;
  const last = focusables[focusables.length - 1]!;
  if (event.shiftKey && (active === first || active === view.root)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
