/**
 * `npm run screenshots`: drives the real extension in headless Chromium and writes the images the
 * README shows, into docs/images/. Later issues add views (card on a dark page, options, Persian UI).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, build } from './build';
import { launch } from './browsers';
import { DEMO_PAGE, hoverFirstMention, serveDemo } from './demo';

const OUT = join(ROOT, 'docs/images');
mkdirSync(OUT, { recursive: true });

await build();
const server = await serveDemo();
const ext = await launch('chromium', { extensionPath: join(DIST, 'chrome'), headless: true });
try {
  const page = await ext.browser.newPage();
  await page.setViewport({ width: 1100, height: 700 });
  await page.goto(server.origin + DEMO_PAGE, { waitUntil: 'load' });
  await hoverFirstMention(page);
  await page.screenshot({ path: join(OUT, 'demo-article.png') });
  console.log('docs/images/demo-article.png');

  const popup = await ext.openExtensionPage('popup.html', '#enabled');
  await popup.setViewport({ width: 300, height: 170 });
  await popup.screenshot({ path: join(OUT, 'popup.png') });
  console.log('docs/images/popup.png');
} finally {
  await ext.close();
  await server.close();
}
