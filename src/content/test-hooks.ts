/**
 * What the e2e tests need that the shipped extension must not have, compiled out of every build
 * but the test variant (build/test-variant.ts defines __BACKSTORY_TEST__ true), the way
 * ./bench-marks.ts is:
 * - the card's shadow root open, so the tests and the accessibility checker can see inside it;
 * - the keyboard commands driven through their handler from the page, since synthetic key presses
 *   never reach the browser's shortcuts;
 * - a page that makes the settings slow to arrive, as a busy machine does, to pin down a race;
 * - every mention the frame shows, in the coordinates of `backstory scan --json`, so the tests can
 *   check that the extension shows exactly what the CLI reports;
 * - where the frame's lifecycle is (dormant on a page that names nobody, painted...).
 */
import { BlockWalker, nodeIndexAt, type Block } from '../dom/blocks';

declare const __BACKSTORY_TEST__: boolean;

/** 'open' in the test build only. */
export function cardShadowMode(): ShadowRootMode {
  let mode: ShadowRootMode = 'closed';
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- dropped whole by esbuild when false
  typeof __BACKSTORY_TEST__ !== 'undefined' && __BACKSTORY_TEST__ && (mode = 'open');
  return mode;
}

/** Test build only: a `backstory-test-command` event on the document runs `handler` with its detail. */
export function onTestCommand(handler: (command: string) => void, signal: AbortSignal): void {
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- dropped whole by esbuild when false
  typeof __BACKSTORY_TEST__ !== 'undefined' && __BACKSTORY_TEST__ && listenImpl(handler, signal);
}

function listenImpl(handler: (command: string) => void, signal: AbortSignal): void {
  document.addEventListener('backstory-test-command', (event) => handler(String((event as CustomEvent<unknown>).detail)), { signal });
}

/**
 * Test build only: how long to hold the content script's first settings read back, in ms, from the
 * page's `data-backstory-test-settings-delay` attribute (a busy machine's slow storage); 0 elsewhere.
 */
export function testSettingsDelay(): Promise<void> {
  let delay = Promise.resolve();
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- dropped whole by esbuild when false
  typeof __BACKSTORY_TEST__ !== 'undefined' && __BACKSTORY_TEST__ && (delay = delayImpl());
  return delay;
}

function delayImpl(): Promise<void> {
  const ms = Number(document.documentElement.getAttribute('data-backstory-test-settings-delay') ?? 0);
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A mention shown, as the content script knows it: its entity's key, its block, its offsets there. */
export interface ShownMention {
  readonly entity: string;
  readonly block: Block;
  readonly start: number;
  readonly end: number;
}

/**
 * Test build only: answers a `backstory-test-command` of "mentions" with a `backstory-test-mentions`
 * event on the document, whose detail is the JSON of every mention shown (near the viewport or
 * not) as `{entity, text, start, end}`. Offsets are in the text `backstory scan --json` reports for
 * the same page: the document's blocks, read by the same walker, joined by "\n".
 */
export function answerMentions(doc: Document, shown: () => readonly ShownMention[]): void {
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- dropped whole by esbuild when false
  typeof __BACKSTORY_TEST__ !== 'undefined' && __BACKSTORY_TEST__ && answerImpl(doc, shown);
}

function answerImpl(doc: Document, shown: () => readonly ShownMention[]): void {
  // Where each text node starts in the CLI's text.
  const at = new Map<Text, number>();
  const parts: string[] = [];
  let offset = 0;
  new BlockWalker(doc.body ?? doc.documentElement, (b) => {
    b.nodes.forEach((n, i) => at.set(n, offset + b.starts[i]!));
    parts.push(b.text);
    offset += b.text.length + 1;
  }, new WeakMap()).run(Infinity);
  const text = parts.join('\n');
  const out = shown().map((m) => {
    // The node the mention starts in: offsets hold even if the content script grouped nodes otherwise.
    const { nodes, starts } = m.block;
    const i = nodeIndexAt(m.block, m.start);
    const start = (at.get(nodes[i]!) ?? Number.NaN) + m.start - starts[i]!;
    const end = start + m.end - m.start;
    return { entity: m.entity, text: text.slice(start, end), start, end };
  });
  doc.dispatchEvent(new CustomEvent('backstory-test-mentions', { detail: JSON.stringify(out) }));
}

/** Test build only: answers with a `backstory-test-state` event on the document whose detail is `state`. */
export function answerState(doc: Document, state: string): void {
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- dropped whole by esbuild when false
  typeof __BACKSTORY_TEST__ !== 'undefined' && __BACKSTORY_TEST__ && doc.dispatchEvent(new CustomEvent('backstory-test-state', { detail: state }));
}
