/**
 * The CLI says what the extension paints: on the same pages, with the same settings, every mention
 * the tab shows (near the viewport or not, read through the test build's hook) equals what
 * `backstory scan --json` reports, entity, text and offsets. Both ask the one decision core
 * (src/core/page), so this is the check that nothing on the way to the page decides otherwise.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { main } from '../../src/cli/main';
import type { ScanMention } from '../../src/cli/commands';
import { ROOT } from '../../build/build';
import { BROWSERS, useBrowser, type E2EContext } from './harness';

/** Fixture pages without frames or shadow roots (the CLI reads neither). */
const PAGES = ['basic.html', 'card.html', 'card-rtl.html', 'long.html', 'off-story.html', 'preload-no-base.html', 'shapes/dark.html', 'shapes/rtl.html', 'shapes/zoom.html', 'dated.html', 'dated-2020.html'];

interface Reported {
  entity: string;
  text: string;
  start: number;
  end: number;
}

/** What `backstory scan --json` reports for each page, with the given flags. */
async function scanned(flags: string[]): Promise<Map<string, Reported[]>> {
  let stdout = '';
  const files = PAGES.map((p) => join(ROOT, 'tests/fixtures/pages', p));
  const code = await main(['scan', ...files, '--json', ...flags], { write: (s: string) => (stdout += s) }, { write: () => true });
  expect(code).toBe(0);
  const out = new Map<string, Reported[]>();
  stdout.trim().split('\n').forEach((line, i) => {
    const { mentions } = JSON.parse(line) as { mentions: ScanMention[] };
    out.set(PAGES[i]!, mentions.map(({ entity, text, start, end }) => ({ entity, text, start, end })));
  });
  return out;
}

/** Every mention the tab shows, from the test build's hook, in the CLI's terms (one pack: entity ids). */
async function shown(page: Page): Promise<Reported[]> {
  const json = await page.evaluate(() => new Promise<string>((resolve) => {
    document.addEventListener('backstory-test-mentions', (e) => resolve((e as CustomEvent<string>).detail), { once: true });
    document.dispatchEvent(new CustomEvent('backstory-test-command', { detail: 'mentions' }));
  }));
  return (JSON.parse(json) as Reported[]).map((m) => ({ ...m, entity: m.entity.slice(m.entity.indexOf(':') + 1) }));
}

/** Waits until the tab shows what the CLI reports (settings reach an open tab a moment after they change). */
async function expectSame(ctx: E2EContext, path: string, expected: Reported[]): Promise<void> {
  const page = await ctx.openPage(path);
  let last: Reported[] = [];
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    last = await shown(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.close();
  expect({ path, mentions: last }).toEqual({ path, mentions: expected });
}

/** Sets "first mention only" and "only on pages about a pack's story" on the settings page, as a reader does. */
async function setOptions(ctx: E2EContext, first: boolean, storyOnly: boolean): Promise<void> {
  const options = await ctx.ext.openExtensionPage('options.html', '#mode-first');
  await options.click(first ? '#mode-first' : '#mode-all');
  if ((await options.$eval('#story-only', (el) => (el as HTMLInputElement).checked)) !== storyOnly) await options.click('#story-only');
  await options.waitForFunction((f: boolean, s: boolean) =>
    (document.querySelector('#mode-first') as HTMLInputElement).checked === f && (document.querySelector('#story-only') as HTMLInputElement).checked === s, {}, first, storyOnly);
  await options.close();
}

for (const name of BROWSERS) {
  describe(name, () => {
    const ctx = useBrowser(name, { variant: 'test' });

    it('shows exactly what `backstory scan` reports, with the default settings', async () => {
      const expected = await scanned([]);
      // The pages name the story's people: an empty comparison would prove nothing.
      expect([...expected.values()].every((m) => m.length > 0)).toBe(true);
      // The dated pages tell the two envoys apart by the page's metadata and the paragraph's date,
      // which the content script reads from the live document.
      const envoys = (path: string) => expected.get(path)!.filter((m) => m.text === "Iran's UN ambassador").map((m) => m.entity);
      expect(envoys('dated.html')).toEqual(['amir-saeid-iravani', 'majid-takht-ravanchi']);
      expect(envoys('dated-2020.html')).toEqual(['majid-takht-ravanchi']);
      for (const path of PAGES) await expectSame(ctx(), path, expected.get(path)!);
    });

    it('shows exactly what `backstory scan --first --story-only` reports, with those settings on', async () => {
      const expected = await scanned(['--first', '--story-only']);
      // Story only leaves some page plain, and first mention shortens the long one.
      expect([...expected.values()].some((m) => m.length === 0)).toBe(true);
      expect(expected.get('long.html')!.length).toBeLessThan((await scanned([])).get('long.html')!.length);
      await setOptions(ctx(), true, true);
      try {
        for (const path of PAGES) await expectSame(ctx(), path, expected.get(path)!);
      } finally {
        await setOptions(ctx(), false, false);
      }
    });
  });
}
