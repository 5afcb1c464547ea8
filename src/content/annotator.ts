/**
 * The page side of recognition, as one run's wiring of its parts:
 * - reading (./page-reader.ts): the page's text by block, scanned with the pure core, in slices;
 * - the mention index (./mention-index.ts): the blocks that name someone, in document order, and
 *   what core's PageDecisions shows in each; lookups by point and by entity;
 * - painting (./paint-sync.ts over ./painter.ts): the decisions' difference, as highlights.
 *
 * A page's text goes: PageReader.readPage -> MentionIndex.add (PageDecisions decides) -> the
 * blocks whose shown mentions changed -> PaintSync.apply -> Painter (near the viewport).
 * Cost grows with the page's text, not the pack: scanning is one pass of an automaton per block,
 * and the decisions re-decide only what a new block can change.
 */
import type { CompiledIndex, PageOptions } from '../core';
import { benchNow, benchSpent } from './bench-marks';
import type { PageStyles } from './highlight-style';
import { MentionIndex } from './mention-index';
import { PageReader } from './page-reader';
import type { Rereadable } from './page-mentions';
import { PaintSync } from './paint-sync';
import { Painter } from './painter';
import type { ShownBlock } from './shown-block';

/** What the reader chose to see (the page's decisions take it as it is). */
export type AnnotatorOptions = PageOptions;

export class Annotator implements Rereadable {
  /** The mentions found and shown: what the card, the popup and the keyboard commands ask. */
  readonly found: MentionIndex;
  readonly painter: Painter<ShownBlock>;
  private readonly sync: PaintSync;
  private readonly reader: PageReader;
  /** The first read, once started (rereads wait for it). */
  private firstRead: Promise<void> | undefined;
  private readingPage = true;

  /** Called with each open shadow root that holds text, so its changes can be watched too. */
  onShadowRoot: ((root: ShadowRoot) => void) | null = null;

  /** Called after the mentions shown may have changed (the popup's badge listens). */
  onShownChange: (() => void) | null = null;

  constructor(
    readonly index: CompiledIndex,
    doc: Document,
    private readonly signal: AbortSignal,
    options: AnnotatorOptions,
    styles: PageStyles,
  ) {
    this.found = new MentionIndex(index, doc, options);
    this.painter = new Painter<ShownBlock>(doc, styles, signal);
    this.sync = new PaintSync(this.painter);
    this.reader = new PageReader(doc, signal, index, (root, first, names) => {
      if (first) this.onShadowRoot?.(root);
      if (names) styles.ensureShadowRoot(root);
    });
  }

  /** Whether the page's first read has yet to end (what it shows may still grow). */
  get reading(): boolean {
    return this.readingPage;
  }

  /**
   * Reads the whole page, in slices; resolves once it is read and settled. What the first slice
   * found (the top of the page, usually the first screenful) is painted in the same task, and each
   * slice's finds after it.
   */
  start(): Promise<void> {
    this.firstRead ??= this.readPage().then(() => {
      if (!this.signal.aborted) this.readingPage = false;
    });
    return this.firstRead;
  }

  private async readPage(): Promise<void> {
    let changed = new Set<ShownBlock>();
    await this.reader.readPage(
      (block, raw, seq) => this.found.add(this.found.shownBlock(block, raw, seq), changed),
      (done) => {
        this.paint(changed);
        changed = new Set();
        if (done) this.painter.lookAround();
      },
    );
  }

  /**
   * Changes what is shown (mode, types, hidden entities, story only) without reading the page
   * again: the decisions are taken afresh from the blocks' scans, in one go (a reader's click).
   */
  setOptions(options: AnnotatorOptions): void {
    this.paint(this.found.setOptions(options));
  }

  /**
   * Reads the given subtrees again (their text changed, or nodes were added) and settles what is
   * shown. With `prune`, also forgets blocks whose text left the page or changed (a removed
   * subtree, a replaced SPA view). Cost: the size of the subtrees, plus the page's block count
   * when pruning.
   */
  async reread(roots: readonly Node[], prune: boolean): Promise<void> {
    // Not while the first read is under way: it may reach the same nodes. Afterwards, what it
    // read of the changed subtrees is dropped and read again below.
    await this.firstRead;
    if (this.signal.aborted) return;
    const since = benchNow();
    const removed = this.found.blocksIn(roots, prune);
    for (const block of removed) this.sync.unpaint(block);
    const changed = removed.size > 0 ? this.found.remove(removed) : new Set<ShownBlock>();
    benchSpent('slice', since);
    const added: ShownBlock[] = [];
    const read = await this.reader.readRoots(roots, this.found.claimed(), (block, raw) => added.push(this.found.shownBlock(block, raw, -1)));
    if (!read) return;
    for (const block of added) this.found.add(block, changed);
    this.paint(changed);
    this.painter.lookAround();
  }

  /** Paints the difference for the blocks whose decisions changed. */
  private paint(changed: Iterable<ShownBlock>): void {
    if (this.signal.aborted) return;
    const started = benchNow();
    this.sync.apply(changed);
    benchSpent('resolve', started);
    this.onShownChange?.();
  }
}
