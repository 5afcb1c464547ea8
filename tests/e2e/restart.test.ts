/**
 * Settings and imported packs survive a browser restart: each browser is launched on a profile kept between two
 * launches (Firefox with the preferences that keep a temporary add-on's storage and address, see
 * build/browsers.ts), a setting is changed in the first, and the second reads it back and applies it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch } from '../../build/browsers';
import { serveStatic } from '../../build/serve';
import { DIST, ROOT } from '../../build/build';
import { BROWSERS, highlightedTexts } from './harness';

const kestrel = readFileSync(join(ROOT, 'tests/fixtures/packs/kestrel-harbour.json'), 'utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const name of BROWSERS) {
  describe(`settings across a restart of ${name}`, () => {
    it('keeps the kinds of names unticked, the hover delay and an imported pack, and the page honours them', async () => {
      const profileDir = mkdtempSync(join(tmpdir(), `backstory-restart-${name}-`));
      const server = await serveStatic(join(ROOT, 'tests/fixtures/pages'));
      const extensionPath = join(DIST, name === 'chromium' ? 'chrome' : 'firefox');
      try {
        const first = await launch(name, { extensionPath, headless: true, profileDir });
        const options = await first.openExtensionPage('options.html', '#type-person');
        await options.click('#type-person');
        await options.$eval('#hover-delay', (el) => {
          const input = el as HTMLInputElement;
          input.value = '750';
          input.dispatchEvent(new Event('change'));
        });
        await options.waitForFunction(`document.querySelector('#saved').textContent.length > 0`, { timeout: 5_000 });
        await options.evaluate(`(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'backstory/pack-import', text: ${JSON.stringify(kestrel)}, confirmed: false })`);
        await options.waitForSelector('#packs li[data-pack="kestrel-harbour"]', { timeout: 10_000 });
        await sleep(500);
        await first.close();

        const second = await launch(name, { extensionPath, headless: true, profileDir });
        const again = await second.openExtensionPage('options.html', '#type-person');
        await again.waitForFunction(`document.querySelector('#hover-delay').value === '750'`, { timeout: 10_000 });
        expect(await again.$eval('#type-person', (el) => (el as HTMLInputElement).checked)).toBe(false);
        const page = await second.browser.newPage();
        await page.goto(server.origin + 'card.html', { waitUntil: 'load' });
        await page.bringToFront();
        await page.waitForFunction(`(() => { let n = 0; for (const [k, h] of CSS.highlights) if (k.startsWith('backstory-')) n += h.size; return n > 0; })()`, { polling: 50, timeout: 10_000 });
        const texts = await highlightedTexts(page);
        expect(texts).toContain('Center for International Policy');
        expect(texts).not.toContain('Elon Musk');
        // The imported pack is still there, and still highlighted (places and organisations only now).
        await page.goto(server.origin + 'imported.html', { waitUntil: 'load' });
        await page.waitForFunction(`(() => { let n = 0; for (const [k, h] of CSS.highlights) if (k.startsWith('backstory-')) n += h.size; return n > 0; })()`, { polling: 50, timeout: 10_000 });
        expect(await highlightedTexts(page)).toEqual(['KDU', 'Kestrel Dockworkers Union', 'Port of Kestrel']);
        await second.close();
      } finally {
        await server.close();
        rmSync(profileDir, { recursive: true, force: true });
      }
    }, 90_000);
  });
}
