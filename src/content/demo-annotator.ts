/**
 * The foundation's stand-in for the recognition engine: highlights every whole-word occurrence of
 * one fixed word, to prove the path from settings to painted highlights end to end. The engine
 * of issue 3 (src/core/match) replaces it.
 */
import { forEachTextNode } from './text-nodes';
import { paintRanges } from './highlights';

export const DEMO_WORD = 'Iran';

/** Finds DEMO_WORD in the document's readable text and paints it until `signal` aborts. */
export function annotateDemoWord(doc: Document, signal: AbortSignal): number {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${DEMO_WORD}(?![\\p{L}\\p{N}])`, 'gu');
  const ranges: Range[] = [];
  forEachTextNode(doc.body ?? doc.documentElement, (node) => {
    for (const m of node.data.matchAll(pattern)) {
      const range = doc.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      ranges.push(range);
    }
  });
  paintRanges(doc, ranges, signal);
  return ranges.length;
}
