/**
 * `npm run screenshots`: drives the real extension in headless Chromium and writes the images the
 * README shows, into docs/images/: the demo article with a card open, on a light and on a dark page,
 * and the popup listing the article's entities. Later issues add views (options, Persian UI).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, build } from './build';
import { launch } from './browsers';
import { DEMO_PAGE, hoverFirstMention, serveDemo } from './demo';
import { ANNOTATED_TAB_ID } from './page-snippets';

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
  console.log('docs/images/demo-article.png (a card open on the light page)');

  // The same article on a dark page: the card follows the page's background.
  const html = readFileSync(join(ROOT, 'examples/demo', DEMO_PAGE), 'utf8')
    .replace('</head>', '<style>html, body { background: #14171c !important; color: #d6dbe1 !important; } a { color: #8ab4f8; }</style></head>');
  server.route('/dark.html', html);
  const dark = await ext.browser.newPage();
  await dark.setViewport({ width: 1100, height: 700 });
  await dark.goto(server.origin + 'dark.html', { waitUntil: 'load' });
  await hoverFirstMention(dark);
  await dark.screenshot({ path: join(OUT, 'card-dark.png') });
  console.log('docs/images/card-dark.png');

  // The popup about the light article's tab (a driver cannot press the toolbar button: the popup
  // opens as a page and is told which tab it is about, as in the e2e tests).
  await page.bringToFront();
  const finder = await ext.openExtensionPage('popup.html', '#enabled');
  const tabId = (await finder.evaluate(ANNOTATED_TAB_ID)) as number | null;
  await finder.close();
  const popup = await ext.openExtensionPage(`popup.html${tabId === null ? '' : `?tab=${tabId}`}`, '#enabled');
  await popup.setViewport({ width: 340, height: 600 });
  await popup.waitForFunction(`document.querySelectorAll('#entities button').length > 0`, { timeout: 10_000 }).catch(() => undefined);
  await popup.screenshot({ path: join(OUT, 'popup.png') });
  console.log('docs/images/popup.png');
} finally {
  await ext.close();
  await server.close();
}
