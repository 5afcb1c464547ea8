/**
 * `npm start`: builds, then opens a real browser with Backstory loaded on the bundled demo article.
 *   npm start                  Chromium/Chrome, in a window (headless where there is no display)
 *   npm start -- --firefox     Firefox instead
 *   npm start -- --headless    no window: hover a name, write a screenshot, print its path, exit
 * Exits non-zero, saying what to install, where no browser is found.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, build } from './build';
import { INSTALL_HINT, findBrowser, launch, type BrowserName } from './browsers';
import { DEMO_PAGE, hoverFirstMention, serveDemo } from './demo';

const args = process.argv.slice(2);
const name: BrowserName = args.includes('--firefox') ? 'firefox' : 'chromium';
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = args.includes('--headless') || noDisplay;

if (!findBrowser(name)) {
  console.error(`npm start: no ${name === 'firefox' ? 'Firefox' : 'Chromium or Chrome'} found.\n${INSTALL_HINT}`);
  process.exit(1);
}

await build();
const server = await serveDemo();
const url = server.origin + DEMO_PAGE;
const ext = await launch(name, {
  extensionPath: join(DIST, name === 'chromium' ? 'chrome' : 'firefox'),
  headless,
  args: name === 'chromium' ? ['--window-size=1280,900'] : ['--width=1280', '--height=900'],
});

if (headless) {
  if (noDisplay && !args.includes('--headless')) console.log('No display found: running headless.');
  try {
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const hovered = await hoverFirstMention(page);
    const dir = join(DIST, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `start-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`Hovered "${hovered}" on ${url} in headless ${name}.`);
    console.log(`Screenshot: ${file}`);
  } finally {
    await ext.close();
    await server.close();
  }
} else {
  const [first] = await ext.browser.pages();
  const page = first ?? (await ext.browser.newPage());
  await page.goto(url);
  console.log(`Backstory is running in ${name} on ${url}\nClose the browser window (or press Ctrl-C) to stop.`);
  const stop = async () => {
    await ext.close();
    await server.close();
    process.exit(0);
  };
  ext.browser.on('disconnected', () => void stop());
  process.on('SIGINT', () => void stop());
}
