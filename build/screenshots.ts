/**
 * `npm run screenshots`: drives the real extension in headless Chromium and writes the images the
 * README shows, into docs/images/: the demo article with a card open, on a light and on a dark page,
 * the popup listing the article's entities, and the options page; then the same extension with its
 * UI in Persian (right to left): the card on the demo article, the popup and the options page.
 *
 * Chromium is put in Persian with `--lang=fa`, which picks the extension's fa messages (Backstory
 * takes its direction from them: src/platform/i18n.ts); see tests/e2e/persian.test.ts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { DIST, ROOT, build } from './build';
import { launch, type LaunchedBrowser } from './browsers';
import { DEMO_PAGE, hoverFirstMention, serveDemo } from './demo';
import { ANNOTATED_TAB_ID } from './page-snippets';

const OUT = join(ROOT, 'docs/images');
mkdirSync(OUT, { recursive: true });

/** Writes docs/images/<file> from `page` and says so. */
async function shoot(page: Page, file: string, what: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(OUT, file), fullPage });
  console.log(`docs/images/${file} (${what})`);
}

/** Opens the demo article in a new tab and rests the pointer on its first highlighted name. */
async function articleWithCard(ext: LaunchedBrowser, url: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.setViewport({ width: 1100, height: 700 });
  await page.goto(url, { waitUntil: 'load' });
  await hoverFirstMention(page);
  return page;
}

/**
 * The popup about `article`'s tab (a driver cannot press the toolbar button: the popup opens as a
 * page and is told which tab it is about, as in the e2e tests).
 */
async function popupAbout(ext: LaunchedBrowser, article: Page): Promise<Page> {
  await article.bringToFront();
  const finder = await ext.openExtensionPage('popup.html', '#enabled');
  const tabId = (await finder.evaluate(ANNOTATED_TAB_ID)) as number | null;
  await finder.close();
  const popup = await ext.openExtensionPage(`popup.html${tabId === null ? '' : `?tab=${tabId}`}`, '#enabled');
  await popup.setViewport({ width: 340, height: 600 });
  await popup.waitForFunction(`document.querySelectorAll('#entities button').length > 0`, { timeout: 10_000 }).catch(() => undefined);
  return popup;
}

/** The options page, whole, once its packs are listed. */
async function optionsPage(ext: LaunchedBrowser): Promise<Page> {
  const page = await ext.openExtensionPage('options.html', '#enabled');
  await page.setViewport({ width: 760, height: 900 });
  await page.waitForFunction(`document.querySelectorAll('#packs > li').length > 0`, { timeout: 10_000 }).catch(() => undefined);
  return page;
}

await build();
const server = await serveDemo();
const html = readFileSync(join(ROOT, 'examples/demo', DEMO_PAGE), 'utf8')
  .replace('</head>', '<style>html, body { background: #14171c !important; color: #d6dbe1 !important; } a { color: #8ab4f8; }</style></head>');
server.route('/dark.html', html);

const english = await launch('chromium', { extensionPath: join(DIST, 'chrome'), headless: true });
try {
  const page = await articleWithCard(english, server.origin + DEMO_PAGE);
  await shoot(page, 'demo-article.png', 'a card open on the light page');

  // The same article on a dark page: the card follows the page's background.
  const dark = await articleWithCard(english, server.origin + 'dark.html');
  await shoot(dark, 'card-dark.png', 'the card on a dark page');

  await shoot(await popupAbout(english, page), 'popup.png', 'the popup about the article');
  await shoot(await optionsPage(english), 'options.png', 'the options page', true);
} finally {
  await english.close();
}

// The UI in Persian: its own words right to left, the English pack's text left to right.
const persian = await launch('chromium', { extensionPath: join(DIST, 'chrome'), headless: true, args: ['--lang=fa'] });
try {
  const page = await articleWithCard(persian, server.origin + DEMO_PAGE);
  await shoot(page, 'card-fa.png', 'a card with the UI in Persian');
  await shoot(await popupAbout(persian, page), 'popup-fa.png', 'the popup in Persian');
  await shoot(await optionsPage(persian), 'options-fa.png', 'the options page in Persian', true);
} finally {
  await persian.close();
  await server.close();
}
