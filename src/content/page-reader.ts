/**
 * Reading: the page's text, block by block (src/dom's BlockWalker), scanned with the pure core, in
 * slices that leave the page the main thread (./schedule.ts). Hands each block that names someone
 * to its caller; knows nothing of what is shown or painted.
 */
import { mayHoldAlias, scanBlock, type AppliedDate, type CompiledIndex, type RawMatch, type ScanOptions } from '../core';
import { BlockWalker, type Block, type Claimed } from '../dom/blocks';
import { pageDateOf } from '../dom/page-date';
import { benchNow, benchSpent } from './bench-marks';
import { SLICE_MS, nextFrame, yieldToFrame, yieldToPage } from './schedule';

/** The least reading per slice, in ms, however long handling the last one took. */
const MIN_READ_MS = 2;

/** Longest stretch of reading without letting a frame through, in ms. */
const FRAME_EVERY_MS = 50;

/** Told of each block that names someone: the block, its matches, its place in the first read (-1 later). */
export type FoundBlock = (block: Block, raw: readonly RawMatch[], seq: number) => void;

export class PageReader {
  private readonly shadowRoots = new WeakSet<ShadowRoot>();
  /** The page's date from its metadata: looked up when a block first holds a time-bound alias. */
  private pageDate: AppliedDate | null | undefined;
  private readonly dateOf = (): AppliedDate | null => (this.pageDate === undefined ? (this.pageDate = pageDateOf(this.doc)) : this.pageDate);
  private readonly options: ScanOptions = { date: this.dateOf };
  /** How a block the walker has tested is scanned: it has ruled out those that cannot name anyone (see mayHold). */
  private readonly prefiltered: ScanOptions = { prefilter: false, date: this.dateOf };

  constructor(
    private readonly doc: Document,
    private readonly signal: AbortSignal,
    private readonly index: CompiledIndex,
    /** Told of each open shadow root that holds text, once, and (`names`) whenever a block in it names someone. */
    private readonly onShadowRoot: (root: ShadowRoot, first: boolean, names: boolean) => void,
  ) {}

  /**
   * Reads the whole page in slices. After each slice, `afterSlice(done)` runs in the same task
   * (painting what it found); the next slice reads for less time when that took long. After the
   * first slice (the first screenful), and then every FRAME_EVERY_MS, a frame is let through.
   */
  async readPage(found: FoundBlock, afterSlice: (done: boolean) => void): Promise<void> {
    const root = this.doc.body ?? this.doc.documentElement;
    let seq = 0;
    const walker = new BlockWalker(root, (b) => {
      const s = seq++;
      const raw = this.scan(b);
      if (raw.length > 0) found(b, raw, s);
    }, null, true, this.mayHold);
    let lastFrame = performance.now();
    let framePending = false;
    let handledMs = 0;
    for (let slice = 0; ; slice++) {
      const sliceStart = benchNow();
      const done = walker.run(performance.now() + Math.max(MIN_READ_MS, SLICE_MS - handledMs));
      benchSpent('slice', sliceStart);
      const handleStart = performance.now();
      afterSlice(done);
      handledMs = performance.now() - handleStart;
      if (done) return;
      // Quick yields keep our place in the queue, but Chromium serves them before rendering: so
      // after the first slice (the first screenful), and then every FRAME_EVERY_MS, a frame is
      // asked for, which paints what was found so far and lets the page render and respond. Until
      // it comes (up to a frame's interval: the browser renders at its own beat), reading goes on
      // in ordinary tasks, which let it through when it is due, instead of waiting idle for it.
      if (!framePending && (slice === 0 || performance.now() - lastFrame > FRAME_EVERY_MS)) {
        framePending = true;
        void nextFrame().then(() => {
          framePending = false;
          lastFrame = performance.now();
        });
      }
      await (framePending ? yieldToFrame() : yieldToPage());
      if (this.signal.aborted) return;
    }
  }

  /**
   * Reads the given subtrees (changed, or added), in slices, skipping text nodes already `claimed`
   * by a block. A block that names nobody is not kept, so its text must not stay claimed: the next
   * change to it (a status line edited in place, a name completed by a later node) would otherwise
   * be skipped as already read. Returns false if the run was aborted meanwhile.
   */
  async readRoots(roots: readonly Node[], claimed: Claimed, found: FoundBlock): Promise<boolean> {
    let since = benchNow();
    for (const root of roots) {
      if (!root.isConnected) continue;
      const walker = new BlockWalker(root, (b) => {
        const raw = this.scan(b);
        if (raw.length > 0) found(b, raw, -1);
        else if (!b.leaf) for (const n of b.nodes) if (claimed.get(n) === b) claimed.delete(n);
      }, claimed, true, this.mayHold);
      while (!walker.run(performance.now() + SLICE_MS)) {
        benchSpent('slice', since);
        await yieldToPage();
        since = benchNow();
        if (this.signal.aborted) return false;
      }
    }
    benchSpent('slice', since);
    return true;
  }

  /** The walkers' test of a leaf's text: the index's prefilter, so most blocks are never made. */
  private readonly mayHold = (text: string): boolean => mayHoldAlias(this.index, text);

  /**
   * Scans a block. Blocks that name nobody (most of a page) are not kept by anyone: they can
   * neither show a mention nor give context, a later change to one is read again like new text,
   * and their text is garbage as soon as it is scanned, which keeps the collector's work small
   * (it was the largest single cost of reading a long page).
   */
  private scan(block: Block): readonly RawMatch[] {
    const scanStart = benchNow(true);
    const raw = scanBlock(this.index, block.text, block.tested ? this.prefiltered : this.options);
    benchSpent('scan', scanStart);
    if (block.root !== this.doc) {
      const root = block.root as ShadowRoot;
      const first = !this.shadowRoots.has(root);
      if (first) this.shadowRoots.add(root);
      if (first || raw.length > 0) this.onShadowRoot(root, first, raw.length > 0);
    }
    return raw;
  }
}
