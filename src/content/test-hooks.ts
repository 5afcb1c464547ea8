/**
 * What the e2e tests need that the shipped extension must not have, compiled out of every build
 * but the test variant (build/test-variant.ts defines __BACKSTORY_TEST__ true), the way
 * ./bench-marks.ts is:
 * - the card's shadow root open, so the tests and the accessibility checker can see inside it;
 * - the keyboard commands driven through their handler from the page, since synthetic key presses
 *   never reach the browser's shortcuts;
 * - a page that makes the settings slow to arrive, as a busy machine does, to pin down a race.
 */
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
