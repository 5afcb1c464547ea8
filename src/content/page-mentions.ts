/**
 * The narrow doors into what the content script found on the page: each part that acts on
 * mentions (the card, the pointer tracker, the DOM watcher) depends on the few methods it uses,
 * not on the whole of the content script's reading and painting.
 */
import type { CompiledIndex, EntityInfo } from '../core';
import type { MentionRef } from './mention-ref';

/** What the card needs: the mentions shown, the one under a point, and each one's entity and place. */
export interface PageMentions {
  /** The index the mentions come from (for their entities' names and aliases). */
  readonly index: CompiledIndex;
  /** Every mention shown, in document order. */
  mentions(): readonly MentionRef[];
  /** The mention under the point (viewport coordinates), or null. */
  mentionAt(x: number, y: number): MentionRef | null;
  /** The entity behind a mention. */
  entity(ref: MentionRef): EntityInfo;
  /** A live Range over a mention, for its geometry or to scroll it into view. */
  liveRange(ref: MentionRef): Range;
}

/** What the pointer tracker needs: the mention under a point. */
export type MentionAtPoint = Pick<PageMentions, 'mentionAt'>;

/** What the DOM watcher needs: to have changed subtrees read again, and to hear of shadow roots. */
export interface Rereadable {
  /** Reads the given subtrees again; with `prune`, also forgets blocks whose text left the page. */
  reread(roots: readonly Node[], prune: boolean): Promise<void>;
  /** Called with each open shadow root that holds text, so its changes can be watched too. */
  onShadowRoot: ((root: ShadowRoot) => void) | null;
}
