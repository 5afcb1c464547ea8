/**
 * Follows a changing page: added nodes, edited text, removed subtrees, SPA views swapped by the
 * History API. The MutationObserver callback only records what changed (STYLE habit 6, after
 * uBlock's domWatcher); the work happens later, in an idle slice, at most every THROTTLE_MS, so a
 * page mutating a thousand nodes a second costs Backstory a small, bounded share of the thread.
 */
import type { Rereadable } from './page-mentions';
import { whenIdle } from './schedule';
import { BLOCK_TAGS, isSkippedElement } from '../dom/text-nodes';

/** Minimum time between two rounds of re-reading, in ms. */
const THROTTLE_MS = 150;

/** The element whose text forms the block `node` belongs to (its nearest block-level ancestor). */
function blockContainer(node: Node): Node | null {
  let n: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (n && n.nodeType === 1) {
    const el = n as Element;
    if (BLOCK_TAGS.has(el.tagName)) return el;
    const parent: Node | null = el.parentNode;
    if (!parent || parent.nodeType !== 1) return el;
    n = parent;
  }
  return n;
}

/** Whether `node` sits inside something never annotated (an editor, a form field, code). */
function insideSkipped(node: Node): boolean {
  for (let n: Node | null = node.nodeType === 1 ? node : node.parentNode; n && n.nodeType === 1; n = n.parentNode) {
    if (isSkippedElement(n as Element)) return true;
  }
  return false;
}

/**
 * Watches `doc` (and each open shadow root `page` meets) until `signal` aborts, and has `page`
 * re-read what changed. `isOwn` tells Backstory's own nodes, whose changes are ignored.
 */
export function watchDom(doc: Document, page: Rereadable, signal: AbortSignal, isOwn: (node: Node) => boolean): void {
  let changed = new Set<Node>();
  let removals = false;
  let scheduled = false;
  let running = false;
  let lastRun = 0;

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') {
        changed.add(r.target);
        continue;
      }
      let own = true;
      for (const n of r.addedNodes) if (!isOwn(n)) { own = false; changed.add(n); }
      for (const n of r.removedNodes) if (!isOwn(n)) { own = false; removals = true; }
      // A node removed from a block changes that block's text: re-read the block.
      if (!own && r.removedNodes.length > 0) changed.add(r.target);
    }
    schedule();
  });
  const options: MutationObserverInit = { childList: true, subtree: true, characterData: true };
  observer.observe(doc, options);
  page.onShadowRoot = (root) => observer.observe(root, options);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  function schedule(): void {
    if (scheduled || running || signal.aborted || (changed.size === 0 && !removals)) return;
    scheduled = true;
    const wait = Math.max(0, lastRun + THROTTLE_MS - performance.now());
    setTimeout(() => whenIdle(() => void process(), 500, signal), wait);
  }

  async function process(): Promise<void> {
    scheduled = false;
    if (signal.aborted) return;
    running = true;
    lastRun = performance.now();
    const nodes = changed;
    const prune = removals;
    changed = new Set();
    removals = false;
    // Each changed node stands for its whole block; nested containers collapse into the outer one.
    const containers = new Set<Node>();
    for (const n of nodes) {
      if (!n.isConnected || isOwn(n) || insideSkipped(n)) continue;
      const c = blockContainer(n);
      if (c) containers.add(c);
    }
    const roots = [...containers].filter((c) => {
      for (let p = c.parentNode; p; p = p.parentNode) if (containers.has(p)) return false;
      return true;
    });
    try {
      await page.reread(roots, prune);
    } finally {
      running = false;
      lastRun = performance.now();
      schedule();
    }
  }
}
