/**
 * The baselines Backstory is compared with, run in the page's own main world (bundled by
 * ./baselines.ts into one script and injected into a freshly loaded page, with the extension
 * switched off). Each times its synchronous work ("script") and the time until the frame after it
 * has painted ("painted": rAF, then a MessageChannel message, which runs after that frame's paint;
 * the same rule src/content/bench-marks.ts uses for Backstory).
 *
 * All of them read the same text: a TreeWalker with the skip rules Backstory uses (imported from
 * src/dom, so a change there changes both), and one combined RegExp of every alias of the bundled
 * pack, with Unicode word boundaries.
 */
import { SKIPPED_TAGS, isSkippedElement } from '../../src/dom/text-nodes';

/** What one baseline run measured. */
export interface BaselineResult {
  scriptMs: number;
  paintedMs: number;
  /** Text nodes read, characters read and matches found (or marks added). */
  nodes: number;
  chars: number;
  matches: number;
}

/**
 * `regex-isolated` is the RegExp scan run in an isolated world of its own (as an extension's content
 * script runs), where every DOM call costs more than in the page's world: for comparison only.
 */
export type BaselineKind = 'floor' | 'regex' | 'regex-isolated' | 'highlight' | 'markjs-regexp' | 'markjs-array' | 'registry-change' | 'scroll';

interface MarkInstance {
  markRegExp(regexp: RegExp, options: Record<string, unknown>): void;
  mark(keywords: string[], options: Record<string, unknown>): void;
}

/** One RegExp for all aliases: escaped, longest first, Unicode word boundaries by lookaround. */
export function combinedRegExp(aliases: readonly string[]): RegExp {
  const escaped = [...aliases].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** The text nodes Backstory would read, by a TreeWalker whose filter applies the skip rules. */
function walk(visit: (node: Text) => void): void {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => node.nodeType === 3
      ? NodeFilter.FILTER_ACCEPT
      : isSkippedElement(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) visit(n as Text);
}

/** Resolves after the next frame has painted. */
function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
}

/** Styles the named highlights like Backstory's (a background wash), so painting them costs the same. */
function addWashStyle(names: string[]): void {
  const style = document.createElement('style');
  style.textContent = `${names.map((n) => `::highlight(${n})`).join(', ')} { background-color: color-mix(in srgb, #d97706 24%, transparent); }`;
  document.head.append(style);
}

/** How long one frame takes from its animation-frame callbacks until after its paint; `change` runs in it. */
function frameMs(change?: () => void): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => {
    const t = performance.now();
    change?.();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now() - t);
    channel.port2.postMessage(null);
  }));
}

/**
 * What the browser alone charges for one change to the highlight registry, with highlights styled
 * as Backstory's: the median frame with no change ("script") and the median frame in which one
 * Highlight of one range is registered ("painted"). No painter can have a shorter task than that.
 */
async function registryChange(): Promise<BaselineResult> {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  addWashStyle([0, 1, 2].map((i) => `bench-change-${i}`));
  for (let i = 0; i < 5; i++) await frameMs();
  const unchanged: number[] = [];
  for (let i = 0; i < 3; i++) unchanged.push(await frameMs());
  let text: Text | null = null;
  walk((n) => { text ??= /\S/.test(n.data) ? n : null; });
  const changed: number[] = [];
  for (let i = 0; i < 3; i++) {
    changed.push(await frameMs(() => {
      const range = new Range();
      range.setStart(text!, 0);
      range.setEnd(text!, 1);
      CSS.highlights.set(`bench-change-${i}`, new Highlight(range));
    }));
  }
  return { scriptMs: median(unchanged), paintedMs: median(changed), nodes: 0, chars: 0, matches: 0 };
}

/** mark.js's own exclusions for Backstory's skip rules, as CSS selectors. */
function skipSelectors(): string[] {
  return [...SKIPPED_TAGS].map((t) => t.toLowerCase())
    .concat(['[contenteditable]:not([contenteditable="false"])', '[role="textbox"]', '[data-backstory-ui]']);
}

/** Runs one baseline on the current page; `aliases` is every alias text of the bundled pack. */
export async function runBaseline(kind: BaselineKind, aliases: string[]): Promise<BaselineResult> {
  if (kind === 'registry-change') return registryChange();
  if (kind === 'scroll') throw new Error('the scroll baseline runs from the driver (build/bench/drive.ts)');
  let nodes = 0;
  let chars = 0;
  let matches = 0;
  const t0 = performance.now();
  if (kind === 'floor') {
    walk((n) => {
      nodes++;
      chars += n.data.length;
    });
  } else if (kind === 'regex' || kind === 'regex-isolated' || kind === 'highlight') {
    const re = combinedRegExp(aliases);
    const highlight = kind === 'highlight' ? new Highlight() : null;
    walk((n) => {
      nodes++;
      const data = n.data;
      chars += data.length;
      re.lastIndex = 0;
      for (let m = re.exec(data); m; m = re.exec(data)) {
        matches++;
        if (highlight) {
          const range = new Range();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          highlight.add(range);
        }
      }
    });
    if (highlight) {
      addWashStyle(['bench-baseline']);
      CSS.highlights.set('bench-baseline', highlight);
    }
  } else {
    const Mark = (window as unknown as { Mark: new (ctx: Element) => MarkInstance }).Mark;
    const instance = new Mark(document.body);
    const exclude = skipSelectors();
    await new Promise<void>((done) => {
      const options = { exclude, done: (total: number) => { matches = total; done(); } };
      if (kind === 'markjs-regexp') instance.markRegExp(combinedRegExp(aliases), options);
      // Its usual use: one pass per alias; whole words with punctuation as limiters ("Musk's").
      else instance.mark(aliases, { ...options, separateWordSearch: false, accuracy: { value: 'exactly', limiters: [...",.;:!?'’\"()[]{}-–—/"] } });
    });
  }
  const t1 = performance.now();
  const t2 = await afterNextPaint();
  return { scriptMs: t1 - t0, paintedMs: t2 - t0, nodes, chars, matches };
}

(window as unknown as { __backstoryBench: unknown }).__backstoryBench = { runBaseline };
