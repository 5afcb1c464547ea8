/**
 * Which mention the pointer is on, for the hover card. pointermove can fire hundreds of times a
 * second; the hit test (a highlight or caret lookup plus a rect check) runs at most once per
 * animation frame, with the latest position, and reports only changes.
 */
import type { MentionRef } from './mention-ref';
import type { MentionAtPoint } from './page-mentions';

/**
 * Calls `onChange` with the mention under the pointer (or null) whenever it changes, until
 * `signal` aborts. Listens passively on the window: the page's own handlers are never delayed.
 */
export function trackPointer(win: Window, page: MentionAtPoint, onChange: (mention: MentionRef | null, event: PointerEvent) => void, signal: AbortSignal): void {
  let last: MentionRef | null = null;
  let pending: PointerEvent | null = null;
  let frame = 0;
  const check = () => {
    frame = 0;
    const event = pending;
    pending = null;
    if (!event || signal.aborted) return;
    const hit = page.mentionAt(event.clientX, event.clientY);
    if (hit !== last) {
      last = hit;
      onChange(hit, event);
    }
  };
  win.addEventListener('pointermove', (event) => {
    pending = event;
    frame ||= win.requestAnimationFrame(check);
  }, { passive: true, signal });
  signal.addEventListener('abort', () => {
    if (frame) win.cancelAnimationFrame(frame);
  }, { once: true });
}
