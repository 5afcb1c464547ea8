/**
 * The test variant of the extension, for the e2e tests of the card (dist/test/chrome and
 * dist/test/firefox): the normal build with the content script's test hooks compiled in
 * (src/content/test-hooks.ts). Checks that the shipped content script has none of them.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, TARGETS, buildContentScript } from './build';

export const TEST_DIST = join(DIST, 'test');

/** Builds dist/test/<target> from dist/<target> (build() must have run). */
export async function buildTestVariant(): Promise<void> {
  const production = readFileSync(join(DIST, 'chrome/content.js'), 'utf8');
  if (production.includes('backstory-test-command')) throw new Error('dist/chrome/content.js contains the test hooks: __BACKSTORY_TEST__ is not compiled out');
  rmSync(TEST_DIST, { recursive: true, force: true });
  const bundles = join(TEST_DIST, 'bundles');
  await buildContentScript(bundles, { __BACKSTORY_TEST__: 'true' });
  const content = readFileSync(join(bundles, 'content.js'), 'utf8');
  if (!content.includes('backstory-test-command')) throw new Error('the test build of content.js has no test hooks');
  const engine = readFileSync(join(bundles, 'engine.js'), 'utf8');
  for (const target of TARGETS) {
    cpSync(join(DIST, target), join(TEST_DIST, target), { recursive: true });
    writeFileSync(join(TEST_DIST, target, 'content.js'), content);
    writeFileSync(join(TEST_DIST, target, 'engine.js'), engine);
  }
}
