/**
 * Which mention a keyboard command, the context menu or the popup opens a card for, and bringing
 * it into view first. Every list here is the page's mentions in document order.
 */
import type { MentionRef } from '../mention-ref';
import type { PageMentions } from '../page-mentions';

/** The mention at or after the selection's start, else the first on screen, else the first; undefined on a page without any. */
export function mentionAtSelection(page: PageMentions, doc: Document): MentionRef | undefined {
  const mentions = page.mentions();
  if (mentions.length === 0) return undefined;
  const selection = doc.getSelection();
  let target: MentionRef | undefined;
  if (selection && selection.rangeCount > 0) {
    const point = selection.getRangeAt(0);
    target = mentions.find((m) => page.liveRange(m).comparePoint(point.startContainer, point.startOffset) <= 0);
  }
  return target ?? mentions.find((m) => page.liveRange(m).getBoundingClientRect().bottom >= 0) ?? mentions[0]!;
}

/** The first mention that `range` touches or overlaps, if any. */
export function mentionInRange(page: PageMentions, range: Range): MentionRef | undefined {
  return page.mentions().find((m) => {
    const r = page.liveRange(m);
    return range.compareBoundaryPoints(Range.END_TO_START, r) <= 0 && range.compareBoundaryPoints(Range.START_TO_END, r) >= 0;
  });
}

/** The first mention of the entity with `key`, if the page shows it. */
export function firstMentionOf(page: PageMentions, key: string): MentionRef | undefined {
  return page.mentions().find((m) => page.entity(m).key === key);
}

/**
 * The mention after (1) or before (-1) `current`, wrapping around the page's ends; from no current
 * mention (or one no longer shown), the first or the last. Undefined on a page without any.
 */
export function stepMention(page: PageMentions, current: MentionRef | null, direction: 1 | -1): MentionRef | undefined {
  const mentions = page.mentions();
  if (mentions.length === 0) return undefined;
  const at = current ? mentions.indexOf(current) : -1;
  const next = at < 0 ? (direction > 0 ? 0 : mentions.length - 1) : (at + direction + mentions.length) % mentions.length;
  return mentions[next]!;
}

/** Scrolls `mention` to the middle of the viewport if any of it is outside; at once, never smoothly. */
export function revealMention(page: PageMentions, mention: MentionRef, win: Window): void {
  const range = page.liveRange(mention);
  const element = range.startContainer.parentElement;
  const box = range.getBoundingClientRect();
  if (box.top < 0 || box.bottom > win.innerHeight) element?.scrollIntoView({ block: 'center', behavior: 'instant' });
}
