/**
 * Benchmark instrumentation for `npm run bench` (build/bench.ts), compiled out of real builds.
 *
 * The build defines `__BACKSTORY_BENCH__` as `false` (build/build.ts), so every function here is
 * an empty body and none of the mark names below reaches dist/. The benchmark builds a variant
 * with `true` (dist/bench/), where the content script leaves performance marks that the page's
 * main world (and the driver) can read, since both worlds share one performance timeline:
 *
 *   backstory:inject        the content script starts running
 *   backstory:hand-over     the loader has found the page may name someone, and loads the engine
 *   backstory:engine        the engine is loaded and takes the frame over
 *   backstory:index-request the content script asks for the bundled index
 *   backstory:index-ready   the bundled index is loaded
 *   backstory:start         annotating begins (settings read, index loaded)
 *   backstory:first-paint   the first batch of ranges is handed to the browser
 *   backstory:read          the whole page is read and resolved
 *   backstory:painted       the frame that painted the last batch is done
 *   backstory:script        at the end: detail { ms, slice, scan, resolve, paint, spans, maxSpan, maxPhase, mentions }
 *
 * Script time is summed by the content script itself around each piece of work it does in a task
 * (a slice of reading, a resolve, a painter flush), because the page cannot see an isolated
 * world's tasks. Timing each block's scan costs a clock read per block, so it is only done when
 * the page asks for it with `<html data-bench-phases>` (the benchmark's trace runs).
 */
import type { Painter } from './painter';

/* eslint-disable @typescript-eslint/no-unused-expressions -- the `&&` statements are what esbuild drops: see below. */
declare const __BACKSTORY_BENCH__: boolean;

// Every export below is `typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && impl()`,
// written out each time: with the constant defined as false, esbuild drops such an expression
// statement even without minifying, and then tree-shakes the implementation it referenced, strings
// and all. (A shared `const ON` or an `if` would survive an unminified build.) The `typeof` keeps
// tests, where nothing defines the constant, working.

/** Where the content script's own time goes. `scan` is part of `slice`. */
export type BenchPhase = 'slice' | 'scan' | 'resolve' | 'paint';

/** A clock reading to pass to {@link benchSpent}; 0 when not benchmarking (or, for `fineGrained`, not asked to). */
export function benchNow(fineGrained = false): number {
  let now = 0;
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && (now = nowImpl(fineGrained));
  return now;
}

/** Adds the time since `since` (from {@link benchNow}) to `phase`. */
export function benchSpent(phase: BenchPhase, since: number): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && spentImpl(phase, since);
}

/** The content script started running. */
export function benchInjected(): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && performance.mark('backstory:inject');
}

/** The loader hands the frame over: it loads the engine. */
export function benchHandOver(): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && performance.mark('backstory:hand-over');
}

/** The engine is loaded and takes the frame over. */
export function benchEngine(): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && performance.mark('backstory:engine');
}

/** The content script asks for the bundled index. */
export function benchIndexRequested(): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && performance.mark('backstory:index-request');
}

/** The index is loaded. */
export function benchIndexReady(): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && performance.mark('backstory:index-ready');
}

/**
 * Annotating begins: marks the start and listens to `painter` for its first batch and, once
 * {@link benchRead} has been called, for the batch that empties its queue.
 */
export function benchStart(painter: Painter): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && startImpl(painter);
}

/** The page is read and resolved; marks `painted` once everything queued has been painted. */
export function benchRead(painter: Painter): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && readImpl(painter);
}

/** A card was asked for (the hover delay has passed, or a command came). */
export function benchCardRequested(): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && performance.mark('backstory:card-request');
}

/** The card has been placed and made visible: marks when the frame that shows it has been painted. */
export function benchCardShown(): void {
  typeof __BACKSTORY_BENCH__ !== 'undefined' && __BACKSTORY_BENCH__ && cardShownImpl();
}

function cardShownImpl(): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => performance.mark('backstory:card-shown');
    channel.port2.postMessage(null);
  });
}

const spent: Record<BenchPhase, number> = { slice: 0, scan: 0, resolve: 0, paint: 0 };
const state = { spans: 0, maxSpan: 0, maxPhase: '' as string, fine: undefined as boolean | undefined, firstPainted: false, read: false, finished: false };

function nowImpl(fineGrained: boolean): number {
  if (fineGrained) {
    state.fine ??= document.documentElement.hasAttribute('data-bench-phases');
    if (!state.fine) return 0;
  }
  return performance.now();
}

function spentImpl(phase: BenchPhase, since: number): void {
  if (since === 0) return;
  const ms = performance.now() - since;
  spent[phase] += ms;
  if (phase === 'scan') return;
  state.spans++;
  if (ms > state.maxSpan) {
    state.maxSpan = ms;
    state.maxPhase = phase;
  }
}

function startImpl(painter: Painter): void {
  performance.mark('backstory:start');
  // The time spent so far, on request: the bench reads it before and after a storm of page changes.
  document.addEventListener('backstory-bench-spent', () => {
    performance.mark('backstory:spent', { detail: { ms: spent.slice + spent.resolve + spent.paint, spans: state.spans, maxSpan: state.maxSpan } });
  });
  const previous = painter.onBatch;
  painter.onBatch = () => {
    previous?.();
    if (!state.firstPainted) {
      state.firstPainted = true;
      performance.mark('backstory:first-paint');
    }
    // Batches are handed over in IntersectionObserver callbacks, which run as tasks after a
    // frame: the next frame paints them.
    if (state.read && painter.idle()) finish(painter, false);
  };
}

function readImpl(painter: Painter): void {
  performance.mark('backstory:read');
  state.read = true;
  if (painter.idle()) finish(painter, false);
}

/**
 * Marks `painted` after the frame that paints the last batch: a MessageChannel message posted
 * from inside the frame's rAF callbacks runs after that frame's paint; from outside a frame, wait
 * for the next frame first. The same rule the benchmark's page-side baselines follow.
 */
function finish(painter: Painter, inFrame: boolean): void {
  if (state.finished) return;
  state.finished = true;
  const done = () => {
    performance.mark('backstory:painted');
    const mentions = painter.total();
    const painted = Object.values(painter.counts()).reduce((a, b) => a + b, 0);
    const ms = spent.slice + spent.resolve + spent.paint;
    performance.mark('backstory:script', { detail: { ms, ...spent, spans: state.spans, maxSpan: state.maxSpan, maxPhase: state.maxPhase, mentions, painted } });
  };
  // Called only once reading is done: while slices still run, their scheduler.yield() continuations
  // are served before a message (both browsers rank them higher), which would then come late.
  const afterPaint = () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(null);
  };
  if (inFrame) afterPaint();
  else requestAnimationFrame(afterPaint);
}
