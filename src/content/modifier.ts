/**
 * The 'hidden until Alt' highlight style: whether the reader is holding Alt. Listens passively and
 * in the capture phase, so the page's own key handlers run as before and see the same events.
 */

/** Calls `onChange(held)` when Alt is pressed or released (or the window loses focus), until `signal` aborts. */
export function watchModifier(win: Window, onChange: (held: boolean) => void, signal: AbortSignal): void {
  let held = false;
  const set = (now: boolean) => {
    if (now === held) return;
    held = now;
    onChange(now);
  };
  const opts = { capture: true, passive: true, signal } as const;
  win.addEventListener('keydown', (event) => {
    if (event.key === 'Alt') set(true);
  }, opts);
  win.addEventListener('keyup', (event) => {
    if (event.key === 'Alt') set(false);
  }, opts);
  // Alt pressed while another window had focus, or released there: the pointer's events carry it.
  win.addEventListener('pointermove', (event) => set(event.altKey), opts);
  win.addEventListener('blur', () => set(false), opts);
}
