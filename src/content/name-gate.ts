/**
 * Ruling a frame out before anything is loaded. Most pages a reader opens name nobody of the packs,
 * and most carry ad and embed frames: each frame used to load the index (113 KB), build its
 * reader, painter and cards, only to find nothing. The packs' name gate (core/match/gate-words.ts:
 * a test every block holding a name passes) is known without the index, so the loader (./main.ts)
 * reads the frame's text by the very rules of the real reading and asks the gate alone. Where no
 * block can hold a name, the frame stays dormant: it watches the page's changes (an SPA's next
 * view, an endless feed, text filled in later) and wakes when one may name someone.
 */
import { BlockWalker } from '../dom/blocks';
import { watchDom } from './dom-watcher';
import { SLICE_MS, yieldToPage } from './schedule';

/**
 * Whether some block under `root` may name someone: read by the content script's own rules (the
 * same blocks, editors and code skipped), each block tested with `test`. In slices; stops at
 * the first block that may. `test` says whether a block's text may name someone (the
 * packs' name gate, core/match/gate-words.ts). `onShadowRoot` hears of each open shadow root met that holds text.
 */
export async function mayName(root: Node, test: (text: string) => boolean, signal: AbortSignal, onShadowRoot?: (root: ShadowRoot) => void): Promise<boolean> {
  let found = false;
  const doc = root.ownerDocument ?? root;
  const walker = new BlockWalker(root, (block) => {
    if (block.root !== doc) onShadowRoot?.(block.root as ShadowRoot);
    // A leaf the walker tested passed already; the others (blocks of several nodes, shadow trees) are tested here.
    if (!found && (block.tested === true || test(block.text))) found = true;
  }, null, true, test);
  let sliceStart = performance.now();
  for (;;) {
    // A deadline already past: the walker stops at its next clock read (at most 128 nodes on), so
    // a block that may name someone ends the walk at once, and the index is asked for without
    // waiting out the slice. The page gets the thread back every SLICE_MS.
    const done = walker.run(0);
    if (found) return true;
    if (done || signal.aborted) return false;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
}

/** A watch on a page for a change that may bring a name (see watchForNames). */
export interface NameWatch {
  /** Resolves once a change may have brought a name, `wake()` is called, or the run ends (the caller checks its signal). */
  readonly named: Promise<void>;
  /** Resolves `named` now and stops watching. */
  wake(): void;
  /** Watches an open shadow root too. */
  watch(root: ShadowRoot): void;
}

/**
 * Watches `doc` (and each shadow root it is given, or meets) for a change that may bring a name.
 * Started before the page's first read, so nothing the page does meanwhile goes unseen (an app
 * filling in a part already read). Changes are followed as the annotator follows them
 * (./dom-watcher.ts: noted at once, read in an idle moment at most every 150 ms).
 */
export function watchForNames(doc: Document, test: (text: string) => boolean, signal: AbortSignal, isOwn: (node: Node) => boolean): NameWatch {
  const watching = new AbortController();
  let wake = () => undefined as void;
  const named = new Promise<void>((resolve) => {
    wake = () => {
      watching.abort();
      resolve();
    };
  });
  signal.addEventListener('abort', () => wake(), { once: true, signal: watching.signal });
  const page = {
    onShadowRoot: null as ((root: ShadowRoot) => void) | null,
    reread: async (roots: readonly Node[]): Promise<void> => {
      for (const root of roots) {
        if (watching.signal.aborted) return;
        if (root.isConnected && (await mayName(root, test, watching.signal, (r) => page.onShadowRoot?.(r)))) {
          wake();
          return;
        }
      }
    },
  };
  watchDom(doc, page, watching.signal, isOwn);
  return { named, wake: () => wake(), watch: (root) => page.onShadowRoot?.(root) };
}
