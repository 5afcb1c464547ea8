/**
 * Cooperative scheduling: long work is cut into slices of SLICE_MS, and between slices the page
 * gets the main thread back, so no task of ours comes near the 16 ms frame budget.
 */

/** Work per slice, in ms; leaves room in a 16 ms frame for the page and for painting. */
export const SLICE_MS = 6;

interface SchedulerLike {
  yield?: () => Promise<void>;
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Resolves once a message posted to ourselves now is served: one channel for the page's life
 * (making one per call cost 0.2-1 ms: two ports and their wrappers in our world).
 */
function afterMessage(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

/**
 * Gives the main thread back to the page and resumes soon after. scheduler.yield() keeps our
 * place at the front of the queue where the browser has it (Chrome 129+, Firefox 142+);
 * elsewhere a MessageChannel message, which unlike setTimeout is not clamped to 4 ms.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return afterMessage();
}

/**
 * Gives the main thread back as an ordinary task (a message to ourselves): unlike a quick yield,
 * it lets a frame that is due be rendered first, while until then the work goes on.
 */
export function yieldToFrame(): Promise<void> {
  return afterMessage();
}

/**
 * Resolves after the next frame has been rendered (and IntersectionObserver callbacks delivered):
 * yields of the kind above are served before rendering in Chromium, so a run of them would hold
 * back the first paint.
 */
export function nextFrame(): Promise<void> {
  // A message posted from inside the frame's callbacks is served right after that frame is
  // rendered; setTimeout would add its own delay on top.
  return new Promise((resolve) => requestAnimationFrame(() => void afterMessage().then(resolve)));
}

/**
 * Resolves once the next frame has been rendered (see nextFrame), or after `timeout` ms at the
 * latest (a tab in the background renders nothing until it is shown). What waits on it lets the
 * page's own first layout and paint go first, and lets the rendering do the restyle a sheet
 * adopted just before asks for, where reading a box would have forced it in our task; unlike
 * waiting for the page to fall idle, it does not wait out a long page's loading.
 */
export function afterNextFrame(timeout: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, timeout);
    signal.addEventListener('abort', done, { once: true });
    void nextFrame().then(done);
  });
}

/** Runs `callback` when the page is idle (or after `timeout` ms at the latest). */
export function whenIdle(callback: () => void, timeout: number, signal: AbortSignal): void {
  if (signal.aborted) return;
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(callback, { timeout });
    signal.addEventListener('abort', () => cancelIdleCallback(id), { once: true });
  } else {
    const id = setTimeout(callback, Math.min(timeout, 50));
    signal.addEventListener('abort', () => clearTimeout(id), { once: true });
  }
}
