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
 * Gives the main thread back to the page and resumes soon after. scheduler.yield() keeps our
 * place at the front of the queue where the browser has it (Chrome 129+, Firefox 142+);
 * elsewhere a MessageChannel message, which unlike setTimeout is not clamped to 4 ms.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}

let frameChannel: MessageChannel | null = null;
const framesWaiting: (() => void)[] = [];

/**
 * Resolves after the next frame has been rendered (and IntersectionObserver callbacks delivered):
 * yields of the kind above are served before rendering in Chromium, so a run of them would hold
 * back the first paint.
 */
export function nextFrame(): Promise<void> {
  // A message posted from inside the frame's callbacks is served right after that frame is
  // rendered; setTimeout would add its own delay on top. One channel for every call: making one
  // per frame took 0.2-1 ms inside the frame (two ports and their wrappers in our world).
  if (!frameChannel) {
    frameChannel = new MessageChannel();
    frameChannel.port1.onmessage = () => framesWaiting.shift()?.();
  }
  const channel = frameChannel;
  return new Promise((resolve) => requestAnimationFrame(() => {
    framesWaiting.push(resolve);
    channel.port2.postMessage(null);
  }));
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
