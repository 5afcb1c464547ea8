/**
 * How the page's decision stages tell one another what changed, and the one comparison of two
 * lists of matches they all use.
 */
import type { RawMatch } from '../match/scan-block';

/**
 * Told of each block whose accepted matches changed during a call, with what it accepted just
 * before (its `accepted` is already the new list). A block may be told of more than once in a call.
 */
export interface ContextChanges<K> {
  note(entry: K, before: readonly RawMatch[]): void;
}

/** ContextChanges kept as a map: each block changed in a call, with what it accepted before the call. */
export class ChangeLog<K> implements ContextChanges<K> {
  readonly before = new Map<K, readonly RawMatch[]>();
  note(entry: K, before: readonly RawMatch[]): void {
    if (!this.before.has(entry)) this.before.set(entry, before);
  }
}

/** Whether two matches are the same: the same span, of the same alias and entity. */
export function sameMatch(x: RawMatch, y: RawMatch): boolean {
  return x.start === y.start && x.end === y.end && x.alias === y.alias && x.entity === y.entity;
}

/** Whether two lists of matches are the same, one for one. */
export function sameList(a: readonly RawMatch[], b: readonly RawMatch[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameMatch(a[i]!, b[i]!)) return false;
  return true;
}
